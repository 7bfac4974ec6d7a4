//! Slugs: the URL-safe names of meetings, regions, themes and pages.

/// A slug is safe when it is non-empty ASCII lowercase letters, digits and single hyphens,
/// so it can never climb out of its folder (`..`, `/`, `\`, NUL and controls are impossible).
pub fn is_url_safe(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// A URL-safe slug for any text: "Östergötlands län" → "ostergotlands-lan".
pub fn slugify(text: &str) -> String {
    let slug = slug::slugify(text);
    if slug.is_empty() { "namnlos".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
