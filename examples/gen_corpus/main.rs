//! A deterministic benchmark corpus: N meetings with realistic front matter and 400–800
//! words of Swedish-like Markdown each, written as a complete samtal site (or, with
//! `--hugo`, as a Hugo site using `bench/hugo-site/`: a heavy one, far slower than lean Hugo,
//! kept for old figures only; compare with other generators through `bench/peers.sh`).
//!
//!     cargo run --release --example gen_corpus -- --meetings 10000 --out /dev/shm/c10k
//!     cargo run --release --example gen_corpus -- --meetings 10000 --out /dev/shm/h10k --hugo
//!
//! Same `--seed` and N → byte-identical output. Every meeting is a pure function of
//! (seed, index), so a body can link to any other meeting by computing its slug.
//! Every link points to a page that exists, so `samtal check` passes on the corpus. The first
//! meetings are `meetings::LANDMARKS`: fixed titles and summaries that the search relevance
//! file (`tests/search/relevance.json`) expects first for some queries.

mod meetings;
mod registry;
mod rng;
mod text;

use meetings::*;
use registry::*;
use rng::*;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use text::*;

const REGIONS_YAML: &str = include_str!("../../content/regions.yaml");
const THEMES_YAML: &str = include_str!("../../content/themes.yaml");
const COUNTIES_GEOJSON: &str = include_str!("../../content/counties.geojson");

const USAGE: &str = "usage: gen_corpus --meetings N --out DIR [--seed S] [--hugo] [--force]";

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
