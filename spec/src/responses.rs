//! Checking a response against what the spec documents for it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::pointer::bare_media_type;
use crate::{Spec, Validator, response_schema_pointer, validator_for};

/// Why a response does not match the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseError {
    /// The spec documents no body for this operation, status and content type.
    Undocumented {
        /// The status answered.
        status: u16,
        /// The content type answered.
        content_type: String,
    },
    /// The content type says JSON but the body does not parse.
    NotJson {
        /// The parser's message.
        reason: String,
    },
    /// The body does not match the documented schema.
    Invalid {
        /// The schema's pointer or reference.
        pointer: String,
        /// One message per validator error, each starting with the instance path.
        errors: Vec<String>,
    },
    /// The documented schema cannot be turned into a validator (a broken `$ref`, ...).
    Unconvertible {
        /// The schema's pointer or reference.
        pointer: String,
        /// What went wrong.
        reason: String,
    },
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Undocumented {
                status,
                content_type,
            } => write!(f, "the spec documents no {status} {content_type} response"),
            ResponseError::NotJson { reason } => write!(f, "body is not JSON: {reason}"),
            ResponseError::Invalid { pointer, errors } => write!(
                f,
                "the body does not match {pointer}:\n{}",
                errors.join("\n")
            ),
            ResponseError::Unconvertible { pointer, reason } => {
                write!(f, "{pointer} cannot be checked: {reason}")
            }
        }
    }
}

impl std::error::Error for ResponseError {}

/// Whether a content type carries JSON (`application/json`, `application/problem+json`).
/// Whether a `Content-Type` names JSON (`application/json`, or a `+json` type), parameters and
/// case aside.
pub fn is_json(content_type: &str) -> bool {
    let media = bare_media_type(content_type);
    media == "application/json" || media.ends_with("+json")
}

/// Checks responses against a spec, compiling each schema's validator once (compiling is what
/// costs; a test suite checks hundreds of responses against a few dozen schemas).
#[derive(Debug)]
pub struct ResponseChecker<'a> {
    spec: &'a Spec,
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

impl<'a> ResponseChecker<'a> {
    /// A checker for `spec`, with no validator compiled yet.
    pub fn new(spec: &'a Spec) -> Self {
        ResponseChecker {
            spec,
            validators: Mutex::default(),
        }
    }

    /// The spec it checks against.
    pub fn spec(&self) -> &'a Spec {
        self.spec
    }

    /// The validator for a schema pointer or reference (see [`validator_for`]), compiled on
    /// first use.
    ///
    /// # Errors
    ///
    /// The schema cannot be converted or compiled.
    pub fn validator(&self, pointer: &str) -> Result<Arc<Validator>, ResponseError> {
        // A panic elsewhere while the lock was held leaves a usable cache: entries are only ever
        // inserted whole.
        let mut cache = self.validators.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(validator) = cache.get(pointer) {
            return Ok(validator.clone());
        }
        let validator = Arc::new(validator_for(self.spec, pointer).map_err(|reason| {
            ResponseError::Unconvertible {
                pointer: pointer.to_string(),
                reason,
            }
        })?);
        cache.insert(pointer.to_string(), validator.clone());
        Ok(validator)
    }

    /// The pointer of the schema the spec documents for this response (see
    /// [`response_schema_pointer`]).
    ///
    /// # Errors
    ///
    /// [`ResponseError::Undocumented`] when the spec has no such response body.
    pub fn schema_pointer(
        &self,
        method: &str,
        path_template: &str,
        status: u16,
        content_type: &str,
    ) -> Result<String, ResponseError> {
        response_schema_pointer(self.spec, method, path_template, status, content_type).ok_or_else(
            || ResponseError::Undocumented {
                status,
                content_type: content_type.to_string(),
            },
        )
    }

    /// Checks that the spec documents `status` with `content_type` for `method path_template`
    /// and that `body` matches its schema.
    ///
    /// # Errors
    ///
    /// What does not match, see [`ResponseError`].
    pub fn check(
        &self,
        method: &str,
        path_template: &str,
        status: u16,
        content_type: &str,
        body: &Value,
    ) -> Result<(), ResponseError> {
        let pointer = self.schema_pointer(method, path_template, status, content_type)?;
        self.validator(&pointer)?
            .validate(body)
            .map_err(|errors| ResponseError::Invalid { pointer, errors })
    }

    /// Like [`ResponseChecker::check`] for a body as received: a JSON body is parsed and
    /// validated; any other body (an image, ...) only needs to be documented, since its schema is
    /// `format: binary` and constrains nothing.
    ///
    /// # Errors
    ///
    /// What does not match, see [`ResponseError`].
    pub fn check_bytes(
        &self,
        method: &str,
        path_template: &str,
        status: u16,
        content_type: &str,
        body: &[u8],
    ) -> Result<(), ResponseError> {
        if !is_json(content_type) {
            return self
                .schema_pointer(method, path_template, status, content_type)
                .map(drop);
        }
        let value: Value = serde_json::from_slice(body).map_err(|e| ResponseError::NotJson {
            reason: e.to_string(),
        })?;
        self.check(method, path_template, status, content_type, &value)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, required: [id], properties: {id: {type: string, format: uuid}}}
            image/png:
              schema: {type: string, format: binary}
        '404':
          description: nope
          content:
            application/json:
              schema: {type: object, properties: {a: {$ref: '#/components/schemas/Missing'}}}
"##;

    fn spec() -> Spec {
        Spec::from_yaml_str(SPEC, "checker.yaml").expect("loads")
    }

    #[test]
    fn a_documented_matching_body_passes() {
        let spec = spec();
        let checker = ResponseChecker::new(&spec);
        let body = json!({"id": "9c1f0c8e-7c4e-4a55-9b7a-0f1d1c2b3a4d"});
        assert_eq!(
            checker.check("GET", "/things/{id}", 200, "application/json", &body),
            Ok(())
        );
        assert_eq!(
            checker.check_bytes("get", "/things/{id}", 200, "image/png", b"\x89PNG"),
            Ok(())
        );
    }

    #[test]
    fn each_kind_of_mismatch_is_told_apart() {
        let spec = spec();
        let checker = ResponseChecker::new(&spec);
        let invalid = checker
            .check_bytes(
                "GET",
                "/things/{id}",
                200,
                "application/json",
                br#"{"id": 5}"#,
            )
            .unwrap_err();
        assert!(
            matches!(&invalid, ResponseError::Invalid { errors, .. } if errors.len() == 1 && errors[0].starts_with("/id: ")),
            "{invalid}"
        );
        assert!(matches!(
            checker.check_bytes("GET", "/things/{id}", 200, "application/json", b"{"),
            Err(ResponseError::NotJson { .. })
        ));
        assert_eq!(
            checker
                .check_bytes("GET", "/things/{id}", 418, "application/json", b"{}")
                .unwrap_err()
                .to_string(),
            "the spec documents no 418 application/json response"
        );
        assert!(matches!(
            checker.check_bytes("GET", "/things/{id}", 200, "text/html", b"<p>"),
            Err(ResponseError::Undocumented { .. })
        ));
        assert!(matches!(
            checker.check("GET", "/things/{id}", 404, "application/json", &json!({})),
            Err(ResponseError::Unconvertible { .. })
        ));
    }
}
