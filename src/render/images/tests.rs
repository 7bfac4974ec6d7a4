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
