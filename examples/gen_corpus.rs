//! A deterministic benchmark corpus: N meetings with realistic front matter and 400–800
//! words of Swedish-like Markdown each, written as a complete samtal site (or, with
//! `--hugo`, as the equivalent Hugo site using `bench/hugo-site/`).
//!
//!     cargo run --release --example gen_corpus -- --meetings 10000 --out /dev/shm/c10k
//!     cargo run --release --example gen_corpus -- --meetings 10000 --out /dev/shm/h10k --hugo
//!
//! Same `--seed` and N → byte-identical output. Every meeting is a pure function of
//! (seed, index), so a body can link to any other meeting by computing its slug.
//! Every link points to a page that exists, so `samtal check` passes on the corpus.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const REGIONS_YAML: &str = include_str!("../content/regions.yaml");
const THEMES_YAML: &str = include_str!("../content/themes.yaml");
const COUNTIES_GEOJSON: &str = include_str!("../content/counties.geojson");

const USAGE: &str = "usage: gen_corpus --meetings N --out DIR [--seed S] [--hugo] [--force]";

// ---------------------------------------------------------------------------------------
// PRNG: xorshift64*, seeded per meeting through splitmix64.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.range(0, items.len() - 1)]
    }

    /// `n` distinct items, in the order drawn.
    fn distinct<'a, T>(&mut self, items: &'a [T], n: usize) -> Vec<&'a T> {
        let mut chosen: Vec<usize> = Vec::with_capacity(n);
        while chosen.len() < n.min(items.len()) {
            let i = self.range(0, items.len() - 1);
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.into_iter().map(|i| &items[i]).collect()
    }
}

// ---------------------------------------------------------------------------------------
// The registries, read from the repository's own files (line-based: their layout is fixed).

struct County {
    slug: String,
    name: String,
    actor: String,
}

struct Grouping {
    slug: String,
    name: String,
    members: Vec<String>,
}

struct Theme {
    slug: String,
    name: String,
}

struct Registry {
    counties: Vec<County>,
    groupings: Vec<Grouping>,
    themes: Vec<Theme>,
}

fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let t = line.trim_start().trim_start_matches("- ");
    let v = t.strip_prefix(key)?.strip_prefix(':')?.trim();
    Some(v.trim_matches('"'))
}

fn read_registry() -> Registry {
    let mut counties: Vec<County> = Vec::new();
    let mut groupings: Vec<Grouping> = Vec::new();
    let mut in_groupings = false;
    for line in REGIONS_YAML.lines() {
        if line.starts_with("groupings:") {
            in_groupings = true;
            continue;
        }
        if let Some(slug) = field(line, "slug") {
            if in_groupings {
                groupings.push(Grouping { slug: slug.into(), name: String::new(), members: Vec::new() });
            } else {
                counties.push(County { slug: slug.into(), name: String::new(), actor: String::new() });
            }
        } else if let Some(name) = field(line, "name") {
            if in_groupings {
                groupings.last_mut().expect("grouping").name = name.into();
            } else {
                counties.last_mut().expect("county").name = name.into();
            }
        } else if let Some(actor) = field(line, "actor_2018") {
            counties.last_mut().expect("county").actor = actor.into();
        } else if let Some(members) = field(line, "members") {
            let list = members.trim_start_matches('[').trim_end_matches(']');
            groupings.last_mut().expect("grouping").members = list.split(',').map(|m| m.trim().to_string()).collect();
        }
    }
    let mut themes: Vec<Theme> = Vec::new();
    for line in THEMES_YAML.lines() {
        if let Some(slug) = field(line, "slug") {
            themes.push(Theme { slug: slug.into(), name: String::new() });
        } else if let Some(name) = field(line, "name") {
            themes.last_mut().expect("theme").name = name.into();
        }
    }
    assert!(counties.len() >= 21 && !groupings.is_empty() && !themes.is_empty(), "could not read the registries");
    Registry { counties, groupings, themes }
}

// ---------------------------------------------------------------------------------------
// Swedish-like text. (Word lists are kept compact: `#[rustfmt::skip]`.)

#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "region", "kommun", "län", "samverkan", "dialog", "strategi", "utveckling", "tillväxt", "näringsliv",
    "kompetens", "infrastruktur", "innovation", "arbetsmarknad", "landsbygd", "besöksnäring", "företag",
    "myndighet", "aktör", "insats", "uppföljning", "analys", "finansiering", "program", "projekt", "planering",
    "kapacitet", "förutsättning", "resultat", "prioritering", "handlingsplan", "kunskap", "erfarenhet",
    "ansvar", "uppdrag", "styrning", "omställning", "digitalisering", "bredband", "kollektivtrafik",
    "bostadsförsörjning", "utbildning", "forskning", "klimat", "energi", "vattenförsörjning", "export",
    "investering", "etablering", "arbetskraft", "befolkning", "åtgärd", "överenskommelse", "målbild",
    "indikator", "nätverk", "partnerskap", "fråga", "område", "del", "grund", "riktning", "vägledning",
];
#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "regional", "nationell", "lokal", "gemensam", "strategisk", "långsiktig", "hållbar", "konkret", "tydlig",
    "viktig", "särskild", "stor", "liten", "ny", "befintlig", "övergripande", "ökad", "stärkt", "bred", "god",
    "aktuell", "central", "kommande", "möjlig", "nödvändig", "samlad", "fortsatt", "inomregional", "öppen",
];
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "stärker", "utvecklar", "samordnar", "prioriterar", "diskuterar", "följer upp", "analyserar", "bidrar till",
    "påverkar", "skapar", "genomför", "planerar", "förbättrar", "stödjer", "lyfter fram", "behöver", "kräver",
    "visar", "beskriver", "redovisar", "underlättar", "möjliggör", "förankrar", "säkerställer", "bygger upp",
];
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "tillsammans", "också", "därför", "särskilt", "gärna", "fortfarande", "redan", "tydligare", "konkret",
    "löpande", "under året", "på sikt", "i länet", "i regionen", "i dialogen", "framöver", "i första hand",
];
#[rustfmt::skip]
const CONNECTIVES: &[&str] = &["och", "men", "samt", "eftersom", "så att", "medan", "när", "där"];
#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "Tillväxtverket", "Regionen", "Länsstyrelsen", "Myndigheten", "Parterna", "Avdelningen Regioner",
    "Kommunerna", "Det regionala utvecklingsansvaret", "Dialogteamet", "Samverkansorganet", "Vi",
];
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "Regiondirektör", "Utvecklingschef", "Tillväxtchef", "Näringslivschef", "Landshövding", "Regionråd",
    "Avdelningschef", "Enhetschef", "Handläggare", "Analytiker", "Strateg", "Processledare", "Kommunikatör",
];
#[rustfmt::skip]
const UNITS: &[&str] = &["Regioner", "Miljö och innovation", "Företagsutveckling", "Analys", "Kommunikation"];
#[rustfmt::skip]
const OWNERS: &[&str] = &[
    "Tillväxtverket, avdelningen Regioner", "Tillväxtverket, avdelningen Analys", "Regionen", "Länsstyrelsen",
    "Tillväxtverket och regionen tillsammans", "Dialogteamet",
];
#[rustfmt::skip]
const HEADINGS: &[&str] = &[
    "Bakgrund", "Om mötet", "Diskussion", "Resultat", "Nästa steg", "Länet i sammanhanget", "Utmaningar",
    "Möjligheter", "Uppföljning", "Synpunkter från regionen", "Det här är inte känt", "Sammanfattning",
];
#[rustfmt::skip]
const STATUSES: &[&str] = &["planned", "ongoing", "done"];
#[rustfmt::skip]
const TABLE_STATUS: &[&str] = &["Pågår", "Klar", "Planerad", "Vilande"];

/// Word counter for the body; every emitted word goes through here.
struct Text {
    out: String,
    words: usize,
}

impl Text {
    fn word(&mut self, w: &str) {
        self.out.push_str(w);
        self.words += w.split(' ').count();
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One sentence, optionally carrying a link or bold phrase.
fn sentence(rng: &mut Rng, t: &mut Text, link: Option<(&str, &str)>) {
    let subject = rng.pick(SUBJECTS);
    t.word(subject);
    t.out.push(' ');
    t.word(rng.pick(VERBS));
    t.out.push(' ');
    let clauses = rng.range(1, 2);
    for c in 0..clauses {
        if c > 0 {
            t.out.push(' ');
            t.word(rng.pick(CONNECTIVES));
            t.out.push(' ');
        }
        let phrase = format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS));
        if c == 0 && rng.chance(8) {
            t.out.push_str("**");
            t.word(&phrase);
            t.out.push_str("**");
        } else {
            t.word(&phrase);
        }
        if rng.chance(50) {
            t.out.push(' ');
            t.word(rng.pick(ADVERBS));
        }
        if rng.chance(40) {
            t.out.push_str(" för ");
            t.words += 1;
            t.word(rng.pick(NOUNS));
        }
    }
    if let Some((text, url)) = link {
        t.out.push_str(" inom ");
        t.words += 1;
        t.out.push('[');
        t.word(text);
        let _ = write!(t.out, "]({url})");
    }
    t.out.push('.');
}

fn paragraph(rng: &mut Rng, t: &mut Text, links: &mut Vec<(String, String)>) {
    let n = rng.range(3, 6);
    for i in 0..n {
        if i > 0 {
            t.out.push(' ');
        }
        let link = if !links.is_empty() && rng.chance(25) { Some(links.remove(0)) } else { None };
        sentence(rng, t, link.as_ref().map(|(a, b)| (a.as_str(), b.as_str())));
    }
    t.out.push_str("\n\n");
}

// ---------------------------------------------------------------------------------------
// Meetings.

struct Head {
    date: String,
    hugo_date: String,
    regions: Vec<usize>,
    slug: String,
}

/// Regions are indexes into counties, then groupings (`counties.len() + g`).
fn head(seed: u64, reg: &Registry, index: usize) -> (Head, Rng) {
    let mut rng = Rng::new(seed, index as u64);
    let year = rng.range(2012, 2024);
    let (date, hugo_date) = match rng.range(0, 9) {
        0 => (format!("{year}"), format!("{year}-01-01")),
        1 | 2 => {
            let m = rng.range(1, 12);
            (format!("{year}-{m:02}"), format!("{year}-{m:02}-01"))
        }
        _ => {
            let (m, d) = (rng.range(1, 12), rng.range(1, 28));
            (format!("{year}-{m:02}-{d:02}"), format!("{year}-{m:02}-{d:02}"))
        }
    };
    let total = reg.counties.len() + reg.groupings.len();
    let first =
        if rng.chance(85) { rng.range(0, reg.counties.len() - 1) } else { rng.range(reg.counties.len(), total - 1) };
    let mut regions = vec![first];
    if rng.chance(30) {
        let second = rng.range(0, total - 1);
        if second != first {
            regions.push(second);
        }
    }
    let slug = format!("{date}-{}-{index:06}", region_slug(reg, first));
    (Head { date, hugo_date, regions, slug }, rng)
}

fn region_slug(reg: &Registry, i: usize) -> &str {
    if i < reg.counties.len() { &reg.counties[i].slug } else { &reg.groupings[i - reg.counties.len()].slug }
}

fn region_name(reg: &Registry, i: usize) -> &str {
    if i < reg.counties.len() { &reg.counties[i].name } else { &reg.groupings[i - reg.counties.len()].name }
}

struct FollowUp {
    action: String,
    owner: String,
    due: Option<String>,
    status: &'static str,
}

struct Meeting {
    head: Head,
    title: String,
    themes: Vec<usize>,
    participants: Vec<&'static str>,
    units: Vec<&'static str>,
    summary: String,
    outcomes: Vec<String>,
    follow_ups: Vec<FollowUp>,
    body: String,
}

fn short_sentence(rng: &mut Rng) -> String {
    let mut t = Text { out: String::new(), words: 0 };
    sentence(rng, &mut t, None);
    t.out.replace("**", "")
}

fn meeting(seed: u64, reg: &Registry, n: usize, index: usize) -> Meeting {
    let (head, mut rng) = head(seed, reg, index);
    let themes: Vec<usize> = {
        let count = rng.range(1, 3);
        let idx: Vec<usize> = (0..reg.themes.len()).collect();
        rng.distinct(&idx, count).into_iter().copied().collect()
    };
    let main = head.regions[0];
    let title = if main < reg.counties.len() {
        let c = &reg.counties[main];
        format!("Strategisk dialog med {} om {}", c.actor, reg.themes[themes[0]].name.to_lowercase())
    } else {
        format!("{} i {}", reg.themes[themes[0]].name, region_name(reg, main))
    };
    let participants: Vec<&'static str> = {
        let k = rng.range(2, 5);
        rng.distinct(ROLES, k).into_iter().copied().collect()
    };
    let units: Vec<&'static str> = {
        let k = rng.range(1, 2);
        rng.distinct(UNITS, k).into_iter().copied().collect()
    };
    let summary = format!("{} {}", short_sentence(&mut rng), short_sentence(&mut rng));
    let outcomes: Vec<String> = (0..rng.range(0, 3)).map(|_| short_sentence(&mut rng)).collect();
    let follow_ups: Vec<FollowUp> = (0..rng.range(0, 3))
        .map(|_| {
            let status = rng.pick(STATUSES);
            // Planned follow-ups lie in the future, so no build warns about them.
            let due = match status {
                "planned" => Some(format!("{}-{:02}-{:02}", rng.range(2031, 2035), rng.range(1, 12), rng.range(1, 28))),
                _ if rng.chance(50) => Some(format!("{}-{:02}", rng.range(2013, 2025), rng.range(1, 12))),
                _ => None,
            };
            FollowUp { action: short_sentence(&mut rng), owner: rng.pick(OWNERS).to_string(), due, status }
        })
        .collect();

    // Links the body will place: regions, themes, other meetings — all pages that exist.
    let mut links: Vec<(String, String)> = Vec::new();
    for &r in &head.regions {
        links.push((region_name(reg, r).to_string(), format!("/regioner/{}/", region_slug(reg, r))));
    }
    for &t in &themes {
        links.push((reg.themes[t].name.to_lowercase(), format!("/teman/{}/", reg.themes[t].slug)));
    }
    if n > 1 {
        for _ in 0..rng.range(1, 3) {
            let other = rng.range(0, n - 1);
            if other != index {
                let (h, _) = self::head(seed, reg, other);
                links.push(("ett tidigare möte".into(), format!("/moten/{}/", h.slug)));
            }
        }
    }
    if main < reg.counties.len() {
        // A county's groupings are pages too.
        let slug = &reg.counties[main].slug;
        if let Some(g) = reg.groupings.iter().find(|g| g.members.iter().any(|m| m == slug)) {
            links.push((g.name.clone(), format!("/regioner/{}/", g.slug)));
        }
    }

    let target = rng.range(400, 800);
    let mut t = Text { out: String::with_capacity(target * 9), words: 0 };
    let mut headings: Vec<&str> = rng.distinct(HEADINGS, 5).into_iter().copied().collect();
    // Intro.
    paragraph(&mut rng, &mut t, &mut links);
    // A section with a list.
    let h = headings.remove(0);
    let _ = write!(t.out, "## {h}\n\n");
    t.words += 1;
    paragraph(&mut rng, &mut t, &mut links);
    for _ in 0..rng.range(3, 6) {
        t.out.push_str("- ");
        let link = if !links.is_empty() && rng.chance(30) { Some(links.remove(0)) } else { None };
        sentence(&mut rng, &mut t, link.as_ref().map(|(a, b)| (a.as_str(), b.as_str())));
        t.out.push('\n');
    }
    t.out.push('\n');
    // A section with a table.
    let h = headings.remove(0);
    let _ = write!(t.out, "## {h}\n\n");
    t.words += 1;
    paragraph(&mut rng, &mut t, &mut links);
    t.out.push_str("| Område | Status | Ansvarig |\n|---|---|---|\n");
    for _ in 0..rng.range(3, 5) {
        let _ = writeln!(
            t.out,
            "| {} {} | {} | {} |",
            capitalize(rng.pick(ADJECTIVES)),
            rng.pick(NOUNS),
            rng.pick(TABLE_STATUS),
            rng.pick(OWNERS)
        );
        t.words += 6;
    }
    t.out.push('\n');
    // A numbered list.
    let h = headings.remove(0);
    let _ = write!(t.out, "## {h}\n\n");
    t.words += 2;
    for i in 1..=rng.range(2, 4) {
        let _ = write!(t.out, "{i}. ");
        sentence(&mut rng, &mut t, None);
        t.out.push('\n');
    }
    t.out.push('\n');
    // Fill up to the target length; the remaining links all get placed.
    let mut section = 0;
    while t.words < target || !links.is_empty() {
        if section % 3 == 0 && !headings.is_empty() {
            let h = headings.remove(0);
            let _ = write!(t.out, "### {h}\n\n");
            t.words += 1;
        }
        if t.words + 80 > target && !links.is_empty() {
            let (text, url) = links.remove(0);
            sentence(&mut rng, &mut t, Some((&text, &url)));
            t.out.push_str("\n\n");
        } else {
            paragraph(&mut rng, &mut t, &mut links);
        }
        section += 1;
    }
    let body = t.out.trim_end().to_string() + "\n";
    Meeting { head, title, themes, participants, units, summary, outcomes, follow_ups, body }
}

// ---------------------------------------------------------------------------------------
// Output.

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn samtal_file(m: &Meeting, reg: &Registry) -> String {
    let mut s = String::with_capacity(m.body.len() + 1024);
    s.push_str("---\n");
    let _ = writeln!(s, "title: {}", quote(&m.title));
    let _ = writeln!(s, "date: {}", m.head.date);
    let regions: Vec<&str> = m.head.regions.iter().map(|&r| region_slug(reg, r)).collect();
    let _ = writeln!(s, "regions: [{}]", regions.join(", "));
    let themes: Vec<&str> = m.themes.iter().map(|&t| reg.themes[t].slug.as_str()).collect();
    let _ = writeln!(s, "themes: [{}]", themes.join(", "));
    let _ = writeln!(s, "participants: [{}]", m.participants.join(", "));
    let _ = writeln!(s, "agency_units: [{}]", m.units.join(", "));
    let _ = writeln!(s, "summary: {}", quote(&m.summary));
    write_lists(&mut s, m);
    s.push_str("draft: false\n---\n");
    s.push_str(&m.body);
    s
}

/// `outcomes` and `follow_ups`, the same in both front matters.
fn write_lists(s: &mut String, m: &Meeting) {
    if m.outcomes.is_empty() {
        s.push_str("outcomes: []\n");
    } else {
        s.push_str("outcomes:\n");
        for o in &m.outcomes {
            let _ = writeln!(s, "  - {}", quote(o));
        }
    }
    if !m.follow_ups.is_empty() {
        s.push_str("follow_ups:\n");
        for f in &m.follow_ups {
            let _ = writeln!(s, "  - action: {}", quote(&f.action));
            let _ = writeln!(s, "    owner: {}", quote(&f.owner));
            if let Some(due) = &f.due {
                let _ = writeln!(s, "    due: {due}");
            }
            let _ = writeln!(s, "    status: {}", f.status);
        }
    }
}

/// Hugo front matter. `regioner` also lists the groupings of each county, because samtal's
/// grouping pages list their member counties' meetings; the term pages then match.
fn hugo_file(m: &Meeting, reg: &Registry) -> String {
    let mut s = String::with_capacity(m.body.len() + 1024);
    s.push_str("---\n");
    let _ = writeln!(s, "title: {}", quote(&m.title));
    let _ = writeln!(s, "date: {}", m.head.hugo_date);
    let _ = writeln!(s, "datum: {}", quote(&m.head.date));
    let mut terms: Vec<&str> = Vec::new();
    for &r in &m.head.regions {
        terms.push(region_slug(reg, r));
    }
    for &r in &m.head.regions {
        if r < reg.counties.len() {
            let slug = &reg.counties[r].slug;
            for g in reg.groupings.iter().filter(|g| g.members.iter().any(|x| x == slug)) {
                if !terms.contains(&g.slug.as_str()) {
                    terms.push(&g.slug);
                }
            }
        }
    }
    let _ = writeln!(s, "regioner: [{}]", terms.join(", "));
    let themes: Vec<&str> = m.themes.iter().map(|&t| reg.themes[t].slug.as_str()).collect();
    let _ = writeln!(s, "teman: [{}]", themes.join(", "));
    let _ = writeln!(s, "participants: [{}]", m.participants.join(", "));
    let _ = writeln!(s, "agency_units: [{}]", m.units.join(", "));
    let _ = writeln!(s, "summary: {}", quote(&m.summary));
    write_lists(&mut s, m);
    s.push_str("---\n");
    s.push_str(&m.body);
    s
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    }
    fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Copies a folder tree in sorted order.
fn copy_tree(from: &Path, to: &Path) {
    let mut entries: Vec<_> = fs::read_dir(from)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    fs::create_dir_all(to).expect("create folder");
    for path in entries {
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap_or_else(|e| panic!("cannot copy {}: {e}", path.display()));
        }
    }
}

fn site_yaml(n: usize) -> String {
    format!(
        "title: Benchmarkkorpus ({n} möten)\n\
         description: En genererad webbplats med {n} möten för att mäta samtals byggtid.\n\
         base_url: /\nlanguage: sv\ntheme: default\noutput: public\npublisher: Tillväxtverket\nallow_raw_html: false\n"
    )
}

fn term_index(title: &str) -> String {
    format!("---\ntitle: {}\n---\n", quote(title))
}

struct Args {
    n: usize,
    out: PathBuf,
    seed: u64,
    hugo: bool,
    force: bool,
}

fn parse_args() -> Args {
    let mut n = None;
    let mut out = None;
    let mut seed = 20180101;
    let (mut hugo, mut force) = (false, false);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| fail(&format!("{a} needs a value")));
        match a.as_str() {
            "--meetings" => n = Some(value().parse().unwrap_or_else(|_| fail("--meetings takes a number"))),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = value().parse().unwrap_or_else(|_| fail("--seed takes a number")),
            "--hugo" => hugo = true,
            "--force" => force = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    let (Some(n), Some(out)) = (n, out) else { fail("--meetings and --out are required") };
    Args { n, out, seed, hugo, force }
}

fn fail(msg: &str) -> ! {
    eprintln!("gen_corpus: {msg}\n{USAGE}");
    std::process::exit(2)
}

fn main() {
    let args = parse_args();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reg = read_registry();
    let out = &args.out;
    if out.exists() && fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(true) {
        if !args.force {
            fail(&format!("{} exists and is not empty (use --force to replace it)", out.display()));
        }
        fs::remove_dir_all(out).unwrap_or_else(|e| fail(&format!("cannot remove {}: {e}", out.display())));
    }
    let started = std::time::Instant::now();
    let meetings_dir = if args.hugo {
        copy_tree(&repo.join("bench/hugo-site"), out);
        for (i, c) in reg.counties.iter().enumerate() {
            let _ = i;
            write(&out.join(format!("content/regioner/{}/_index.md", c.slug)), term_index(&c.name).as_bytes());
        }
        for g in &reg.groupings {
            write(&out.join(format!("content/regioner/{}/_index.md", g.slug)), term_index(&g.name).as_bytes());
        }
        for t in &reg.themes {
            write(&out.join(format!("content/teman/{}/_index.md", t.slug)), term_index(&t.name).as_bytes());
        }
        write(&out.join("content/regioner/_index.md"), term_index("Regioner").as_bytes());
        write(&out.join("content/teman/_index.md"), term_index("Teman").as_bytes());
        write(&out.join("content/moten/_index.md"), term_index("Alla möten").as_bytes());
        out.join("content/moten")
    } else {
        write(&out.join("site.yaml"), site_yaml(args.n).as_bytes());
        write(&out.join("content/regions.yaml"), REGIONS_YAML.as_bytes());
        write(&out.join("content/themes.yaml"), THEMES_YAML.as_bytes());
        write(&out.join("content/counties.geojson"), COUNTIES_GEOJSON.as_bytes());
        copy_tree(&repo.join("themes/default"), &out.join("themes/default"));
        out.join("content/meetings")
    };
    fs::create_dir_all(&meetings_dir).expect("create meetings folder");

    // Two writer threads over interleaved indexes; each file is a pure function of its index.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let (bytes, words): (usize, usize) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                let (reg, dir, args) = (&reg, &meetings_dir, &args);
                scope.spawn(move || {
                    let (mut bytes, mut words) = (0, 0);
                    for i in (k..args.n).step_by(threads) {
                        let m = meeting(args.seed, reg, args.n, i);
                        let text = if args.hugo { hugo_file(&m, reg) } else { samtal_file(&m, reg) };
                        words += m.body.split_whitespace().count();
                        bytes += text.len();
                        fs::write(dir.join(format!("{}.md", m.head.slug)), text).expect("write meeting");
                    }
                    (bytes, words)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("writer thread")).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    eprintln!(
        "gen_corpus: {} meetings ({} site), {:.1} MB of Markdown, {} words/meeting on average, into {} in {:.1} s",
        args.n,
        if args.hugo { "Hugo" } else { "samtal" },
        bytes as f64 / 1e6,
        words / args.n.max(1),
        out.display(),
        started.elapsed().as_secs_f64()
    );
}
