//! Results remembered by the inputs they came from: a `Memo` gives a stored result back only
//! for an equal key, and a `Scoped` memo only under an equal site-wide scope. What the
//! `serve` cache (`cache.rs`) is made of.

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
