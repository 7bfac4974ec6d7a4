//! Pictures through a real build (`samtal::build` into a folder): no published picture keeps
//! its EXIF (GPS), and a build encodes only the pictures the build before did not make.

mod common;

use common::{fixture_site, options, read_tree};
use std::fs;
use std::path::Path;

fn has(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn is_picture(path: &str) -> bool {
    [".jpg", ".png", ".webp"].iter().any(|ext| path.ends_with(ext))
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
    let out = site.path().join("ut");
    build_into(site.path(), &out);
    let pictures: Vec<(String, Vec<u8>)> = read_tree(&out).into_iter().filter(|(path, _)| is_picture(path)).collect();
    assert!(pictures.len() >= 10, "{} pictures", pictures.len());
    for (path, bytes) in &pictures {
        match read(bytes) {
            Ok(exif) => {
                let tags: Vec<exif::Tag> = exif.fields().map(|f| f.tag).collect();
                assert!(path.ends_with("bilder/foto.jpg"), "{path} keeps EXIF: {tags:?}");
                assert_eq!(tags, [exif::Tag::Orientation], "{path}: only which way is up");
            }
            Err(exif::Error::NotFound(_)) => {}
            Err(e) => panic!("{path}: the reader fails: {e}"),
        }
        assert!(!has(bytes, b"http://ns.adobe.com/xap/") && !has(bytes, b"<x:xmpmeta"), "{path} keeps XMP");
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
