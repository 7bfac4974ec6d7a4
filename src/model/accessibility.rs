//! The `accessibility:` block of `site.yaml`: the site's accessibility statement
//! (tillgänglighetsredogörelse) as data, with every element DIGG's guidance under the law on
//! accessibility of digital public services (2018:1937) requires. `render` turns it into the
//! page `/tillganglighet/`; `validate` refuses a statement that lacks one of them.

use super::PartialDate;
use crate::i18n::Lang;

/// DIGG's page for reporting a public body's lack of accessibility; every statement links it.
pub const DIGG_REPORT_URL: &str = "https://www.digg.se/tdosanmalan";

/// What samtal checks of every meeting's and page's text, automatically, on every `check`,
/// `build` and `serve` rebuild (`validate::body`: each is a warning naming file, line and
/// column): the statement lists exactly these, with the day of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AutomaticCheck {
    /// Every picture has alternative text.
    ImageAlt,
    /// No heading skips a level below the page's title or the heading before it.
    HeadingLevels,
    /// No link's whole text is "klicka här", "läs mer" or the like.
    LinkText,
    /// Every table has a header row (Markdown's always do; an HTML table's is checked).
    TableHeaders,
    /// No text sets colour or font by hand.
    NoHandWrittenStyle,
}

impl AutomaticCheck {
    pub const ALL: [AutomaticCheck; 5] = [
        AutomaticCheck::ImageAlt,
        AutomaticCheck::HeadingLevels,
        AutomaticCheck::LinkText,
        AutomaticCheck::TableHeaders,
        AutomaticCheck::NoHandWrittenStyle,
    ];

    /// Its line in the statement (a UI string).
    pub fn label(self, lang: Lang) -> &'static str {
        lang.ui(match self {
            AutomaticCheck::ImageAlt => "a11y_check_image_alt",
            AutomaticCheck::HeadingLevels => "a11y_check_heading_levels",
            AutomaticCheck::LinkText => "a11y_check_link_text",
            AutomaticCheck::TableHeaders => "a11y_check_table_headers",
            AutomaticCheck::NoHandWrittenStyle => "a11y_check_hand_written_style",
        })
    }
}

/// What a person must still check, as the statement lists it (UI strings): what no build can
/// see in the text (whether an alternative text says what the picture shows, an attachment's
/// own accessibility, use with assistive technology, a changed theme).
pub const MANUAL_CHECKS: [&str; 5] = [
    "a11y_manual_alt_text",
    "a11y_manual_wording",
    "a11y_manual_attachments",
    "a11y_manual_assistive",
    "a11y_manual_theme",
];

/// How far the site meets the law's requirements, in the law's three words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compliance {
    Full,
    Partial,
    Not,
}

impl Compliance {
    /// The words `status:` accepts (sv, as the statement must say them).
    pub const NAMES: [&'static str; 3] = ["helt", "delvis", "inte"];

    pub fn parse(text: &str) -> Option<Compliance> {
        let word = text.trim().to_lowercase();
        let word = word.strip_suffix(" förenlig").unwrap_or(&word);
        match word {
            "helt" | "full" | "fully" => Some(Compliance::Full),
            "delvis" | "partial" | "partially" => Some(Compliance::Partial),
            "inte" | "ej" | "not" => Some(Compliance::Not),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Full => "helt",
            Compliance::Partial => "delvis",
            Compliance::Not => "inte",
        }
    }

    /// The statement's sentence part: "helt förenlig", "partially compliant".
    pub fn label(self, lang: Lang) -> &'static str {
        lang.ui(match self {
            Compliance::Full => "a11y_status_full",
            Compliance::Partial => "a11y_status_partial",
            Compliance::Not => "a11y_status_not",
        })
    }
}

/// A piece of content that is not accessible (or exempted, or outside the law), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcoming {
    pub content: String,
    pub reason: String,
}

/// The statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessibility {
    pub status: Compliance,
    /// Content that is not accessible, with the reasons (`problems:`).
    pub problems: Vec<Shortcoming>,
    /// Content exempted as a disproportionate burden (12 §), with the reasons (`exemptions:`).
    pub exemptions: Vec<Shortcoming>,
    /// Content the law does not cover (9 §) (`out_of_scope:`).
    pub out_of_scope: Vec<Shortcoming>,
    pub assessed: PartialDate,
    pub updated: PartialDate,
    /// How the assessment was made (self-assessment, an external audit…).
    pub method: String,
    /// Where a reader reports a problem or asks for content in another form, and how soon
    /// the publisher answers (`feedback:`).
    pub feedback: Feedback,
    /// Other ways to reach the publisher (a phone number, an address), as written.
    pub contact: Option<String>,
}

/// How a reader reports a problem (`feedback:`): an e-mail address or a form's address (at
/// least one), and the time within which the publisher answers, as DIGG asks a statement to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// `email:`, without `mailto:`.
    pub email: Option<String>,
    /// `form:`, the web address of the form itself (never a bare home page).
    pub form: Option<String>,
    /// `response_time:`, as written ("inom fem arbetsdagar").
    pub response_time: String,
}

/// Whether `text` is an e-mail address (`mailto:` allowed before it).
pub fn is_email(text: &str) -> bool {
    let text = text.trim();
    let text = text.strip_prefix("mailto:").unwrap_or(text);
    matches!(text.split_once('@'), Some((user, host)) if !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !host.contains('@') && !text.contains(char::is_whitespace))
}

/// Whether `text` is a whole web address (`https://host.tld…`).
pub fn is_web_address(text: &str) -> bool {
    let text = text.trim();
    ["https://", "http://"].iter().any(|p| {
        text.strip_prefix(p).is_some_and(|rest| {
            rest.split(['/', '?', '#']).next().is_some_and(|host| host.contains('.'))
                && !rest.contains(char::is_whitespace)
        })
    })
}

/// Whether a web address is only a site's home page (`https://exempel.se/`): nothing after the
/// host, so it leads to no form.
pub fn is_home_page(text: &str) -> bool {
    let text = text.trim();
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")).unwrap_or(text);
    match rest.split_once(['/', '?', '#']) {
        None => true,
        Some((_, after)) => after.trim_matches('/').is_empty(),
    }
}

/// The reserved domain an e-mail address or web address is on, when it is one (RFC 2606):
/// `example.org`, `example.com`, `example.net` and their subdomains, and every name under the
/// top-level domains `.example`, `.test`, `.invalid` and `.localhost`. Nothing sent there
/// reaches anyone, so such an address is a placeholder, never the real one.
pub fn reserved_domain(address: &str) -> Option<String> {
    let address = address.trim();
    let address = address.strip_prefix("mailto:").unwrap_or(address);
    let host = match address.strip_prefix("https://").or_else(|| address.strip_prefix("http://")) {
        Some(rest) => rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?,
        None => address.rsplit_once('@')?.1,
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let tld = *labels.last()?;
    if ["example", "test", "invalid", "localhost"].contains(&tld) {
        return Some(tld.to_string());
    }
    let second = labels.len().checked_sub(2).map(|i| labels[i..].join("."))?;
    ["example.org", "example.com", "example.net"].contains(&second.as_str()).then_some(second)
}

/// Whether a `response_time:` says that the time is not known (`uppgift saknas`, `okänd`,
/// `unknown`, `?`) rather than how soon the publisher answers.
pub fn response_time_is_unknown(text: &str) -> bool {
    let text = text.trim().trim_matches(|c: char| c.is_ascii_punctuation() && c != '?').trim().to_lowercase();
    const WHOLE: &[&str] = &["", "?", "-", "–", "—", "x", "xx", "xxx", "tbd", "tba", "tbc", "n/a", "na", "todo"];
    const WORDS: &[&str] = &[
        "saknas",
        "okänd",
        "okänt",
        "vet ej",
        "vet inte",
        "ej känd",
        "inte känd",
        "ej fastställ",
        "inte fastställ",
        "oklart",
        "unknown",
        "not known",
        "to be decided",
        "to be confirmed",
    ];
    WHOLE.contains(&text.as_str()) || text.chars().all(|c| c == '?') || WORDS.iter().any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_and_manual_item_has_its_words_in_both_languages() {
        for lang in [Lang::Sv, Lang::En] {
            let words = lang.ui_strings();
            for check in AutomaticCheck::ALL {
                assert!(!check.label(lang).is_empty(), "{check:?}");
            }
            for key in MANUAL_CHECKS {
                assert!(words.contains_key(key), "{key}");
            }
        }
    }

    #[test]
    fn status_words_parse_in_both_languages_and_with_förenlig() {
        assert_eq!(Compliance::parse("delvis"), Some(Compliance::Partial));
        assert_eq!(Compliance::parse("Helt förenlig"), Some(Compliance::Full));
        assert_eq!(Compliance::parse("not"), Some(Compliance::Not));
        assert_eq!(Compliance::parse("ganska"), None);
    }

    #[test]
    fn feedback_addresses_are_e_mail_or_web_and_a_home_page_is_told_apart() {
        assert!(is_email("webb@exempel.se") && is_email("mailto:webb@exempel.se"));
        for bad in ["", "ring oss", "a@b", "https://exempel.se/", "a@b.", "a b@c.se"] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(is_web_address("https://exempel.se/kontakt/") && is_web_address("https://exempel.se"));
        for bad in ["", "https://", "www.exempel.se", "https://exempel", "webb@exempel.se"] {
            assert!(!is_web_address(bad), "{bad}");
        }
        for home in ["https://tillvaxtverket.se/", "https://tillvaxtverket.se", "http://exempel.se//"] {
            assert!(is_home_page(home), "{home}");
        }
        assert!(!is_home_page("https://exempel.se/kontakt/") && !is_home_page("https://exempel.se/?form=a11y"));
    }

    #[test]
    fn reserved_example_domains_are_told_apart_from_real_ones() {
        // RFC 2606: the second-level example domains and the reserved top-level domains.
        for (address, domain) in [
            ("tillganglighet@example.org", "example.org"),
            ("mailto:webb@Example.COM", "example.com"),
            ("a@post.example.net", "example.net"),
            ("https://www.example.org/kontakt/", "example.org"),
            ("https://formular.example/", "example"),
            ("webb@verket.test", "test"),
            ("http://user@kontakt.invalid:8080/x", "invalid"),
        ] {
            assert_eq!(reserved_domain(address).as_deref(), Some(domain), "{address}");
        }
        for real in [
            "webb@tillvaxtverket.se",
            "https://tillvaxtverket.se/kontakt/",
            "a@example.org.se",
            "https://myexample.org/",
            "webb@exempel.se",
            "ring oss",
        ] {
            assert_eq!(reserved_domain(real), None, "{real}");
        }
    }

    #[test]
    fn a_response_time_that_says_it_is_unknown_is_told_apart() {
        for unknown in ["uppgift saknas", "Uppgift saknas.", "okänd", "?", "??", "-", "TBD", "unknown", "Vet ej"] {
            assert!(response_time_is_unknown(unknown), "{unknown}");
        }
        for known in ["inom fem arbetsdagar", "inom en vecka", "within two weeks", "2 arbetsdagar"] {
            assert!(!response_time_is_unknown(known), "{known}");
        }
    }
}
