//! Characters no published file may carry: the control characters that make XML invalid
//! (and are errors in HTML), as text pasted from Word or a web page brings them — a Word
//! soft line break is a vertical tab. Validation warns where they are; every text and body
//! is published without them.

use std::borrow::Cow;

/// Whether `c` may not appear in XML 1.0 (C0 controls but tab, line feed and carriage
/// return; U+FFFE and U+FFFF) or is a control character HTML forbids (DEL and the C1 range).
pub fn is_unpublishable(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// The first unpublishable character of `text`, with its byte offset, and how many there are.
pub fn unpublishable(text: &str) -> Option<(usize, char, usize)> {
    let (offset, c) = text.char_indices().find(|&(_, c)| is_unpublishable(c))?;
    Some((offset, c, text[offset..].chars().filter(|&c| is_unpublishable(c)).count()))
}

/// `text` as it is published: a vertical tab or form feed (line breaks in Word) becomes a
/// space, every other unpublishable character is dropped. Borrowed when there is none.
pub fn publishable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unpublishable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\u{b}' | '\u{c}' => Some(' '),
                c if is_unpublishable(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_refuses_is_unpublishable_and_nothing_else() {
        for c in ['\0', '\u{7}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{fffe}', '\u{ffff}'] {
            assert!(is_unpublishable(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', 'å', '\u{a0}', '\u{200b}', '\u{feff}', '😀'] {
            assert!(!is_unpublishable(c), "{c:?}");
        }
    }

    #[test]
    fn soft_line_breaks_become_spaces_and_other_controls_go() {
        assert_eq!(publishable("rad ett\u{b}rad två\0!"), "rad ett rad två!");
        assert!(matches!(publishable("vanlig text"), Cow::Borrowed(_)));
        assert_eq!(unpublishable("ab\u{1b}c\u{1b}"), Some((2, '\u{1b}', 2)));
    }
}
