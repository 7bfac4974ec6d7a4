//! Alphabetical order as the site's language has it (Swedish: … X Y Z Å Ä Ö).

use crate::i18n::Lang;
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use std::cmp::Ordering;
use std::sync::LazyLock;

fn make(locale: &str) -> CollatorBorrowed<'static> {
    let locale: icu_locale_core::Locale = locale.parse().expect("static locale parses");
    Collator::try_new(locale.into(), CollatorOptions::default()).expect("baked collation data")
}

static SWEDISH: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| make("sv"));
static ENGLISH: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| make("en"));

/// Compares two names in the alphabetical order of `lang`.
pub fn compare(lang: Lang, a: &str, b: &str) -> Ordering {
    match lang {
        Lang::Sv => SWEDISH.compare(a, b),
        Lang::En => ENGLISH.compare(a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_puts_a_ring_a_umlaut_o_umlaut_after_z() {
        let mut names =
            vec!["Örebro", "Östergötland", "Ängelholm", "Åre", "Zinkgruvan", "Västra Götaland", "Värmland", "Wermland"];
        names.sort_by(|a, b| compare(Lang::Sv, a, b));
        assert_eq!(
            names,
            ["Värmland", "Västra Götaland", "Wermland", "Zinkgruvan", "Åre", "Ängelholm", "Örebro", "Östergötland"]
        );
    }
}
