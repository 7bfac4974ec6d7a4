//! `samtal serve`: the serve module builds, serves, watches and rebuilds; this prints what it
//! reports and opens the browser for `--open`.

use super::{report, words};
use crate::cli::Format;
use samtal::Options;
use samtal::i18n::Lang;

/// `samtal serve`: the serve module builds, serves, watches and rebuilds; this prints what it
/// reports (the URL on stdout, everything else on stderr) and opens the browser for --open.
pub fn run_serve(options: Options, args: crate::cli::ServeArgs) -> Result<(), u8> {
    use samtal::serve::{self, Event};
    let config = serve::Config {
        options: Options { drafts: args.drafts, ..options },
        bind: args.bind,
        port: args.port,
        poll: args.poll,
        allow_remote_edit: args.allow_remote_edit,
        limits: Default::default(),
    };
    let (open, exposed) = (args.open, !args.bind.is_loopback());
    let remote_edit = exposed && args.allow_remote_edit;
    let on_event: serve::OnEvent = std::sync::Arc::new(move |event| match event {
        Event::Listening { url, lang, .. } => {
            outln!("{}", words::previewing(lang, url));
            if exposed {
                errln!("{}", words::bind_exposed(lang));
            }
            if remote_edit {
                eprintln!("{}", words::remote_edit(lang));
            }
            if open {
                let url = url.to_string();
                std::thread::spawn(move || {
                    if let Err(e) = opener::open(&url) {
                        errln!("{}: {e}", words::browser_not_opened(lang));
                    }
                });
            }
        }
        Event::Built { pages, elapsed_ms: ms, warnings, errors, lang, initial } => {
            report::print_diagnostics(warnings, lang, Format::Human);
            errln!("{}", words::built(lang, pages, ms, !initial));
            if !errors.is_empty() {
                report::print_diagnostics(errors, lang, Format::Human);
                errln!("{}", samtal::diagnostic::summary(errors, lang));
                errln!("{}", words::left_out(lang, errors));
            }
        }
        Event::Failed { error, .. } => {
            report::report_failure(error, Format::Human);
        }
        Event::Crashed { message, .. } => errln!("{message}"),
        Event::WatchProblem { message, lang } => {
            errln!("{}: {message}", words::watch_problem(lang));
        }
        Event::Stopped { lang } => errln!("{}", words::stopped(lang)),
    });
    serve::run(config, on_event).map_err(|e| {
        report::print_error(&e.message(Lang::Sv), std::error::Error::source(&e), Lang::Sv);
        1
    })
}
