//! Metadata out of JPEG, PNG and WebP files without touching their pixels: what a picture
//! carries besides its image (EXIF with GPS positions and camera serial numbers, XMP, IPTC,
//! comments, text chunks) is dropped by an allow-list, so nothing unknown survives; the colour
//! profile (ICC) and what decoding needs are kept.

/// The JPEG segments published: everything but application segments and comments, except
/// JFIF (APP0), the colour profile (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14).
fn keep_jpeg_segment(marker: u8, contents: &[u8]) -> bool {
    match marker {
        0xE0 => contents.starts_with(b"JFIF\0"),
        0xE2 => contents.starts_with(b"ICC_PROFILE\0"),
        0xEE => contents.starts_with(b"Adobe"),
        0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
        _ => true,
    }
}

/// A marker that stands alone, without a length (TEM, RST0–7).
fn standalone(marker: u8) -> bool {
    marker == 0x01 || (0xD0..=0xD7).contains(&marker)
}

/// The JPEG without its metadata segments and without anything after the end of the image
/// (phones append further pictures there, with their own EXIF); `None` when it is no JPEG
/// or is cut off within its headers.
pub fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut i = 2;
    let mut in_scan = false;
    loop {
        if in_scan {
            // Entropy-coded data runs to the next marker: 0xFF followed by neither 0x00
            // (a stuffed byte) nor a restart marker nor another 0xFF (fill).
            let start = i;
            let marker_at = loop {
                let Some(found) = memchr::memchr(0xFF, &bytes[i..]) else {
                    // Cut off before its end: what there is is kept, as a viewer would show it.
                    out.extend_from_slice(&bytes[start..]);
                    return Some(out);
                };
                let at = i + found;
                match bytes.get(at + 1) {
                    Some(0x00) => i = at + 2,
                    Some(&m) if standalone(m) => i = at + 2,
                    Some(0xFF) => i = at + 1,
                    Some(_) => break at,
                    None => {
                        out.extend_from_slice(&bytes[start..]);
                        return Some(out);
                    }
                }
            };
            out.extend_from_slice(&bytes[start..marker_at]);
            i = marker_at;
        }
        if bytes.get(i) != Some(&0xFF) {
            return None;
        }
        while bytes.get(i) == Some(&0xFF) {
            i += 1;
        }
        let marker = *bytes.get(i)?;
        i += 1;
        if marker == 0xD9 {
            out.extend_from_slice(&[0xFF, 0xD9]);
            return Some(out);
        }
        if standalone(marker) {
            out.extend_from_slice(&[0xFF, marker]);
            continue;
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
        let segment = bytes.get(i..i.checked_add(length)?).filter(|_| length >= 2)?;
        if keep_jpeg_segment(marker, &segment[2..]) {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(segment);
        }
        i += length;
        in_scan = marker == 0xDA;
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The ancillary PNG chunks published: transparency, colour (gamma, chromaticities, sRGB,
/// ICC, CICP, HDR), pixel size and background, and animation (APNG). Critical chunks
/// always stay. Text (`tEXt`, `zTXt`, `iTXt`), `eXIf`, `tIME` and anything unknown go.
const PNG_KEPT: &[&[u8; 4]] = &[
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCV", b"cLLI", b"sBIT", b"pHYs", b"bKGD", b"acTL",
    b"fcTL", b"fdAT",
];

/// Each chunk of a PNG as (type, the whole chunk with its length and checksum), up to and
/// with `IEND`; `None` when it is no PNG or is cut off.
fn png_chunks(bytes: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let mut rest = bytes.strip_prefix(PNG_SIGNATURE)?;
    let mut chunks = Vec::new();
    loop {
        let length = usize::try_from(u32::from_be_bytes(rest.get(..4)?.try_into().ok()?)).ok()?;
        let kind: [u8; 4] = rest.get(4..8)?.try_into().ok()?;
        let chunk = rest.get(..length.checked_add(12)?)?;
        chunks.push((kind, chunk));
        rest = &rest[chunk.len()..];
        if &kind == b"IEND" {
            return Some(chunks);
        }
    }
}

/// A stripped JPEG with one EXIF segment holding only its orientation (`1`–`8`), after its
/// JFIF segment (or its start): no position, no camera, nothing else.
pub fn jpeg_with_orientation(stripped: &[u8], orientation: u8) -> Option<Vec<u8>> {
    let after_start = 2;
    let has_jfif = stripped.get(2..4) == Some(&[0xFF, 0xE0]);
    let at = if has_jfif {
        let length = usize::from(u16::from_be_bytes([*stripped.get(4)?, *stripped.get(5)?]));
        after_start + 2 + length
    } else {
        after_start
    };
    if stripped.get(..2) != Some(&[0xFF, 0xD8]) || at > stripped.len() {
        return None;
    }
    let mut out = Vec::with_capacity(stripped.len() + 40);
    out.extend_from_slice(&stripped[..at]);
    out.extend_from_slice(&orientation_segment(orientation));
    out.extend_from_slice(&stripped[at..]);
    Some(out)
}

/// EXIF as TIFF: a big-endian header and one IFD of one entry, Orientation (0x0112), a SHORT.
fn orientation_exif(orientation: u8) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]); // one entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    tiff
}

/// APP1 `Exif` holding [`orientation_exif`].
fn orientation_segment(orientation: u8) -> Vec<u8> {
    let payload = [&b"Exif\0\0"[..], &orientation_exif(orientation)].concat();
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap_or(u16::MAX).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

/// A stripped PNG with an `eXIf` chunk holding only its orientation (`1`–`8`), after its
/// header (it must come before the pixels).
pub fn png_with_orientation(stripped: &[u8], orientation: u8) -> Option<Vec<u8>> {
    let header = png_chunks(stripped)?.first().filter(|(kind, _)| kind == b"IHDR")?.1.len();
    let at = PNG_SIGNATURE.len() + header;
    let tiff = orientation_exif(orientation);
    let mut chunk = u32::try_from(tiff.len()).ok()?.to_be_bytes().to_vec();
    chunk.extend_from_slice(b"eXIf");
    chunk.extend_from_slice(&tiff);
    chunk.extend_from_slice(&crc32fast::hash(&chunk[4..]).to_be_bytes());
    Some([&stripped[..at], &chunk, &stripped[at..]].concat())
}

/// A stripped WebP with an `EXIF` chunk holding only its orientation (`1`–`8`), at its end,
/// and the extended header's flag for it (a header is added to a simple WebP, of the stored
/// `width` × `height`).
pub fn webp_with_orientation(
    stripped: &[u8],
    orientation: u8,
    width: u32,
    height: u32,
    alpha: bool,
) -> Option<Vec<u8>> {
    let mut chunks = extended(stripped, width, height, alpha)?;
    *chunks[0].1.first_mut()? |= VP8X_EXIF;
    chunks.push((*b"EXIF", orientation_exif(orientation)));
    Some(riff(&chunks))
}

/// A WebP's chunks with the extended header (VP8X) first, added when it has none.
fn extended(bytes: &[u8], width: u32, height: u32, alpha: bool) -> Option<Vec<([u8; 4], Vec<u8>)>> {
    let mut chunks: Vec<([u8; 4], Vec<u8>)> =
        webp_chunks(bytes)?.into_iter().map(|(id, payload)| (id, payload.to_vec())).collect();
    if chunks.first().is_none_or(|(id, _)| id != b"VP8X") {
        let mut header = vec![if alpha { VP8X_ALPHA } else { 0 }, 0, 0, 0];
        header.extend_from_slice(&(width.checked_sub(1)?).to_le_bytes()[..3]);
        header.extend_from_slice(&(height.checked_sub(1)?).to_le_bytes()[..3]);
        chunks.insert(0, (*b"VP8X", header));
    }
    Some(chunks)
}

/// The PNG without its metadata chunks; `None` when it is no PNG or is cut off.
pub fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    for (kind, chunk) in png_chunks(bytes)? {
        // A chunk is critical when the first letter of its type is a capital.
        if kind[0].is_ascii_uppercase() || PNG_KEPT.contains(&&kind) {
            out.extend_from_slice(chunk);
        }
    }
    Some(out)
}

/// Each chunk of a WebP file as (FourCC, payload); `None` when it is no WebP or is cut off.
fn webp_chunks(bytes: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let declared = usize::try_from(u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?)).ok()?;
    let mut rest = bytes.get(12..declared.checked_add(8)?.min(bytes.len()))?;
    let mut chunks = Vec::new();
    while !rest.is_empty() {
        let id: [u8; 4] = rest.get(..4)?.try_into().ok()?;
        let size = usize::try_from(u32::from_le_bytes(rest.get(4..8)?.try_into().ok()?)).ok()?;
        chunks.push((id, rest.get(8..size.checked_add(8)?)?));
        // Chunks are padded to an even size.
        rest = rest.get((size + 8 + (size & 1)).min(rest.len())..)?;
    }
    Some(chunks)
}

/// The extended-format header's flags (in VP8X's first byte).
const VP8X_ICC: u8 = 0x20;
const VP8X_ALPHA: u8 = 0x10;
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;
const VP8X_ANIMATION: u8 = 0x02;

fn riff(chunks: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut body = b"WEBP".to_vec();
    for (id, payload) in chunks {
        body.extend_from_slice(id);
        body.extend_from_slice(&u32::try_from(payload.len()).unwrap_or(u32::MAX).to_le_bytes());
        body.extend_from_slice(payload);
        if payload.len() % 2 == 1 {
            body.push(0);
        }
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend(body);
    out
}

/// The WebP without its EXIF and XMP chunks (and their flags); `None` when it is no WebP.
pub fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let kept: Vec<([u8; 4], Vec<u8>)> = webp_chunks(bytes)?
        .into_iter()
        .filter(|(id, _)| matches!(id, b"VP8 " | b"VP8L" | b"VP8X" | b"ALPH" | b"ANIM" | b"ANMF" | b"ICCP"))
        .map(|(id, payload)| {
            let mut payload = payload.to_vec();
            if &id == b"VP8X"
                && let Some(flags) = payload.first_mut()
            {
                *flags &= !(VP8X_EXIF | VP8X_XMP);
            }
            (id, payload)
        })
        .collect();
    Some(riff(&kept))
}

/// Whether the picture moves (an APNG, or an animated WebP): only its first frame could be
/// resized, so it is published as it is (without metadata) and not resized.
pub fn is_animated(bytes: &[u8]) -> bool {
    if let Some(chunks) = png_chunks(bytes) {
        return chunks.iter().any(|(kind, _)| kind == b"acTL");
    }
    webp_chunks(bytes).is_some_and(|chunks| {
        chunks.iter().any(|(id, payload)| id == b"VP8X" && payload.first().is_some_and(|f| f & VP8X_ANIMATION != 0))
    })
}

/// A WebP file from libwebp with the colour profile `icc` added (libwebp writes none): the
/// extended header (VP8X) says so, and the ICCP chunk follows it.
pub fn webp_with_icc(bytes: &[u8], icc: &[u8], width: u32, height: u32, alpha: bool) -> Option<Vec<u8>> {
    let mut chunks = extended(bytes, width, height, alpha)?;
    *chunks[0].1.first_mut()? |= VP8X_ICC;
    chunks.insert(1, (*b"ICCP", icc.to_vec()));
    Some(riff(&chunks))
}

/// The application extensions a GIF keeps: looping (Netscape's and its twin) and the
/// colour profile. XMP (`XMP DataXMP`) and every other application's data go.
const GIF_KEPT_APPLICATIONS: &[&[u8; 11]] = &[b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"];

/// Where the data sub-blocks starting at `at` end (after their zero terminator).
fn gif_sub_blocks_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let length = usize::from(*bytes.get(at)?);
        at += 1;
        if length == 0 {
            return Some(at);
        }
        at = at.checked_add(length).filter(|end| *end <= bytes.len())?;
    }
}

/// A GIF's size as its header gives it (the logical screen), if it is a GIF.
pub fn gif_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return None;
    }
    let size = bytes.get(6..10)?;
    Some((u32::from(u16::from_le_bytes([size[0], size[1]])), u32::from(u16::from_le_bytes([size[2], size[3]]))))
}

/// The GIF without its comments, unknown extensions and application data but looping and
/// the colour profile, frames and their timing untouched, and nothing after its end; `None`
/// when it is no GIF or is cut off before its end (its trailer).
pub fn gif(bytes: &[u8]) -> Option<Vec<u8>> {
    gif_size(bytes)?;
    let flags = *bytes.get(10)?;
    let global_table = if flags & 0x80 != 0 { 3 << ((flags & 0x07) + 1) } else { 0 };
    let mut at = 13 + global_table;
    let mut out = bytes.get(..at)?.to_vec();
    // A graphic control block applies to the block after it: it goes with a dropped one.
    let mut control_at: Option<usize> = None;
    loop {
        match *bytes.get(at)? {
            0x3B => {
                out.push(0x3B);
                return Some(out);
            }
            0x2C => {
                let flags = *bytes.get(at + 9)?;
                let local_table = if flags & 0x80 != 0 { 3 << ((flags & 0x07) + 1) } else { 0 };
                // Descriptor (10), its colour table, the LZW code size, then the pixels.
                let pixels_at = at + 10 + local_table + 1;
                let end = gif_sub_blocks_end(bytes, pixels_at)?;
                out.extend_from_slice(&bytes[at..end]);
                control_at = None;
                at = end;
            }
            0x21 => {
                let label = *bytes.get(at + 1)?;
                let end = gif_sub_blocks_end(bytes, at + 2)?;
                let block = &bytes[at..end];
                let keep = match label {
                    0xF9 => {
                        control_at = Some(out.len());
                        true
                    }
                    0xFF => {
                        block.get(2) == Some(&11)
                            && block
                                .get(3..14)
                                .is_some_and(|id| GIF_KEPT_APPLICATIONS.iter().any(|kept| kept[..] == *id))
                    }
                    // Plain text (drawn by no browser), comments, anything unknown.
                    _ => {
                        if label == 0x01
                            && let Some(control) = control_at.take()
                        {
                            out.truncate(control);
                        }
                        false
                    }
                };
                if keep {
                    out.extend_from_slice(block);
                }
                at = end;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(contents.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(contents);
        s
    }

    #[test]
    fn a_jpeg_loses_exif_xmp_comments_and_what_follows_its_end_but_keeps_its_colour_profile() {
        let scan = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56];
        let with_metadata = [
            vec![0xFF, 0xD8],
            segment(0xE0, b"JFIF\0\x01\x01"),
            segment(0xE1, b"Exif\0\0MM GPS"),
            segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x/>"),
            segment(0xE2, b"ICC_PROFILE\0\x01\x01prof"),
            segment(0xE2, b"MPF\0"),
            segment(0xFE, b"a comment"),
            segment(0xDB, b"tables"),
            segment(0xDA, b"scan"),
            scan.to_vec(),
            segment(0xC4, b"more tables"),
            segment(0xDA, b"scan 2"),
            scan.to_vec(),
            vec![0xFF, 0xD9],
            b"trailing picture with Exif GPS".to_vec(),
        ]
        .concat();
        let expected = [
            vec![0xFF, 0xD8],
            segment(0xE0, b"JFIF\0\x01\x01"),
            segment(0xE2, b"ICC_PROFILE\0\x01\x01prof"),
            segment(0xDB, b"tables"),
            segment(0xDA, b"scan"),
            scan.to_vec(),
            segment(0xC4, b"more tables"),
            segment(0xDA, b"scan 2"),
            scan.to_vec(),
            vec![0xFF, 0xD9],
        ]
        .concat();
        assert_eq!(jpeg(&with_metadata).unwrap(), expected);
        assert_eq!(jpeg(b"\x89PNG"), None);
        assert_eq!(jpeg(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00]), None, "cut off in a header");
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }

    #[test]
    fn a_png_loses_text_exif_and_unknown_chunks_but_keeps_colour_and_animation() {
        let kept = [png_chunk(b"IHDR", b"head"), png_chunk(b"iCCP", b"icc"), png_chunk(b"acTL", b"anim")];
        let png_bytes = [
            PNG_SIGNATURE.to_vec(),
            kept.concat(),
            png_chunk(b"eXIf", b"MM GPS"),
            png_chunk(b"tEXt", b"Author\0Anna"),
            png_chunk(b"iTXt", b"XML:com.adobe.xmp"),
            png_chunk(b"caBX", b"unknown"),
            png_chunk(b"IDAT", b"pixels"),
            png_chunk(b"IEND", b""),
        ]
        .concat();
        let expected =
            [PNG_SIGNATURE.to_vec(), kept.concat(), png_chunk(b"IDAT", b"pixels"), png_chunk(b"IEND", b"")].concat();
        assert_eq!(png(&png_bytes).unwrap(), expected);
        assert!(is_animated(&png_bytes));
        assert_eq!(png(&png_bytes[..png_bytes.len() - 3]), None, "cut off");
    }

    #[test]
    fn a_webp_loses_exif_and_xmp_and_their_flags() {
        let with = riff(&[
            (*b"VP8X", vec![VP8X_ICC | VP8X_EXIF | VP8X_XMP, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
            (*b"ICCP", b"icc".to_vec()),
            (*b"VP8 ", b"pixels".to_vec()),
            (*b"EXIF", b"MM GPS".to_vec()),
            (*b"XMP ", b"<x/>".to_vec()),
        ]);
        let without = riff(&[
            (*b"VP8X", vec![VP8X_ICC, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
            (*b"ICCP", b"icc".to_vec()),
            (*b"VP8 ", b"pixels".to_vec()),
        ]);
        assert_eq!(webp(&with).unwrap(), without);
        assert!(!is_animated(&with));
        let icc = webp_with_icc(&riff(&[(*b"VP8 ", b"pixels".to_vec())]), b"icc", 2, 2, false).unwrap();
        assert_eq!(
            icc,
            riff(&[
                (*b"VP8X", vec![VP8X_ICC, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
                (*b"ICCP", b"icc".to_vec()),
                (*b"VP8 ", b"pixels".to_vec())
            ])
        );
    }
}
