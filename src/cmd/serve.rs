//! `samtal serve`: the serve module builds, serves, watches and rebuilds; this prints what it
//! reports and opens the browser for `--open`.

use super::report;
use crate::cli::Format;
use samtal::diagnostic;
use samtal::i18n::Lang;
use samtal::{Error, Options};

/// `samtal serve`: the serve module builds, serves, watches and rebuilds; this prints what it
/// reports (the URL on stdout, everything else on stderr) and opens the browser for --open.
pub fn run_serve(options: Options, args: crate::cli::ServeArgs) -> Result<(), u8> {
    use samtal::serve::{self, Event};
    let config = serve::Config {
        options: Options { drafts: args.drafts, ..options },
        bind: args.bind,
        port: args.port,
        poll: args.poll,
    };
    let (open, exposed) = (args.open, !args.bind.is_loopback());
    let on_event: serve::OnEvent = std::sync::Arc::new(move |event| match event {
        Event::Listening { url, lang, .. } => {
            println!(
                "{}",
                match lang {
                    Lang::Sv => format!("Förhandsgranska på {url} (avsluta med Ctrl-C)"),
                    Lang::En => format!("Previewing at {url} (press Ctrl-C to stop)"),
                }
            );
            if exposed {
                eprintln!(
                    "{}",
                    lang.pick(
                        "varning: --bind är inte en loopback-adress; andra datorer kan se webbplatsen, även utkast",
                        "warning: --bind is not a loopback address; other machines can see the site, drafts included",
                    )
                );
            }
            if open {
                let url = url.to_string();
                std::thread::spawn(move || {
                    if let Err(e) = opener::open(&url) {
                        eprintln!("{}: {e}", lang.pick("kunde inte öppna webbläsaren", "could not open the browser"));
                    }
                });
            }
        }
        Event::Built { pages, elapsed_ms: ms, warnings, lang, initial } => {
            report::print_diagnostics(warnings, lang, Format::Human);
            eprintln!("{}", report::built_line(lang, pages, ms, !initial));
        }
        Event::Failed { error, .. } => match error {
            Error::Invalid { diagnostics, lang } => {
                report::print_diagnostics(diagnostics, *lang, Format::Human);
                eprintln!("{}", diagnostic::summary(diagnostics, *lang));
            }
            other => {
                let lang = other.lang().unwrap_or_default();
                report::print_error(&other.message(lang), other.cause(), lang);
            }
        },
        Event::Crashed { message, .. } => eprintln!("{message}"),
        Event::WatchProblem { message, lang } => {
            eprintln!("{}: {message}", lang.pick("varning: bevakningen av mappen", "warning: watching the folder"));
        }
        Event::Stopped { lang } => eprintln!("{}", lang.pick("Avslutade.", "Stopped.")),
    });
    serve::run(config, on_event).map_err(|e| {
        report::print_error(&e.message(Lang::Sv), std::error::Error::source(&e), Lang::Sv);
        1
    })
}
