//! Property tests: slugs, URL building and partial dates hold their promises for any input.

use proptest::prelude::*;
use samtal::model::PartialDate;
use samtal::model::slug::{is_url_safe, slugify};
use samtal::model::urls::{Urls, output_file};

/// Any text, weighted towards the characters that matter here.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z0-9åäöÅÄÖáŋčđšžŦ🇸🇪 ./\\\\\\-_:\\x00-\\x1f]{0,40}", "[a-z0-9-]{1,250}",]
}

/// A slug that is URL-safe by construction.
fn safe_slug() -> impl Strategy<Value = String> {
    proptest::collection::vec("[a-z0-9]{1,8}", 1..5).prop_map(|parts| parts.join("-"))
}

proptest! {
    // 1,024 cases per property by default; PROPTEST_CASES=100000 for a long run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(1024)
    ))]

    #[test]
    fn slugify_always_gives_a_url_safe_slug(s in text()) {
        let slug = slugify(&s);
        prop_assert!(is_url_safe(&slug), "slugify({s:?}) = {slug:?} is not URL-safe");
    }

    #[test]
    fn slugify_keeps_safe_slugs_as_they_are(s in safe_slug()) {
        prop_assert!(is_url_safe(&s));
        prop_assert_eq!(slugify(&s), s);
    }

    #[test]
    fn url_safe_slugs_cannot_climb_or_hide_anything(s in text()) {
        if is_url_safe(&s) {
            prop_assert!(!s.is_empty() && s.len() <= 200);
            prop_assert!(!s.contains("..") && !s.contains('/') && !s.contains('\\') && !s.contains('.'));
            prop_assert!(!s.chars().any(|c| c.is_control() || c.is_whitespace() || !c.is_ascii()));
            prop_assert_eq!(s.to_ascii_lowercase(), s.clone());
        }
    }

    #[test]
    fn urls_never_panic_and_accepted_bases_are_clean(base in text(), scheme in prop_oneof!["", "/", "https://", "http://", "//"]) {
        let base = format!("{scheme}{base}");
        if let Some(urls) = Urls::new(&base) {
            let path = urls.base_path();
            prop_assert!(path.starts_with('/') && path.ends_with('/'), "{base:?} → {path:?}");
            prop_assert!(!path.contains("//"), "{base:?} → {path:?} (a protocol-relative or empty segment)");
            prop_assert!(!path.contains(".."), "{base:?} → {path:?}");
            prop_assert!(!urls.home().chars().any(|c| c.is_control() || c.is_whitespace() || "\"'<>`\\".contains(c)),
                "{base:?} → {:?}", urls.absolute(""));
            prop_assert!(!urls.absolute("").chars().any(|c| c.is_control() || c.is_whitespace() || "\"'<>`\\".contains(c)),
                "{base:?} → {:?}", urls.absolute(""));
        }
    }

    #[test]
    fn site_urls_are_the_base_path_plus_the_page(
        segments in proptest::collection::vec("[a-z0-9-]{1,10}", 0..4),
        trailing in any::<bool>(),
        origin in prop_oneof![Just(String::new()), Just("https://example.org".to_string()), Just("http://[::1]:8080".to_string())],
        slug in safe_slug(),
    ) {
        let mut base = format!("/{}", segments.join("/"));
        if trailing && !segments.is_empty() {
            base.push('/');
        }
        let urls = Urls::new(&format!("{origin}{base}")).expect("a clean base is accepted");
        let path = if segments.is_empty() { "/".to_string() } else { format!("/{}/", segments.join("/")) };
        prop_assert_eq!(urls.base_path(), path.as_str());
        prop_assert_eq!(urls.meeting(&slug), format!("{path}moten/{slug}/"));
        prop_assert_eq!(urls.region(&slug), format!("{path}regioner/{slug}/"));
        prop_assert_eq!(urls.topic(&slug), format!("{path}teman/{slug}/"));
        prop_assert_eq!(urls.page(&slug), format!("{path}{slug}/"));
        prop_assert_eq!(urls.site(&format!("/moten/{slug}/")), urls.meeting(&slug));
        prop_assert_eq!(urls.absolute(&format!("moten/{slug}/")), format!("{origin}{path}moten/{slug}/"));
        prop_assert_eq!(urls.has_origin(), !origin.is_empty());
        // Every page URL maps to a file inside the output folder.
        let inner = format!("moten/{slug}/");
        let file = output_file(&inner);
        prop_assert_eq!(&file, &format!("moten/{slug}/index.html"));
        prop_assert!(!file.starts_with('/') && !file.split('/').any(|s| s.is_empty() || s == ".."));
    }

    #[test]
    fn every_real_date_round_trips(year in 1000u16..=9999, month in 1u8..=12, day in 1u8..=31, precision in 0..3) {
        let text = match precision {
            0 => format!("{year:04}"),
            1 => format!("{year:04}-{month:02}"),
            _ => format!("{year:04}-{month:02}-{day:02}"),
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month { 1 | 3 | 5 | 7 | 8 | 10 | 12 => 31, 4 | 6 | 9 | 11 => 30, _ if leap => 29, _ => 28 };
        match PartialDate::parse(&text) {
            Some(date) => {
                prop_assert!(precision < 2 || day <= days, "{text} accepted");
                prop_assert_eq!(date.to_string(), text.clone());
                prop_assert_eq!(PartialDate::parse(&date.to_string()), Some(date));
                prop_assert_eq!(date.year, year);
                prop_assert_eq!(date.is_exact(), precision == 2);
                let (y, m, d) = date.last_day();
                prop_assert!(y == year && (1..=12).contains(&m) && (1..=31).contains(&d));
                prop_assert!(PartialDate::parse(&format!("{y:04}-{m:02}-{d:02}")).is_some(), "last day {y}-{m}-{d} is real");
                let rfc = date.rfc3339();
                let prefix = format!("{year:04}-");
                prop_assert!(rfc.len() == 20 && rfc.ends_with("T00:00:00Z") && rfc.starts_with(&prefix), "{}", rfc);
            }
            None => prop_assert!(precision == 2 && day > days, "{text} rejected"),
        }
    }

    #[test]
    fn date_parsing_never_panics_and_accepts_only_what_it_prints(s in text()) {
        if let Some(date) = PartialDate::parse(&s) {
            prop_assert_eq!(date.to_string(), s.trim());
            prop_assert_eq!(PartialDate::parse(&date.to_string()), Some(date));
        }
    }

    #[test]
    fn dates_sort_by_time_with_year_only_first(a in (1000u16..=9999, 1u8..=12, 1u8..=28), b in (1000u16..=9999, 1u8..=12, 1u8..=28)) {
        let day = |(y, m, d): (u16, u8, u8)| PartialDate::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
        let (da, db) = (day(a), day(b));
        prop_assert_eq!(da.cmp(&db), a.cmp(&b));
        let year = PartialDate::parse(&format!("{:04}", a.0)).unwrap();
        let month = PartialDate::parse(&format!("{:04}-{:02}", a.0, a.1)).unwrap();
        prop_assert!(year < month && month < da);
    }
}
