//! The share card `og-image.png`: the picture social sites and chat programs show for a link
//! to the site (`og:image`), made when site.yaml names none (`og_image:`). A 1200×630 PNG with
//! the site's title, wrapped to at most three lines, and its publisher on the default visual
//! theme's colours, drawn by resvg from SVG with a bundled subset of DejaVu Sans Bold (no
//! system fonts), so the same site gives the same bytes on every machine.

use super::{OutputFile, escape_xml};
use crate::model::Site;
use crate::model::routes::Route;
use resvg::{tiny_skia, usvg};
use std::fmt::Write as _;

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 630;
/// Left and right margin of the text.
const MARGIN: f32 = 80.0;
const MAX_LINES: usize = 3;
/// Title font sizes to try, largest first, until the title fits in [`MAX_LINES`].
const TITLE_SIZES: [f32; 3] = [68.0, 56.0, 48.0];
/// DejaVu Sans Bold for Latin-1 and Latin Extended-A (Swedish, Finnish, Sámi letters and
/// Western European names): see assets/fonts/LICENSE-DejaVu.txt.
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold-latin.ttf");
const FONT_FAMILY: &str = "DejaVu Sans";
/// The default theme's `--brand`, `--brand-accent` and a light tint for the publisher.
const BRAND: &str = "#0f3b5c";
const ACCENT: &str = "#7fb8e0";
const TINT: &str = "#d7e8f5";

fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options { font_family: FONT_FAMILY.into(), ..usvg::Options::default() };
    options.fontdb_mut().load_font_data(FONT.to_vec());
    options
}

/// The width of each word of `words` and of a space, at `size` pixels, as the font lays them out.
fn measure(words: &[&str], size: f32, options: &usvg::Options<'_>) -> (Vec<f32>, f32) {
    let mut svg = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}">"#);
    let texts = words.iter().copied().chain(["x x", "xx"]);
    for (i, text) in texts.enumerate() {
        let _ = write!(
            svg,
            r#"<text id="w{i}" x="0" y="100" font-size="{size}" xml:space="preserve">{}</text>"#,
            escape_xml(text)
        );
    }
    svg.push_str("</svg>");
    let Ok(tree) = usvg::Tree::from_str(&svg, options) else { return (vec![size; words.len()], size / 3.0) };
    let width = |i: usize| tree.node_by_id(&format!("w{i}")).map_or(0.0, |n| n.abs_bounding_box().width());
    let widths = (0..words.len()).map(width).collect();
    let space = (width(words.len()) - width(words.len() + 1)).max(size / 4.0);
    (widths, space)
}

/// `title` in lines no wider than the card's text area, greedily; a word wider than a line
/// stands alone. `None` when it needs more than [`MAX_LINES`].
fn wrap(words: &[&str], widths: &[f32], space: f32) -> Option<Vec<String>> {
    let room = WIDTH as f32 - 2.0 * MARGIN;
    let mut lines: Vec<(String, f32)> = Vec::new();
    for (word, &w) in words.iter().zip(widths) {
        match lines.last_mut() {
            Some((line, used)) if *used + space + w <= room => {
                line.push(' ');
                line.push_str(word);
                *used += space + w;
            }
            _ => lines.push((word.to_string(), w)),
        }
    }
    (lines.len() <= MAX_LINES).then(|| lines.into_iter().map(|(l, _)| l).collect())
}

/// The title's lines and font size: the largest size at which it fits, else the smallest
/// with the last line cut and ended with "…".
fn title_lines(title: &str, options: &usvg::Options<'_>) -> (Vec<String>, f32) {
    let words: Vec<&str> = title.split_whitespace().collect();
    for size in TITLE_SIZES {
        let (widths, space) = measure(&words, size, options);
        if let Some(lines) = wrap(&words, &widths, space) {
            return (lines, size);
        }
    }
    let size = TITLE_SIZES[TITLE_SIZES.len() - 1];
    let (widths, space) = measure(&words, size, options);
    // Greedy lines without the limit, then the first three with an ellipsis.
    let mut lines: Vec<String> = Vec::new();
    let mut used = 0.0;
    let room = WIDTH as f32 - 2.0 * MARGIN;
    for (word, &w) in words.iter().zip(&widths) {
        match lines.last_mut() {
            Some(line) if used + space + w <= room => {
                line.push(' ');
                line.push_str(word);
                used += space + w;
            }
            _ => {
                lines.push(word.to_string());
                used = w;
            }
        }
    }
    lines.truncate(MAX_LINES);
    if let Some(last) = lines.last_mut() {
        last.push('…');
    }
    (lines, size)
}

/// The card as SVG: brand background, an accent bar, the speech bubble of the favicon, the
/// title and the publisher.
fn card_svg(site: &Site, options: &usvg::Options<'_>) -> String {
    let (lines, size) = title_lines(&site.config.title, options);
    let line_height = size * 1.2;
    let block = line_height * lines.len() as f32;
    let first_baseline = (HEIGHT as f32 - block) / 2.0 + size;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">
<rect width="{WIDTH}" height="{HEIGHT}" fill="{BRAND}"/>
<rect y="{}" width="{WIDTH}" height="24" fill="{ACCENT}"/>
<path transform="translate(62 52) scale(3)" fill="white" d="M9 10h14a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3h-6l-5 4v-4H9a3 3 0 0 1-3-3v-6a3 3 0 0 1 3-3z"/>
"#,
        HEIGHT - 24
    );
    for (i, line) in lines.iter().enumerate() {
        let y = first_baseline + line_height * i as f32;
        let _ = writeln!(
            svg,
            r#"<text x="{MARGIN}" y="{y:.1}" font-family="{FONT_FAMILY}" font-size="{size}" fill="white">{}</text>"#,
            escape_xml(line)
        );
    }
    if let Some(publisher) = site.config.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
        let _ = writeln!(
            svg,
            r#"<text x="{MARGIN}" y="{}" font-family="{FONT_FAMILY}" font-size="36" fill="{TINT}">{}</text>"#,
            HEIGHT - 72,
            escape_xml(publisher)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// The card as PNG bytes; empty only if drawing fails, which a well-formed SVG of ours does not.
pub fn share_card(site: &Site) -> Vec<u8> {
    let options = options();
    let svg = card_svg(site, &options);
    let Ok(tree) = usvg::Tree::from_str(&svg, &options) else { return Vec::new() };
    let Some(mut pixmap) = tiny_skia::Pixmap::new(WIDTH, HEIGHT) else { return Vec::new() };
    resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    pixmap.encode_png().unwrap_or_default()
}

/// `og-image.png`, unless site.yaml names a picture of its own.
pub fn files(site: &Site) -> Vec<OutputFile> {
    if site.config.og_image.is_some() {
        return Vec::new();
    }
    vec![OutputFile { path: Route::ShareCard.output_file(), bytes: share_card(site).into() }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::data::fixtures;

    fn white_pixels(png: &[u8]) -> usize {
        let pixmap = tiny_skia::Pixmap::decode_png(png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), (WIDTH, HEIGHT));
        pixmap.pixels().iter().filter(|p| p.red() > 240 && p.green() > 240 && p.blue() > 240).count()
    }

    #[test]
    fn the_card_is_a_1200_by_630_png_with_the_title_drawn_the_same_every_time() {
        let mut site = fixtures::site("https://example.org/");
        let card = share_card(&site);
        assert!(card.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(card, share_card(&site), "deterministic");
        let with_title = white_pixels(&card);
        site.config.title = "Å".into();
        let short = white_pixels(&share_card(&site));
        assert!(with_title > short + 5_000, "the title is drawn: {with_title} vs {short} white pixels");
    }

    #[test]
    fn a_long_title_wraps_to_at_most_three_lines_within_the_margins() {
        let options = options();
        let (lines, size) = title_lines("Strategiska regionala dialoger 2018", &options);
        assert_eq!(lines, ["Strategiska regionala", "dialoger 2018"]);
        assert_eq!(size, TITLE_SIZES[0]);
        let long = "Tillväxtverkets strategiska dialoger med de regionalt utvecklingsansvariga aktörerna i Sveriges tjugoen län under året tjugohundraarton och framåt";
        let (lines, _) = title_lines(long, &options);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines[MAX_LINES - 1].ends_with('…'), "{lines:?}");
    }

    #[test]
    fn a_configured_picture_replaces_the_card() {
        let mut site = fixtures::site("https://example.org/");
        assert_eq!(files(&site).len(), 1);
        site.config.og_image = Some("/bilder/delning.png".into());
        assert!(files(&site).is_empty());
    }
}
