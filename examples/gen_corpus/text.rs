//! Swedish-like text. (Word lists are kept compact: `#[rustfmt::skip]`.)

use super::*;

#[rustfmt::skip]
pub(crate) const NOUNS: &[&str] = &[
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
pub(crate) const ADJECTIVES: &[&str] = &[
    "regional", "nationell", "lokal", "gemensam", "strategisk", "långsiktig", "hållbar", "konkret", "tydlig",
    "viktig", "särskild", "stor", "liten", "ny", "befintlig", "övergripande", "ökad", "stärkt", "bred", "god",
    "aktuell", "central", "kommande", "möjlig", "nödvändig", "samlad", "fortsatt", "inomregional", "öppen",
];
#[rustfmt::skip]
pub(crate) const VERBS: &[&str] = &[
    "stärker", "utvecklar", "samordnar", "prioriterar", "diskuterar", "följer upp", "analyserar", "bidrar till",
    "påverkar", "skapar", "genomför", "planerar", "förbättrar", "stödjer", "lyfter fram", "behöver", "kräver",
    "visar", "beskriver", "redovisar", "underlättar", "möjliggör", "förankrar", "säkerställer", "bygger upp",
];
#[rustfmt::skip]
pub(crate) const ADVERBS: &[&str] = &[
    "tillsammans", "också", "därför", "särskilt", "gärna", "fortfarande", "redan", "tydligare", "konkret",
    "löpande", "under året", "på sikt", "i länet", "i regionen", "i dialogen", "framöver", "i första hand",
];
#[rustfmt::skip]
pub(crate) const CONNECTIVES: &[&str] = &["och", "men", "samt", "eftersom", "så att", "medan", "när", "där"];
#[rustfmt::skip]
pub(crate) const SUBJECTS: &[&str] = &[
    "Tillväxtverket", "Regionen", "Länsstyrelsen", "Myndigheten", "Parterna", "Avdelningen Regioner",
    "Kommunerna", "Det regionala utvecklingsansvaret", "Dialogteamet", "Samverkansorganet", "Vi",
];
#[rustfmt::skip]
pub(crate) const ROLES: &[&str] = &[
    "Regiondirektör", "Utvecklingschef", "Tillväxtchef", "Näringslivschef", "Landshövding", "Regionråd",
    "Avdelningschef", "Enhetschef", "Handläggare", "Analytiker", "Strateg", "Processledare", "Kommunikatör",
];
#[rustfmt::skip]
pub(crate) const UNITS: &[&str] = &["Regioner", "Miljö och innovation", "Företagsutveckling", "Analys", "Kommunikation"];
#[rustfmt::skip]
pub(crate) const OWNERS: &[&str] = &[
    "Tillväxtverket, avdelningen Regioner", "Tillväxtverket, avdelningen Analys", "Regionen", "Länsstyrelsen",
    "Tillväxtverket och regionen tillsammans", "Dialogteamet",
];
#[rustfmt::skip]
pub(crate) const HEADINGS: &[&str] = &[
    "Bakgrund", "Om mötet", "Diskussion", "Resultat", "Nästa steg", "Länet i sammanhanget", "Utmaningar",
    "Möjligheter", "Uppföljning", "Synpunkter från regionen", "Det här är inte känt", "Sammanfattning",
];
#[rustfmt::skip]
pub(crate) const STATUSES: &[&str] = &["planned", "ongoing", "done"];
#[rustfmt::skip]
pub(crate) const TABLE_STATUS: &[&str] = &["Pågår", "Klar", "Planerad", "Vilande"];

/// Word counter for the body; every emitted word goes through here.
pub(crate) struct Text {
    pub(crate) out: String,
    pub(crate) words: usize,
}

impl Text {
    pub(crate) fn word(&mut self, w: &str) {
        self.out.push_str(w);
        self.words += w.split(' ').count();
    }
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One sentence, optionally carrying a link or bold phrase.
pub(crate) fn sentence(rng: &mut Rng, t: &mut Text, link: Option<(&str, &str)>) {
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

pub(crate) fn paragraph(rng: &mut Rng, t: &mut Text, links: &mut Vec<(String, String)>) {
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
