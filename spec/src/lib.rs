//! The gu1 KYC OpenAPI spec (`openapi/gu1-kyc.yaml`) as a library, for the workspace's own tools
//! and tests: the SDK's build script, the xtask (lint, diff, check), the sandbox and the SDK's
//! drift tests all read the spec through it, so they agree on what an operation, a parameter or a
//! documented response is.
//!
//! The light core, always built, has no JSON Schema engine:
//!
//! - [`Spec`] loads a document, both as JSON ([`Spec::raw`]) and as `openapiv3` ([`Spec::typed`]).
//! - [`Spec::operations`] walks its operations ([`Operation`]): method, path template,
//!   `operationId`, parameters (path-level merged), request and response media types, vendor
//!   extensions such as `x-retry-safe`.
//! - [`follow_refs`] and [`resolve_pointer`] resolve its local references.
//!
//! The `validation` feature (on by default) adds JSON Schema: `validator_for` turns one of its
//! schemas into a validator, and `ResponseChecker` checks a response body against what the spec
//! documents for an operation, status and content type.
//!
//! ```no_run
//! use gu1_kyc_spec::Spec;
//!
//! let spec = Spec::load_default()?;
//! for operation in spec.operations() {
//!     println!("{}", operation.label());
//! }
//! # #[cfg(feature = "validation")]
//! # {
//! let checker = gu1_kyc_spec::ResponseChecker::new(&spec);
//! let body = serde_json::json!({"error": "NOT_FOUND", "message": "Validation not found"});
//! checker
//!     .check("GET", "/api/kyc/validations/{id}", 404, "application/json", &body)
//!     .map_err(|e| e.to_string())?;
//! # }
//! # Ok::<(), String>(())
//! ```

#![deny(missing_docs)]

mod bodies;
#[cfg(feature = "validation")]
pub mod contract;
mod operations;
mod pointer;
#[cfg(feature = "validation")]
mod responses;
#[cfg(feature = "validation")]
mod schema;

use std::path::{Path, PathBuf};

use serde_json::Value;

pub use bodies::{request_schema_pointer, response_schema_pointer};
pub use operations::{DeclaredParameter, METHODS, Operation, Response, match_path};
pub use pointer::{bare_media_type, escape_pointer_token, follow_refs, resolve_pointer};
#[cfg(feature = "validation")]
pub use responses::{ResponseChecker, ResponseError, is_json};
#[cfg(feature = "validation")]
pub use schema::{Validator, Violation, make_strict, to_json_schema, validator_for};

/// The spec the SDK is generated from, relative to [`workspace_root`].
pub const DEFAULT_SPEC: &str = "openapi/gu1-kyc.yaml";

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// A loaded OpenAPI document.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Where the document came from (a file path or `rev:path`), for messages.
    pub source: String,
    /// The whole document as JSON; mapping keys that YAML reads as numbers (`200:`) become strings.
    pub raw: Value,
    /// The document parsed as OpenAPI 3.0 by `openapiv3`, or why it does not parse. The walkers
    /// read [`Spec::raw`] so that they also work on documents that do not parse (the lint reports
    /// on exactly those).
    pub typed: Result<openapiv3::OpenAPI, String>,
}

impl Spec {
    /// Loads the workspace's spec, [`DEFAULT_SPEC`].
    ///
    /// # Errors
    ///
    /// The file cannot be read or is not YAML.
    pub fn load_default() -> Result<Spec, String> {
        Spec::from_path(&workspace_root().join(DEFAULT_SPEC))
    }

    /// Reads and parses a YAML (or JSON) document from a file.
    ///
    /// # Errors
    ///
    /// The file cannot be read, is not YAML, or is not a mapping.
    pub fn from_path(path: &Path) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Spec::from_yaml_str(&text, &path.display().to_string())
    }

    /// Parses a YAML (or JSON) document; `source` names it in messages.
    ///
    /// # Errors
    ///
    /// The text is not YAML, has a bad merge key or a non-scalar key, or is not a mapping. A
    /// document that is YAML but not OpenAPI 3.0 still loads, with the reason in [`Spec::typed`].
    pub fn from_yaml_str(text: &str, source: &str) -> Result<Spec, String> {
        let mut yaml: serde_yaml_ng::Value =
            serde_yaml_ng::from_str(text).map_err(|e| format!("{source}: not valid YAML: {e}"))?;
        yaml.apply_merge()
            .map_err(|e| format!("{source}: invalid YAML merge key: {e}"))?;
        let raw = yaml_to_json(yaml, "").map_err(|e| format!("{source}: {e}"))?;
        if !raw.is_object() {
            return Err(format!("{source}: the document is not a mapping"));
        }
        let typed = serde_json::from_value::<openapiv3::OpenAPI>(raw.clone())
            .map_err(|e| format!("does not parse as OpenAPI 3.0: {e}"));
        Ok(Spec {
            source: source.to_string(),
            raw,
            typed,
        })
    }

    /// A component schema by name (`KycValidation`), as written (not resolved).
    pub fn component_schema(&self, name: &str) -> Option<&Value> {
        self.raw.pointer(&format!(
            "/components/schemas/{}",
            escape_pointer_token(name)
        ))
    }
}

/// Converts a YAML value into JSON, turning scalar mapping keys into strings.
fn yaml_to_json(value: serde_yaml_ng::Value, at: &str) -> Result<Value, String> {
    use serde_yaml_ng::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .ok_or_else(|| format!("{at}: the number {n} has no JSON form"))?
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| yaml_to_json(v, &format!("{at}/{i}")))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_string(),
                    _ => return Err(format!("{at}: a mapping key must be a scalar")),
                };
                let child = yaml_to_json(v, &format!("{at}/{}", escape_pointer_token(&key)))?;
                out.insert(key, child);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value, at)?,
    })
}
