//! Pictures for tests and benchmarks.
//!
//! `cargo run --release --example pictures -- site DIR COUNT` writes a site (the fixture
//! `tests/sites/basic` with COUNT more meetings) in which each meeting shows a photo-like
//! 3000×2000 JPEG of its own, for the picture benchmark in BENCHMARKS.md.
//!
//! `cargo run --example pictures -- fixture DIR` writes the pictures of the golden case
//! `tests/sites/images/static/bilder/`: a PNG diagram and a JPEG photo stored lying down
//! with EXIF that turns it upright and holds a GPS position.

use image::{ImageEncoder, Rgb, RgbImage};
use std::path::Path;

/// A small deterministic generator (xorshift), so every run makes the same pictures.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A photo-like picture: smooth gradients, a few soft shapes and sensor-like noise (which
/// makes JPEG work as hard as on a real photo).
fn photo(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut noise = Noise(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let circles: Vec<(f32, f32, f32, [f32; 3])> = (0..6)
        .map(|_| {
            let r = |n: &mut Noise, max: f32| (n.next() % 10_000) as f32 / 10_000.0 * max;
            let colour = [r(&mut noise, 255.0), r(&mut noise, 255.0), r(&mut noise, 255.0)];
            (
                r(&mut noise, width as f32),
                r(&mut noise, height as f32),
                r(&mut noise, height as f32 / 3.0) + 40.0,
                colour,
            )
        })
        .collect();
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let mut c = [90.0 + 120.0 * fy, 140.0 + 60.0 * fx, 200.0 - 120.0 * fy];
        for (cx, cy, radius, colour) in &circles {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            let weight = (1.0 - d / radius).clamp(0.0, 1.0);
            for i in 0..3 {
                c[i] = c[i] * (1.0 - weight) + colour[i] * weight;
            }
        }
        let grain = (noise.next() % 21) as f32 - 10.0;
        Rgb(c.map(|v| (v + grain).clamp(0.0, 255.0) as u8))
    })
}

fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(image).unwrap();
    out
}

/// EXIF (big-endian TIFF) with `orientation` and a GPS latitude, as a camera writes it.
fn exif_with_gps(orientation: u16) -> Vec<u8> {
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        [&tag.to_be_bytes()[..], &kind.to_be_bytes(), &count.to_be_bytes(), &value].concat()
    };
    let gps_at: u32 = 8 + 2 + 2 * 12 + 4;
    let [o1, o2] = orientation.to_be_bytes();
    [
        b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec(),
        2u16.to_be_bytes().to_vec(),
        entry(0x0112, 3, 1, [o1, o2, 0, 0]),
        entry(0x8825, 4, 1, gps_at.to_be_bytes()),
        0u32.to_be_bytes().to_vec(),
        1u16.to_be_bytes().to_vec(),
        entry(0x0001, 2, 2, *b"N\0\0\0"),
        0u32.to_be_bytes().to_vec(),
    ]
    .concat()
}

/// The JPEG with an APP1 segment holding `exif` right after its start.
fn with_exif(jpeg: &[u8], exif: &[u8]) -> Vec<u8> {
    let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
    [&jpeg[..2], &[0xFF, 0xE1], &length, exif, &jpeg[2..]].concat()
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn fixture(dir: &Path) {
    // A diagram: flat colours, as a PNG.
    let diagram = RgbImage::from_fn(700, 350, |x, y| match (x / 175, y < 175) {
        (0, _) => Rgb([0, 90, 160]),
        (1, true) | (3, false) => Rgb([230, 160, 0]),
        _ => Rgb([245, 245, 240]),
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&diagram, 700, 350, image::ExtendedColorType::Rgb8)
        .unwrap();
    write(&dir.join("karta.png"), &png);
    // A photo stored lying down (900×600) that EXIF orientation 6 shows upright (600×900).
    let photo = image::imageops::blur(&photo(900, 600, 7), 3.0);
    write(&dir.join("foto.jpg"), &with_exif(&jpeg(&photo, 40), &exif_with_gps(6)));
}

fn site(dir: &Path, count: usize) {
    let basic = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/basic");
    for entry in walkdir::WalkDir::new(&basic).into_iter().map(Result::unwrap) {
        let rel = entry.path().strip_prefix(&basic).unwrap();
        if entry.file_type().is_file() && !rel.starts_with("expected") {
            write(&dir.join(rel), &std::fs::read(entry.path()).unwrap());
        }
    }
    for i in 0..count {
        let meeting = format!(
            "---\ntitle: Möte med bild {i}\ndate: 2018-10\nregions: [orebro]\nthemes: [smart-specialisation]\nsummary: Ett möte med en bild.\noutcomes: []\n---\nSå här såg det ut.\n\n![Deltagarna vid möte {i}](/bilder/foto-{i:03}.jpg)\n"
        );
        write(&dir.join(format!("content/meetings/2018-10-bild-{i:03}.md")), meeting.as_bytes());
        let bytes = with_exif(&jpeg(&photo(3000, 2000, i as u64 + 1), 85), &exif_with_gps(1));
        write(&dir.join(format!("static/bilder/foto-{i:03}.jpg")), &bytes);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["fixture", dir] => fixture(Path::new(dir)),
        ["site", dir, count] => site(Path::new(dir), count.parse().expect("COUNT is a number")),
        _ => {
            eprintln!("usage: pictures fixture DIR | pictures site DIR COUNT");
            std::process::exit(2);
        }
    }
}
