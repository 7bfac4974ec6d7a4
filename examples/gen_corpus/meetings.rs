//! Meetings: each a pure function of (seed, index).

use super::*;

pub(crate) struct Head {
    pub(crate) date: String,
    pub(crate) hugo_date: String,
    pub(crate) regions: Vec<usize>,
    pub(crate) slug: String,
}

/// The first meetings of every corpus: each with its own county, address, title and summary,
/// written so that one meeting is plainly the best answer to some queries (the search
/// relevance file `tests/search/relevance.json` names them): a compound ("Uppföljningsmöte",
/// "smartspecialisering", "-försörjning") and words no other meeting uses ("havsplanering",
/// "torka", "säsongsarbete"). The rest of each is generated as any other meeting.
pub(crate) struct Landmark {
    pub(crate) county: &'static str,
    pub(crate) slug: &'static str,
    pub(crate) title: &'static str,
    pub(crate) summary: &'static str,
}

#[rustfmt::skip]
pub(crate) const LANDMARKS: &[Landmark] = &[
    Landmark {
        county: "gotland",
        slug: "uppfoljningsmote-gotland",
        title: "Uppföljningsmöte om smartspecialisering med Region Gotland",
        summary: "Region Gotland och Tillväxtverket följde upp smartspecialiseringen och arbetet med havsplanering.",
    },
    Landmark {
        county: "jamtland",
        slug: "besoksnaring-jamtland",
        title: "Besöksnäringens kompetensförsörjning i Jämtland",
        summary: "Dialogen handlade om säsongsarbete och om hur besöksnäringen hittar arbetskraft.",
    },
    Landmark {
        county: "kalmar",
        slug: "torka-kalmar",
        title: "Torka och vattenförsörjning i Kalmar län",
        summary: "Regionen beskrev hur torkan påverkar lantbruket och vattenförsörjningen.",
    },
];

/// Regions are indexes into counties, then groupings (`counties.len() + g`).
pub(crate) fn head(seed: u64, reg: &Registry, index: usize) -> (Head, Rng) {
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
    let mut slug = format!("{date}-{}-{index:06}", region_slug(reg, first));
    if let Some(landmark) = LANDMARKS.get(index) {
        let county = reg.counties.iter().position(|c| c.slug == landmark.county).expect("a landmark's county");
        regions = vec![county];
        slug = landmark.slug.to_string();
    }
    (Head { date, hugo_date, regions, slug }, rng)
}

pub(crate) fn region_slug(reg: &Registry, i: usize) -> &str {
    if i < reg.counties.len() { &reg.counties[i].slug } else { &reg.groupings[i - reg.counties.len()].slug }
}

pub(crate) fn region_name(reg: &Registry, i: usize) -> &str {
    if i < reg.counties.len() { &reg.counties[i].name } else { &reg.groupings[i - reg.counties.len()].name }
}

pub(crate) struct FollowUp {
    pub(crate) action: String,
    pub(crate) owner: String,
    pub(crate) due: Option<String>,
    pub(crate) status: &'static str,
}

pub(crate) struct Meeting {
    pub(crate) head: Head,
    pub(crate) title: String,
    pub(crate) themes: Vec<usize>,
    pub(crate) participants: Vec<&'static str>,
    pub(crate) units: Vec<&'static str>,
    pub(crate) summary: String,
    pub(crate) outcomes: Vec<String>,
    pub(crate) follow_ups: Vec<FollowUp>,
    pub(crate) body: String,
}

pub(crate) fn short_sentence(rng: &mut Rng) -> String {
    let mut t = Text { out: String::new(), words: 0 };
    sentence(rng, &mut t, None);
    t.out.replace("**", "")
}

pub(crate) fn meeting(seed: u64, reg: &Registry, n: usize, index: usize) -> Meeting {
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
    let mut summary = format!("{} {}", short_sentence(&mut rng), short_sentence(&mut rng));
    let title = match LANDMARKS.get(index) {
        Some(landmark) => {
            summary = landmark.summary.to_string();
            landmark.title.to_string()
        }
        None => title,
    };
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
