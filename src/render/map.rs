//! The map of Sweden: an inline SVG of the counties, drawn at build time from
//! `content/counties.geojson` (WGS84 lon/lat, one feature per county with `iso_3166_2`).
//!
//! Projection: equirectangular with longitude scaled by cos 62° (Sweden's middle latitude),
//! fitted into a 300 × 660 viewBox, coordinates rounded to 0.1. The path data and every
//! county's link are computed once per build ([`CountyMap::new`]); [`CountyMap::render`] only
//! assembles them, with or without a highlighted county.
//!
//! Colour: the map shows one thing about the counties, the first of these that differs
//! between them ([`Colouring::choose`]): the number of meetings held with each county, whether
//! outcomes are published, whether follow-ups are open. A site whose counties all had one
//! meeting, two of them with published outcomes, so shows the outcomes. The legend lists only
//! the classes some county is in, and says what the colour shows.
//!
//! Markup: `<svg class="county-map" role="group" aria-labelledby="county-map-title">` with a
//! `<title>` and the data source in `<desc>`; each county is
//! `<a class="county-map__county c-N" href aria-label="Östergötland: 2 möten, resultat publicerat">
//! <title>…</title><path class="shade-N" d/></a>`, shade N = 0–4. The highlighted county's `<a>`
//! also has the class `current` and `aria-current="page"`. Last comes
//! `<g class="county-map__labels" aria-hidden="true">` with each county's name at its middle
//! (`<text class="l-N">`), shown while its county is hovered or focused (the `<style>` in the
//! SVG has one `:has()` rule per county), and always for the highlighted county; drawn last, so
//! no neighbouring county covers it. The full map is followed by its legend,
//! `<p class="map-legend__title">` and `<ul class="map-legend">` with a
//! `<span class="swatch shade-N">` per class; the small one (`county-map--small`) has none. Fill
//! colours are presentation attributes, so a stylesheet's `.shade-N { fill: … }` overrides them.

use super::escape_xml;
use crate::i18n::Lang;
use crate::model::Site;
use crate::model::site::county_name;
use serde_json::Value;
use std::fmt::Write;

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 660.0;
const PADDING: f64 = 4.0;
/// Longitudes are scaled by the cosine of this latitude.
const MID_LATITUDE: f64 = 62.0;
/// Default fills of `shade-0` … `shade-4` (no meetings … four or more).
const FILLS: [&str; 5] = ["#e8e8e8", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];
const TITLE_ID: &str = "county-map-title";

/// The county map of one build; empty when the site has no `counties.geojson`.
pub struct CountyMap {
    drawing: Option<Drawing>,
}

struct Drawing {
    title: String,
    desc: Option<String>,
    /// Counties of the registry that have a shape, in alphabetical order.
    counties: Vec<CountyShape>,
    /// Shapes not matched to a county of the registry, drawn without links.
    unlinked: String,
    legend: String,
    /// The `<style>` that shows a county's name while it is hovered or focused.
    label_style: String,
    /// Each grouping's member counties: its page's map highlights them all.
    groupings: Vec<(String, Vec<String>)>,
}

struct CountyShape {
    slug: String,
    href: String,
    /// Accessible name, escaped: "Östergötland: 2 möten, resultat publicerat".
    label: String,
    /// The county's name, escaped, and where it is written (the middle of its largest part).
    name: String,
    name_at: (i64, i64),
    shade: usize,
    d: String,
}

/// What the map's colour shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Colouring {
    /// The number of meetings held with the county itself (shade 0–4, 4 = four or more).
    Meetings,
    /// Whether a meeting of the county has published outcomes (none / no / yes).
    Outcomes,
    /// Whether a meeting of the county has follow-ups not yet done (none / no / yes).
    OpenFollowUps,
}

/// Shades of the yes/no colourings: no meetings, meetings but not the thing, the thing.
const NO_MEETINGS: usize = 0;
const WITHOUT: usize = 1;
const WITH: usize = 3;

/// What the map knows about one county.
struct CountyFacts {
    meetings: usize,
    via_groupings: usize,
    outcomes: bool,
    open_follow_ups: bool,
}

impl CountyFacts {
    fn of(site: &Site, slug: &str) -> CountyFacts {
        let meetings = site.meetings_of(slug);
        let m = |i: &usize| &site.meetings[*i];
        CountyFacts {
            meetings: meetings.len(),
            via_groupings: site.grouping_meeting_count(slug),
            outcomes: meetings.iter().any(|i| !m(i).outcomes.is_empty()),
            open_follow_ups: meetings
                .iter()
                .any(|&i| (0..m(&i).follow_ups.len()).any(|n| site.follow.is_open(&site.meetings, (i, n)))),
        }
    }

    fn yes_no(&self, yes: bool) -> usize {
        match (self.meetings, yes) {
            (0, _) => NO_MEETINGS,
            (_, false) => WITHOUT,
            (_, true) => WITH,
        }
    }
}

impl Colouring {
    /// The first colouring under which the counties differ; the number of meetings when
    /// none does (every county then has the same colour, and the legend one entry).
    fn choose(facts: &[&CountyFacts]) -> Colouring {
        [Colouring::Meetings, Colouring::Outcomes, Colouring::OpenFollowUps]
            .into_iter()
            .find(|c| {
                let first = facts.first().map(|f| c.shade(f));
                facts.iter().any(|f| Some(c.shade(f)) != first)
            })
            .unwrap_or(Colouring::Meetings)
    }

    fn shade(self, f: &CountyFacts) -> usize {
        match self {
            Colouring::Meetings => f.meetings.min(FILLS.len() - 1),
            Colouring::Outcomes => f.yes_no(f.outcomes),
            Colouring::OpenFollowUps => f.yes_no(f.open_follow_ups),
        }
    }

    /// What the legend says the colour shows.
    fn title(self, lang: Lang) -> &'static str {
        lang.ui(match self {
            Colouring::Meetings => "map_legend",
            Colouring::Outcomes => "map_legend_outcomes",
            Colouring::OpenFollowUps => "map_legend_follow_ups",
        })
    }

    /// The legend's words for a shade, and the part of a county's label it adds.
    fn class_label(self, site: &Site, shade: usize) -> String {
        let lang = site.lang();
        match (self, shade) {
            (Colouring::Meetings, n) if n + 1 == FILLS.len() => {
                meeting_count(site, n).replacen(&n.to_string(), &format!("{n}+"), 1)
            }
            (Colouring::Meetings, n) => meeting_count(site, n),
            (_, NO_MEETINGS) => lang.ui("map_no_meetings").into(),
            (Colouring::Outcomes, WITH) => lang.ui("map_outcomes_published").into(),
            (Colouring::Outcomes, _) => lang.ui("map_no_outcomes").into(),
            (Colouring::OpenFollowUps, WITH) => lang.ui("map_follow_ups_open").into(),
            (Colouring::OpenFollowUps, _) => lang.ui("map_no_follow_ups_open").into(),
        }
    }
}

type Ring = Vec<(f64, f64)>;

struct Shape {
    iso: String,
    rings: Vec<Ring>,
}

fn position(v: &Value) -> Option<(f64, f64)> {
    let a = v.as_array()?;
    Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
}

fn ring(v: &Value) -> Option<Ring> {
    v.as_array()?.iter().map(position).collect()
}

fn polygon(v: &Value) -> Vec<Ring> {
    v.as_array().map(|rings| rings.iter().filter_map(ring).collect()).unwrap_or_default()
}

/// The shapes of a GeoJSON FeatureCollection and its top-level `attribution`.
fn parse(geojson: &str) -> Option<(Vec<Shape>, Option<String>)> {
    let root: Value = serde_json::from_str(geojson).ok()?;
    let attribution = root.get("attribution").and_then(Value::as_str).map(str::to_string);
    let shapes = root
        .get("features")?
        .as_array()?
        .iter()
        .filter_map(|f| {
            let iso = f.get("properties")?.get("iso_3166_2")?.as_str()?.to_string();
            let geometry = f.get("geometry")?;
            let coordinates = geometry.get("coordinates")?;
            let rings = match geometry.get("type")?.as_str()? {
                "Polygon" => polygon(coordinates),
                "MultiPolygon" => coordinates.as_array()?.iter().flat_map(polygon).collect(),
                _ => return None,
            };
            Some(Shape { iso, rings })
        })
        .collect();
    Some((shapes, attribution))
}

/// Lon/lat → viewBox coordinates, fitted to the bounding box of all shapes.
struct Projection {
    k: f64,
    lon0: f64,
    lat1: f64,
    scale: f64,
    dx: f64,
    dy: f64,
}

impl Projection {
    fn fit(shapes: &[Shape]) -> Option<Projection> {
        let k = MID_LATITUDE.to_radians().cos();
        let points = shapes.iter().flat_map(|s| s.rings.iter().flatten());
        let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(lon, lat) in points {
            lon0 = lon0.min(lon);
            lon1 = lon1.max(lon);
            lat0 = lat0.min(lat);
            lat1 = lat1.max(lat);
        }
        let (w, h) = ((lon1 - lon0) * k, lat1 - lat0);
        if !(w > 0.0 && h > 0.0) {
            return None;
        }
        let scale = ((WIDTH - 2.0 * PADDING) / w).min((HEIGHT - 2.0 * PADDING) / h);
        Some(Projection { k, lon0, lat1, scale, dx: (WIDTH - w * scale) / 2.0, dy: (HEIGHT - h * scale) / 2.0 })
    }

    fn project(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        (self.dx + (lon - self.lon0) * self.k * self.scale, self.dy + (self.lat1 - lat) * self.scale)
    }

    /// In tenths of a viewBox unit.
    fn project_tenths(&self, p: (f64, f64)) -> (i64, i64) {
        let (x, y) = self.project(p);
        ((x * 10.0).round() as i64, (y * 10.0).round() as i64)
    }
}

/// Writes a number given in tenths with at most one decimal: `123` → `12.3`, `-40` → `-4`.
fn push_tenths(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let (whole, tenth) = (a / 10, a % 10);
    let _ = write!(out, "{whole}");
    if tenth > 0 {
        let _ = write!(out, ".{tenth}");
    }
}

/// Writes a coordinate pair, separated from what precedes unless a command letter or a
/// minus sign already separates it.
fn push_pair(out: &mut String, (x, y): (i64, i64)) {
    if x >= 0 && !out.ends_with(|c: char| c.is_ascii_alphabetic()) {
        out.push(' ');
    }
    push_tenths(out, x);
    if y >= 0 {
        out.push(' ');
    }
    push_tenths(out, y);
}

/// SVG path data for rings: an absolute move, relative lines between points rounded to 0.1
/// (so no rounding error accumulates), closed. Rings that collapse to a line are dropped.
fn path_data(rings: &[Ring], projection: &Projection) -> String {
    let mut d = String::new();
    for ring in rings {
        let mut points: Vec<(i64, i64)> = ring.iter().map(|&p| projection.project_tenths(p)).collect();
        points.dedup();
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            continue;
        }
        d.push('M');
        push_pair(&mut d, points[0]);
        d.push('l');
        for w in points.windows(2) {
            push_pair(&mut d, (w[1].0 - w[0].0, w[1].1 - w[0].1));
        }
        d.push('z');
    }
    d
}

fn meeting_count(site: &Site, n: usize) -> String {
    let word = site.lang().ui(if n == 1 { "meeting_count_one" } else { "meeting_count_many" });
    format!("{n} {word}")
}

/// The legend: what the colour shows, then one swatch for each shade some county has.
fn legend(site: &Site, colouring: Colouring, shades: &[usize]) -> String {
    let mut used: Vec<usize> = shades.to_vec();
    used.sort_unstable();
    used.dedup();
    let mut out = format!(r#"<p class="map-legend__title">{}</p>"#, escape_xml(colouring.title(site.lang())));
    out.push_str(r#"<ul class="map-legend">"#);
    for shade in used {
        let _ = write!(
            out,
            r#"<li><span class="swatch shade-{shade}" aria-hidden="true"></span>{}</li>"#,
            escape_xml(&colouring.class_label(site, shade))
        );
    }
    out.push_str("</ul>");
    out
}

/// A county's accessible name: its name, its meetings (and its groupings'), and, when the
/// map is coloured by something else, that.
fn county_label(site: &Site, name: &str, facts: &CountyFacts, colouring: Colouring, shade: usize) -> String {
    let mut label = format!("{name}: {}", meeting_count(site, facts.meetings));
    if facts.via_groupings > 0 {
        let _ = write!(label, " (+{} {})", facts.via_groupings, site.lang().ui("via_groupings"));
    }
    if colouring != Colouring::Meetings && shade != NO_MEETINGS {
        let _ = write!(label, ", {}", colouring.class_label(site, shade).to_lowercase());
    }
    label
}

/// Where a county's name goes: the middle (centroid) of its largest ring, kept far enough
/// from the sides that a name fits; in tenths of a viewBox unit.
fn name_position(rings: &[Ring], projection: &Projection) -> (i64, i64) {
    let projected = |ring: &Ring| ring.iter().map(|&p| projection.project(p)).collect::<Vec<_>>();
    let area_and_centroid = |points: &[(f64, f64)]| {
        let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for w in points.windows(2) {
            let cross = w[0].0 * w[1].1 - w[1].0 * w[0].1;
            a += cross;
            cx += (w[0].0 + w[1].0) * cross;
            cy += (w[0].1 + w[1].1) * cross;
        }
        if a.abs() < f64::EPSILON {
            let n = points.len().max(1) as f64;
            return (0.0, (points.iter().map(|p| p.0).sum::<f64>() / n, points.iter().map(|p| p.1).sum::<f64>() / n));
        }
        (a.abs() / 2.0, (cx / (3.0 * a), cy / (3.0 * a)))
    };
    let (_, (x, y)) = rings
        .iter()
        .map(|r| area_and_centroid(&projected(r)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((0.0, (WIDTH / 2.0, HEIGHT / 2.0)));
    let x = x.clamp(LABEL_MARGIN, WIDTH - LABEL_MARGIN);
    let y = y.clamp(LABEL_MARGIN / 2.0, HEIGHT - 4.0);
    ((x * 10.0).round() as i64, (y * 10.0).round() as i64)
}

/// How far a name's middle stays from the map's sides (half a long name's width).
const LABEL_MARGIN: f64 = 55.0;

/// One rule per county: its name shows while it is hovered or has keyboard focus.
fn label_style(count: usize) -> String {
    let mut out = String::from("<style>");
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, ".county-map:has(.c-{i}:hover,.c-{i}:focus-visible) .l-{i}");
    }
    out.push_str("{visibility:visible}</style>");
    out
}

impl CountyMap {
    /// Parses the shapes and precomputes every county's path and link. No shapes, or a file
    /// that is not a usable FeatureCollection, gives a map that renders as "".
    pub fn new(site: &Site, geojson: Option<&str>) -> CountyMap {
        CountyMap { drawing: geojson.and_then(|g| Drawing::new(site, g)) }
    }

    /// The SVG; `highlight` is the slug of the county or grouping whose page this is (small
    /// map: the county, or every county of the grouping, stands out).
    pub fn render(&self, highlight: Option<&str>) -> String {
        self.drawing.as_ref().map(|d| d.render(highlight)).unwrap_or_default()
    }
}

impl Drawing {
    fn new(site: &Site, geojson: &str) -> Option<Drawing> {
        let (shapes, attribution) = parse(geojson)?;
        let projection = Projection::fit(&shapes)?;
        let lang = site.lang();
        // Each county with a shape: it, where its name goes, its path data, its facts.
        let mut found: Vec<(&crate::model::County, (i64, i64), String, CountyFacts)> = Vec::new();
        for &i in &site.counties_in_order {
            let c = &site.registry.counties[i];
            let rings: Vec<Ring> = shapes
                .iter()
                .filter(|s| s.iso.eq_ignore_ascii_case(&c.iso_3166_2))
                .flat_map(|s| s.rings.clone())
                .collect();
            let d = path_data(&rings, &projection);
            if !d.is_empty() {
                found.push((c, name_position(&rings, &projection), d, CountyFacts::of(site, &c.slug)));
            }
        }
        let colouring = Colouring::choose(&found.iter().map(|f| &f.3).collect::<Vec<_>>());
        let counties: Vec<CountyShape> = found
            .into_iter()
            .map(|(c, name_at, d, facts)| {
                let shade = colouring.shade(&facts);
                let name = county_name(c, lang);
                CountyShape {
                    slug: c.slug.clone(),
                    href: escape_xml(&site.urls.region(&c.slug)),
                    label: escape_xml(&county_label(site, name, &facts, colouring, shade)),
                    name: escape_xml(name),
                    name_at,
                    shade,
                    d,
                }
            })
            .collect();
        if counties.is_empty() {
            return None;
        }
        let mut unlinked = String::new();
        for s in
            shapes.iter().filter(|s| !site.registry.counties.iter().any(|c| c.iso_3166_2.eq_ignore_ascii_case(&s.iso)))
        {
            let d = path_data(&s.rings, &projection);
            if !d.is_empty() {
                let _ = write!(unlinked, r#"<path class="shade-0" fill="{}" d="{d}"/>"#, FILLS[0]);
            }
        }
        Some(Drawing {
            title: escape_xml(lang.ui("map_title")),
            desc: attribution.filter(|a| !a.trim().is_empty()).map(|a| escape_xml(a.trim())),
            unlinked,
            legend: legend(site, colouring, &counties.iter().map(|c| c.shade).collect::<Vec<_>>()),
            label_style: label_style(counties.len()),
            counties,
            groupings: site.registry.groupings.iter().map(|g| (g.slug.clone(), g.members.clone())).collect(),
        })
    }

    fn render(&self, highlight: Option<&str>) -> String {
        let small = highlight.is_some();
        let size: usize = self.counties.iter().map(|c| c.d.len() + c.label.len() * 2 + c.name.len() + 220).sum();
        let mut out =
            String::with_capacity(size + self.unlinked.len() + self.legend.len() + self.label_style.len() + 600);
        let _ = write!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" class="county-map{}" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="{TITLE_ID}" stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">"##,
            if small { " county-map--small" } else { "" }
        );
        let _ = write!(out, r#"<title id="{TITLE_ID}">{}</title>"#, self.title);
        if let Some(desc) = &self.desc {
            let _ = write!(out, "<desc>{desc}</desc>");
        }
        out.push_str(&self.unlinked);
        let members = highlight.and_then(|h| self.groupings.iter().find(|(g, _)| g == h)).map(|(_, m)| m);
        for (i, c) in self.counties.iter().enumerate() {
            let is_page = highlight == Some(c.slug.as_str());
            let is_current = is_page || members.is_some_and(|m| m.contains(&c.slug));
            let _ = write!(
                out,
                r#"<a class="county-map__county c-{i}{}" href="{}" aria-label="{}"{}><title>{}</title><path class="shade-{}" fill="{}" d="{}"/></a>"#,
                if is_current { " current" } else { "" },
                c.href,
                c.label,
                if is_page { r#" aria-current="page""# } else { "" },
                c.label,
                c.shade,
                FILLS[c.shade],
                c.d,
            );
        }
        // Names last, so no county is drawn over them; hidden until hovered or focused.
        out.push_str(&self.label_style);
        out.push_str(r#"<g class="county-map__labels" aria-hidden="true">"#);
        for (i, c) in self.counties.iter().enumerate() {
            let shown = if highlight == Some(c.slug.as_str()) { " is-shown" } else { "" };
            let _ = write!(out, r#"<text class="l-{i}{shown}" x=""#);
            push_tenths(&mut out, c.name_at.0);
            out.push_str(r#"" y=""#);
            push_tenths(&mut out, c.name_at.1);
            let _ = write!(out, r#"">{}</text>"#, c.name);
        }
        out.push_str("</g>");
        out.push_str("</svg>");
        if !small {
            out.push_str(&self.legend);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixtures;

    const SHAPES: &str = include_str!("../../content/counties.geojson");
    const SVG: &str = "http://www.w3.org/2000/svg";

    /// A site whose registry has all 21 counties of the shapes file, named by `short_name`.
    fn site_with_all_counties() -> Site {
        let mut site = fixtures::site("/sub/");
        let root: Value = serde_json::from_str(SHAPES).unwrap();
        let template = site.registry.counties[0].clone();
        site.registry.counties = root["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let p = &f["properties"];
                let name = p["short_name"].as_str().unwrap();
                let mut c = template.clone();
                c.slug = crate::render::search::fold(name).replace(' ', "-");
                c.name = name.into();
                c.iso_3166_2 = p["iso_3166_2"].as_str().unwrap().into();
                c
            })
            .collect();
        site.counties_in_order = (0..site.registry.counties.len()).collect();
        site
    }

    /// The SVG of a rendering and what follows it (the legend).
    fn split(out: &str) -> (&str, &str) {
        out.split_at(out.find("</svg>").expect("an svg") + "</svg>".len())
    }

    fn links<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
        doc.descendants().filter(|n| n.has_tag_name((SVG, "a"))).collect()
    }

    #[test]
    fn full_map_has_21_named_links_title_desc_and_legend() {
        let site = site_with_all_counties();
        let map = CountyMap::new(&site, Some(SHAPES));
        let out = map.render(None);
        let (svg, legend) = split(&out);
        let doc = roxmltree::Document::parse(svg).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("group"));
        assert_eq!(root.attribute("viewBox"), Some("0 0 300 660"));
        assert_eq!(root.attribute("aria-labelledby"), Some(TITLE_ID));
        let title = root.children().find(|n| n.has_tag_name((SVG, "title"))).unwrap();
        assert_eq!(title.attribute("id"), Some(TITLE_ID));
        assert_eq!(title.text(), Some("Karta över Sveriges län"));
        let desc = root.children().find(|n| n.has_tag_name((SVG, "desc"))).unwrap();
        assert!(desc.text().unwrap().contains("Natural Earth"));
        let links = links(&doc);
        assert_eq!(links.len(), 21);
        for a in &links {
            let label = a.attribute("aria-label").unwrap();
            let title = a.children().find(|n| n.has_tag_name((SVG, "title"))).and_then(|t| t.text());
            assert_eq!(title, Some(label));
            assert!(a.attribute("href").unwrap().starts_with("/sub/regioner/"));
            let path = a.children().find(|n| n.has_tag_name((SVG, "path"))).unwrap();
            assert!(path.attribute("class").unwrap().starts_with("shade-"));
            assert!(path.attribute("d").unwrap().starts_with('M'));
            assert_eq!(a.attribute("aria-current"), None);
        }
        let ost = links.iter().find(|a| a.attribute("href") == Some("/sub/regioner/ostergotland/")).unwrap();
        assert_eq!(ost.attribute("aria-label"), Some("Östergötland: 1 möte"));
        let skane = links.iter().find(|a| a.attribute("href") == Some("/sub/regioner/skane/")).unwrap();
        assert_eq!(skane.attribute("aria-label"), Some("Skåne: 2 möten"), "the draft counts on draft builds");
        let legend = format!("<div>{legend}</div>");
        let legend = roxmltree::Document::parse(&legend).unwrap();
        let title = legend.descendants().find(|n| n.attribute("class") == Some("map-legend__title")).unwrap();
        assert_eq!(title.text(), Some("Färgen visar antal möten med länet"), "the counts differ, so they colour");
        // Only the classes some county is in: counties without shapes' meetings, one, two.
        assert_eq!(legend_items(&legend), ["0 möten", "1 möte", "2 möten"]);
        assert_eq!(legend.descendants().filter(|n| n.attribute("class") == Some("swatch shade-4")).count(), 0);
    }

    fn legend_items(legend: &roxmltree::Document<'_>) -> Vec<String> {
        legend
            .descendants()
            .filter(|n| n.has_tag_name("li"))
            .map(|li| li.descendants().filter_map(|n| n.text()).collect())
            .collect()
    }

    /// A site where every county with a meeting has exactly one, `with_outcomes` of them
    /// with published outcomes.
    fn one_meeting_each(with_outcomes: &[&str]) -> Site {
        let mut site = site_with_all_counties();
        let template = site.meetings[0].clone();
        site.meetings = site
            .registry
            .counties
            .iter()
            .map(|c| {
                let mut m = template.clone();
                m.slug = c.slug.clone();
                m.regions = vec![c.slug.clone()];
                m.outcomes =
                    if with_outcomes.contains(&c.slug.as_str()) { vec!["Ett resultat".into()] } else { vec![] };
                m.follow_ups.clear();
                m
            })
            .collect();
        site.direct_meetings = site.meetings.iter().enumerate().map(|(i, m)| (m.slug.clone(), vec![i])).collect();
        site
    }

    #[test]
    fn equal_counts_colour_the_map_by_published_outcomes() {
        // Guards: a map where every county had one meeting says something (issue 17).
        let site = one_meeting_each(&["kalmar"]);
        let out = CountyMap::new(&site, Some(SHAPES)).render(None);
        let (svg, legend) = split(&out);
        let legend = format!("<div>{legend}</div>");
        let legend = roxmltree::Document::parse(&legend).unwrap();
        assert_eq!(legend_items(&legend), ["Inga publicerade resultat", "Resultat publicerat"]);
        let doc = roxmltree::Document::parse(svg).unwrap();
        let kalmar = links(&doc).into_iter().find(|a| a.attribute("href") == Some("/sub/regioner/kalmar/")).unwrap();
        assert_eq!(kalmar.attribute("aria-label"), Some("Kalmar: 1 möte, resultat publicerat"));
        let path = kalmar.children().find(|n| n.has_tag_name((SVG, "path"))).unwrap();
        assert_eq!(path.attribute("class"), Some("shade-3"));
    }

    #[test]
    fn a_map_where_nothing_differs_has_one_legend_entry() {
        let site = one_meeting_each(&[]);
        let out = CountyMap::new(&site, Some(SHAPES)).render(None);
        let (_, legend) = split(&out);
        let legend = format!("<div>{legend}</div>");
        assert_eq!(legend_items(&roxmltree::Document::parse(&legend).unwrap()), ["1 möte"]);
    }

    #[test]
    fn names_show_on_hover_and_focus_from_a_layer_drawn_last() {
        let site = site_with_all_counties();
        let out = CountyMap::new(&site, Some(SHAPES)).render(Some("ostergotland"));
        let doc = roxmltree::Document::parse(&out).unwrap();
        let labels = doc.descendants().find(|n| n.attribute("class") == Some("county-map__labels")).unwrap();
        assert_eq!(labels.attribute("aria-hidden"), Some("true"));
        assert!(labels.next_sibling_element().is_none(), "the names are drawn over every county");
        let texts: Vec<_> = labels.children().filter(|n| n.is_element()).collect();
        assert_eq!(texts.len(), 21);
        let shown: Vec<_> = texts.iter().filter(|t| t.attribute("class").unwrap().contains("is-shown")).collect();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].text(), Some("Östergötland"));
        for t in &texts {
            let x: f64 = t.attribute("x").unwrap().parse().unwrap();
            let y: f64 = t.attribute("y").unwrap().parse().unwrap();
            assert!((LABEL_MARGIN..=WIDTH - LABEL_MARGIN).contains(&x) && (0.0..=HEIGHT).contains(&y));
        }
        let style = doc.descendants().find(|n| n.has_tag_name((SVG, "style"))).unwrap().text().unwrap();
        assert!(style.contains(".county-map:has(.c-20:hover,.c-20:focus-visible) .l-20"));
    }

    #[test]
    fn a_grouping_page_highlights_its_counties() {
        let site = site_with_all_counties();
        let grouping = &site.registry.groupings[0];
        let out = CountyMap::new(&site, Some(SHAPES)).render(Some(&grouping.slug));
        let doc = roxmltree::Document::parse(&out).unwrap();
        let current: Vec<_> = links(&doc)
            .into_iter()
            .filter(|a| a.attribute("class").unwrap().ends_with(" current"))
            .map(|a| {
                a.attribute("href").unwrap().trim_start_matches("/sub/regioner/").trim_end_matches('/').to_string()
            })
            .collect();
        let mut members = grouping.members.clone();
        members.retain(|m| site.registry.counties.iter().any(|c| &c.slug == m));
        assert!(!members.is_empty());
        assert_eq!(current.len(), members.len());
        assert!(links(&doc).iter().all(|a| a.attribute("aria-current").is_none()), "no county is this page");
    }

    #[test]
    fn small_map_highlights_the_current_county_without_legend() {
        let site = site_with_all_counties();
        let map = CountyMap::new(&site, Some(SHAPES));
        let svg = map.render(Some("ostergotland"));
        let doc = roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(doc.root_element().attribute("class"), Some("county-map county-map--small"));
        let current: Vec<_> = links(&doc).into_iter().filter(|a| a.attribute("aria-current") == Some("page")).collect();
        assert_eq!(current.len(), 1);
        assert!(current[0].attribute("class").unwrap().ends_with(" current"));
        assert_eq!(current[0].attribute("href"), Some("/sub/regioner/ostergotland/"));
        assert!(svg.ends_with("</svg>"), "no legend on the small map");
    }

    #[test]
    fn coordinates_stay_inside_the_viewbox_with_one_decimal() {
        let site = site_with_all_counties();
        let (shapes, _) = parse(SHAPES).unwrap();
        let projection = Projection::fit(&shapes).unwrap();
        for s in &shapes {
            for &p in s.rings.iter().flatten() {
                let (x, y) = projection.project(p);
                assert!((0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y), "{p:?} → {x},{y}");
            }
        }
        let out = CountyMap::new(&site, Some(SHAPES)).render(None);
        let (svg, _) = split(&out);
        let numbers = svg.split(" d=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]);
        for d in numbers {
            for n in d.split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == '-').filter(|n| !n.is_empty()) {
                assert!(n.split('.').nth(1).is_none_or(|f| f.len() == 1), "{n}");
            }
        }
        assert!(svg.len() < 40_000, "{} bytes", svg.len());
    }

    #[test]
    fn path_data_is_relative_and_compact() {
        let projection = Projection { k: 1.0, lon0: 0.0, lat1: 10.0, scale: 1.0, dx: 0.0, dy: 0.0 };
        let ring = vec![(0.0, 10.0), (1.25, 10.0), (1.25, 8.0), (1.26, 8.0), (0.0, 10.0)];
        assert_eq!(path_data(&[ring], &projection), "M0 0l1.3 0 0 2z");
        let line = vec![(0.0, 0.0), (0.01, 0.0), (0.0, 0.0)];
        assert_eq!(path_data(&[line], &projection), "");
        let mut s = String::new();
        push_tenths(&mut s, -5);
        assert_eq!(s, "-0.5");
    }

    #[test]
    fn no_or_broken_shapes_give_no_map() {
        let site = fixtures::site("/");
        assert_eq!(CountyMap::new(&site, None).render(None), "");
        assert_eq!(CountyMap::new(&site, Some("{not json")).render(Some("skane")), "");
        assert_eq!(CountyMap::new(&site, Some(r#"{"type":"FeatureCollection","features":[]}"#)).render(None), "");
    }

    #[test]
    fn names_are_escaped() {
        let mut site = fixtures::site("/");
        site.registry.counties[0].name = "Öster<&>\"".into();
        let out = CountyMap::new(&site, Some(SHAPES)).render(None);
        let (svg, _) = split(&out);
        roxmltree::Document::parse(svg).unwrap();
        assert!(svg.contains("Öster&lt;&amp;&gt;&quot;: 1 möte"));
    }
}
