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

/// A two-frame GIF (red, then blue, 6×4, looping), as `gif` writes it, with a comment and XMP
/// put in after its colour table and between its frames, and bytes after its end.
fn gif_with_metadata() -> (Vec<u8>, Vec<Vec<u8>>) {
    let frames: Vec<Vec<u8>> = vec![vec![0; 24], vec![1; 24]];
    let mut plain = Vec::new();
    {
        let palette = [255, 0, 0, 0, 0, 255];
        let mut encoder = gif::Encoder::new(&mut plain, 6, 4, &palette).unwrap();
        encoder.set_repeat(gif::Repeat::Infinite).unwrap();
        for (i, pixels) in frames.iter().enumerate() {
            let mut frame = gif::Frame::from_indexed_pixels(6, 4, pixels.clone(), None);
            frame.delay = 10;
            encoder.write_frame(&frame).unwrap();
            if i == 0 {
                encoder.write_raw_extension(gif::AnyExtension(0xFE), &[b"Tagen hos Storgatan 5"]).unwrap();
            }
        }
    }
    // After the header (13 bytes) and the global colour table of two colours (6 bytes).
    let comment = [&[0x21, 0xFE, 9][..], b"Anna Berg", &[0]].concat();
    let xmp_text = b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><exif:GPSLatitude>59,20N</exif:GPSLatitude></x:xmpmeta>";
    let mut xmp = vec![0x21, 0xFF, 11];
    xmp.extend_from_slice(b"XMP DataXMP");
    // XMP's own way: the packet raw (its bytes read as sub-block lengths), then a "magic ramp".
    let mut packet = xmp_text.to_vec();
    packet.push(1);
    packet.extend((1..=255u8).rev());
    packet.extend_from_slice(&[0, 0]);
    xmp.extend_from_slice(&packet);
    let unknown = [&[0x21, 0xFF, 11][..], b"SAMTALTEST1", &[3, 1, 2, 3, 0]].concat();
    let with = [&plain[..19], &comment, &xmp, &unknown, &plain[19..], b"efter slutet GPS"].concat();
    (with, frames)
}

/// Each extension block of a GIF as (label, its first sub-block), read by the `gif` crate.
fn gif_extensions(bytes: &[u8]) -> Vec<(u8, Vec<u8>)> {
    use gif::streaming_decoder::{Block, Decoded, OutputBuffer, StreamingDecoder};
    let mut decoder = StreamingDecoder::new();
    let mut rest = bytes;
    let mut found = Vec::new();
    let mut first = true;
    while !rest.is_empty() {
        let (used, event) = decoder.update(rest, &mut OutputBuffer::None).unwrap();
        rest = &rest[used..];
        match event {
            Decoded::BlockStart(Block::Extension) => first = true,
            Decoded::SubBlock { ext, .. } if first && ext.0 != 0 => {
                found.push((ext.0, decoder.last_ext_sub_block().to_vec()));
                first = false;
            }
            Decoded::BlockStart(Block::Trailer) => break,
            _ => {}
        }
    }
    found
}

#[test]
fn a_gif_loses_its_comments_and_xmp_but_keeps_its_frames_timing_and_loop() {
    // Guards: GIF was copied as it was, comments, XMP (with a GPS position) and all.
    let (bytes, frames) = gif_with_metadata();
    let before = gif_extensions(&bytes);
    assert!(before.iter().any(|(label, _)| *label == 0xFE), "the fixture has comments: {before:?}");
    assert!(before.iter().any(|(_, data)| data == b"XMP DataXMP"), "and XMP");
    let picture = read("bilder/rorlig.gif", &bytes).unwrap();
    assert_eq!((picture.width, picture.height, picture.format), (6, 4, Format::Gif));
    assert!(picture.variants.is_empty(), "a GIF is published as it is");
    let published = published(&bytes).unwrap();
    let after = gif_extensions(&published);
    let kinds: Vec<u8> = after.iter().map(|(label, _)| *label).collect();
    assert_eq!(kinds, [0xFF, 0xF9, 0xF9], "the loop and each frame's timing, nothing else: {after:?}");
    assert_eq!(after[0].1, b"NETSCAPE2.0");
    for text in [&b"Storgatan"[..], b"Anna", b"xmpmeta", b"GPS", b"SAMTAL"] {
        assert!(!has(&published, text), "{}", String::from_utf8_lossy(text));
    }
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(std::io::Cursor::new(&published)).unwrap();
    assert_eq!(decoder.xmp_metadata(), None);
    assert_eq!(decoder.repeat(), gif::Repeat::Infinite);
    let mut decoded = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        assert_eq!(frame.delay, 10);
        decoded.push(frame.buffer.to_vec());
    }
    assert_eq!(decoded, frames, "every frame as it was");
    let urls = Urls::new("https://example.org/").unwrap();
    assert_eq!(
        markup(&picture, "Rörlig", None, &urls),
        "<img src=\"/bilder/rorlig.gif\" width=\"6\" height=\"4\" alt=\"Rörlig\" loading=\"lazy\" decoding=\"async\">"
    );
}

#[test]
fn a_cut_off_or_garbled_png_or_gif_is_damaged_never_a_panic_nor_half_published() {
    // Guards: a cut GIF was published as far as it went; a cut PNG is refused before it is published.
    let (gif, _) = gif_with_metadata();
    let end = gif.len() - b"efter slutet GPS".len();
    let png = png(40, 20);
    for (name, bytes, whole) in [("x.gif", &gif, end), ("x.png", &png, png.len())] {
        for cut in (8..whole).step_by(3).chain([whole - 1]) {
            let cut = &bytes[..cut];
            let found = read(name, cut).and_then(|p| variants(&p, cut, &nothing)).and_then(|_| published(cut));
            assert!(matches!(found, Err(Fault::Damaged | Fault::NotAPicture)), "{name} cut at {}", cut.len());
        }
        let mut garbled = bytes.clone();
        for b in garbled.iter_mut().skip(20).step_by(5) {
            *b ^= 0x5a;
        }
        if let Ok(picture) = read(name, &garbled) {
            let _ = variants(&picture, &garbled, &nothing); // an error or a picture, never a panic
            let _ = published(&garbled);
        }
    }
}

/// The 16 × 8 CMYK JPEG as Photoshop writes them (Adobe APP14, inverted; made with Pillow):
/// red on the left half, blue on the right.
const CMYK_JPEG: &[u8] = include_bytes!("testdata/cmyk-adobe.jpg");

#[test]
fn a_cmyk_jpeg_gets_variants_in_its_right_colours_without_its_cmyk_profile() {
    // Guards: variants are RGB; a CMYK picture's colour profile went with them, which browsers
    // would apply to RGB pixels (or refuse).
    let icc_header: Vec<u8> =
        [&[0, 0, 0, 132][..], b"lcms", &[4, 0x30, 0, 0], b"prtr", b"CMYK", b"Lab ", &[0; 104]].concat();
    let segment = [
        &[0xFF, 0xE2][..],
        &u16::try_from(icc_header.len() + 16).unwrap().to_be_bytes(),
        b"ICC_PROFILE\0\x01\x01",
        &icc_header,
    ]
    .concat();
    let bytes = [&CMYK_JPEG[..2], &segment, &CMYK_JPEG[2..]].concat();
    let picture = read("bilder/tryck.jpg", &bytes).unwrap();
    let (files, _) = variants(&picture, &bytes, &nothing).unwrap();
    assert_eq!(files.len(), 2);
    for file in &files {
        let mut decoder = image::ImageReader::new(std::io::Cursor::new(&file.bytes))
            .with_guessed_format()
            .unwrap()
            .into_decoder()
            .unwrap();
        assert_eq!(decoder.icc_profile().unwrap(), None, "{}: no CMYK profile on RGB pixels", file.path);
        let image = DynamicImage::from_decoder(decoder).unwrap().into_rgb8();
        let (left, right) = (image.get_pixel(2, 4), image.get_pixel(13, 4));
        assert!(left[0] > 200 && left[1] < 60 && left[2] < 60, "red, not inverted: {left:?} in {}", file.path);
        assert!(right[2] > 200 && right[0] < 60 && right[1] < 60, "blue: {right:?} in {}", file.path);
    }
    let original = published(&bytes).unwrap();
    assert!(
        has(&original, b"Adobe") && has(&original, b"ICC_PROFILE"),
        "the original keeps how its colours are stored"
    );
}

/// Big-endian EXIF (TIFF) with the given first IFD's entries (tag, type, value), a GPS
/// position after them, and a second IFD (the thumbnail's) with `thumbnail` entries.
fn exif_tiff(entries: &[(u16, u16, [u8; 4])], thumbnail: &[(u16, u16, [u8; 4])]) -> Vec<u8> {
    let entry = |(tag, kind, value): &(u16, u16, [u8; 4])| {
        [&tag.to_be_bytes()[..], &kind.to_be_bytes(), &1u32.to_be_bytes(), value].concat()
    };
    let ifd0_len = 2 + 12 * (entries.len() + 1) + 4;
    let gps_at = 8 + ifd0_len as u32;
    let gps = [&1u16.to_be_bytes()[..], &[0, 1, 0, 2, 0, 0, 0, 2], b"N\0\0\0", &0u32.to_be_bytes()].concat();
    let ifd1_at = gps_at + gps.len() as u32;
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&u16::try_from(entries.len() + 1).unwrap().to_be_bytes());
    for e in entries {
        tiff.extend(entry(e));
    }
    tiff.extend(entry(&(0x8825, 4, gps_at.to_be_bytes())));
    tiff.extend_from_slice(&if thumbnail.is_empty() { 0 } else { ifd1_at }.to_be_bytes());
    tiff.extend(gps);
    if !thumbnail.is_empty() {
        tiff.extend_from_slice(&u16::try_from(thumbnail.len()).unwrap().to_be_bytes());
        for e in thumbnail {
            tiff.extend(entry(e));
        }
        tiff.extend_from_slice(&0u32.to_be_bytes());
    }
    tiff
}

fn orientation_entry(value: u16) -> (u16, u16, [u8; 4]) {
    let [a, b] = value.to_be_bytes();
    (0x0112, 3, [a, b, 0, 0])
}

/// The lossless bitstream of a simple WebP file (its one `VP8L` chunk's payload).
fn vp8l(webp: &[u8]) -> &[u8] {
    assert_eq!(&webp[12..16], b"VP8L");
    let size = u32::from_le_bytes(webp[16..20].try_into().unwrap()) as usize;
    &webp[20..20 + size]
}

/// A WebP file of these chunks (each padded to an even size).
fn riff_of(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let mut body = b"WEBP".to_vec();
    for (id, payload) in chunks {
        body.extend_from_slice(*id);
        body.extend_from_slice(&u32::try_from(payload.len()).unwrap().to_le_bytes());
        body.extend_from_slice(payload);
        if payload.len() % 2 == 1 {
            body.push(0);
        }
    }
    [&b"RIFF"[..], &u32::try_from(body.len()).unwrap().to_le_bytes(), &body].concat()
}

/// A 64 × 32 picture, red on its left half and blue on its right.
fn halves() -> image::RgbImage {
    image::RgbImage::from_fn(64, 32, |x, _| if x < 32 { image::Rgb([255, 0, 0]) } else { image::Rgb([0, 0, 255]) })
}

fn jpeg_with_app1(app1: &[u8], declared: Option<u16>) -> Vec<u8> {
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 95).encode_image(&halves()).unwrap();
    let length = declared.unwrap_or_else(|| u16::try_from(app1.len() + 2).unwrap()).to_be_bytes();
    [&plain[..2], &[0xFF, 0xE1], &length, app1, &plain[2..]].concat()
}

/// What a build publishes of a picture is whole and agrees with itself: its size as shown is
/// the variants' and the original's (turned by the one orientation it keeps), no EXIF but that
/// orientation, no GPS; returns the size as shown, or `None` when it is refused as damaged.
fn published_consistently(name: &str, bytes: &[u8]) -> Option<(u32, u32)> {
    let picture = match read(name, bytes) {
        Ok(picture) => picture,
        Err(fault) => {
            assert!(matches!(fault, Fault::Damaged | Fault::NotAPicture), "{name}: {fault:?}");
            return None;
        }
    };
    let (files, _) = match variants(&picture, bytes, &nothing) {
        Ok(made) => made,
        Err(Fault::Damaged) => return None,
        Err(fault) => panic!("{name}: {fault:?}"),
    };
    for file in &files {
        let decoded = image::load_from_memory(&file.bytes).unwrap();
        let variant = picture.variants.iter().find(|v| file.path.contains(&format!(".{}.", v.width))).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (variant.width, variant.height), "{name}: {}", file.path);
    }
    let original = match published(bytes) {
        Ok(original) => original,
        // The build reports it and publishes nothing of it.
        Err(Fault::Damaged) => return None,
        Err(fault) => panic!("{name}: {fault:?}"),
    };
    match exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&original)) {
        Ok(exif) => {
            let fields: Vec<(exif::Tag, Option<u32>)> = exif.fields().map(|f| (f.tag, f.value.get_uint(0))).collect();
            assert!(
                matches!(fields[..], [(exif::Tag::Orientation, Some(2..=8))]),
                "{name}: only a real orientation, once: {fields:?}"
            );
        }
        Err(exif::Error::NotFound(_)) => {}
        Err(e) => panic!("{name}: the reader fails: {e}"),
    }
    let mut decoder =
        image::ImageReader::new(std::io::Cursor::new(&original)).with_guessed_format().unwrap().into_decoder().unwrap();
    let orientation = decoder.orientation().unwrap();
    let mut shown = DynamicImage::from_decoder(decoder).unwrap();
    shown.apply_orientation(orientation);
    assert_eq!((shown.width(), shown.height()), (picture.width, picture.height), "{name}: the original as shown");
    Some((picture.width, picture.height))
}

/// A picture's size as shown, or `None` when it is refused.
type Shown = Option<(u32, u32)>;

#[test]
fn exif_orientation_tricks_are_honoured_once_or_ignored_never_a_panic_or_a_leak() {
    // Guards: only 1–8 in the first IFD turns a picture, once; the published original says the
    // same (a PNG's eXIf and a WebP's EXIF kept only their pixels before); nothing else of EXIF.
    let upright = Some((64, 32));
    let turned = Some((32, 64));
    let app1 = |tiff: Vec<u8>| [&b"Exif\0\0"[..], &tiff].concat();
    let cases: Vec<(&str, Vec<u8>, Shown)> = vec![
        ("orientation 0", jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(0)], &[])), None), upright),
        ("orientation 9", jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(9)], &[])), None), upright),
        ("orientation 65535", jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(65535)], &[])), None), upright),
        ("orientation 6", jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(6)], &[])), None), turned),
        (
            "two orientations, 6 first",
            jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(6), orientation_entry(3)], &[])), None),
            turned,
        ),
        ("only the thumbnail's", jpeg_with_app1(&app1(exif_tiff(&[], &[orientation_entry(6)])), None), upright),
        ("IFD far outside", jpeg_with_app1(b"Exif\0\0MM\0\x2a\xff\xff\xff\xf0", None), upright),
        (
            "EXIF cut in its entries",
            jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(6), orientation_entry(3)], &[]))[..30], None),
            turned,
        ),
        (
            "EXIF cut before the entries",
            jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(6)], &[]))[..16], None),
            upright,
        ),
        (
            "segment longer than the file",
            jpeg_with_app1(&app1(exif_tiff(&[orientation_entry(6)], &[])), Some(60_000)),
            None,
        ),
    ];
    for (name, bytes, expected) in &cases {
        assert_eq!(published_consistently(name, bytes), *expected, "{name}");
    }

    // A PNG with its orientation in an eXIf chunk, a WebP with it in an EXIF chunk.
    let tiff = exif_tiff(&[orientation_entry(6)], &[]);
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&halves(), 64, 32, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut chunk = [&u32::try_from(tiff.len()).unwrap().to_be_bytes()[..], b"eXIf", &tiff].concat();
    chunk.extend_from_slice(&crc32fast::hash(&chunk[4..]).to_be_bytes());
    let png = [&png[..33], &chunk, &png[33..]].concat();
    let webp = webp::Encoder::from_rgb(&halves(), 64, 32).encode_lossless().to_vec();
    assert_eq!(&webp[12..16], b"VP8L");
    let with_exif =
        riff_of(&[(b"VP8X", &[0x08, 0, 0, 0, 63, 0, 0, 31, 0, 0]), (b"VP8L", vp8l(&webp)), (b"EXIF", &tiff)]);
    for (name, bytes) in [("x.png", png), ("x.webp", with_exif)] {
        assert!(exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&bytes)).is_ok(), "{name} has EXIF");
        assert_eq!(published_consistently(name, &bytes), turned, "{name}");
        let picture = read(name, &bytes).unwrap();
        let (files, _) = variants(&picture, &bytes, &nothing).unwrap();
        let image = image::load_from_memory(&files[0].bytes).unwrap().into_rgb8();
        let (top, bottom) = (image.get_pixel(16, 4), image.get_pixel(16, 60));
        assert!(top[0] > 200 && bottom[2] > 200, "{name}: red on top, blue below: {top:?} {bottom:?}");
    }
}

#[test]
fn an_animated_webp_keeps_its_frames_and_loses_its_exif_and_xmp() {
    // Guards: a moving WebP is published as it is, never flattened to its first frame by a
    // variant, and without the EXIF (GPS) and XMP chunks of its container.
    let frame = |colour: [u8; 3]| {
        let pixels: Vec<u8> = std::iter::repeat_n(colour, 64).flatten().collect();
        webp::Encoder::from_rgb(&pixels, 8, 8).encode_lossless().to_vec()
    };
    let anmf = |webp: &[u8]| {
        let bitstream = vp8l(webp);
        let mut payload = vec![0, 0, 0, 0, 0, 0, 7, 0, 0, 7, 0, 0, 100, 0, 0, 0];
        payload.extend_from_slice(b"VP8L");
        payload.extend_from_slice(&u32::try_from(bitstream.len()).unwrap().to_le_bytes());
        payload.extend_from_slice(bitstream);
        if bitstream.len() % 2 == 1 {
            payload.push(0);
        }
        payload
    };
    let (red, blue) = (anmf(&frame([255, 0, 0])), anmf(&frame([0, 0, 255])));
    let tiff = exif_tiff(&[orientation_entry(1)], &[]);
    let xmp = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><exif:GPSLatitude>59,20N</exif:GPSLatitude></x:xmpmeta>";
    let bytes = riff_of(&[
        (b"VP8X", &[0x02 | 0x08 | 0x04, 0, 0, 0, 7, 0, 0, 7, 0, 0]),
        (b"ANIM", &[0, 0, 0, 0, 0, 0]),
        (b"ANMF", &red),
        (b"ANMF", &blue),
        (b"EXIF", &tiff),
        (b"XMP ", xmp),
    ]);
    assert!(exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&bytes)).is_ok(), "it has EXIF");
    let picture = read("bilder/rörlig.webp", &bytes).unwrap();
    assert_eq!((picture.width, picture.height), (8, 8));
    assert!(picture.variants.is_empty(), "published as it is, not flattened");
    let published = published(&bytes).unwrap();
    assert!(matches!(
        exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&published)),
        Err(exif::Error::NotFound(_))
    ));
    assert!(!has(&published, b"xmpmeta") && !has(&published, b"XMP ") && !has(&published, b"EXIF"));
    use image::AnimationDecoder as _;
    let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(&published)).unwrap();
    let frames = decoder.into_frames().collect_frames().unwrap();
    assert_eq!(frames.len(), 2, "both frames");
    let (red, blue) = (frames[0].buffer().get_pixel(3, 3), frames[1].buffer().get_pixel(3, 3));
    assert!(red[0] > 250 && red[2] < 5 && blue[2] > 250 && blue[0] < 5, "{red:?} then {blue:?}");
}
