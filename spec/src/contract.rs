//! The contract check of one exchange: an answer compared with what the spec documents for its
//! operation, each difference a [`Finding`] with a severity. Findings name places (JSON pointers
//! with array indices) and types or documented values, never a value the server sent: answers
//! hold personal data.
//!
//! - [`Severity::Breaking`]: a strict client fails on it: an undocumented status or content
//!   type, a body that is not JSON, a missing required property, a wrong type, `null` where the
//!   schema is not nullable, a value a closed enum or a format does not allow.
//! - [`Severity::Drift`]: the spec is incomplete but a tolerant client copes: a property the
//!   spec does not document, a value an open enum (`x-open-enum`) does not list (a client
//!   generated with closed enums, in another language, would fail on it).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::{
    ResponseChecker, ResponseError, Spec, Validator, is_json, make_strict, match_path,
    to_json_schema,
};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A client that follows the spec strictly fails.
    Breaking,
    /// The spec is incomplete; tolerant clients (this SDK) cope.
    Drift,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Breaking => "breaking",
            Severity::Drift => "drift",
        })
    }
}

/// What kind of difference a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// The request matches no operation of the spec.
    UndocumentedOperation,
    /// The operation does not document the status answered.
    UndocumentedStatus,
    /// The status is documented, not with this content type.
    UndocumentedContentType,
    /// The content type says JSON; the body does not parse.
    NotJson,
    /// A required property is missing.
    MissingProperty,
    /// A value has another type than the schema's.
    WrongType,
    /// `null` where the schema is not nullable.
    UnexpectedNull,
    /// A value the schema does not allow (a closed enum, a format, a pattern, a bound).
    InvalidValue,
    /// The client's own types fail to decode the answer (the front door's check).
    DecodeFailed,
    /// A request the spec does not allow (a missing or mistyped field, an undocumented body
    /// type): the server may refuse it.
    InvalidRequest,
    /// A property the spec does not document.
    UndocumentedProperty,
    /// A value an open enum does not list.
    UnknownEnumValue,
}

impl FindingKind {
    /// The kind's name in reports (`missing-property`).
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::UndocumentedOperation => "undocumented-operation",
            FindingKind::UndocumentedStatus => "undocumented-status",
            FindingKind::UndocumentedContentType => "undocumented-content-type",
            FindingKind::NotJson => "not-json",
            FindingKind::MissingProperty => "missing-property",
            FindingKind::WrongType => "wrong-type",
            FindingKind::UnexpectedNull => "unexpected-null",
            FindingKind::InvalidValue => "invalid-value",
            FindingKind::DecodeFailed => "decode-failed",
            FindingKind::InvalidRequest => "invalid-request",
            FindingKind::UndocumentedProperty => "undocumented-property",
            FindingKind::UnknownEnumValue => "unknown-enum-value",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One difference between an answer and the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The operation (`getValidation`), or empty when the request matched none.
    pub operation_id: String,
    /// How much it matters.
    pub severity: Severity,
    /// What kind of difference.
    pub kind: FindingKind,
    /// Where in the body: a JSON pointer with array indices (`/validations/3/status`), empty for
    /// the whole answer.
    pub location: String,
    /// What the spec says and what came back (a type, a status, a documented value), never a
    /// value the server sent.
    pub message: String,
}

/// One answer to check.
#[derive(Debug, Clone, Copy)]
pub struct Exchange<'a> {
    /// The request's method.
    pub method: &'a str,
    /// The request's path, concrete (`/api/kyc/validations/550e...`), without the query.
    pub path: &'a str,
    /// The answer's status.
    pub status: u16,
    /// The answer's `Content-Type`, if any.
    pub content_type: Option<&'a str>,
    /// The answer's body (for a byte answer, what was read of it; it is not parsed).
    pub body: &'a [u8],
}

/// Checks exchanges against one spec; validators are built once per schema and kept.
pub struct ContractChecker<'a> {
    responses: ResponseChecker<'a>,
    closed: Mutex<HashMap<String, Arc<Validator>>>,
}

impl<'a> ContractChecker<'a> {
    /// A checker for `spec`.
    pub fn new(spec: &'a Spec) -> Self {
        ContractChecker {
            responses: ResponseChecker::new(spec),
            closed: Mutex::new(HashMap::new()),
        }
    }

    /// The operation an exchange belongs to: its template and `operationId`.
    pub fn operation(&self, method: &str, path: &str) -> Option<(String, String)> {
        match_path(self.responses.spec(), method, path)
    }

    /// Every difference between the exchange's answer and the spec, breaking ones first.
    pub fn check(&self, exchange: &Exchange<'_>) -> Vec<Finding> {
        let Some((template, operation_id)) = self.operation(exchange.method, exchange.path) else {
            return vec![finding(
                "",
                FindingKind::UndocumentedOperation,
                "",
                format!(
                    "the spec has no operation for {} on this path",
                    exchange.method
                ),
            )];
        };
        let at =
            |kind, location: &str, message: String| finding(&operation_id, kind, location, message);
        let content_type = exchange.content_type.unwrap_or("");
        let pointer = match self.responses.schema_pointer(
            exchange.method,
            &template,
            exchange.status,
            content_type,
        ) {
            Ok(pointer) => pointer,
            Err(_) => {
                let documented = self.documented_statuses(exchange.method, &template);
                return vec![if documented.contains(&exchange.status.to_string()) {
                    at(
                        FindingKind::UndocumentedContentType,
                        "",
                        format!(
                            "the spec documents no `{}` body for status {}",
                            media_type(content_type),
                            exchange.status
                        ),
                    )
                } else {
                    at(
                        FindingKind::UndocumentedStatus,
                        "",
                        format!(
                            "the operation documents {}; the answer was {}",
                            documented.join(", "),
                            exchange.status
                        ),
                    )
                }];
            }
        };
        if !is_json(content_type) {
            return Vec::new();
        }
        let body: Value = match serde_json::from_slice(exchange.body) {
            Ok(body) => body,
            Err(error) => {
                return vec![at(
                    FindingKind::NotJson,
                    "",
                    format!(
                        "the body is not JSON ({:?} error at line {}, column {})",
                        error.classify(),
                        error.line(),
                        error.column()
                    ),
                )];
            }
        };
        let mut findings = Vec::new();
        match self.responses.validator(&pointer) {
            Ok(validator) => {
                for violation in validator.violations(&body) {
                    let (kind, message) = breaking(&violation, &body);
                    findings.push(at(kind, &violation.pointer, message));
                }
            }
            Err(error) => findings.push(at(FindingKind::InvalidValue, "", unconvertible(&error))),
        }
        if let Ok(closed) = self.closed_validator(&pointer) {
            for violation in closed.violations(&body) {
                let covered = findings
                    .iter()
                    .any(|f| violation.pointer.starts_with(&f.location) && !f.location.is_empty());
                if covered {
                    continue;
                }
                let drift = match violation.keyword.as_str() {
                    "unevaluatedProperties" | "additionalProperties" => Some((
                        FindingKind::UndocumentedProperty,
                        "a property the spec does not document (clients that refuse unknown fields fail on it)".to_string(),
                    )),
                    "enum" => Some((
                        FindingKind::UnknownEnumValue,
                        format!(
                            "{} the open enum does not list ({}): this SDK keeps it as unknown; clients generated with closed enums fail to decode it",
                            enum_value(body.pointer(&violation.pointer)),
                            violation.rule
                        ),
                    )),
                    _ => None,
                };
                if let Some((kind, message)) = drift {
                    findings.push(finding(&operation_id, kind, &violation.pointer, message));
                }
            }
        }
        findings.sort_by(|a, b| (a.severity, &a.location).cmp(&(b.severity, &b.location)));
        findings.dedup();
        findings
    }

    /// What a request breaks of the spec: an undocumented operation, a body type the operation
    /// does not take, or a JSON body that does not match its schema (each violation at its
    /// pointer, without the values sent). Multipart bodies are only checked for their type.
    pub fn check_request(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Vec<Finding> {
        let Some((template, operation_id)) = self.operation(method, path) else {
            return vec![finding(
                "",
                FindingKind::UndocumentedOperation,
                "",
                format!("the spec has no operation for {method} on this path"),
            )];
        };
        if body.is_empty() {
            return Vec::new();
        }
        let content_type = media_type(content_type.unwrap_or(""));
        let request = |message: String, location: &str| {
            finding(
                &operation_id,
                FindingKind::InvalidRequest,
                location,
                message,
            )
        };
        let Some(pointer) =
            crate::request_schema_pointer(self.responses.spec(), method, &template, content_type)
        else {
            return vec![request(
                format!("the operation takes no `{content_type}` body"),
                "",
            )];
        };
        if !is_json(content_type) {
            return Vec::new();
        }
        let Ok(value) = serde_json::from_slice::<Value>(body) else {
            return vec![request("the body is not JSON".to_string(), "")];
        };
        match self.responses.validator(&pointer) {
            Ok(validator) => validator
                .violations(&value)
                .into_iter()
                .map(|v| request(format!("the request's value {}", v.rule), &v.pointer))
                .collect(),
            Err(error) => vec![request(unconvertible(&error), "")],
        }
    }

    /// The statuses the operation documents, as written (`200`, `404`, `4XX`).
    pub fn documented_statuses(&self, method: &str, template: &str) -> Vec<String> {
        self.responses
            .spec()
            .operation(method, template)
            .map(|op| {
                op.responses()
                    .iter()
                    .map(|r| r.status.to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The schema at `pointer` made strict (undeclared properties refused) and closed (open
    /// enums reduced to their listed values).
    fn closed_validator(&self, pointer: &str) -> Result<Arc<Validator>, String> {
        let mut cache = self.closed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(validator) = cache.get(pointer) {
            return Ok(validator.clone());
        }
        let mut schema = to_json_schema(&self.responses.spec().raw, pointer)?;
        make_strict(&mut schema);
        close_open_enums(&mut schema);
        let validator = Arc::new(Validator::from_json_schema(pointer, schema)?);
        cache.insert(pointer.to_string(), validator.clone());
        Ok(validator)
    }
}

fn finding(operation_id: &str, kind: FindingKind, location: &str, message: String) -> Finding {
    let severity = match kind {
        FindingKind::UndocumentedProperty | FindingKind::UnknownEnumValue => Severity::Drift,
        _ => Severity::Breaking,
    };
    Finding {
        operation_id: operation_id.to_string(),
        severity,
        kind,
        location: location.to_string(),
        message,
    }
}

/// The kind and message of a violation of the spec as it is (every one of them breaks a
/// strict client).
fn breaking(violation: &crate::Violation, body: &Value) -> (FindingKind, String) {
    let found = body.pointer(&violation.pointer);
    match violation.keyword.as_str() {
        "required" => (
            FindingKind::MissingProperty,
            "a required property is missing".to_string(),
        ),
        "type" | "anyOf" | "oneOf" if found.is_some_and(Value::is_null) => (
            FindingKind::UnexpectedNull,
            format!(
                "null where the schema is not nullable: the value {}",
                violation.rule
            ),
        ),
        "type" => (
            FindingKind::WrongType,
            format!(
                "the value {}, the answer has {}",
                violation.rule,
                found.map_or("nothing", json_type)
            ),
        ),
        "enum" => (
            FindingKind::InvalidValue,
            format!("{}: the value {}", enum_value(found), violation.rule),
        ),
        _ => (
            FindingKind::InvalidValue,
            format!("the value {}", violation.rule),
        ),
    }
}

/// An enum value as a report may quote it: a short word with a letter (a status such as
/// `on_hold`), never free text or a number, which could be personal data.
fn enum_value(value: Option<&Value>) -> String {
    let word = value.and_then(Value::as_str).filter(|text| {
        text.len() <= 40
            && text.chars().any(|c| c.is_ascii_alphabetic())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    });
    match word {
        Some(word) => format!("`{word}`, a value"),
        None => "a value".to_string(),
    }
}

fn unconvertible(error: &ResponseError) -> String {
    format!("the spec's schema cannot be checked: {error}")
}

/// The JSON type of a value, as schemas name types.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn media_type(content_type: &str) -> &str {
    let bare = content_type.split(';').next().unwrap_or("").trim();
    if bare.is_empty() {
        "(no content type)"
    } else {
        bare
    }
}

/// Reduces every open enum to its listed values, so that an unlisted value shows as an `enum`
/// violation. The spec writes an open enum as `anyOf`/`oneOf` of the listed values (inline or a
/// `$ref`) and a free `{type: string}`; the free member is dropped.
fn close_open_enums(schema: &mut Value) {
    let defs = schema
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    close_within(schema, &defs);
}

fn close_within(schema: &mut Value, defs: &Map<String, Value>) {
    match schema {
        Value::Object(map) => {
            for keyword in ["anyOf", "oneOf"] {
                if let Some(Value::Array(members)) = map.get_mut(keyword) {
                    let listed = members.iter().any(|m| lists_values(m, defs));
                    if listed && members.iter().any(is_free_string) {
                        members.retain(|m| !is_free_string(m));
                    }
                }
            }
            map.values_mut().for_each(|v| close_within(v, defs));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| close_within(v, defs)),
        _ => {}
    }
}

/// A schema with an `enum`, or a reference to one.
fn lists_values(schema: &Value, defs: &Map<String, Value>) -> bool {
    if schema.get("enum").is_some() {
        return true;
    }
    schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| defs.get(name))
        .is_some_and(|target| lists_values(target, defs))
}

/// `{type: string}` with nothing else that constrains it.
fn is_free_string(schema: &Value) -> bool {
    schema.as_object().is_some_and(|map| {
        map.get("type") == Some(&Value::String("string".into()))
            && map
                .keys()
                .all(|k| matches!(k.as_str(), "type" | "description" | "title"))
    })
}

#[cfg(test)]
mod tests;
