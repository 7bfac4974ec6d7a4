//! Nothing an author writes makes `samtal check` panic.

use crate::common::Site;
use crate::site::A;

/// Every broken meeting of this file and then some.
fn nasty_meetings() -> Vec<Vec<u8>> {
    let mut texts: Vec<String> = [
        "", "\n", "---", "---\n", "---\n---\n", "---\n---", "\u{feff}", "\u{feff}---\n---\n", "---\r\n---\r\n",
        "# Rubrik\n", "---\ntitle: a\n", "---\n- a\n---\n", "---\nbara text\n---\n", "---\n42\n---\n", "---\n~\n---\n",
        "---\ntitle: a\n  date: 2018\n---\n", "---\ntitle: a\n\t- b\n---\n", "---\ntitle: \"a\n---\n", "---\ntitle: 'a\n---\n",
        "---\ntitle: a\ntitle: b\n---\n", "---\ntitle: [a\n---\n", "---\ntitle: {a\n---\n", "---\ntitle: *nope\n---\n",
        "---\n: x\n---\n", "---\n? [a, b]\n: c\n---\n", "---\n[a]: b\n---\n", "---\n{a: b}: c\n---\n", "---\n%TAG x\n---\n",
        "---\ntitle: @x\n---\n", "---\ntitle: !!binary aGVq\n---\n", "---\ntitle: !custom x\n---\n",
        "---\ntitle: &a x\nsummary: *a\n---\n", "---\ntitle: a\n---\n---\n---\n", "---\n...\n---\n", "---\n---\n---\n",
        "---\ntitle: 12\ndate: 2018\nregions: [stockholm]\n---\n", "---\ntitle: true\ndate: 2018.5\nregions: [1, 2]\n---\n",
        "---\ntitle: a\ndate: 99999-01-01\nregions: stockholm\n---\n", "---\ntitle: a\ndate: 0000\nregions: stockholm\n---\n",
        "---\ntitle: a\ndate: 2018-05-16T10:00:00Z\nregions: stockholm\n---\n", "---\ntitle: a\ndate: -1\nregions: stockholm\n---\n",
        "---\ntitle: a\ndate: 18446744073709551616\nregions: stockholm\n---\n", "---\ntitle: a\ndate: .nan\nregions: stockholm\n---\n",
        "---\ntitle: a\ndate: [2018]\nregions: {a: b}\n---\n", "---\ntitle: a\ndate: 2018\nregions: [[stockholm]]\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: [\"\", \" \", null, ~]\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups: x\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups: [x, [y], {}]\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups:\n  - action: [a]\n    due: {x: y}\n    status: 3\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nfollow_ups:\n  - action: x\n    due: 2018\n    status: planned\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: ../../etc\n---\n", "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: ''\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: /\n---\n", "---\ntitle: a\ndate: 2018\nregions: stockholm\nslug: 404.html\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\ndraft: [true]\n---\n", "---\ntitle: a\ndate: 2018\nregions: stockholm\ndraft: yes\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\noutcomes: {a: b}\n---\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n[x](/%zz) [y](/moten/../../) ![](<>) [z](</a b/>) [w](//evil.example/)\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n[x]: /nowhere/\n[x] <script>alert(1)</script> {{ site }} {% if %}\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n```\nunclosed fence\n",
        "---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n| a |\n|---|\n| [b](/c/) |\n\n[^1]\n\n[^1]: ![](/x.png)\n",
        "---\ntitle: \"\\u0000\"\ndate: 2018\nregions: stockholm\n---\n\0\0\0\n",
        "---\ntitle: a\u{2028}b\ndate: 2018\nregions: [östergötland\u{200b}]\n---\n",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    texts.push(format!("---\ntitle: x\ndate: 2018\nregions: {}{}\n---\n", "[".repeat(5000), "]".repeat(5000)));
    texts.push(format!("---\ntitle: {}\ndate: 2018\nregions: stockholm\n---\n", "å".repeat(100_000)));
    texts.push(format!("---\ntitle: a\ndate: 2018\nregions: stockholm\n---\n{}", "> ".repeat(10_000)));
    let mut bytes: Vec<Vec<u8>> = texts.into_iter().map(String::into_bytes).collect();
    bytes.push(b"---\ntitle: G\xf6teborg\n---\n".to_vec());
    bytes.push(b"\xff\xfe-\0-\0-\0\n\0".to_vec());
    bytes.push((0u8..=255).collect());
    bytes
}

#[test]
fn no_input_panics() {
    // Guards: no broken meeting or site file makes check panic or print a Debug dump.
    let site = Site::new();
    for (i, bytes) in nasty_meetings().iter().enumerate() {
        site.write_bytes(A, bytes);
        for args in [&["check"][..], &["check", "--format", "json"], &["check", "--drafts", "--strict"]] {
            let run = site.run(args);
            let shown = String::from_utf8_lossy(bytes);
            let shown: String = shown.chars().take(200).collect();
            assert!(run.code == 0 || run.code == 1, "input {i} {shown:?} {args:?}:\n{run}");
            assert!(!run.stderr.contains("panicked"), "input {i} {shown:?}:\n{run}");
            assert!(
                !run.stderr.contains("Error {") && !run.stderr.contains("Some("),
                "a Debug dump for input {i} {shown:?}:\n{run}"
            );
        }
    }
    // Broken site files too, one at a time.
    for (file, text) in [
        ("site.yaml", "- a\n"),
        ("site.yaml", "title: [\n"),
        ("site.yaml", ""),
        ("site.yaml", "language: [en]\nbase_url: {a: b}\n"),
        ("content/regions.yaml", "- a\n"),
        ("content/regions.yaml", "counties: x\ngroupings: [1]\n"),
        ("content/regions.yaml", ""),
        (
            "content/regions.yaml",
            "counties:\n  - slug: Ö\n  - {}\ngroupings:\n  - slug: g\n    name: G\n    members: x\n",
        ),
        ("content/themes.yaml", "a: b\n"),
        ("content/themes.yaml", "- x\n- slug: ../x\n  name: X\n"),
        ("content/pages/om.md", "---\ntitle: Om\nweight: 1.5\nslug: sok\n---\n"),
        ("themes/default/templates/base.html", "{% block %}"),
        ("themes/default/templates/meeting.html", "{{ 1 / 0 }}"),
        ("themes/default/templates/index.html", "{% include \"nope.html\" %}"),
    ] {
        let site = Site::new();
        site.write(file, text);
        let run = site.check();
        assert!(run.code == 0 || run.code == 1, "{file} {text:?}:\n{run}");
        assert!(!run.stderr.contains("panicked"), "{file} {text:?}:\n{run}");
    }
}
