//! Pictures: every JPEG, PNG, WebP and GIF file the site publishes goes out without its
//! metadata (EXIF with GPS positions, XMP, comments: `strip.rs`), and a still JPEG, PNG or
//! WebP is resized into variants that a body's picture offers by width (`srcset`), as WebP
//! with the picture's own format beside it for browsers without WebP. An SVG is published only
//! when it can run no script (`svg.rs`). Pure: bytes in, bytes out.
//!
//! The facts the markup needs (size, variant names) come from the file's header alone, so
//! `check` learns them without decoding a pixel. A variant's name carries a hash of the
//! source bytes and of the encoding settings ([`ENCODING`]), so an unchanged picture has the
//! same variant names in the next build, which takes their bytes from the build before (the
//! previous output folder, or `serve`'s memory, through [`ReusePicture`]) and never encodes
//! it again; a changed picture, or changed settings, gets new names.
//!
//! Bundles (pictures beside a meeting's `index.md`) go through the same two calls: [`read`]
//! (output path, bytes → [`Picture`], the markup's facts) and [`variants`] (→ files).

mod strip;
mod svg;

use super::output::{Output, OutputFile, Sink};
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::layout::StaticFile;
use crate::model::urls::Urls;
use bytes::Bytes;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The widths offered in `srcset`; a picture is never enlarged, so a narrower one gets the
/// widths below its own and its own (700 px: 480 and 700).
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
const WEBP_QUALITY: f32 = 80.0;
const JPEG_QUALITY: u8 = 82;
/// Everything that decides a variant's bytes besides the source and its width: part of each
/// variant's name. Change it (the leading number) whenever encoding changes in a way these
/// words do not show, such as a new version of an encoder.
pub const ENCODING: &str = "1 lanczos3 webp-q80 jpeg-q82 png-default";
/// How wide the picture shows on a page, for the browser's choice among the widths: the
/// default theme's text column (`--measure`, 70ch, about 40rem) or the whole screen.
pub const SIZES: &str = "(min-width: 42rem) 40rem, 100vw";
/// Above these a picture is larger than anyone needs on a web page (a warning).
pub const LARGE_PIXELS: u64 = 40_000_000;
pub const LARGE_BYTES: usize = 25_000_000;
/// Above this a picture is not decoded at all (an error): its pixels alone would take 480 MB
/// or more, per core. A PNG of 15 KB can declare 50,000 × 50,000 pixels (7.5 GB), so the
/// size is judged from the header, before anything is allocated. The largest cameras' photos
/// (100 megapixels) are below it.
pub const MAX_PIXELS: u64 = 120_000_000;

/// Gives a variant's bytes from the build before, by its output path, if it has them.
pub type ReusePicture<'a> = &'a (dyn Fn(&str) -> Option<Bytes> + Sync);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
    /// Published as it is (without metadata), never resized: most GIFs move.
    Gif,
}

impl Format {
    /// The format the bytes are in (by their signature, not the file's name).
    pub fn of(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Format::WebP)
        } else if strip::gif_size(bytes).is_some() {
            Some(Format::Gif)
        } else {
            None
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
            Format::Gif => "gif",
        }
    }

    fn image_format(self) -> ImageFormat {
        match self {
            Format::Jpeg => ImageFormat::Jpeg,
            Format::Png => ImageFormat::Png,
            Format::WebP => ImageFormat::WebP,
            Format::Gif => ImageFormat::Gif,
        }
    }
}

/// Whether a static file is published as a picture (by its name: `.jpg`, `.jpeg`, `.png`,
/// `.webp`, `.gif`, in any case). An SVG (or `.svgz`) is checked ([`is_svg_path`]) and copied as it is.
pub fn is_picture_path(path: &str) -> bool {
    let lower = path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default();
    matches!(lower.as_str(), "jpg" | "jpeg" | "png" | "webp" | "gif")
}

/// Whether a static file is an SVG picture (by its name, in any case).
pub fn is_svg_path(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("svg"))
}

/// A 1×1 grey picture in the format `path` names (JPEG, PNG, WebP or GIF): what the browser
/// editor's preview stands in for a picture chosen in the form but not saved yet (the browser
/// shows the real one in its place).
pub fn placeholder(path: &str) -> Option<Vec<u8>> {
    use image::ImageEncoder as _;
    let pixel = [128u8, 128, 128];
    let mut out = Vec::new();
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => image::codecs::jpeg::JpegEncoder::new(&mut out)
            .write_image(&pixel, 1, 1, image::ExtendedColorType::Rgb8)
            .ok()?,
        "png" => image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&pixel, 1, 1, image::ExtendedColorType::Rgb8)
            .ok()?,
        "webp" => out = webp::Encoder::from_rgb(&pixel, 1, 1).encode_lossless().to_vec(),
        // Header, two colours, one 1×1 frame of the first.
        "gif" => out = b"GIF89a\x01\0\x01\0\x80\0\0\x80\x80\x80\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;".to_vec(),
        _ => return None,
    }
    Some(out)
}

/// The extension of a picture format that cannot be published (HEIC/HEIF, TIFF), if `path`
/// has one: its metadata cannot be stripped, and browsers do not show it.
fn unpublishable_format(path: &str) -> Option<&str> {
    let (_, extension) = path.rsplit_once('.')?;
    ["heic", "heif", "tif", "tiff"].into_iter().find(|f| extension.eq_ignore_ascii_case(f))
}

/// Why a picture cannot be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Named as a picture but another kind of file (a HEIC photo renamed `.jpg`, a text).
    NotAPicture,
    /// A picture that cannot be read to its end.
    Damaged,
    /// More pixels than [`MAX_PIXELS`] (as shown: `width` × `height`).
    TooLarge { width: u32, height: u32 },
}

impl Fault {
    /// The author's problem for a picture file of `byte_count` bytes.
    pub fn problem(self, byte_count: usize) -> Problem {
        match self {
            Fault::TooLarge { width, height } => {
                Problem::PictureTooLarge { width, height, megabytes: byte_count.div_ceil(1_000_000) }
            }
            fault => Problem::PictureUnreadable { damaged: fault == Fault::Damaged },
        }
    }
}

/// One width of a picture: its file in the picture's own format, and as WebP.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// Output path in the picture's own format (for a WebP picture, its only file).
    pub fallback: String,
    /// Output path of the WebP variant (`None` when the picture is a WebP).
    pub webp: Option<String>,
}

/// What a page needs to show a picture, known from its header alone.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Picture {
    /// Output path of the published original, e.g. `bilder/karta.jpg`.
    pub path: String,
    pub format: Format,
    /// As shown: after the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    /// Narrowest first; none for a moving picture (published as it is).
    pub variants: Vec<Variant>,
}

impl Picture {
    /// Every variant file's output path.
    pub fn variant_paths(&self) -> impl Iterator<Item = &str> {
        self.variants.iter().flat_map(|v| std::iter::once(v.fallback.as_str()).chain(v.webp.as_deref()))
    }

    /// Whether the picture is larger than a web page needs.
    pub fn is_large(&self, byte_count: usize) -> bool {
        u64::from(self.width) * u64::from(self.height) > LARGE_PIXELS || byte_count > LARGE_BYTES
    }
}

/// The widths a picture `width` pixels wide is offered in: never wider than it is.
pub fn widths(width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    let widest = width.min(WIDTHS[WIDTHS.len() - 1]);
    if out.last() != Some(&widest) {
        out.push(widest);
    }
    out
}

/// The hash in a picture's variant names: of its bytes and of [`ENCODING`].
fn variant_hash(bytes: &[u8]) -> String {
    let source = xxhash_rust::xxh3::xxh3_128(bytes);
    let both = xxhash_rust::xxh3::xxh3_128(&[&source.to_le_bytes()[..], ENCODING.as_bytes()].concat());
    format!("{:016x}", (both >> 64) as u64)
}

/// `bilder/karta.jpg`, 480 → `bilder/karta.480.<hash>.<ext>`.
fn variant_path(path: &str, width: u32, hash: &str, extension: &str) -> String {
    let file_start = path.rfind('/').map_or(0, |i| i + 1);
    let stem = match path[file_start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..file_start + dot],
        _ => path,
    };
    format!("{stem}.{width}.{hash}.{extension}")
}

fn decoder(bytes: &[u8], format: Format) -> Result<impl ImageDecoder + '_, Fault> {
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format.image_format());
    // The decoders' own buffers stay within what a picture of MAX_PIXELS needs.
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    reader.into_decoder().map_err(|_| Fault::Damaged)
}

/// Whether the orientation turns the picture on its side (width and height swap).
fn turns_sideways(orientation: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation::*;
    matches!(orientation, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
}

/// What a page needs to show the picture published at `path`, read from its header.
pub fn read(path: &str, bytes: &[u8]) -> Result<Picture, Fault> {
    let format = Format::of(bytes).ok_or(Fault::NotAPicture)?;
    if format == Format::Gif {
        return read_gif(path, bytes);
    }
    let mut decoder = decoder(bytes, format)?;
    let (stored_width, stored_height) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let (width, height) =
        if turns_sideways(orientation) { (stored_height, stored_width) } else { (stored_width, stored_height) };
    if width == 0 || height == 0 {
        return Err(Fault::Damaged);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Fault::TooLarge { width, height });
    }
    let variants = if strip::is_animated(bytes) {
        Vec::new()
    } else {
        let hash = variant_hash(bytes);
        widths(width)
            .into_iter()
            .map(|w| Variant {
                width: w,
                height: scaled_height(width, height, w),
                fallback: variant_path(path, w, &hash, format.extension()),
                webp: (format != Format::WebP).then(|| variant_path(path, w, &hash, "webp")),
            })
            .collect()
    };
    Ok(Picture { path: path.to_string(), format, width, height, variants })
}

/// A GIF's facts: its size from its header, no variants; its blocks are walked to its end, so
/// a cut-off GIF is damaged already for `check` (nothing is decompressed).
fn read_gif(path: &str, bytes: &[u8]) -> Result<Picture, Fault> {
    let (width, height) = strip::gif_size(bytes).ok_or(Fault::NotAPicture)?;
    if width == 0 || height == 0 || strip::gif(bytes).is_none() {
        return Err(Fault::Damaged);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Fault::TooLarge { width, height });
    }
    Ok(Picture { path: path.to_string(), format: Format::Gif, width, height, variants: Vec::new() })
}

/// The height of a picture `width`×`height` scaled to `to` pixels wide, rounded, at least 1.
fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let scaled = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// The picture's bytes as published: without metadata, pixels untouched. A picture stored
/// lying down (a phone's portrait photo) keeps one piece of EXIF, its orientation as the
/// variants were turned by it (`1`–`8`, the first IFD's first; anything else is upright), so
/// that it still shows upright where it is linked to directly: a JPEG in an APP1 segment, a
/// PNG in an `eXIf` chunk, a WebP in an `EXIF` chunk.
pub fn published(bytes: &[u8]) -> Result<Vec<u8>, Fault> {
    let format = Format::of(bytes).ok_or(Fault::NotAPicture)?;
    let stripped = match format {
        Format::Jpeg => strip::jpeg(bytes),
        Format::Png => strip::png(bytes),
        Format::WebP => strip::webp(bytes),
        Format::Gif => strip::gif(bytes),
    };
    let stripped = stripped.ok_or(Fault::Damaged)?;
    if format == Format::Gif {
        return Ok(stripped);
    }
    let Some(mut decoder) = decoder(bytes, format).ok() else {
        return Ok(stripped);
    };
    let orientation = decoder.orientation().map_or(1, image::metadata::Orientation::to_exif);
    if !(2..=8).contains(&orientation) {
        return Ok(stripped);
    }
    let turned = match format {
        Format::Jpeg => strip::jpeg_with_orientation(&stripped, orientation),
        Format::Png => strip::png_with_orientation(&stripped, orientation),
        Format::WebP => {
            let (width, height) = decoder.dimensions();
            let alpha = decoder.color_type().has_alpha();
            strip::webp_with_orientation(&stripped, orientation, width, height, alpha)
        }
        Format::Gif => None,
    };
    turned.ok_or(Fault::Damaged)
}

/// A picture decoded, turned upright and made 8-bit RGB or RGBA, with its colour profile.
struct Decoded {
    pixels: Vec<u8>,
    width: u32,
    height: u32,
    alpha: bool,
    icc: Option<Vec<u8>>,
}

fn decode(picture: &Picture, bytes: &[u8]) -> Result<Decoded, Fault> {
    let mut decoder = decoder(bytes, picture.format)?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    // The variants are RGB: a profile for other colours (a CMYK or grey picture's) would
    // make browsers show them wrong, so only an RGB profile goes with them.
    let icc = decoder.icc_profile().ok().flatten().filter(|icc| icc.get(16..20) == Some(b"RGB "));
    // `read` refused larger pictures; `from_decoder` allocates what the header says unasked.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Fault::TooLarge { width, height });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| Fault::Damaged)?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha();
    let pixels = if alpha { image.into_rgba8().into_raw() } else { image.into_rgb8().into_raw() };
    Ok(Decoded { pixels, width, height, alpha, icc })
}

fn resize(decoded: &Decoded, width: u32, height: u32) -> Result<Vec<u8>, Fault> {
    use fast_image_resize::{PixelType, ResizeAlg, ResizeOptions, Resizer, images};
    let pixel_type = if decoded.alpha { PixelType::U8x4 } else { PixelType::U8x3 };
    let source = images::ImageRef::new(decoded.width, decoded.height, &decoded.pixels, pixel_type)
        .map_err(|_| Fault::Damaged)?;
    let mut resized = images::Image::new(width, height, pixel_type);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3));
    Resizer::new().resize(&source, &mut resized, &options).map_err(|_| Fault::Damaged)?;
    Ok(resized.into_vec())
}

/// Encodes 8-bit RGB(A) pixels in `format`, with the colour profile when there is one.
fn encode(format: Format, pixels: &[u8], width: u32, height: u32, decoded: &Decoded) -> Result<Vec<u8>, Fault> {
    let color = if decoded.alpha { image::ExtendedColorType::Rgba8 } else { image::ExtendedColorType::Rgb8 };
    let icc = decoded.icc.as_deref();
    let mut out = Vec::new();
    match format {
        Format::Jpeg => {
            let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            if let Some(icc) = icc {
                // An encoder that cannot carry the profile still writes the picture.
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            encoder.write_image(pixels, width, height, color).map_err(|_| Fault::Damaged)?;
        }
        Format::Png => {
            let mut encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            );
            if let Some(icc) = icc {
                let _ = encoder.set_icc_profile(icc.to_vec());
            }
            encoder.write_image(pixels, width, height, color).map_err(|_| Fault::Damaged)?;
        }
        Format::WebP => {
            let encoder = if decoded.alpha {
                webp::Encoder::from_rgba(pixels, width, height)
            } else {
                webp::Encoder::from_rgb(pixels, width, height)
            };
            let encoded = encoder.encode_simple(false, WEBP_QUALITY).map_err(|_| Fault::Damaged)?;
            out = match icc {
                Some(icc) => strip::webp_with_icc(&encoded, icc, width, height, decoded.alpha).ok_or(Fault::Damaged)?,
                None => encoded.to_vec(),
            };
        }
        // A GIF has no variants.
        Format::Gif => return Err(Fault::Damaged),
    }
    Ok(out)
}

/// The picture's variant files, each taken from `reuse` when the build before made it, else
/// encoded (the picture is decoded once, and only when a file is missing); with how many
/// files were encoded.
pub fn variants(picture: &Picture, bytes: &[u8], reuse: ReusePicture<'_>) -> Result<(Vec<OutputFile>, usize), Fault> {
    let previous: Vec<Option<Bytes>> = picture.variant_paths().map(reuse).collect();
    if previous.iter().all(Option::is_some) {
        let files = picture.variant_paths().zip(previous).map(|(path, bytes)| (path, bytes.unwrap_or_default()));
        return Ok((files.map(|(path, bytes)| OutputFile { path: path.to_string(), bytes }).collect(), 0));
    }
    let decoded = decode(picture, bytes)?;
    let mut previous = previous.into_iter();
    let mut files = Vec::new();
    let mut encoded = 0;
    for variant in &picture.variants {
        let wanted: Vec<(Format, &str, Option<Bytes>)> = std::iter::once((picture.format, variant.fallback.as_str()))
            .chain(variant.webp.as_deref().map(|path| (Format::WebP, path)))
            .map(|(format, path)| (format, path, previous.next().flatten()))
            .collect();
        let resized = match wanted.iter().all(|(_, _, bytes)| bytes.is_some()) {
            true => None,
            false if variant.width == decoded.width => None,
            false => Some(resize(&decoded, variant.width, variant.height)?),
        };
        for (format, path, bytes) in wanted {
            let bytes = match bytes {
                Some(bytes) => bytes,
                None => {
                    encoded += 1;
                    let pixels = resized.as_deref().unwrap_or(&decoded.pixels);
                    encode(format, pixels, variant.width, variant.height, &decoded)?.into()
                }
            };
            files.push(OutputFile { path: path.to_string(), bytes });
        }
    }
    Ok((files, encoded))
}

/// A URL as it may stand in `srcset`, where a space or comma would end it.
fn srcset_url(url: &str) -> String {
    url.replace(' ', "%20").replace(',', "%2C")
}

/// The HTML for a picture in a body: `<picture>` with the WebP variants as a `<source>` and
/// an `<img>` in the picture's own format, its intrinsic size (so the page does not jump as
/// it loads), loaded when scrolled near. A moving picture is an `<img>` of the original.
pub fn markup(picture: &Picture, alt: &str, title: Option<&str>, urls: &Urls) -> String {
    use super::escape_xml as esc;
    let url = |path: &str| urls.site(&format!("/{path}"));
    let srcset = |path: fn(&Variant) -> Option<&str>| -> String {
        let each = picture.variants.iter().filter_map(|v| Some(format!("{} {}w", srcset_url(&url(path(v)?)), v.width)));
        each.collect::<Vec<_>>().join(", ")
    };
    let title = title.filter(|t| !t.is_empty()).map(|t| format!(r#" title="{}""#, esc(t))).unwrap_or_default();
    let size = format!(
        r#"width="{}" height="{}" alt="{}"{title} loading="lazy" decoding="async""#,
        picture.width,
        picture.height,
        esc(alt)
    );
    // The `src` of browsers that know no `srcset`: the widest variant up to 960 pixels.
    let Some(middle) = picture.variants.iter().rev().find(|v| v.width <= 960).or(picture.variants.first()) else {
        return format!(r#"<img src="{}" {size}>"#, esc(&url(&picture.path)));
    };
    let img = format!(
        r#"<img src="{}" srcset="{}" sizes="{SIZES}" {size}>"#,
        esc(&url(&middle.fallback)),
        esc(&srcset(|v| Some(&v.fallback)))
    );
    if picture.format == Format::WebP {
        return img;
    }
    format!(
        r#"<picture><source type="image/webp" srcset="{}" sizes="{SIZES}">{img}</picture>"#,
        esc(&srcset(|v| v.webp.as_deref()))
    )
}

/// The site's pictures (the JPEG, PNG and WebP files among its static files), read from their
/// headers once per build.
#[derive(Default)]
pub struct Pictures<'a> {
    entries: Vec<(&'a StaticFile, Picture)>,
    by_path: HashMap<&'a str, usize>,
    /// Named as pictures but unreadable, or SVGs that could run script: already reported, and
    /// published empty (the build fails).
    faulty: HashSet<&'a str>,
    fingerprint: u128,
}

/// One picture's problem, if it has one, and the variant files kept for the next build.
type Outcome = (Option<Diagnostic>, Vec<(String, Bytes)>);

/// What making the variants came to.
pub struct Made {
    /// Files encoded (not taken from the build before).
    pub encoded: usize,
    pub problems: Vec<Diagnostic>,
    /// Every variant file, when asked to keep them (for the next build of `serve`).
    pub kept: Vec<(String, Bytes)>,
}

impl<'a> Pictures<'a> {
    /// Reads every picture's header, on all cores; an unreadable one is an error, one far
    /// larger than a page needs a warning.
    pub fn read(static_files: &'a [StaticFile], diagnostics: &mut Vec<Diagnostic>) -> Pictures<'a> {
        let read: Vec<(&StaticFile, Result<Picture, Fault>)> = static_files
            .par_iter()
            .filter(|f| is_picture_path(&f.path))
            .map(|f| (f, read(&f.path, &f.bytes)))
            .collect();
        let mut pictures = Pictures::default();
        let svgs: Vec<(&StaticFile, svg::Finding)> = static_files
            .par_iter()
            .filter_map(|f| match () {
                _ if is_svg_path(&f.path) => Some((f, svg::check(&f.bytes)?)),
                _ if svg::is_svgz_path(&f.path) => Some((f, svg::check_svgz(&f.bytes)?)),
                _ => None,
            })
            .collect();
        for (file, finding) in svgs {
            let problem = Diagnostic::error(&file.source, Problem::SvgUnsafe { risk: finding.risk });
            // A `.svgz`'s bytes are packed: its place is in the unpacked text, not the file.
            let text = std::str::from_utf8(&file.bytes).ok().filter(|_| is_svg_path(&file.path));
            diagnostics.push(match text {
                Some(text) => problem.at(finding.loc, finding.width, text),
                None => problem,
            });
            pictures.faulty.insert(&file.path);
        }
        for (file, extension) in static_files.iter().filter_map(|f| Some((f, unpublishable_format(&f.path)?))) {
            let problem = Problem::PictureFormatNotPublishable { extension: extension.to_string() };
            diagnostics.push(Diagnostic::error(&file.source, problem));
        }
        for (file, result) in read {
            match result {
                Ok(picture) => {
                    if picture.is_large(file.bytes.len()) {
                        let problem = Problem::PictureTooLarge {
                            width: picture.width,
                            height: picture.height,
                            megabytes: file.bytes.len().div_ceil(1_000_000),
                        };
                        diagnostics.push(Diagnostic::warning(&file.source, problem));
                    }
                    pictures.by_path.insert(&file.path, pictures.entries.len());
                    pictures.entries.push((file, picture));
                }
                Err(fault) => {
                    diagnostics.push(Diagnostic::error(&file.source, fault.problem(file.bytes.len())));
                    pictures.faulty.insert(&file.path);
                }
            }
        }
        let facts: Vec<&Picture> = pictures.entries.iter().map(|(_, p)| p).collect();
        pictures.fingerprint = xxhash_rust::xxh3::xxh3_128(format!("{facts:?}").as_bytes());
        pictures
    }

    /// The picture a body names by its site path (`/bilder/karta.jpg`, perhaps %-encoded).
    pub fn get(&self, target: &str) -> Option<&Picture> {
        let path = super::links::target_path(target);
        self.by_path.get(path.strip_prefix('/')?).map(|&i| &self.entries[i].1)
    }

    /// Every variant file's output path.
    pub fn variant_paths(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().flat_map(|(_, p)| p.variant_paths())
    }

    /// Changes whenever any picture's facts change (what a rendered body depends on).
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    /// A static file as published: a picture without its metadata. A picture that cannot be
    /// stripped is an error (and published empty: the build fails).
    pub fn copy(&self, file: &StaticFile) -> (OutputFile, Option<Diagnostic>) {
        let path = file.path.clone();
        if (is_svg_path(&file.path) || svg::is_svgz_path(&file.path)) && self.faulty.contains(file.path.as_str()) {
            return (OutputFile { path, bytes: Bytes::new() }, None);
        }
        if !is_picture_path(&file.path) {
            return (OutputFile { path, bytes: file.bytes.clone().into() }, None);
        }
        match published(&file.bytes) {
            Ok(bytes) => (OutputFile { path, bytes: bytes.into() }, None),
            Err(_) if self.faulty.contains(file.path.as_str()) => (OutputFile { path, bytes: Bytes::new() }, None),
            Err(fault) => (
                OutputFile { path, bytes: Bytes::new() },
                Some(Diagnostic::error(&file.source, fault.problem(file.bytes.len()))),
            ),
        }
    }

    /// Makes every picture's variants on all cores, each into `sink` as soon as it is made (a
    /// picture at a time per core: memory holds no more than that).
    pub fn make<E: Send>(&self, reuse: ReusePicture<'_>, keep: bool, sink: Sink<'_, E>) -> Result<Made, E> {
        let encoded = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<Result<Outcome, E>> = self
            .entries
            .par_iter()
            .with_max_len(1)
            .map(|(file, picture)| match variants(picture, &file.bytes, reuse) {
                Ok((files, count)) => {
                    encoded.fetch_add(count, std::sync::atomic::Ordering::Relaxed);
                    let mut kept = Vec::new();
                    for f in files {
                        if keep {
                            kept.push((f.path.clone(), f.bytes.clone()));
                        }
                        sink(Output::Whole(f))?;
                    }
                    Ok((None, kept))
                }
                Err(fault) => Ok((Some(Diagnostic::error(&file.source, fault.problem(file.bytes.len()))), Vec::new())),
            })
            .collect();
        let mut made = Made { encoded: encoded.into_inner(), problems: Vec::new(), kept: Vec::new() };
        for result in results {
            let (problem, mut kept) = result?;
            made.problems.extend(problem);
            made.kept.append(&mut kept);
        }
        Ok(made)
    }
}

#[cfg(test)]
mod tests;
