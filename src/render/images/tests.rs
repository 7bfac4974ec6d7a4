use super::*;

/// An APP1 segment's contents: EXIF (big-endian TIFF) with `orientation` and a GPS position.
fn exif_with_gps(orientation: u16) -> Vec<u8> {
    let entry = |tag: u16, kind: u16, value: [u8; 4]| {
        [&tag.to_be_bytes()[..], &kind.to_be_bytes(), &1u32.to_be_bytes(), &value].concat()
    };
    let [o1, o2] = orientation.to_be_bytes();
    let gps_ifd_at: u32 = 8 + 2 + 2 * 12 + 4;
    [
        b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec(),
        2u16.to_be_bytes().to_vec(),
        entry(0x0112, 3, [o1, o2, 0, 0]),
        entry(0x8825, 4, gps_ifd_at.to_be_bytes()),
        0u32.to_be_bytes().to_vec(),
        1u16.to_be_bytes().to_vec(),
        // GPSLatitudeRef "N" (ASCII, two bytes with the NUL).
        [&1u16.to_be_bytes()[..], &2u16.to_be_bytes(), &2u32.to_be_bytes(), b"N\0\0\0"].concat(),
        0u32.to_be_bytes().to_vec(),
    ]
    .concat()
}

/// A JPEG `width`×`height`, red on its left half and blue on its right, with EXIF (GPS and
/// `orientation`) right after its start.
fn jpeg_with_exif(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 { image::Rgb([255, 0, 0]) } else { image::Rgb([0, 0, 255]) }
    });
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 95).encode_image(&image).unwrap();
    let exif = exif_with_gps(orientation);
    let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
    [&plain[..2], &[0xFF, 0xE1], &length, &exif, &plain[2..]].concat()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| image::Rgba([x as u8, y as u8, 90, 200]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&image, width, height, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

fn nothing(_: &str) -> Option<Bytes> {
    None
}

fn has(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn widths_never_enlarge_a_picture() {
    assert_eq!(widths(3000), [480, 960, 1600]);
    assert_eq!(widths(1600), [480, 960, 1600]);
    assert_eq!(widths(960), [480, 960]);
    assert_eq!(widths(700), [480, 700]);
    assert_eq!(widths(300), [300]);
}

#[test]
fn variant_names_carry_the_width_and_a_hash_of_the_source() {
    let bytes = png(700, 350);
    let picture = read("bilder/karta.png", &bytes).unwrap();
    assert_eq!((picture.width, picture.height, picture.format), (700, 350, Format::Png));
    let hash = variant_hash(&bytes);
    assert_eq!(hash.len(), 16);
    let paths: Vec<&str> = picture.variant_paths().collect();
    assert_eq!(
        paths,
        [
            format!("bilder/karta.480.{hash}.png"),
            format!("bilder/karta.480.{hash}.webp"),
            format!("bilder/karta.700.{hash}.png"),
            format!("bilder/karta.700.{hash}.webp"),
        ]
    );
    assert_eq!(picture.variants[0].height, 240);
    assert_ne!(variant_hash(&png(700, 351)), hash, "other bytes, other names");
    assert_eq!(variant_path("a.b/bild", 480, "h", "webp"), "a.b/bild.480.h.webp");
}

#[test]
fn exif_and_gps_are_gone_from_the_original_and_every_variant() {
    let bytes = jpeg_with_exif(64, 32, 1);
    assert!(has(&bytes, b"Exif\0\0"));
    let picture = read("bilder/foto.jpg", &bytes).unwrap();
    let published = published(&bytes).unwrap();
    assert!(!has(&published, b"Exif\0\0") && !has(&published, b"MM\0\x2a"), "the original is stripped");
    assert_eq!(image::load_from_memory(&published).unwrap().width(), 64, "and still a picture");
    let (files, encoded) = variants(&picture, &bytes, &nothing).unwrap();
    assert_eq!((files.len(), encoded), (2, 2), "one width (64), as JPEG and WebP");
    for file in &files {
        assert!(!has(&file.bytes, b"Exif") && !has(&file.bytes, b"MM\0\x2a"), "{}", file.path);
        assert_eq!(image::load_from_memory(&file.bytes).unwrap().width(), 64, "{}", file.path);
    }
}

#[test]
fn a_picture_turned_by_its_exif_orientation_is_published_upright() {
    // Orientation 6: stored lying down, shown turned 90° clockwise: the left half on top.
    let bytes = jpeg_with_exif(64, 32, 6);
    let picture = read("bilder/foto.jpg", &bytes).unwrap();
    assert_eq!((picture.width, picture.height), (32, 64), "the size as shown");
    let (files, _) = variants(&picture, &bytes, &nothing).unwrap();
    for file in files {
        let image = image::load_from_memory(&file.bytes).unwrap().into_rgb8();
        assert_eq!(image.dimensions(), (32, 64), "{}", file.path);
        let (top, bottom) = (image.get_pixel(16, 4), image.get_pixel(16, 60));
        assert!(top[0] > 200 && top[2] < 60, "red on top: {top:?} in {}", file.path);
        assert!(bottom[2] > 200 && bottom[0] < 60, "blue below: {bottom:?} in {}", file.path);
    }
}

#[test]
fn variants_the_build_before_made_are_reused_not_encoded() {
    let bytes = png(700, 350);
    let picture = read("bilder/karta.png", &bytes).unwrap();
    let (fresh, encoded) = variants(&picture, &bytes, &nothing).unwrap();
    assert_eq!(encoded, 4);
    let previous: HashMap<String, Bytes> = fresh.iter().map(|f| (f.path.clone(), f.bytes.clone())).collect();
    let reuse = |path: &str| previous.get(path).cloned();
    let (again, encoded) = variants(&picture, &bytes, &reuse).unwrap();
    assert_eq!((again, encoded), (fresh.clone(), 0));
    // One file lost: only it is encoded again, and comes out the same.
    let one_lost =
        |path: &str| previous.get(path).filter(|_| !(path.contains(".700.") && path.ends_with(".webp"))).cloned();
    let (again, encoded) = variants(&picture, &bytes, &one_lost).unwrap();
    assert_eq!((again, encoded), (fresh, 1));
    let widths: Vec<u32> = picture.variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 700]);
}

#[test]
fn the_markup_offers_webp_and_the_own_format_by_width_with_the_intrinsic_size() {
    let bytes = png(700, 350);
    let picture = read("bilder/karta.png", &bytes).unwrap();
    let h = variant_hash(&bytes);
    let urls = Urls::new("https://example.org/sub/").unwrap();
    let html = markup(&picture, "Karta \"över\" länet", None, &urls);
    assert_eq!(
        html,
        format!(
            "<picture><source type=\"image/webp\" srcset=\"/sub/bilder/karta.480.{h}.webp 480w, /sub/bilder/karta.700.{h}.webp 700w\" sizes=\"{SIZES}\">\
             <img src=\"/sub/bilder/karta.700.{h}.png\" srcset=\"/sub/bilder/karta.480.{h}.png 480w, /sub/bilder/karta.700.{h}.png 700w\" sizes=\"{SIZES}\" \
             width=\"700\" height=\"350\" alt=\"Karta &quot;över&quot; länet\" loading=\"lazy\" decoding=\"async\"></picture>"
        )
    );
}

#[test]
fn a_renamed_heic_or_a_cut_off_picture_cannot_be_read() {
    assert_eq!(read("x.jpg", b"\0\0\0\x18ftypheic\0\0\0\0"), Err(Fault::NotAPicture));
    assert_eq!(published(b"\0\0\0\x18ftypheic"), Err(Fault::NotAPicture));
    let bytes = png(40, 20);
    assert_eq!(read("x.png", &bytes[..20]), Err(Fault::Damaged), "cut off in its header");
    let cut = &bytes[..bytes.len() - 30];
    let picture = read("x.png", cut).unwrap();
    assert_eq!(variants(&picture, cut, &nothing), Err(Fault::Damaged), "cut off in its pixels");
    assert_eq!(published(cut), Err(Fault::Damaged));
}

/// A PNG whose header declares `width` × `height` pixels, followed by a few bytes of pixels:
/// tiny on disk, huge decoded.
fn declared_png(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let chunk = |kind: &[u8], data: &[u8]| {
        let crc = crc32(&[kind, data].concat());
        [&(data.len() as u32).to_be_bytes()[..], kind, data, &crc.to_be_bytes()].concat()
    };
    let header = [&width.to_be_bytes()[..], &height.to_be_bytes(), &[8, 2, 0, 0, 0]].concat();
    // zlib of 16 zero bytes: the first row's start, then the stream just ends.
    let pixels = [120, 218, 99, 96, 64, 5, 0, 0, 16, 0, 1];
    [&b"\x89PNG\r\n\x1a\n"[..], &chunk(b"IHDR", &header), &chunk(b"IDAT", &pixels), &chunk(b"IEND", b"")].concat()
}

#[test]
fn a_picture_declaring_fifty_thousand_pixels_square_is_refused_from_its_header() {
    // Guards: a PNG of a few bytes declaring 50,000 × 50,000 pixels made the build allocate 7.5 GB
    // (under `ulimit -v` an abort, without it the machine's memory).
    let bomb = declared_png(50_000, 50_000);
    assert!(bomb.len() < 100, "{} bytes", bomb.len());
    assert_eq!(read("bilder/bomb.png", &bomb), Err(Fault::TooLarge { width: 50_000, height: 50_000 }));
    let fake = Picture {
        path: "bilder/bomb.png".into(),
        format: Format::Png,
        width: 50_000,
        height: 50_000,
        variants: vec![],
    };
    assert_eq!(
        decode(&fake, &bomb).err(),
        Some(Fault::TooLarge { width: 50_000, height: 50_000 }),
        "nor decoded if asked"
    );
    assert!(matches!(
        Fault::TooLarge { width: 1, height: 2 }.problem(1_500_000),
        Problem::PictureTooLarge { megabytes: 2, .. }
    ));
    // Just within the bound the header is accepted.
    assert!(read("bilder/stor.png", &declared_png(12_000, 10_000)).is_ok());
}

#[test]
fn cut_off_or_garbled_jpeg_and_webp_pictures_are_damaged_not_a_panic() {
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut jpeg).encode_image(&image).unwrap();
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .encode(&image, 64, 48, image::ExtendedColorType::Rgb8)
        .unwrap();
    for (name, bytes) in [("x.jpg", jpeg), ("x.webp", webp)] {
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
            let cut = &bytes[..cut];
            // The build publishes the original and the variants: a cut WebP is damaged; a cut
            // JPEG is published as far as it goes, as viewers show it (strip.rs keeps it so).
            let found = read(name, cut).and_then(|p| variants(&p, cut, &nothing)).and_then(|_| published(cut));
            match name {
                "x.webp" => assert_eq!(found.err(), Some(Fault::Damaged), "{name} cut at {}", cut.len()),
                _ => assert!(matches!(found, Ok(_) | Err(Fault::Damaged)), "{name} cut at {}", cut.len()),
            }
        }
        let mut garbled = bytes.clone();
        for b in garbled.iter_mut().skip(40).step_by(7) {
            *b ^= 0x5a;
        }
        if let Ok(picture) = read(name, &garbled) {
            let _ = variants(&picture, &garbled, &nothing); // an error or a picture, never a panic
        }
    }
}

#[test]
fn a_sixteen_bit_png_gets_eight_bit_variants_of_its_size() {
    // Guards: 16 bits per channel (scanners, image editors) is decoded and made 8-bit, not refused.
    let image = image::ImageBuffer::<image::Rgb<u16>, Vec<u16>>::from_fn(600, 300, |x, y| {
        image::Rgb([(x * 100) as u16, (y * 200) as u16, 40_000])
    });
    let bytes: Vec<u8> = image.as_raw().iter().flat_map(|v| v.to_be_bytes()).collect();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&bytes, 600, 300, image::ExtendedColorType::Rgb16)
        .unwrap();
    let picture = read("bilder/djup.png", &png).unwrap();
    let (files, encoded) = variants(&picture, &png, &nothing).unwrap();
    assert_eq!(encoded, files.len());
    for f in &files {
        let decoded = image::load_from_memory(&f.bytes).unwrap();
        assert_eq!(decoded.color().bytes_per_pixel(), 3, "{} is 8-bit RGB", f.path);
        let variant = picture.variants.iter().find(|v| f.path.contains(&format!(".{}.", v.width))).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (variant.width, variant.height), "{}", f.path);
    }
}
