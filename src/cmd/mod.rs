//! The binary's commands, one file each (as mdBook's `cmd/`): what is not the library's
//! business (writing `samtal new` files, printing, opening a browser) lives here.

pub mod mv;
pub mod new;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod words;

/// The site's language, from its `site.yaml` (the default when that cannot be read): the
/// language the commands that write files speak in.
pub fn site_language(content: &samtal::load::ContentSources) -> samtal::i18n::Lang {
    let overrides = samtal::validate::ConfigOverrides::default();
    // Only the language matters here; `check` reports the rest.
    let mut ignored = Vec::new();
    samtal::validate::config(content.site_yaml.as_ref(), &overrides, &mut ignored).0.language
}
