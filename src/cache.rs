//! What a `serve` rebuild reuses from the build before it: validated meetings, rendered
//! Markdown, search words and rendered pages. Memory only, no disk.
//!
//! Every entry is keyed by what produced it (the file's text, the page's whole template
//! context, …), compared for equality, so a reused result is the one a fresh build would
//! produce. The one exception is a rendered body, keyed by the body's place and its 128-bit
//! XXH3 fingerprint (the model keeps no text): a stale body would need two texts of one file
//! with the same fingerprint. Results that depend on site-wide input (registries,
//! templates, base URL) sit in a [`Scoped`] memo that is emptied when that input changes.
//! A rebuild reads the previous cache and fills a new one with what it used, so entries for
//! deleted files or pages disappear by themselves.

use std::collections::HashMap;

/// Results by name (a path), each stored with the key it was computed from.
pub struct Memo<K, V> {
    entries: HashMap<String, (K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { entries: HashMap::new() }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The stored result for `name`, if it was computed from an equal `key`.
    pub fn get(&self, name: &str, key: &K) -> Option<&V> {
        self.entries.get(name).filter(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn insert(&mut self, name: String, key: K, value: V) {
        self.entries.insert(name, (key, value));
    }
}

/// A memo valid only under one site-wide `scope` (e.g. the registries' texts).
pub struct Scoped<S, K, V> {
    scope: Option<S>,
    memo: Memo<K, V>,
}

impl<S, K, V> Default for Scoped<S, K, V> {
    fn default() -> Self {
        Scoped { scope: None, memo: Memo::default() }
    }
}

impl<S: PartialEq, K: PartialEq, V> Scoped<S, K, V> {
    /// The memo, if it was filled under an equal scope; else an empty one.
    pub fn under(&self, scope: &S) -> Option<&Memo<K, V>> {
        (self.scope.as_ref() == Some(scope)).then_some(&self.memo)
    }

    pub fn new(scope: S, memo: Memo<K, V>) -> Self {
        Scoped { scope: Some(scope), memo }
    }
}

/// The whole cache a `serve` session carries from one rebuild to the next.
#[derive(Default)]
pub struct Cache {
    /// Meeting files → their validation result, under the registries and today's date.
    pub(crate) meetings: Scoped<String, String, crate::ValidatedMeeting>,
    pub(crate) render: crate::render::RenderCache,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_returns_only_results_of_an_equal_key() {
        let mut memo: Memo<String, u32> = Memo::default();
        memo.insert("a.md".into(), "text".into(), 1);
        assert_eq!(memo.get("a.md", &"text".to_string()), Some(&1));
        assert_eq!(memo.get("a.md", &"text!".to_string()), None, "changed text");
        assert_eq!(memo.get("b.md", &"text".to_string()), None, "other file");
    }

    #[test]
    fn a_scoped_memo_is_empty_under_another_scope() {
        let mut memo: Memo<String, u32> = Memo::default();
        memo.insert("a.md".into(), "text".into(), 1);
        let scoped = Scoped::new("regions v1".to_string(), memo);
        assert!(scoped.under(&"regions v1".to_string()).is_some());
        assert!(scoped.under(&"regions v2".to_string()).is_none());
        assert!(Scoped::<String, String, u32>::default().under(&String::new()).is_none());
    }
}
