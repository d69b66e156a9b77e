//! The `multipart/form-data` body both uploads share (the call layer sends it).

use std::hash::BuildHasher;

use bytes::Bytes;

use super::ImageInput;
use crate::error::Result;

/// One part of a multipart body: a file when `file` names it and its MIME type, else text.
pub(super) struct Part {
    pub(super) name: &'static str,
    pub(super) file: Option<(String, &'static str)>,
    pub(super) body: Bytes,
}

impl Part {
    pub(super) fn text(name: &'static str, value: String) -> Self {
        Self {
            name,
            file: None,
            body: Bytes::from(value),
        }
    }
}

/// A `multipart/form-data` body under construction. Image checks happen as images are added, so
/// a failed check stops the request before it is built.
pub(crate) struct Form {
    parts: Vec<Part>,
}

impl Form {
    pub(crate) fn new() -> Self {
        Self { parts: Vec::new() }
    }

    /// Adds an image after its documented checks; the error names `field`.
    pub(crate) fn image(mut self, field: &'static str, image: ImageInput) -> Result<Self> {
        self.parts.push(image.into_part(field)?);
        Ok(self)
    }

    /// Adds a text field when it has a value.
    pub(crate) fn text(mut self, field: &'static str, value: Option<impl ToString>) -> Self {
        if let Some(value) = value {
            self.parts.push(Part::text(field, value.to_string()));
        }
        self
    }

    /// The body and the boundary that separates its parts.
    pub(crate) fn encode(&self) -> (String, Vec<u8>) {
        let boundary = self.boundary();
        let size: usize = self.parts.iter().map(|p| p.body.len() + 200).sum();
        let mut body = Vec::with_capacity(size + boundary.len() + 8);
        for part in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let disposition = match &part.file {
                Some((file_name, mime)) => format!(
                    "Content-Disposition: form-data; name=\"{}\"; filename=\"{file_name}\"\r\n\
                     Content-Type: {mime}\r\n\r\n",
                    part.name
                ),
                None => format!(
                    "Content-Disposition: form-data; name=\"{}\"\r\n\r\n",
                    part.name
                ),
            };
            body.extend_from_slice(disposition.as_bytes());
            body.extend_from_slice(&part.body);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (boundary, body)
    }

    /// A random boundary that occurs in no part. 128 random bits make a clash all but impossible;
    /// the check makes it impossible.
    fn boundary(&self) -> String {
        loop {
            // `RandomState` is seeded from the OS and advances for every instance, so each pair
            // of hashes is fresh randomness without a dependency on a random-number crate.
            let random = || std::collections::hash_map::RandomState::new().hash_one(0u8);
            let boundary = format!("gu1-kyc-{:016x}{:016x}", random(), random());
            let clash = self.parts.iter().any(|part| {
                part.body
                    .windows(boundary.len())
                    .any(|w| w == boundary.as_bytes())
            });
            if !clash {
                return boundary;
            }
        }
    }
}

/// Adds the setters both uploads share to `$builder`; `$create` is how a doc example obtains the
/// builder from a client.
macro_rules! link_setters {
    ($builder:ident, $create:literal) => {
        impl $builder<'_> {
            /// The person entity to link the stored record to.
            ///
            #[doc = concat!(
                        "```no_run\n",
                        "# fn demo(client: gu1_kyc::Client, document: gu1_kyc::ImageInput, ",
                        "selfie: gu1_kyc::ImageInput, entity: gu1_kyc::types::EntityId) {\n",
                        "let request = client.", $create, ".entity_id(&entity);\n",
                        "# }\n",
                        "```"
                    )]
            pub fn entity_id(mut self, entity_id: &crate::types::EntityId) -> Self {
                self.entity_id = Some(entity_id.clone());
                self
            }

            /// Your own reference, echoed in the result and the stored record.
            ///
            #[doc = concat!(
                        "```no_run\n",
                        "# fn demo(client: gu1_kyc::Client, document: gu1_kyc::ImageInput, ",
                        "selfie: gu1_kyc::ImageInput) {\n",
                        "let request = client.", $create, ".vendor_data(\"customer-42\");\n",
                        "# }\n",
                        "```"
                    )]
            pub fn vendor_data(mut self, vendor_data: impl Into<String>) -> Self {
                self.vendor_data = Some(crate::types::Sensitive::new(vendor_data.into()));
                self
            }
        }
    };
}
pub(crate) use link_setters;
