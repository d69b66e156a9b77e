//! Validation errors told without the values that broke them, and the strict form of a schema.
//!
//! Request bodies carry personal data (names, tax IDs, document images). A message that explains
//! a refusal must name where (a JSON pointer) and which rule, never what was sent: `jsonschema`'s
//! own messages quote the instance (`"Jane" is not of type "integer"`), these do not.

use std::fmt;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::{Map, Value};

use crate::pointer::escape_pointer_token;

/// One rule an instance breaks, without the instance's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The JSON pointer of the offending value (`/entityId`; empty for the whole instance). For a
    /// missing or undeclared property, the pointer the property has or would have.
    pub pointer: String,
    /// The JSON Schema keyword that failed: `type`, `required`, `format`, ...
    pub keyword: String,
    /// The rule, in words: `must be of type "string"`, `is required`, ...
    pub rule: String,
}

impl Violation {
    /// The property the violation is about: the first token of [`Violation::pointer`]
    /// (`reason` for `/reason`), if any.
    pub fn top_property(&self) -> Option<&str> {
        self.pointer
            .strip_prefix('/')
            .map(|rest| rest.split('/').next().unwrap_or(rest))
            .filter(|name| !name.is_empty())
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.rule)
    }
}

fn child(pointer: &str, name: &str) -> String {
    format!("{pointer}/{}", escape_pointer_token(name))
}

fn quoted(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

fn type_rule(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => format!("must be of type \"{t}\""),
        TypeKind::Multiple(types) => {
            let names: Vec<String> = types.iter().map(|t| format!("\"{t}\"")).collect();
            format!("must be of type {}", names.join(" or "))
        }
    }
}

/// Turns one validator error into violations. An `anyOf` failure (how nullable references,
/// `oneOf` and open enums come out) is replaced by the reasons of its alternatives, leaving out
/// the `null` alternative, when only one alternative is left.
pub(crate) fn violations_of(error: &jsonschema::ValidationError<'_>) -> Vec<Violation> {
    let pointer = error.instance_path().to_string();
    let keyword = error.kind().keyword().to_string();
    let one = |rule: String| {
        vec![Violation {
            pointer: pointer.clone(),
            keyword: keyword.clone(),
            rule,
        }]
    };
    match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let branches: Vec<_> = context
                .iter()
                .filter(|branch| {
                    !(branch.len() == 1
                        && matches!(
                            branch[0].kind(),
                            ValidationErrorKind::Type { kind: TypeKind::Single(t) }
                                if t.to_string() == "null"
                        ))
                })
                .collect();
            if let [only] = branches.as_slice() {
                return only.iter().flat_map(|e| violations_of(e)).collect();
            }
            one("matches none of the allowed forms".to_string())
        }
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_string);
            vec![Violation {
                pointer: child(&pointer, &name),
                keyword,
                rule: "is required".to_string(),
            }]
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected
            .iter()
            .map(|name| Violation {
                pointer: child(&pointer, name),
                keyword: keyword.clone(),
                rule: "is not a field of this request".to_string(),
            })
            .collect(),
        ValidationErrorKind::Type { kind } => one(type_rule(kind)),
        ValidationErrorKind::Enum { options } => {
            let listed: Vec<String> = options
                .as_array()
                .map(|values| values.iter().map(quoted).collect())
                .unwrap_or_default();
            one(format!("must be one of: {}", listed.join(", ")))
        }
        ValidationErrorKind::Constant { expected_value } => {
            one(format!("must be {}", quoted(expected_value)))
        }
        ValidationErrorKind::Format { format } => one(format!("must be a valid \"{format}\"")),
        ValidationErrorKind::Pattern { pattern } => {
            one(format!("must match the pattern \"{pattern}\""))
        }
        ValidationErrorKind::MinLength { limit } => {
            one(format!("must be at least {limit} characters long"))
        }
        ValidationErrorKind::MaxLength { limit } => {
            one(format!("must be at most {limit} characters long"))
        }
        ValidationErrorKind::Minimum { limit } => one(format!("must be at least {limit}")),
        ValidationErrorKind::Maximum { limit } => one(format!("must be at most {limit}")),
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            one(format!("must be greater than {limit}"))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            one(format!("must be less than {limit}"))
        }
        ValidationErrorKind::MinItems { limit } => one(format!("must have at least {limit} items")),
        ValidationErrorKind::MaxItems { limit } => one(format!("must have at most {limit} items")),
        ValidationErrorKind::UniqueItems => one("must not repeat items".to_string()),
        _ => one(error.masked_with("the value").to_string()),
    }
}

/// Makes a converted schema (see [`crate::to_json_schema`]) refuse every property it does not
/// declare: each object schema with `properties` loses `additionalProperties: true` and gets
/// `unevaluatedProperties: false` (which, unlike `additionalProperties`, sees through `allOf`).
/// Free-form maps (objects without `properties`, such as `metadata`) stay open.
pub fn make_strict(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            strict_object(map);
            for value in map.values_mut() {
                make_strict(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(make_strict),
        _ => {}
    }
}

fn strict_object(map: &mut Map<String, Value>) {
    if !map.get("properties").is_some_and(Value::is_object) {
        return;
    }
    if map.get("additionalProperties") == Some(&Value::Bool(true)) {
        map.remove("additionalProperties");
    }
    if !map.contains_key("additionalProperties") {
        map.insert("unevaluatedProperties".to_string(), Value::Bool(false));
    }
}
