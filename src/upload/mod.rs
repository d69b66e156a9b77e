//! Images for the two multipart uploads (ID verification and face match), their documented checks,
//! and the one path both uploads take to the API.
//!
//! progenitor cannot generate `multipart/form-data` operations, so the body is assembled here. It is
//! built in memory rather than with reqwest's `Form`, whose body is a stream: only an in-memory body
//! can be cloned, and the transport needs a clone to retry a 429 or a refused connection.

use std::{fmt, path::Path};

use base64::{
    DecodeError, Engine as _, alphabet,
    engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig},
};
use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::error::{Error, ErrorKind, Result};

mod multipart;

use multipart::Part;
pub(crate) use multipart::{Form, link_setters};

/// The largest image the API accepts, per image ([`ImageInput::MAX_BYTES`]).
const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

/// How many leading bytes identify an image format (WebP needs twelve).
const SNIFF_LEN: usize = 12;

/// The image formats the API accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ImageFormat {
    Jpeg,
    Png,
    Webp,
    Tiff,
}

impl ImageFormat {
    /// Identifies the format from its magic bytes.
    fn sniff(head: &[u8]) -> Option<Self> {
        match head {
            [0xFF, 0xD8, 0xFF, ..] => Some(Self::Jpeg),
            [0x89, b'P', b'N', b'G', ..] => Some(Self::Png),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some(Self::Webp),
            [b'I', b'I', b'*', 0, ..] | [b'M', b'M', 0, b'*', ..] => Some(Self::Tiff),
            _ => None,
        }
    }

    /// The format a MIME type names; `image/jpg` is a common misspelling of `image/jpeg`.
    fn from_mime(mime: &str) -> Option<Self> {
        match mime {
            "image/jpeg" | "image/jpg" => Some(Self::Jpeg),
            "image/png" => Some(Self::Png),
            "image/webp" => Some(Self::Webp),
            "image/tiff" => Some(Self::Tiff),
            _ => None,
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Tiff => "image/tiff",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Tiff => "tiff",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Webp => "WebP",
            Self::Tiff => "TIFF",
        }
    }
}

/// What a base64 string decodes to, without keeping the decoded copy: its length and first bytes
/// are all the checks need, and the string itself is what is sent.
#[derive(Clone, Copy)]
struct Scan {
    len: usize,
    head: [u8; SNIFF_LEN],
}

impl Scan {
    fn head(&self) -> &[u8] {
        &self.head[..self.len.min(SNIFF_LEN)]
    }
}

#[derive(Clone)]
enum Source {
    /// Sent as a file part.
    Bytes(Bytes),
    /// Sent as a text part, exactly as given (minus surrounding whitespace); `scan` is the outcome
    /// of decoding it, or why it does not decode.
    Base64 {
        text: String,
        scan: std::result::Result<Scan, &'static str>,
    },
}

/// An image to upload: a document side, a portrait or a selfie.
///
/// Images are personal data: `Debug` shows only the content type and the size. The API's limits
/// (JPEG, PNG, WebP or TIFF; not empty; at most [`ImageInput::MAX_BYTES`]; a content type that matches
/// the bytes) are checked when the request is sent, before anything leaves the process, and a
/// failed check names the form field (`documentFront: the image is empty; ...`).
///
/// ```no_run
/// # async fn demo() -> gu1_kyc::Result<()> {
/// use gu1_kyc::ImageInput;
/// let front = ImageInput::from_path("passport.jpg").await?;
/// println!("{front:?}"); // ImageInput { content_type: Some("image/jpeg"), size: Some(48213) }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ImageInput {
    /// The content type the caller gave (lower-cased, parameters dropped), if any.
    declared: Option<String>,
    source: Source,
}

impl ImageInput {
    /// The largest image the API accepts, per image: 5 MB (5 * 1024 * 1024 bytes).
    pub const MAX_BYTES: usize = MAX_IMAGE_BYTES;

    /// An image held in memory. The content type is detected from the bytes when `None`; when
    /// given, it must agree with them.
    ///
    /// ```no_run
    /// use gu1_kyc::ImageInput;
    /// let bytes: Vec<u8> = std::fs::read("selfie.png")?;
    /// let selfie = ImageInput::from_bytes(bytes, Some("image/png"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn from_bytes(bytes: impl Into<Bytes>, content_type: Option<&str>) -> Self {
        Self {
            declared: content_type.map(normalize_mime),
            source: Source::Bytes(bytes.into()),
        }
    }

    /// Reads an image file; the content type is detected from its bytes. At most
    /// [`ImageInput::MAX_BYTES`] + 1 bytes are read, so an oversized file is refused without loading it.
    ///
    /// ```no_run
    /// # async fn demo() -> gu1_kyc::Result<()> {
    /// let front = gu1_kyc::ImageInput::from_path("id-front.jpg").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Io`](crate::ErrorKind::Io) error when the file cannot be opened or read. The message
    /// leaves the path out, because a file name can carry a person's name.
    pub async fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let file = tokio::fs::File::open(path.as_ref())
            .await
            .map_err(io_error)?;
        Self::from_reader(file, None).await
    }

    /// Reads an image from any async reader (a socket, an object-store download, ...), stopping
    /// after [`ImageInput::MAX_BYTES`] + 1 bytes: enough to tell that an image is too large.
    ///
    /// ```no_run
    /// # async fn demo() -> gu1_kyc::Result<()> {
    /// let file = tokio::fs::File::open("selfie.webp").await.expect("the selfie exists");
    /// let selfie = gu1_kyc::ImageInput::from_reader(file, Some("image/webp")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Io`](crate::ErrorKind::Io) error when reading fails.
    pub async fn from_reader<R>(reader: R, content_type: Option<&str>) -> Result<Self>
    where
        R: AsyncRead + Unpin,
    {
        let mut bytes = Vec::new();
        reader
            .take(MAX_IMAGE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .await
            .map_err(io_error)?;
        Ok(Self::from_bytes(bytes, content_type))
    }

    /// An image as a base64 string, plain or as a data URL (`data:image/jpeg;base64,...`). It is
    /// sent as a text field, as the API allows; the string, the decoded size and the decoded
    /// format are checked like any other image.
    ///
    /// ```no_run
    /// let encoded = String::from("data:image/png;base64,iVBORw0KGgo...");
    /// let selfie = gu1_kyc::ImageInput::from_base64(encoded);
    /// ```
    pub fn from_base64(data: impl Into<String>) -> Self {
        let data = data.into();
        let text = data.trim();
        let (declared, scan) = match split_data_url(text) {
            Ok((media, payload)) => (media.map(normalize_mime), scan_base64(payload)),
            Err(why) => (None, Err(why)),
        };
        let text = if text.len() == data.len() {
            data
        } else {
            text.to_owned()
        };
        Self {
            declared,
            source: Source::Base64 { text, scan },
        }
    }

    /// The content type: the one given (or named by a data URL), else the one the bytes show;
    /// `None` when neither is known.
    ///
    /// ```no_run
    /// let image = gu1_kyc::ImageInput::from_bytes(vec![0xFF, 0xD8, 0xFF, 0xE0], None);
    /// assert_eq!(image.content_type(), Some("image/jpeg"));
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        match &self.declared {
            Some(declared) => Some(declared),
            None => {
                let (_, head) = self.facts().ok()?;
                ImageFormat::sniff(head).map(ImageFormat::mime)
            }
        }
    }

    /// The image's size in bytes (decoded, for base64); `None` when a base64 string does not
    /// decode. An image read from a file or a reader stops at [`ImageInput::MAX_BYTES`] + 1.
    ///
    /// ```no_run
    /// let image = gu1_kyc::ImageInput::from_bytes(vec![0xFF, 0xD8, 0xFF, 0xE0], None);
    /// assert_eq!(image.size(), Some(4));
    /// ```
    pub fn size(&self) -> Option<usize> {
        self.facts().ok().map(|(size, _)| size)
    }

    /// The decoded size and first bytes, or why a base64 string does not decode.
    fn facts(&self) -> std::result::Result<(usize, &[u8]), &'static str> {
        match &self.source {
            Source::Bytes(bytes) => Ok((bytes.len(), &bytes[..bytes.len().min(SNIFF_LEN)])),
            Source::Base64 { scan, .. } => match scan {
                Ok(scan) => Ok((scan.len, scan.head())),
                Err(why) => Err(*why),
            },
        }
    }

    /// Runs the documented checks and turns the image into the form part named `field`.
    fn into_part(self, field: &'static str) -> Result<Part> {
        let invalid = |what: String| Error::invalid_input(format!("{field}: {what}"));
        let (size, head) = self
            .facts()
            .map_err(|why| invalid(format!("the base64 string {why}")))?;
        if size == 0 {
            return Err(invalid("the image is empty".to_owned()));
        }
        if size > MAX_IMAGE_BYTES {
            return Err(invalid(format!(
                "the image is larger than 5 MB; the API accepts at most {MAX_IMAGE_BYTES} bytes per image"
            )));
        }
        let declared = match &self.declared {
            Some(mime) => Some(ImageFormat::from_mime(mime).ok_or_else(|| {
                invalid(format!(
                    "the content type {mime:?} is not supported; the API accepts image/jpeg, \
                     image/png, image/webp and image/tiff"
                ))
            })?),
            None => None,
        };
        let detected = ImageFormat::sniff(head).ok_or_else(|| {
            invalid("the bytes are not a JPEG, PNG, WebP or TIFF image".to_owned())
        })?;
        if let Some(declared) = declared.filter(|d| *d != detected) {
            return Err(invalid(format!(
                "the content type says {} but the bytes are a {} image",
                declared.mime(),
                detected.name()
            )));
        }
        Ok(match self.source {
            Source::Bytes(bytes) => Part {
                name: field,
                file: Some((format!("{field}.{}", detected.extension()), detected.mime())),
                body: bytes,
            },
            Source::Base64 { text, .. } => Part::text(field, text),
        })
    }
}

impl fmt::Debug for ImageInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageInput")
            .field("content_type", &self.content_type())
            .field("size", &self.size())
            .finish()
    }
}

fn io_error(error: std::io::Error) -> Error {
    Error::new(ErrorKind::Io)
        .with_detail("the image could not be read")
        .with_source(error)
}

/// Lower-cases a MIME type and drops parameters (`image/JPEG; q=1` is `image/jpeg`).
fn normalize_mime(mime: &str) -> String {
    let essence = mime.split(';').next().unwrap_or_default();
    essence.trim().to_ascii_lowercase()
}

/// Splits a `data:<media type>;base64,<payload>` URL into its media type (if not empty) and
/// payload; anything not starting with `data:` is all payload.
fn split_data_url(text: &str) -> std::result::Result<(Option<&str>, &str), &'static str> {
    let Some(rest) = text
        .get(..5)
        .filter(|scheme| scheme.eq_ignore_ascii_case("data:"))
        .and_then(|_| text.get(5..))
    else {
        return Ok((None, text));
    };
    let (meta, payload) = rest
        .split_once(',')
        .ok_or("is a data URL without a comma before the data")?;
    let media = meta
        .len()
        .checked_sub(";base64".len())
        .and_then(|at| Some((meta.get(..at)?, meta.get(at..)?)))
        .filter(|(_, marker)| marker.eq_ignore_ascii_case(";base64"))
        .map(|(media, _)| media.trim())
        .ok_or("is a data URL that is not marked ;base64")?;
    Ok(((!media.is_empty()).then_some(media), payload))
}

/// Standard base64 with the padding optional, as the API accepts it.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Checks standard base64 (padding optional) and measures what it decodes to; the decoded copy is
/// dropped once measured.
fn scan_base64(payload: &str) -> std::result::Result<Scan, &'static str> {
    // The decoder accepts incomplete padding (`AA=`); padding is either complete or absent.
    if payload.ends_with('=') && !payload.len().is_multiple_of(4) {
        return Err("has padding where none belongs");
    }
    let decoded = BASE64.decode(payload).map_err(|error| match error {
        DecodeError::InvalidByte(_, b'=') | DecodeError::InvalidPadding => {
            "has padding where none belongs"
        }
        DecodeError::InvalidByte(..) => "contains a character outside the base64 alphabet",
        DecodeError::InvalidLength(_) => "is truncated (its length is not a valid base64 length)",
        DecodeError::InvalidLastSymbol { .. } => {
            "has bits left over after its last byte (it is truncated or corrupted)"
        }
    })?;
    let mut scan = Scan {
        len: decoded.len(),
        head: [0; SNIFF_LEN],
    };
    let head = &decoded[..decoded.len().min(SNIFF_LEN)];
    scan.head[..head.len()].copy_from_slice(head);
    Ok(scan)
}
