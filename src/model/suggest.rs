//! "Did you mean": accent-insensitive, name-aware suggestions for mistyped slugs and keys.

/// Lowercases, strips accents (ö → o), turns separators into `-` and drops the words
/// authors add to county names ("län", "Region"), so `Östergötlands län` folds to
/// `ostergotland`.
pub fn fold(text: &str) -> String {
    let lowered: String =
        crate::model::slug::fold_accents(text).chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let words: Vec<&str> =
        lowered.split('-').filter(|w| !w.is_empty() && *w != "lan" && *w != "region" && *w != "county").collect();
    let mut joined = words.join("-");
    // "Östergötlands" → "ostergotland": the genitive s of a county name.
    if words.len() == 1 && joined.len() > 4 && joined.ends_with('s') && text.to_lowercase().contains("län") {
        joined.pop();
    }
    joined
}

/// A candidate: its slug and the names an author might write instead.
pub struct Candidate<'a> {
    pub slug: &'a str,
    pub names: Vec<&'a str>,
}

/// The best candidate for `input`, if one is close enough to be a useful suggestion.
pub fn suggest(input: &str, candidates: &[Candidate<'_>]) -> Option<String> {
    let folded = fold(input);
    if folded.is_empty() {
        return None;
    }
    for c in candidates {
        let exact = std::iter::once(c.slug).chain(c.names.iter().copied()).any(|n| fold(n) == folded);
        if exact {
            return Some(c.slug.to_string());
        }
    }
    let limit = (folded.chars().count() / 3).clamp(1, 3);
    let folded = folded.as_str();
    candidates
        .iter()
        .flat_map(|c| {
            std::iter::once(c.slug)
                .chain(c.names.iter().copied())
                .map(move |n| (strsim::levenshtein(folded, &fold(n)), c.slug))
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, slug)| (*d, *slug))
        .map(|(_, slug)| slug.to_string())
}

/// The closest of a fixed list of words (field names, statuses).
pub fn suggest_word(input: &str, words: &[&str]) -> Option<String> {
    WordSuggester::new(words.iter().copied()).suggest(input)
}

/// "Did you mean" among plain words (no other names), judged as [`suggest`] judges, and
/// kept: for many inputs against one long list (a site's pages, for every broken link of a
/// build) each word is folded once, and a word whose length alone puts it out of reach is
/// never compared.
pub struct WordSuggester {
    /// Each word folded, its length in characters, and the word.
    words: Vec<(String, usize, String)>,
}

impl WordSuggester {
    pub fn new<'a>(words: impl Iterator<Item = &'a str>) -> WordSuggester {
        let mut words: Vec<(String, usize, String)> = words
            .map(|w| {
                let folded = fold(w);
                let len = folded.chars().count();
                (folded, len, w.to_string())
            })
            .collect();
        // Ties go to the first word in order, as in `suggest`.
        words.sort_by(|a, b| a.2.cmp(&b.2));
        WordSuggester { words }
    }

    /// The same answer as [`suggest`] over the same words as candidates without names.
    pub fn suggest(&self, input: &str) -> Option<String> {
        let folded = fold(input);
        if folded.is_empty() {
            return None;
        }
        if let Some((_, _, word)) = self.words.iter().find(|(f, _, _)| *f == folded) {
            return Some(word.clone());
        }
        let len = folded.chars().count();
        let limit = (len / 3).clamp(1, 3);
        self.words
            .iter()
            .filter(|(_, n, _)| n.abs_diff(len) <= limit)
            .map(|(f, _, word)| (strsim::levenshtein(&folded, f), word))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, word)| (*d, *word))
            .map(|(_, word)| word.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counties() -> Vec<Candidate<'static>> {
        vec![
            Candidate { slug: "ostergotland", names: vec!["Östergötland", "Östergötlands län"] },
            Candidate { slug: "stockholm", names: vec!["Stockholm", "Stockholms län"] },
            Candidate { slug: "vastra-gotaland", names: vec!["Västra Götaland", "Västra Götalands län"] },
        ]
    }

    #[test]
    fn accent_and_name_variants_suggest_the_slug() {
        for typed in ["Ostergotland", "östergötland", "Östergötlands län", "ostergotlan", "Region Östergötland"]
        {
            assert_eq!(suggest(typed, &counties()).as_deref(), Some("ostergotland"), "{typed}");
        }
        assert_eq!(suggest("Västra Götaland", &counties()).as_deref(), Some("vastra-gotaland"));
    }

    #[test]
    fn the_suggester_answers_as_suggest_does_for_plain_words() {
        let words = ["/regioner/skane/", "/regioner/stockholm/", "/moten/", "/om/", "/teman/smart/", "/a/", "/b/"];
        let suggester = WordSuggester::new(words.iter().copied());
        let candidates: Vec<Candidate> = words.iter().map(|w| Candidate { slug: w, names: vec![] }).collect();
        for input in
            ["/regioner/skne/", "/regioner/stokholm/", "/moten", "/omm/", "/x/", "", "/teman/smar/", "/c/", "/OM/"]
        {
            assert_eq!(suggester.suggest(input), suggest(input, &candidates), "{input:?}");
        }
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(suggest("kiruna", &counties()), None);
    }

    #[test]
    fn keys_and_statuses() {
        assert_eq!(suggest_word("tittle", &["title", "date"]).as_deref(), Some("title"));
        assert_eq!(suggest_word("planed", &["planned", "ongoing", "done"]).as_deref(), Some("planned"));
    }
}
