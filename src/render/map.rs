//! The map of Sweden: an inline SVG of the counties, drawn at build time from
//! `content/counties.geojson` (WGS84 lon/lat, one feature per county with `iso_3166_2`).
//!
//! Projection: equirectangular with longitude scaled by cos 62° (Sweden's middle latitude),
//! fitted into a 300 × 660 viewBox, coordinates rounded to 0.1. The path data and every
//! county's link are computed once per build ([`CountyMap::new`]); [`CountyMap::render`] only
//! assembles them, with or without a highlighted county.
//!
//! Markup: `<svg class="county-map" role="group" aria-labelledby="county-map-title">` with a
//! `<title>` and the data source in `<desc>`; each county is
//! `<a class="county-map__county" href aria-label="Östergötland: 2 möten"><title>…</title>
//! <path class="shade-N" d/></a>`, N = 0–4 by number of meetings (4 = four or more). The
//! highlighted county's `<a>` also has the class `current` and `aria-current="page"`. The full
//! map is followed by its legend, `<ul class="map-legend">` with a `<span class="swatch
//! shade-N">` per shade; the small one (`county-map--small`) has none. Fill colours are
//! presentation attributes, so a stylesheet's `.shade-N { fill: … }` overrides them.

use super::escape_xml;
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
}

struct CountyShape {
    slug: String,
    href: String,
    /// Accessible name, escaped: "Östergötland: 2 möten".
    label: String,
    shade: usize,
    d: String,
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

/// The legend: one swatch per shade with its number of meetings.
fn legend(site: &Site) -> String {
    let mut out = String::from(r#"<ul class="map-legend">"#);
    for shade in 0..FILLS.len() {
        let mut label = meeting_count(site, shade);
        if shade + 1 == FILLS.len() {
            label = label.replacen(&shade.to_string(), &format!("{shade}+"), 1);
        }
        let _ = write!(
            out,
            r#"<li><span class="swatch shade-{shade}" aria-hidden="true"></span>{}</li>"#,
            escape_xml(&label)
        );
    }
    out.push_str("</ul>");
    out
}

impl CountyMap {
    /// Parses the shapes and precomputes every county's path and link. No shapes, or a file
    /// that is not a usable FeatureCollection, gives a map that renders as "".
    pub fn new(site: &Site, geojson: Option<&str>) -> CountyMap {
        CountyMap { drawing: geojson.and_then(|g| Drawing::new(site, g)) }
    }

    /// The SVG; `highlight` is the slug of the county whose page this is (small map).
    pub fn render(&self, highlight: Option<&str>) -> String {
        self.drawing.as_ref().map(|d| d.render(highlight)).unwrap_or_default()
    }
}

impl Drawing {
    fn new(site: &Site, geojson: &str) -> Option<Drawing> {
        let (shapes, attribution) = parse(geojson)?;
        let projection = Projection::fit(&shapes)?;
        let lang = site.lang();
        let mut counties = Vec::new();
        for &i in &site.counties_in_order {
            let c = &site.registry.counties[i];
            let rings: Vec<Ring> = shapes
                .iter()
                .filter(|s| s.iso.eq_ignore_ascii_case(&c.iso_3166_2))
                .flat_map(|s| s.rings.clone())
                .collect();
            let d = path_data(&rings, &projection);
            if d.is_empty() {
                continue;
            }
            let count = site.meetings_of(&c.slug).len();
            counties.push(CountyShape {
                slug: c.slug.clone(),
                href: escape_xml(&site.urls.region(&c.slug)),
                label: escape_xml(&format!("{}: {}", county_name(c, lang), meeting_count(site, count))),
                shade: count.min(FILLS.len() - 1),
                d,
            });
        }
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
            counties,
            unlinked,
            legend: legend(site),
        })
    }

    fn render(&self, highlight: Option<&str>) -> String {
        let small = highlight.is_some();
        let size: usize = self.counties.iter().map(|c| c.d.len() + c.label.len() * 2 + 160).sum();
        let mut out = String::with_capacity(size + self.unlinked.len() + self.legend.len() + 600);
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
        for c in &self.counties {
            let is_current = highlight == Some(c.slug.as_str());
            let _ = write!(
                out,
                r#"<a class="county-map__county{}" href="{}" aria-label="{}"{}><title>{}</title><path class="shade-{}" fill="{}" d="{}"/></a>"#,
                if is_current { " current" } else { "" },
                c.href,
                c.label,
                if is_current { r#" aria-current="page""# } else { "" },
                c.label,
                c.shade,
                FILLS[c.shade],
                c.d,
            );
        }
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
        let legend = roxmltree::Document::parse(legend).unwrap();
        let items: Vec<String> = legend
            .descendants()
            .filter(|n| n.has_tag_name("li"))
            .map(|li| li.descendants().filter_map(|n| n.text()).collect())
            .collect();
        assert_eq!(items, ["0 möten", "1 möte", "2 möten", "3 möten", "4+ möten"]);
        assert_eq!(legend.descendants().filter(|n| n.attribute("class") == Some("swatch shade-4")).count(), 1);
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
        assert_eq!(current[0].attribute("class"), Some("county-map__county current"));
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
