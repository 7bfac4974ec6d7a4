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
    for (path, bytes) in &pictures {
        assert!(!has(bytes, b"Exif") && !has(bytes, b"MM\0\x2a") && !has(bytes, b"II\x2a\0"), "{path} keeps EXIF");
    }
    let original = &pictures.iter().find(|(p, _)| p.ends_with("bilder/foto.jpg")).unwrap().1;
    assert!(original.len() < source.len() && original.len() > source.len() - 200, "only the metadata went");
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
