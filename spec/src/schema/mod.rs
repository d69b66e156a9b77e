//! The schemas of a document as JSON Schema, and validators built from them.
//!
//! OpenAPI 3.0 schemas are a dialect of JSON Schema (`nullable`, boolean `exclusiveMinimum`,
//! `example`, ...). [`validator_for`] rewrites one of them, and every schema it references, into
//! a JSON Schema (draft 2020-12) document and compiles it with the `jsonschema` crate, so that
//! examples in the spec and bodies sent by the sandbox are checked by a real validator.
//!
//! ```no_run
//! use gu1_kyc_spec::{Spec, response_schema_pointer, validator_for};
//!
//! let spec = Spec::load_default()?;
//! let pointer = response_schema_pointer(&spec, "GET", "/api/kyc/validations/{id}", 404, "application/json")
//!     .ok_or("the spec documents no 404 body")?;
//! let validator = validator_for(&spec, &pointer)?;
//! let body = serde_json::json!({"error": "NOT_FOUND", "message": "Validation not found"});
//! validator.validate(&body).map_err(|errors| errors.join("\n"))?;
//! # Ok::<(), String>(())
//! ```

mod convert;
mod violations;

use serde_json::Value;

use crate::Spec;

pub use convert::to_json_schema;
pub use violations::{Violation, make_strict};

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

    /// Checks `instance` like [`Validator::validate`], but tells each failure as a
    /// [`Violation`]: a pointer and a rule, never the values of `instance` (which may be
    /// personal data).
    pub fn violations(&self, instance: &Value) -> Vec<Violation> {
        self.inner
            .iter_errors(instance)
            .flat_map(|error| violations::violations_of(&error))
            .collect()
    }

    /// Builds a validator from a JSON Schema (draft 2020-12) document, such as one made by
    /// [`to_json_schema`] and then changed (e.g. by [`make_strict`]); `label` names it in
    /// messages.
    ///
    /// # Errors
    ///
    /// The schema does not compile.
    pub fn from_json_schema(label: &str, schema: Value) -> Result<Validator, String> {
        let inner = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| format!("{label}: the converted schema does not compile: {e}"))?;
        Ok(Validator {
            pointer: label.to_string(),
            schema,
            inner,
        })
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
    Validator::from_json_schema(pointer_or_ref, schema)
}

#[cfg(test)]
mod tests;
