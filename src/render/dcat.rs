//! `data/dcat.rdf`: the open data described for the national data portal (dataportal.se) as a
//! DCAT-AP-SE 3.0 catalogue in RDF/XML: the catalogue; the meetings as a `dcat:DatasetSeries`
//! (the dialogues over every round) with one `dcat:Dataset` per round (`dcat:inSeries`, its
//! own period, `modified` and spatial coverage, and the round's meetings tables as
//! distributions); one dataset each for the agreed actions and the meetings' counties; one
//! distribution per file, the publisher and a contact point, each a resource with an absolute
//! IRI (no blank nodes), so it is made only when `base_url` has a host. Publisher and contact
//! come from site.yaml (`publisher`, `publisher_url`, `contact`), the licence from `license:`;
//! `dcterms:spatial` lists the NUTS codes of the counties and groupings of the meetings;
//! `modified` is the newest meeting's `updated:` or date, as a day ([`crate::model::exact_day`]).

use super::data;
use super::{OutputFile, escape_xml};
use crate::model::follow::first_day;
use crate::model::round::Round;
use crate::model::routes::Route;
use crate::model::{Meeting, PartialDate, Site};
use std::fmt::Write as _;

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// The EU's vocabularies that DCAT-AP-SE asks for.
const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
const LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
const DATA_THEME_GOVERNMENT: &str = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
const COUNTRY_SWEDEN: &str = "http://publications.europa.eu/resource/authority/country/SWE";
const NUTS: &str = "http://data.europa.eu/nuts/code/";

/// A table's dataset besides the meetings' series: an id (its IRI's fragment), its title and
/// description keys, its tables.
struct DatasetSpec {
    fragment: &'static str,
    title: &'static str,
    description: &'static str,
    tables: [Route<'static>; 3],
}

const DATASETS: [DatasetSpec; 2] = [
    DatasetSpec {
        fragment: "follow-ups",
        title: "data_follow_ups_title",
        description: "data_follow_ups_description",
        tables: [Route::FollowUpsJson, Route::FollowUpsCsv, Route::FollowUpsCsvExcel],
    },
    DatasetSpec {
        fragment: "meeting-counties",
        title: "data_counties_title",
        description: "data_counties_description",
        tables: [Route::CountiesJson, Route::CountiesCsv, Route::CountiesCsvExcel],
    },
];

/// The meetings' series: the dialogues over every round (`#meetings`).
const SERIES: &str = "meetings";

/// A round's dataset in the series: `#meetings/<round>`.
fn round_fragment(round: &str) -> String {
    format!("{SERIES}/{round}")
}

/// The file type (EU vocabulary) and media type of a table.
fn formats(route: Route<'_>) -> (&'static str, &'static str) {
    if route.path().ends_with(".json") { ("JSON", "application/json") } else { ("CSV", "text/csv") }
}

/// An `xsd:date`, `xsd:gYearMonth` or `xsd:gYear` literal as precise as the date is known.
fn date_literal(d: PartialDate) -> (String, &'static str) {
    match (d.month, d.day) {
        (Some(_), Some(_)) => (d.to_string(), "date"),
        (Some(_), None) => (d.to_string(), "gYearMonth"),
        _ => (d.to_string(), "gYear"),
    }
}

/// The IRIs of the catalogue's own resources: fragments of the catalogue file's URL.
fn iri(site: &Site, fragment: &str) -> String {
    format!("{}#{fragment}", site.urls.absolute_to(Route::DataCatalog))
}

/// The publisher's IRI: `publisher_url:` when given, else a resource in the catalogue.
pub fn publisher_iri(site: &Site) -> String {
    site.config.publisher_url.clone().unwrap_or_else(|| iri(site, "publisher"))
}

fn publisher_name(site: &Site) -> &str {
    site.config.publisher.as_deref().unwrap_or(&site.config.title)
}

/// The contact point's addresses as IRIs: an e-mail address (`hasEmail`, which DCAT-AP-SE asks
/// for) from `contact:`, else the accessibility statement's `feedback: email:`; a web address
/// from `contact:`; and the site's home page only when neither is known.
fn contact_addresses(site: &Site) -> Vec<(&'static str, String)> {
    let contact = site.config.contact.as_deref().map(str::trim);
    let email = contact
        .filter(|c| c.contains('@') && !c.contains("://"))
        .map(|c| c.trim_start_matches("mailto:").to_string())
        .or_else(|| site.config.accessibility.as_ref().and_then(|a| a.feedback.email.clone()));
    let url = contact.filter(|c| c.starts_with("https://") || c.starts_with("http://")).map(str::to_string);
    let mut out: Vec<(&'static str, String)> = email.map(|e| ("hasEmail", format!("mailto:{e}"))).into_iter().collect();
    out.extend(url.map(|u| ("hasURL", u)));
    if out.is_empty() {
        out.push(("hasURL", site.urls.absolute_to(Route::Home)));
    }
    out
}

/// The NUTS codes of every county and grouping that published meetings name, sorted. Only
/// codes as NUTS writes them (letters and digits, `SE224`) become IRIs: a `code:` with `<`,
/// a quote or a space would make an IRI that RDF readers refuse, and with it the catalogue.
fn spatial_codes<'a>(site: &Site, meetings: impl Iterator<Item = &'a Meeting>) -> Vec<String> {
    let mut codes: Vec<String> = meetings
        .flat_map(|m| data::region_codes(site, &m.regions).nuts_codes)
        .filter(|code| !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric()))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

fn literal(out: &mut String, indent: &str, property: &str, lang: &str, text: &str) {
    let _ = writeln!(out, "{indent}<{property} xml:lang=\"{lang}\">{}</{property}>", escape_xml(text));
}

fn resource(out: &mut String, indent: &str, property: &str, iri: &str) {
    let _ = writeln!(out, "{indent}<{property} rdf:resource=\"{}\"/>", escape_xml(iri));
}

fn typed(out: &mut String, indent: &str, property: &str, value: &str, datatype: &str) {
    let _ = writeln!(out, "{indent}<{property} rdf:datatype=\"{XSD}{datatype}\">{}</{property}>", escape_xml(value));
}

fn distribution(out: &mut String, site: &Site, route: Route<'_>, size: u64) {
    let url = site.urls.absolute_to(route);
    let (file_type, media_type) = formats(route);
    let lang = site.lang();
    let mut title = route.path().trim_start_matches("data/").to_string();
    if matches!(
        route,
        Route::DataCsvExcel | Route::FollowUpsCsvExcel | Route::CountiesCsvExcel | Route::RoundDataCsvExcel(_)
    ) {
        title = format!("{title} ({})", lang.ui("data_excel"));
    }
    let _ = writeln!(out, "  <dcat:Distribution rdf:about=\"{}\">", escape_xml(&iri(site, &route.path())));
    literal(out, "    ", "dcterms:title", lang.code(), &title);
    resource(out, "    ", "dcat:accessURL", &url);
    resource(out, "    ", "dcat:downloadURL", &url);
    resource(out, "    ", "dcterms:format", &format!("{FILE_TYPE}{file_type}"));
    resource(out, "    ", "dcat:mediaType", &format!("https://www.iana.org/assignments/media-types/{media_type}"));
    if let Some(license) = &site.config.license {
        resource(out, "    ", "dcterms:license", license);
    }
    typed(out, "    ", "dcat:byteSize", &size.to_string(), "nonNegativeInteger");
    out.push_str("  </dcat:Distribution>\n");
}

/// What a dataset (or the series) of the catalogue says besides its title and description.
struct Described<'a> {
    fragment: String,
    title: String,
    description: String,
    /// The series it belongs to (`dcat:inSeries`), for a round's dataset.
    in_series: Option<String>,
    /// The NUTS codes of its meetings ([`spatial_codes`]).
    spatial: Vec<String>,
    /// Its meetings' dates, oldest and newest (`dcterms:temporal`), when it is about meetings.
    period: Option<(PartialDate, PartialDate)>,
    modified: Option<PartialDate>,
    tables: Vec<Route<'a>>,
}

/// The dates of `meetings`, oldest and newest, as precise as they are known: a period from
/// the first possible day of the oldest to the last possible day of the newest.
fn period<'a>(meetings: impl Iterator<Item = &'a Meeting> + Clone) -> Option<(PartialDate, PartialDate)> {
    let oldest = meetings.clone().map(|m| m.date).min_by_key(|d| first_day(*d))?;
    let newest = meetings.map(|m| m.date).max_by_key(PartialDate::last_day)?;
    Some((oldest, newest))
}

/// The newest of `meetings`' `updated:` or date as a day, by the site's one rule.
fn modified<'a>(site: &Site, meetings: impl Iterator<Item = &'a Meeting>) -> Option<PartialDate> {
    let known = site.latest_exact_date();
    meetings.map(|m| m.exact_updated(known)).max()
}

/// A round's published meetings.
fn round_meetings<'a>(site: &'a Site, r: &'a Round) -> impl Iterator<Item = &'a Meeting> + Clone + 'a {
    r.meetings.iter().map(|&i| &site.meetings[i]).filter(|m| !m.draft)
}

/// The catalogue as RDF/XML; `sizes` are the tables' byte sizes ([`data::sizes`]).
pub fn catalogue(site: &Site, sizes: &[(Route<'_>, u64)]) -> Vec<u8> {
    let lang = site.lang();
    let code = lang.code();
    let language = format!("{LANGUAGE}{}", if code == "sv" { "SWE" } else { "ENG" });
    // A day: DCAT-AP-SE's `dcterms:modified` is an `xsd:date`, and a meeting known only by its
    // year gets the latest exact date of the content, never the year's first day.
    let published = || site.meetings.iter().filter(|m| !m.draft);
    let modified_all = modified(site, published());
    let size = |route: Route<'_>| data::size_in(sizes, route);
    let title = &site.config.title;

    let spatial = spatial_codes(site, published());
    let series = Described {
        fragment: SERIES.to_string(),
        title: format!("{title}: {}", lang.ui("data_meetings_title")),
        description: lang.ui("data_meetings_series_description").to_string(),
        in_series: None,
        spatial: spatial.clone(),
        period: period(published()),
        modified: modified_all,
        tables: Vec::new(),
    };
    let rounds = crate::model::routes::published_rounds(site).map(|r| Described {
        fragment: round_fragment(&r.slug),
        title: format!("{title}: {}", lang.ui("data_round_title").replace("{round}", site.round_name(&r.slug))),
        description: lang.ui("data_round_description").replace("{round}", site.round_name(&r.slug)),
        in_series: Some(iri(site, SERIES)),
        spatial: spatial_codes(site, round_meetings(site, r)),
        period: period(round_meetings(site, r)),
        modified: modified(site, round_meetings(site, r)),
        tables: vec![Route::RoundDataJson(&r.slug), Route::RoundDataCsv(&r.slug), Route::RoundDataCsvExcel(&r.slug)],
    });
    let others = DATASETS.iter().map(|d| Described {
        fragment: d.fragment.to_string(),
        title: format!("{title}: {}", lang.ui(d.title)),
        description: lang.ui(d.description).to_string(),
        in_series: None,
        spatial: spatial.clone(),
        period: None,
        modified: modified_all,
        tables: d.tables.to_vec(),
    });
    let datasets: Vec<Described<'_>> = rounds.chain(others).collect();

    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n",
        "         xmlns:dcat=\"http://www.w3.org/ns/dcat#\"\n",
        "         xmlns:dcterms=\"http://purl.org/dc/terms/\"\n",
        "         xmlns:foaf=\"http://xmlns.com/foaf/0.1/\"\n",
        "         xmlns:vcard=\"http://www.w3.org/2006/vcard/ns#\">\n",
    ));
    let _ = writeln!(out, "  <dcat:Catalog rdf:about=\"{}\">", escape_xml(&iri(site, "catalog")));
    literal(&mut out, "    ", "dcterms:title", code, title);
    let description = if site.config.description.is_empty() { title } else { &site.config.description };
    literal(&mut out, "    ", "dcterms:description", code, description);
    resource(&mut out, "    ", "dcterms:publisher", &publisher_iri(site));
    resource(&mut out, "    ", "foaf:homepage", &site.urls.absolute_to(Route::DataPage));
    resource(&mut out, "    ", "dcterms:language", &language);
    if let Some(license) = &site.config.license {
        resource(&mut out, "    ", "dcterms:license", license);
    }
    if let Some(d) = modified_all {
        let (value, datatype) = date_literal(d);
        typed(&mut out, "    ", "dcterms:modified", &value, datatype);
    }
    // The series is a dataset too (DCAT 3: `dcat:DatasetSeries` is a subclass of `dcat:Dataset`),
    // listed with its members so that a harvester finds both.
    for d in std::iter::once(&series).chain(&datasets) {
        resource(&mut out, "    ", "dcat:dataset", &iri(site, &d.fragment));
    }
    out.push_str("  </dcat:Catalog>\n");

    // The series has no distributions of its own (DCAT-AP 3.0 gives it none): its rounds have.
    described(&mut out, site, "dcat:DatasetSeries", &series, &language);
    for d in &datasets {
        described(&mut out, site, "dcat:Dataset", d, &language);
        for &table in &d.tables {
            distribution(&mut out, site, table, size(table));
        }
    }

    // foaf:Agent, as DCAT-AP-SE's own example has it (a validator without inference would not
    // take an Organization for an Agent), and also an Organization.
    let _ = writeln!(out, "  <foaf:Agent rdf:about=\"{}\">", escape_xml(&publisher_iri(site)));
    resource(&mut out, "    ", "rdf:type", "http://xmlns.com/foaf/0.1/Organization");
    literal(&mut out, "    ", "foaf:name", code, publisher_name(site));
    out.push_str("  </foaf:Agent>\n");
    let _ = writeln!(out, "  <vcard:Organization rdf:about=\"{}\">", escape_xml(&iri(site, "contact")));
    literal(&mut out, "    ", "vcard:fn", code, publisher_name(site));
    for (property, address) in contact_addresses(site) {
        resource(&mut out, "    ", &format!("vcard:{property}"), &address);
    }
    out.push_str("  </vcard:Organization>\n");
    out.push_str("</rdf:RDF>\n");
    out.into_bytes()
}

/// A dataset or the series (`class`) with DCAT-AP-SE's mandatory and recommended properties,
/// and its period of time (`#<fragment>/period`) after it.
fn described(out: &mut String, site: &Site, class: &str, d: &Described<'_>, language: &str) {
    let code = site.lang().code();
    let about = iri(site, &d.fragment);
    let _ = writeln!(out, "  <{class} rdf:about=\"{}\">", escape_xml(&about));
    literal(out, "    ", "dcterms:title", code, &d.title);
    literal(out, "    ", "dcterms:description", code, &d.description);
    if let Some(series) = &d.in_series {
        resource(out, "    ", "dcat:inSeries", series);
    }
    resource(out, "    ", "dcterms:publisher", &publisher_iri(site));
    resource(out, "    ", "dcat:contactPoint", &iri(site, "contact"));
    resource(out, "    ", "dcat:landingPage", &site.urls.absolute_to(Route::DataPage));
    resource(out, "    ", "dcat:theme", DATA_THEME_GOVERNMENT);
    resource(out, "    ", "dcterms:language", language);
    resource(out, "    ", "dcterms:spatial", COUNTRY_SWEDEN);
    for nuts in &d.spatial {
        resource(out, "    ", "dcterms:spatial", &format!("{NUTS}{nuts}"));
    }
    let period_iri = format!("{about}/period");
    if d.period.is_some() {
        resource(out, "    ", "dcterms:temporal", &period_iri);
    }
    if let Some(m) = d.modified {
        let (value, datatype) = date_literal(m);
        typed(out, "    ", "dcterms:modified", &value, datatype);
    }
    for table in &d.tables {
        resource(out, "    ", "dcat:distribution", &iri(site, &table.path()));
    }
    let _ = writeln!(out, "  </{class}>");
    if let Some((start, end)) = d.period {
        // As precise as the meetings' dates are known (`2018` is an `xsd:gYear`), never a
        // first of January made up for a year.
        let _ = writeln!(out, "  <dcterms:PeriodOfTime rdf:about=\"{}\">", escape_xml(&period_iri));
        let (value, datatype) = date_literal(start);
        typed(out, "    ", "dcat:startDate", &value, datatype);
        let (value, datatype) = date_literal(end);
        typed(out, "    ", "dcat:endDate", &value, datatype);
        out.push_str("  </dcterms:PeriodOfTime>\n");
    }
}

/// `data/dcat.rdf`, when `base_url` has a host (the catalogue's IRIs must be absolute).
pub fn files(site: &Site, sizes: &[(Route<'_>, u64)]) -> Vec<OutputFile> {
    if !site.urls.has_origin() {
        return Vec::new();
    }
    vec![OutputFile { path: Route::DataCatalog.output_file(), bytes: catalogue(site, sizes).into() }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixtures;
    use oxrdfxml::RdfXmlParser;
    use std::collections::BTreeSet;

    const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    const DCAT: &str = "http://www.w3.org/ns/dcat#";
    const DCT: &str = "http://purl.org/dc/terms/";

    /// The triples as (subject, predicate, object) strings; a blank node fails the test.
    fn triples(site: &Site) -> Vec<(String, String, String)> {
        let sizes = data::sizes(site, PartialDate::parse("2026-01-01").unwrap());
        let bytes = catalogue(site, &sizes);
        RdfXmlParser::new()
            .for_slice(&bytes)
            .map(|t| {
                let t = t.unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&bytes)));
                let subject = match &t.subject {
                    oxrdf::NamedOrBlankNode::NamedNode(n) => n.as_str().to_string(),
                    other => panic!("blank node {other}"),
                };
                let object = match &t.object {
                    oxrdf::Term::NamedNode(n) => n.as_str().to_string(),
                    oxrdf::Term::Literal(l) => l.value().to_string(),
                    other => panic!("blank node {other}"),
                };
                (subject, t.predicate.as_str().to_string(), object)
            })
            .collect()
    }

    fn of_type<'a>(triples: &'a [(String, String, String)], class: &str) -> Vec<&'a str> {
        triples.iter().filter(|(_, p, o)| p == RDF_TYPE && o == class).map(|(s, _, _)| s.as_str()).collect()
    }

    fn has(triples: &[(String, String, String)], subject: &str, predicate: &str) -> bool {
        triples.iter().any(|(s, p, _)| s == subject && p == predicate)
    }

    fn objects<'a>(triples: &'a [(String, String, String)], subject: &str, predicate: &str) -> BTreeSet<&'a str> {
        triples.iter().filter(|(s, p, _)| s == subject && p == predicate).map(|(_, _, o)| o.as_str()).collect()
    }

    fn site() -> Site {
        let mut site = fixtures::site("https://example.org/samtal/");
        site.config.license = Some("https://creativecommons.org/publicdomain/zero/1.0/".into());
        site.config.contact = Some("data@example.org".into());
        site.registry.counties[0].nuts3 = "SE123".into();
        site
    }

    #[test]
    fn the_catalogue_parses_as_rdf_xml_and_has_dcat_ap_se_mandatory_properties() {
        // DCAT-AP-SE 3.0 (after DCAT-AP 3.0): a catalogue needs title, description, publisher
        // and its datasets; a dataset title, description, publisher and contact point; a
        // distribution an access URL. Also checked: licence, formats, spatial, modified.
        let t = triples(&site());
        let catalogs = of_type(&t, &format!("{DCAT}Catalog"));
        assert_eq!(catalogs, ["https://example.org/samtal/data/dcat.rdf#catalog"]);
        for p in ["title", "description", "publisher", "modified", "license", "language"] {
            assert!(has(&t, catalogs[0], &format!("{DCT}{p}")), "catalogue without dcterms:{p}");
        }
        let datasets = of_type(&t, &format!("{DCAT}Dataset"));
        assert_eq!(datasets.len(), 3, "the fixture's one round, the actions and the counties");
        let series = of_type(&t, &format!("{DCAT}DatasetSeries"));
        assert_eq!(series, ["https://example.org/samtal/data/dcat.rdf#meetings"]);
        let listed: BTreeSet<&str> = datasets.iter().chain(&series).copied().collect();
        assert_eq!(objects(&t, catalogs[0], &format!("{DCAT}dataset")), listed);
        for d in datasets.iter().chain(&series) {
            for p in ["title", "description", "publisher", "spatial", "modified"] {
                assert!(has(&t, d, &format!("{DCT}{p}")), "{d} without dcterms:{p}");
            }
            assert!(has(&t, d, &format!("{DCAT}contactPoint")), "{d} without a contact point");
            assert_eq!(objects(&t, d, &format!("{DCT}modified")), BTreeSet::from(["2018-05-16"]));
            let spatial = objects(&t, d, &format!("{DCT}spatial"));
            assert!(spatial.contains("http://data.europa.eu/nuts/code/SE123"), "{spatial:?}");
        }
        let distributions = of_type(&t, &format!("{DCAT}Distribution"));
        assert_eq!(distributions.len(), 9);
        for d in &distributions {
            let access = objects(&t, d, &format!("{DCAT}accessURL"));
            assert!(access.iter().all(|u| u.starts_with("https://example.org/samtal/data/")), "{access:?}");
            assert!(has(&t, d, &format!("{DCT}license")) && has(&t, d, &format!("{DCT}format")), "{d}");
        }
        let publisher = objects(&t, catalogs[0], &format!("{DCT}publisher"));
        let publisher = publisher.first().unwrap();
        assert_eq!(objects(&t, publisher, "http://xmlns.com/foaf/0.1/name"), BTreeSet::from(["Tillväxtverket"]));
        assert!(objects(&t, publisher, RDF_TYPE).contains("http://xmlns.com/foaf/0.1/Agent"));
        let contact = "https://example.org/samtal/data/dcat.rdf#contact";
        assert_eq!(
            objects(&t, contact, "http://www.w3.org/2006/vcard/ns#hasEmail"),
            BTreeSet::from(["mailto:data@example.org"])
        );
        for (s, _, o) in &t {
            assert!(s.starts_with("http"), "relative IRI {s}");
            assert!(!o.starts_with('/'), "relative IRI {o}");
        }
    }

    #[test]
    fn the_contact_point_has_an_email_address_from_the_accessibility_feedback() {
        // Guards issue 31 item 6: without `contact:` the contact point was the home page, and
        // DCAT-AP-SE asks for an e-mail address.
        let mut site = site();
        site.config.contact = None;
        let contact = "https://example.org/samtal/data/dcat.rdf#contact";
        let email = "http://www.w3.org/2006/vcard/ns#hasEmail";
        assert!(objects(&triples(&site), contact, email).is_empty());
        site.config.accessibility = Some(crate::model::accessibility::Accessibility {
            status: crate::model::accessibility::Compliance::Full,
            problems: vec![],
            exemptions: vec![],
            out_of_scope: vec![],
            assessed: PartialDate::parse("2026-01-01").unwrap(),
            updated: PartialDate::parse("2026-01-02").unwrap(),
            method: "Självskattning".into(),
            feedback: crate::model::accessibility::Feedback {
                email: Some("webb@example.org".into()),
                form: None,
                response_time: "inom en vecka".into(),
            },
            contact: None,
        });
        assert_eq!(objects(&triples(&site), contact, email), BTreeSet::from(["mailto:webb@example.org"]));
    }

    #[test]
    fn without_a_host_there_is_no_catalogue() {
        // Guards: a catalogue with relative IRIs would be rejected by the data portal.
        assert!(files(&fixtures::site("/"), &[]).is_empty());
    }
}
