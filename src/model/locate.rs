//! The line and column of many places in one text. A body's links and pictures are located
//! in the order they come, so each is counted on from the one before instead of from the
//! start of its line: 100,000 links on one line would otherwise count that line 100,000 times.

use crate::yaml::Loc;

/// Locates byte offsets of `text` (1-based line; column in characters), cheapest when they
/// come in increasing order, as a parser's events do.
pub struct Locator<'a> {
    text: &'a str,
    /// Where each line starts.
    starts: Vec<usize>,
    /// The place found last: its line (0-based), byte offset and column.
    last: (usize, usize, usize),
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
        Locator { text, starts, last: (0, 0, 1) }
    }

    /// Where byte `offset` is. On the line of the place before and after it, only the bytes
    /// between the two are counted; anywhere else, those from the start of its line.
    pub fn loc(&mut self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let (last_line, last_offset, last_column) = self.last;
        let (from, column) = if last_line == line && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (self.starts[line], 1)
        };
        let column = column + chars_in(&self.text.as_bytes()[from..offset]);
        self.last = (line, offset, column);
        Loc { line: line + 1, column }
    }
}

/// How much of a body's text its problems may quote in all: a problem shows its line as
/// long as the body's quotes stay within this. 20,000 broken links on one 560 KB line were
/// 12.9 GB of copies of that line (and as much to print); beyond the budget a problem gives
/// its line and column only.
pub const QUOTED_BYTES_PER_BODY: usize = 1 << 20;

/// Hands out the lines a body's problems quote, within [`QUOTED_BYTES_PER_BODY`].
#[derive(Default)]
pub struct Quotes {
    spent: usize,
}

impl Quotes {
    /// `line` if quoting it stays within the budget.
    pub fn quote<'a>(&mut self, line: Option<&'a str>) -> Option<&'a str> {
        let line = line?;
        self.spent = self.spent.saturating_add(line.len());
        (self.spent <= QUOTED_BYTES_PER_BODY).then_some(line)
    }
}

/// The characters in `bytes` of UTF-8: every byte that is not a continuation byte.
fn chars_in(bytes: &[u8]) -> usize {
    scanned::add(bytes.len());
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// How many bytes this thread's locators counted: tests prove with it that locating is
/// linear (a count, not a clock). Nothing is counted outside tests.
pub(crate) mod scanned {
    #[cfg(test)]
    thread_local!(static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });

    #[cfg(test)]
    pub fn add(n: usize) {
        SCANNED.with(|s| s.set(s.get() + n));
    }

    #[cfg(not(test))]
    pub fn add(_: usize) {}

    /// The bytes counted on this thread since it started.
    #[cfg(test)]
    pub fn total() -> usize {
        SCANNED.with(|s| s.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_found_as_str_lines_and_chars_find_them_in_any_order() {
        let text = "ett\ntvå å\r\n\nfyra ö\n";
        let expected = |offset: usize| {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            Loc { line, column }
        };
        let offsets: Vec<usize> = (0..=text.len()).filter(|&o| text.is_char_boundary(o)).collect();
        let mut forward = Locator::new(text);
        for &o in &offsets {
            assert_eq!(forward.loc(o), expected(o), "offset {o}");
        }
        let mut backward = Locator::new(text);
        for &o in offsets.iter().rev() {
            assert_eq!(backward.loc(o), expected(o), "offset {o} backwards");
        }
    }

    #[test]
    fn places_in_order_on_one_long_line_count_that_line_once() {
        // Guards: 100,000 links on one line took 4.95 s, each counted from the line's start.
        let line = "[å](/x/) ".repeat(10_000);
        let mut locator = Locator::new(&line);
        let before = scanned::total();
        for (i, (offset, _)) in line.match_indices('[').enumerate() {
            assert_eq!(locator.loc(offset), Loc { line: 1, column: 9 * i + 1 });
        }
        let counted = scanned::total() - before;
        assert!(counted <= line.len(), "{counted} bytes counted for a line of {}", line.len());
    }

    #[test]
    fn quotes_stop_at_the_budget() {
        let line = "x".repeat(QUOTED_BYTES_PER_BODY / 4);
        let mut quotes = Quotes::default();
        let quoted = (0..10).filter(|_| quotes.quote(Some(&line)).is_some()).count();
        assert_eq!(quoted, 4);
        assert_eq!(quotes.quote(None), None);
    }
}
