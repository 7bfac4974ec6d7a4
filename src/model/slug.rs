//! Slugs: the URL-safe names of meetings, regions, themes and pages, and the accent folding
//! (ö → o) that slugs, search and "did you mean" share.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest slug accepted (and suggested), in bytes.
pub const MAX_LEN: usize = 200;

/// A slug is safe when it is non-empty ASCII lowercase letters, digits and single hyphens,
/// so it can never climb out of its folder (`..`, `/`, `\`, NUL and controls are impossible).
pub fn is_url_safe(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_LEN
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Folds text for matching: lowercase, compatibility-decomposed (NFKD) with combining marks
/// removed, so `Östergötland` → `ostergotland`, `é` → `e`, `ﬁ` → `fi`; letters that do not
/// decompose are spelled out (`æ` → `ae`, `ø` → `o`, `ß` → `ss`). Search (`search.js` too) and
/// "did you mean" both fold with this.
pub fn fold_accents(text: &str) -> String {
    // Most text is ASCII, which needs no decomposition: a fast path for the common case.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Next most common: ASCII with Latin-1 letters (å, ä, ö, é …), folded from a table.
    if let Some(folded) = fold_latin1(text) {
        return folded;
    }
    fold_any(text)
}

/// [`fold_accents`] of text in ASCII and the Latin-1 letters (U+00C0–U+00FF); `None` for
/// any other character. Gives exactly what [`fold_any`] gives (tested for every character).
fn fold_latin1(text: &str) -> Option<String> {
    // The folding of U+00C0 … U+00FF, in order ("×" and "÷" are not letters and stay).
    const LATIN1: [&str; 64] = [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", //
        "d", "n", "o", "o", "o", "o", "o", "×", "o", "u", "u", "u", "u", "y", "th", "ss", //
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", //
        "d", "n", "o", "o", "o", "o", "o", "÷", "o", "u", "u", "u", "u", "y", "th", "y",
    ];
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{c0}'..='\u{ff}' => out.push_str(LATIN1[c as usize - 0xc0]),
            _ => return None,
        }
    }
    Some(out)
}

/// [`fold_accents`] of any text: lowercase, NFKD, combining marks removed, letters spelled out.
fn fold_any(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ß' => out.push_str("ss"),
            'ð' | 'đ' => out.push('d'),
            'þ' => out.push_str("th"),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            c => out.push(c),
        }
    }
    out
}

/// A URL-safe slug for any text: "Östergötlands län" → "ostergotlands-lan".
pub fn slugify(text: &str) -> String {
    let mut slug = slug::slugify(text);
    // Long titles give long slugs; cut at a hyphen so the suggestion is itself URL-safe.
    if slug.len() > MAX_LEN {
        let cut = slug[..=MAX_LEN].rfind('-').filter(|&i| i > 0).unwrap_or(MAX_LEN);
        slug.truncate(cut);
        slug.truncate(slug.trim_end_matches('-').len());
    }
    if slug.is_empty() { "namnlos".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latin1_table_folds_as_decomposition_does() {
        for c in (0..=0xff_u32).filter_map(char::from_u32) {
            let text = format!("x{c}Y");
            if let Some(fast) = fold_latin1(&text) {
                assert_eq!(fast, fold_any(&text), "U+{:04X} {c}", c as u32);
            }
        }
        assert_eq!(fold_latin1("Östergötland"), Some("ostergotland".to_string()));
        assert_eq!(fold_latin1("Łódź"), None, "beyond Latin-1: decomposed");
        assert_eq!(fold_accents("Łódź Ærø ﬁka"), "lodz aero fika");
    }

    #[test]
    fn unsafe_slugs_are_rejected() {
        for bad in ["", "..", "a/b", "a\\b", "a\0b", "Östergötland", "a b", "-a", "a-", "a--b", "a\nb"] {
            assert!(!is_url_safe(bad), "{bad:?}");
        }
        assert!(is_url_safe("2018-ostergotland"));
    }

    #[test]
    fn slugify_folds_swedish_letters() {
        assert_eq!(slugify("Östergötlands län"), "ostergotlands-lan");
        assert_eq!(slugify("Mötet i Åre 2018!"), "motet-i-are-2018");
        assert!(is_url_safe(&slugify("Mötet i Åre 2018!")));
    }

    #[test]
    fn long_titles_give_url_safe_slugs() {
        let slug = slugify(&"Regional utveckling ".repeat(30));
        assert!(is_url_safe(&slug) && slug.ends_with("utveckling"), "{slug}");
        assert!(is_url_safe(&slugify(&"a".repeat(500))));
    }
}
