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

/// Whether `text` may hold an unpublishable character, from its bytes alone (a build asks
/// this of every text and body, and decoding each character was a few per cent of a build):
/// each one is encoded as a C0 control byte, DEL, or a sequence starting `C2` (C1 controls)
/// or `EF` (U+FFFE, U+FFFF). `false` means there is none; `true` is then checked per character.
fn may_be_unpublishable(text: &str) -> bool {
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | matches!(b, 0x7f | 0xc2 | 0xef);
    // Whole blocks without an early exit, which the compiler turns into vector instructions.
    let mut blocks = text.as_bytes().chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |seen, &b| seen | suspect(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| suspect(b))
}

/// The first unpublishable character of `text`, with its byte offset, and how many there are.
pub fn unpublishable(text: &str) -> Option<(usize, char, usize)> {
    if !may_be_unpublishable(text) {
        return None;
    }
    let (offset, c) = text.char_indices().find(|&(_, c)| is_unpublishable(c))?;
    Some((offset, c, text[offset..].chars().filter(|&c| is_unpublishable(c)).count()))
}

/// `text` as it is published: a vertical tab or form feed (line breaks in Word) becomes a
/// space, every other unpublishable character is dropped. Borrowed when there is none.
pub fn publishable(text: &str) -> Cow<'_, str> {
    if !may_be_unpublishable(text) || !text.chars().any(is_unpublishable) {
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
    fn the_byte_prefilter_sees_every_unpublishable_character() {
        // Every character, alone and inside text: wherever the characters say there is one,
        // the bytes must say there may be.
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_unpublishable(c)) {
            assert!(may_be_unpublishable(&format!("aå{c}ö")), "{c:?}");
            assert!(may_be_unpublishable(&format!("{}{c}{}", "å".repeat(40), "x".repeat(70))), "{c:?} in a block");
        }
        assert!(!may_be_unpublishable("Möte i Skåne och Västra Götaland\t\r\n"));
    }

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
