//! Big and odd inputs: deep nesting, huge lists, long lines, scripts, control characters.

use super::*;

/// Builds with a virtual memory cap, so runaway memory fails the test instead of the machine.
fn build_bounded(site: &Site, limit_mib: usize) -> Output {
    run_limited(site, &format!("ulimit -v {}", limit_mib * 1024))
}

#[test]
fn nested_lists_and_block_quotes_50_and_5000_deep() {
    // Guards: deeply nested Markdown builds or fails cleanly, never overflows the stack.
    for depth in [50, 5000] {
        let site = Site::new();
        let list: String = (0..depth).map(|i| format!("{}- nivå {i}\n", "  ".repeat(i))).collect();
        let quotes: String = (0..depth).map(|i| format!("{} citat {i}\n", ">".repeat(i + 1))).collect();
        let mixed: String = (0..depth).map(|i| format!("{}> - x{i}\n", "  ".repeat(i))).collect();
        site.write("content/meetings/2018-listor.md", &meeting("Listor", &list));
        site.write("content/meetings/2018-citat.md", &meeting("Citat", &quotes));
        site.write("content/meetings/2018-blandat.md", &meeting("Blandat", &mixed));
        let o = build_bounded(&site, 4096);
        assert_no_crash(&o, &format!("depth {depth}"));
        assert_ok(&o, &format!("depth {depth}"));
        let page = fs::read_to_string(site.out().join("moten/2018-listor/index.html")).unwrap();
        assert!(page.contains(&format!("nivå {}", depth - 1)));
        if depth == 50 {
            assert_eq!(page.matches("<ul>").count(), 50, "50 nested lists");
            let page = fs::read_to_string(site.out().join("moten/2018-citat/index.html")).unwrap();
            assert_eq!(page.matches("<blockquote>").count(), 50, "50 nested block quotes");
        }
    }
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_stack_overflow() {
    // Guards: deeply nested YAML is an error, not a stack overflow.
    for depth in [100, 10_000, 100_000] {
        let site = Site::new();
        let flow = format!("{}x{}", "[".repeat(depth), "]".repeat(depth));
        let block: String = (0..depth.min(1000)).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
        let text = meeting("Djup", "x\n").replacen("outcomes: []", &format!("outcomes: {flow}"), 1);
        site.write("content/meetings/2018-flow.md", &text);
        let text = meeting("Djup", "x\n").replacen("outcomes: []", &format!("outcomes:\n{block}"), 1);
        site.write("content/meetings/2018-block.md", &text);
        let o = build_bounded(&site, 4096);
        assert_fails(&o, &format!("yaml depth {depth}"));
        assert!(stderr(&o).contains("2018-flow.md") && stderr(&o).contains("2018-block.md"), "{}", stderr(&o));
    }
}

#[test]
fn ten_thousand_item_front_matter_list() {
    // Guards: a front matter list of 10,000 items builds.
    let site = Site::new();
    let participants: String = (0..10_000).map(|i| format!("  - Deltagare nummer {i}\n")).collect();
    let text =
        meeting("Många", "x\n").replacen("outcomes: []", &format!("outcomes: []\nparticipants:\n{participants}"), 1);
    site.write("content/meetings/2018-manga.md", &text);
    let o = build_bounded(&site, 4096);
    assert_ok(&o, "10,000 participants");
    let page = fs::read_to_string(site.out().join("moten/2018-manga/index.html")).unwrap();
    assert!(page.contains("Deltagare nummer 0<") && page.contains("Deltagare nummer 9999<"));
    assert_eq!(page.matches("Deltagare nummer ").count(), 10_000);
}

#[test]
fn long_lines_in_title_and_body() {
    // Guards: very long lines in a title and a body build.
    let site = Site::new();
    let title = "Långt namn ".repeat(10_000);
    let line = "ord ".repeat(250_000); // a 1 MB line
    site.write("content/meetings/2018-lang.md", &meeting(title.trim(), &format!("{line}\n\n`{line}`\n")));
    let o = build_bounded(&site, 4096);
    assert_ok(&o, "long lines");
    let page = fs::read_to_string(site.out().join("moten/2018-lang/index.html")).unwrap();
    assert!(page.contains(title.trim()) && page.len() > 2_000_000);
}

#[test]
fn sami_finnish_and_emoji_titles_survive_intact() {
    // Guards: Sami, Finnish and emoji text comes out intact.
    let site = Site::new();
    let titles = [
        "Sámi Ŋŋ Čč Đđ Šš Žž Ää Öö 🇸🇪",
        "Sámediggi – Sámi parlameanta",
        "Tornionlaakso: yhteistyö ja äänestys",
        "Emoji 👩🏽‍🌾🧑‍🤝‍🧑 and ZWJ",
        "Ŧŧ Ʒʒ Ǯǯ Ǥǥ Ǧǧ Ǩǩ Åå",
    ];
    for (i, t) in titles.iter().enumerate() {
        site.write(&format!("content/meetings/2018-titel-{i}.md"), &meeting(t, &format!("# {t}\n\nBrödtext {t}.\n")));
    }
    let o = site.build();
    assert_ok(&o, "unicode titles");
    for (i, t) in titles.iter().enumerate() {
        let page = fs::read_to_string(site.out().join(format!("moten/2018-titel-{i}/index.html"))).unwrap();
        assert!(page.contains(&format!("<h1>{t}</h1>")), "title {t} not intact");
        assert!(page.contains(&format!("Brödtext {t}.")), "body {t} not intact");
        let index = fs::read_to_string(site.out().join("moten/index.html")).unwrap();
        assert!(index.contains(t), "{t} missing from the index");
    }
}

#[test]
fn odd_files_give_clear_errors() {
    // Guards: odd meeting files (empty, a lone fence, Latin-1, NUL, BOM and CRLF, a list, binary) fail with a clear message, never a crash.
    let cases: [(&str, &[u8], &str); 7] = [
        ("tom.md", b"", "filen är tom"),
        ("bara-streck.md", b"---\n", "content/meetings/bara-streck.md"),
        ("latin1.md", b"---\ntitle: M\xf6te\n---\n", "UTF-8"),
        ("nul.md", b"---\ntitle: \"a\0b\"\n---\n", "content/meetings/nul.md"),
        ("bom-crlf.md", b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n", "content/meetings/bom-crlf.md"),
        ("lista.md", b"---\n- a\n- b\n---\n", "content/meetings/lista.md"),
        ("binar.md", b"\x00\x01\x02\xff\xfe", "content/meetings/binar.md"),
    ];
    for (name, bytes, expected) in cases {
        let site = Site::new();
        let path = site.path().join("content/meetings").join(name);
        fs::write(&path, bytes).unwrap();
        let o = site.build();
        assert_fails(&o, name);
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
}

#[test]
fn nul_and_control_characters_in_the_body_are_harmless() {
    // Guards: NUL and control characters in a body are harmless.
    let site = Site::new();
    let body = "Före\0efter \x07 \x1b[31m röd \u{202e} bakvänd \u{feff} och \r ensam vagnretur.\n";
    site.write("content/meetings/2018-kontroll.md", &meeting("Kontroll\u{7f}", body));
    let o = site.build();
    assert_no_crash(&o, "control characters");
    if o.status.success() {
        let page = fs::read_to_string(site.out().join("moten/2018-kontroll/index.html")).unwrap();
        assert!(!page.contains('\0'), "NUL reached the HTML");
    }
}

#[test]
fn twenty_megabyte_markdown_body() {
    // Guards: a 20 MB Markdown body builds within bounded memory.
    let site = Site::new();
    let paragraph = "Regional **utveckling** i [Skåne](https://example.org) och Östergötland; `kod` och _kursiv_.\n\n";
    let body = paragraph.repeat(20 * 1024 * 1024 / paragraph.len());
    assert!(body.len() > 20_000_000);
    site.write("content/meetings/2018-jatte.md", &meeting("Jätte", &body));
    let started = Instant::now();
    let o = build_bounded(&site, 4096);
    assert_ok(&o, "20 MB body");
    eprintln!("20 MB body built in {:?}", started.elapsed());
    let page = fs::read(site.out().join("moten/2018-jatte/index.html")).unwrap();
    assert!(page.len() > 20_000_000);
}

#[test]
fn control_characters_never_make_the_feeds_invalid_xml() {
    // Guards: a Word soft line break (vertical tab), NUL, form feed, ESC or a YAML escape such
    // as "\v" / "\uFFFE" is taken out with a warning, so every feed, page and data file stays
    // valid; --strict fails on the warning.
    let site = Site::new();
    let text = "---\ntitle: \"Rad ett\\vrad två\"\ndate: 2018-05-16\nregions: [skane]\nthemes: [innovation]\n\
                summary: \"Slut\\uFFFE\"\noutcomes: [\"Ett\\u000Bresultat\"]\n---\nFöre\u{b}efter\0 och \u{c} sida \u{1b} slut.\n";
    site.write("content/meetings/2018-word.md", text);
    let o = site.build();
    assert_ok(&o, "control characters");
    let warnings = stderr(&o);
    assert!(warnings.contains("mjuk radbrytning"), "{warnings}");
    assert!(warnings.contains("content/meetings/2018-word.md:9:5"), "the body's first one is located: {warnings}");
    for (path, bytes) in tree(&site.out()) {
        if path.ends_with(".xml") {
            let xml = String::from_utf8(bytes).unwrap();
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path} is not XML: {e}"));
        } else if path.ends_with(".html") || path.ends_with(".json") || path.ends_with(".csv") {
            let text = String::from_utf8_lossy(&bytes);
            let bad = text.chars().find(|&c| samtal::model::text::is_unpublishable(c));
            assert_eq!(bad, None, "{path} carries a control character");
        }
    }
    let feed = fs::read_to_string(site.out().join("atom.xml")).unwrap();
    assert!(feed.contains("Rad ett rad två"), "a soft line break becomes a space");
    let strict = run(site.path(), &["check", "--strict"]);
    assert_fails(&strict, "check --strict with control characters");
}

#[test]
fn a_front_matter_too_big_to_read_says_so_in_plain_words() {
    // Guards: a list of 250,001 items stops at the parser's budget with a message an author
    // understands, never "budget breached: Nodes { nodes: 250001 }".
    let site = Site::new();
    let items = vec!["a"; 250_001].join(",");
    let text = meeting("Stor", "x\n").replacen("outcomes: []", &format!("outcomes: []\nparticipants: [{items}]"), 1);
    site.write("content/meetings/2018-stor.md", &text);
    let o = site.build();
    assert_fails(&o, "250,001 list items");
    let err = stderr(&o);
    assert!(err.contains("fler värden än samtal läser i en fil"), "{}", &err[..err.len().min(2000)]);
    assert!(!err.to_lowercase().contains("budget"), "parser wording leaked");
}

#[test]
fn a_county_in_many_groupings_links_to_their_meetings_instead_of_listing_them_all() {
    // Guards: a county page listed every meeting of each of its groupings; in 2,000 groupings of
    // 20 meetings each that was a 103 MB page of 40,000 meetings (each shown 20 times).
    let site = Site::new();
    let n = 30;
    let groupings: String = (0..n)
        .map(|i| format!("  - slug: grupp-{i}\n    name: Grupp {i}\n    kind: other\n    members: [skane]\n"))
        .collect();
    site.write("content/regions.yaml", &format!("{REGIONS_YAML}groupings:\n{groupings}"));
    let all: Vec<String> = (0..n).map(|i| format!("grupp-{i}")).collect();
    for m in 0..12 {
        let text =
            meeting(&format!("Möte {m}"), "x\n").replace("regions: [skane]", &format!("regions: [{}]", all.join(", ")));
        site.write(&format!("content/meetings/2018-mote-{m}.md"), &text);
    }
    let o = build_bounded(&site, 2048);
    assert_ok(&o, "a county in 30 groupings of 12 meetings");
    let page = fs::read_to_string(site.out().join("regioner/skane/index.html")).unwrap();
    let section = &page[page.find("id=\"grupperingars-moten\"").expect("the groupings' section")..];
    assert_eq!(section.matches("Alla grupperingens möten (12)").count(), n, "each grouping: a link and its count");
    assert!(!section.contains("/moten/2018-mote-"), "360 meetings in all are not listed on the county page");
    let grouping = fs::read_to_string(site.out().join("regioner/grupp-7/index.html")).unwrap();
    assert!((0..12).all(|m| grouping.contains(&format!("/moten/2018-mote-{m}/"))), "the grouping lists them");
}

#[test]
fn a_theme_matrix_of_two_thousand_regions_and_themes_follows_the_meetings() {
    // Guards: /teman/ grows with the meetings, not with regions × themes (2,000 × 2,000 took 7.4 GB).
    let site = Site::new();
    let n = 2000;
    let groupings: String = (0..n)
        .map(|i| format!("  - slug: grupp-{i}\n    name: Grupp {i}\n    kind: other\n    members: [skane]\n"))
        .collect();
    site.write("content/regions.yaml", &format!("{REGIONS_YAML}groupings:\n{groupings}"));
    let topics: String = (0..n).map(|i| format!("- slug: tema-{i}\n  name: Tema {i}\n")).collect();
    site.write("content/themes.yaml", &format!("{TOPICS_YAML}{topics}"));
    for i in (0..n).step_by(10) {
        let text = meeting(&format!("Möte {i}"), "x\n")
            .replace("regions: [skane]", &format!("regions: [grupp-{i}]"))
            .replace("themes: [innovation]", &format!("themes: [tema-{i}, tema-{}]", (i + 1) % n));
        site.write(&format!("content/meetings/2018-mote-{i}.md"), &text);
    }
    let o = build_bounded(&site, 2048);
    assert_ok(&o, "2,000 regions and themes");
    let page = fs::read_to_string(site.out().join("teman/index.html")).unwrap();
    // 200 meetings name two themes each: each of their regions lists those two.
    assert!(page.len() < 4_000_000, "/teman/ is {} bytes", page.len());
    assert!(page.contains("class=\"matrix-list\""), "the large form");
    assert!(page.contains("/regioner/grupp-990/#tema-tema-990") && page.contains("/regioner/grupp-990/#tema-tema-991"));
    assert!(!page.contains("/regioner/grupp-990/#tema-tema-992"), "only the themes the meetings name");
}

/// A PNG whose header declares `width` × `height` pixels and whose pixels stop at once.
fn declared_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &[0u8; 3],
        1,
        1,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    // IHDR's width and height (bytes 16..24) are rewritten, and its CRC with them.
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_small_png_declaring_fifty_thousand_pixels_square_is_an_error_not_an_allocation() {
    // Guards: the build allocated what the header declared, 7.5 GB: under this 2 GiB cap it
    // aborted ("memory allocation of 7500000000 bytes failed", SIGABRT).
    let site = Site::new();
    let bomb = declared_png(50_000, 50_000);
    assert!(bomb.len() < 100, "{} bytes", bomb.len());
    site.write_bytes("static/bilder/bomb.png", &bomb);
    site.write("content/meetings/2018-bomb.md", &meeting("Bomb", "![En bild](/bilder/bomb.png)\n"));
    let o = build_bounded(&site, 2048);
    assert_fails(&o, "a declared 50,000 × 50,000 picture");
    let err = stderr(&o);
    assert!(err.contains("static/bilder/bomb.png") && err.contains("50000 × 50000"), "{err}");
}
