//! OpenAPI 3.0 documents, their schemas as JSON Schema, and look-ups of operations.
//!
//! OpenAPI 3.0 schemas are a dialect of JSON Schema (`nullable`, boolean `exclusiveMinimum`,
//! `example`, ...). [`validator_for`] rewrites one of them, and every schema it references, into
//! a JSON Schema (draft 2020-12) document and compiles it with the `jsonschema` crate, so that
//! examples in the spec and bodies sent by the sandbox are checked by a real validator.
//!
//! ```no_run
//! use xtask::schema::{Spec, response_schema_pointer, validator_for};
//!
//! let spec = Spec::from_path("openapi/gu1-kyc.yaml".as_ref())?;
//! let pointer = response_schema_pointer(&spec, "GET", "/api/kyc/validations/{id}", 404, "application/json")
//!     .ok_or("the spec documents no 404 body")?;
//! let validator = validator_for(&spec, &pointer)?;
//! let body = serde_json::json!({"error": "NOT_FOUND", "message": "Validation not found"});
//! validator.validate(&body).map_err(|errors| errors.join("\n"))?;
//! # Ok::<(), String>(())
//! ```

mod convert;
mod lookup;

use std::path::Path;

use serde_json::Value;

pub use convert::to_json_schema;
pub use lookup::{
    bare_media_type, escape_pointer_token, follow_refs, match_path, request_schema_pointer,
    resolve_pointer, response_schema_pointer,
};

/// A loaded OpenAPI document.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Where the document came from (a file path or `rev:path`), for messages.
    pub source: String,
    /// The whole document as JSON; mapping keys that YAML reads as numbers (`200:`) become strings.
    pub raw: Value,
    /// The document parsed as OpenAPI 3.0 by `openapiv3`, or why it does not parse.
    pub typed: Result<openapiv3::OpenAPI, String>,
}

impl Spec {
    /// Reads and parses a YAML (or JSON) document from a file.
    pub fn from_path(path: &Path) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Spec::from_yaml_str(&text, &path.display().to_string())
    }

    /// Parses a YAML (or JSON) document; `source` names it in messages.
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

/// A compiled JSON Schema validator for one schema of a [`Spec`].
pub struct Validator {
    pointer: String,
    schema: Value,
    inner: jsonschema::Validator,
}

impl std::fmt::Debug for Validator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("pointer", &self.pointer)
            .finish_non_exhaustive()
    }
}

/// Longest validator message kept; longer ones (which quote big instances) are cut.
const MAX_MESSAGE: usize = 400;

impl Validator {
    /// Checks `instance`; on failure returns one message per error, each starting with the
    /// instance path (`/decision/status`, or `(root)`) followed by what failed.
    pub fn validate(&self, instance: &Value) -> Result<(), Vec<String>> {
        let errors: Vec<String> = self
            .inner
            .iter_errors(instance)
            .flat_map(|error| describe(&error))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Whether `instance` is valid.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.inner.is_valid(instance)
    }

    /// The spec pointer (or `$ref`) this validator was built for.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The generated JSON Schema document (draft 2020-12).
    pub fn json_schema(&self) -> &Value {
        &self.schema
    }
}

/// Turns one validator error into messages. An `anyOf` failure (which is how nullable
/// references and `oneOf` come out) is replaced by the reasons of its alternatives, leaving out
/// the `null` alternative, so that the message says what is actually wrong.
fn describe(error: &jsonschema::ValidationError<'_>) -> Vec<String> {
    if let jsonschema::error::ValidationErrorKind::AnyOf { context } = error.kind() {
        let branches: Vec<&Vec<jsonschema::ValidationError<'static>>> = context
            .iter()
            .filter(|branch| {
                !(branch.len() == 1
                    && matches!(
                        branch[0].kind(),
                        jsonschema::error::ValidationErrorKind::Type { kind }
                            if format!("{kind:?}").contains("Null")
                    ))
            })
            .collect();
        if branches.len() == 1 {
            return branches[0].iter().flat_map(describe).collect();
        }
        let path = error.instance_path().to_string();
        let path = if path.is_empty() {
            "(root)".to_string()
        } else {
            path
        };
        let reasons: Vec<String> = branches
            .iter()
            .map(|branch| {
                let messages: Vec<String> = branch.iter().flat_map(describe).collect();
                messages.join(", ")
            })
            .collect();
        return vec![shorten(format!(
            "{path}: matches none of the alternatives: {}",
            reasons.join(" | ")
        ))];
    }
    let path = error.instance_path().to_string();
    let path = if path.is_empty() {
        "(root)".to_string()
    } else {
        path
    };
    vec![shorten(format!("{path}: {error}"))]
}

fn shorten(message: String) -> String {
    if message.chars().count() > MAX_MESSAGE {
        message.chars().take(MAX_MESSAGE).collect::<String>() + "..."
    } else {
        message
    }
}

/// Builds a validator for the schema at `pointer_or_ref`: a reference such as
/// `#/components/schemas/KycValidation`, or a JSON pointer (with or without the leading `#`) to
/// an inline schema such as `#/paths/~1api~1kyc~1validations/post/requestBody/content/application~1json/schema`.
pub fn validator_for(spec: &Spec, pointer_or_ref: &str) -> Result<Validator, String> {
    let schema = to_json_schema(&spec.raw, pointer_or_ref)?;
    let inner = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| format!("{pointer_or_ref}: the converted schema does not compile: {e}"))?;
    Ok(Validator {
        pointer: pointer_or_ref.to_string(),
        schema,
        inner,
    })
}

#[cfg(test)]
mod tests;
