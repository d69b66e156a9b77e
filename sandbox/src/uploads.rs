//! Multipart uploads: each image is a file part or a base64 string (optionally a
//! `data:image/...;base64,` URL); images are sniffed by their magic bytes and capped at 5 MB.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};

use crate::error::{ApiError, ApiResult};
use crate::store::StoredImage;

/// Largest image accepted, per image.
pub(crate) const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

/// The fields of a multipart form, by name (the first part of each name wins).
pub(crate) struct UploadForm {
    fields: HashMap<String, Vec<u8>>,
}

/// Reads the whole form, answering `INVALID_REQUEST` when the request is not multipart, is
/// malformed or is larger than the multipart cap.
pub(crate) async fn read_form(
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<UploadForm> {
    let mut multipart = multipart.map_err(|_| {
        ApiError::invalid_request("The request must be multipart/form-data with a boundary")
    })?;
    let mut fields = HashMap::new();
    loop {
        let field = multipart.next_field().await.map_err(unreadable)?;
        let Some(field) = field else { break };
        let name = field.name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(unreadable)?;
        fields.entry(name).or_insert_with(|| bytes.to_vec());
    }
    Ok(UploadForm { fields })
}

fn unreadable(_: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::invalid_request(
        "The multipart body is malformed or too large (at most 12 MB in all, 5 MB per image)",
    )
}

impl UploadForm {
    /// A text field, if present and valid UTF-8 (surrounding whitespace removed).
    pub fn text(&self, name: &str) -> ApiResult<Option<String>> {
        match self.fields.get(name) {
            None => Ok(None),
            Some(bytes) => std::str::from_utf8(bytes)
                .map(|s| Some(s.trim().to_string()))
                .map_err(|_| ApiError::invalid_request(format!("{name} must be text"))),
        }
    }

    /// An image field: required ones answer `INVALID_REQUEST` when absent.
    pub fn image(&self, name: &str, required: bool) -> ApiResult<Option<StoredImage>> {
        let Some(raw) = self.fields.get(name).filter(|b| !b.is_empty()) else {
            return if required {
                Err(ApiError::invalid_request(format!(
                    "{name} is required (file or base64 string)"
                )))
            } else {
                Ok(None)
            };
        };
        let bytes = if sniff(raw).is_some() {
            raw.clone()
        } else {
            decode_base64(raw).ok_or_else(|| not_an_image(name))?
        };
        let content_type = sniff(&bytes).ok_or_else(|| not_an_image(name))?;
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err(ApiError::invalid_request(format!(
                "{name} is larger than 5 MB"
            )));
        }
        Ok(Some(StoredImage {
            content_type,
            bytes: Arc::new(bytes),
        }))
    }
}

fn not_an_image(name: &str) -> ApiError {
    ApiError::invalid_request(format!(
        "{name} must be a JPEG, PNG, WebP or TIFF image (file or base64 string)"
    ))
}

/// Decodes a base64 text part, with or without a `data:...;base64,` prefix.
fn decode_base64(raw: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(raw).ok()?.trim();
    let payload = match text.strip_prefix("data:") {
        Some(rest) => rest.split_once(";base64,")?.1,
        None => text,
    };
    let compact: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD
        .decode(&compact)
        .or_else(|_| STANDARD_NO_PAD.decode(&compact))
        .ok()
}

/// The image type named by the first bytes, if it is one the API accepts.
pub(crate) fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("image/tiff")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_knows_the_four_accepted_formats_and_nothing_else() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"II*\0...."), Some("image/tiff"));
        assert_eq!(sniff(b"GIF89a"), None);
    }

    #[test]
    fn base64_is_decoded_with_or_without_a_data_url_prefix() {
        let encoded = STANDARD.encode([0xFF, 0xD8, 0xFF, 0x01]);
        assert_eq!(
            decode_base64(encoded.as_bytes()),
            Some(vec![0xFF, 0xD8, 0xFF, 0x01])
        );
        let url = format!("data:image/jpeg;base64,{encoded}");
        assert_eq!(
            decode_base64(url.as_bytes()),
            Some(vec![0xFF, 0xD8, 0xFF, 0x01])
        );
        assert_eq!(decode_base64(b"not base64!"), None);
    }
}
