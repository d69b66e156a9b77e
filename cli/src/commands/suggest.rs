//! `gu1-kyc contract --suggest DIR`: for each drift finding, the spec change that would
//! document it (a property, an enum value), as a patch a reviewer can read and apply
//! (`DIR/suggestions.yaml`, JSON Patch operations in YAML) and as the patched spec
//! (`DIR/gu1-kyc.yaml`), which `cargo xtask diff openapi/gu1-kyc.yaml DIR/gu1-kyc.yaml`
//! classifies.

use std::path::Path;

use gu1_kyc_spec::{Spec, follow_refs, resolve_pointer, response_schema_pointer};
use serde::Serialize;
use serde_json::{Value, json};

use crate::failure::Failure;

/// One drift the check saw, with what documenting it needs: the JSON type at the place and,
/// for an open enum, the value (a status-like word; never free text).
#[derive(Debug, Clone)]
pub struct Observation {
    /// The request's method.
    pub method: String,
    /// The operation's path template.
    pub template: String,
    /// The answer's status.
    pub status: u16,
    /// The JSON pointer in the answer.
    pub location: String,
    /// The value's JSON type, for a new property.
    pub json_type: &'static str,
    /// The unlisted value, for an enum.
    pub enum_value: Option<String>,
}

/// One operation of the patch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchOp {
    op: &'static str,
    path: String,
    value: Value,
}

/// Writes the suggestions; returns how many changes they hold.
pub fn write(spec: &Spec, observations: &[Observation], dir: &Path) -> Result<usize, Failure> {
    let mut ops: Vec<PatchOp> = Vec::new();
    for observation in observations {
        if let Some(op) = suggestion(spec, observation)
            && !ops.contains(&op)
        {
            ops.push(op);
        }
    }
    let mut patched = spec.raw.clone();
    for op in &ops {
        apply(&mut patched, op);
    }
    let fail = |e: String| {
        Failure::Usage(format!(
            "cannot write the suggestions in {}: {e}",
            dir.display()
        ))
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    let header = "# Spec changes that would document what `gu1-kyc contract` saw as drift: JSON Patch\n\
                  # operations (RFC 6902) on openapi/gu1-kyc.yaml. The patched spec is beside this file;\n\
                  # `cargo xtask diff openapi/gu1-kyc.yaml <this directory>/gu1-kyc.yaml` classifies it.\n";
    let patch = serde_yaml_ng::to_string(&ops).map_err(|e| fail(e.to_string()))?;
    std::fs::write(dir.join("suggestions.yaml"), format!("{header}{patch}"))
        .map_err(|e| fail(e.to_string()))?;
    let spec_text = serde_yaml_ng::to_string(&patched).map_err(|e| fail(e.to_string()))?;
    std::fs::write(dir.join("gu1-kyc.yaml"), spec_text).map_err(|e| fail(e.to_string()))?;
    Ok(ops.len())
}

/// The change documenting one observation, if the place can be found in the spec.
fn suggestion(spec: &Spec, observation: &Observation) -> Option<PatchOp> {
    let raw = &spec.raw;
    let root = response_schema_pointer(
        spec,
        &observation.method,
        &observation.template,
        observation.status,
        "application/json",
    )?;
    let tokens: Vec<String> = observation
        .location
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (last, parents) = tokens.split_last()?;
    let mut pointer = root;
    for token in parents {
        pointer = child(raw, &pointer, token)?;
    }
    match &observation.enum_value {
        None => {
            let parent = resolved(raw, &pointer)?;
            Some(PatchOp {
                op: "add",
                path: format!("{}/properties/{}", bare(&parent), escape(last)),
                value: json!({
                    "type": observation.json_type,
                    "description": "Seen in answers of the live API; not documented yet (suggested by gu1-kyc contract).",
                }),
            })
        }
        Some(value) => {
            let property = child(raw, &pointer, last)?;
            let listed = enum_pointer(raw, &property)?;
            Some(PatchOp {
                op: "add",
                path: format!("{}/enum/-", bare(&listed)),
                value: Value::String(value.clone()),
            })
        }
    }
}

/// The pointer a `$ref` chain at `pointer` ends at.
fn resolved(raw: &Value, pointer: &str) -> Option<String> {
    let node = resolve_pointer(raw, pointer)?;
    Some(
        follow_refs(raw, node)?
            .1
            .unwrap_or_else(|| pointer.to_string()),
    )
}

/// The schema of `token` (a property, or an array index) inside the schema at `pointer`,
/// through `$ref`s, `allOf` and the nullable `anyOf` wrappers the spec uses.
fn child(raw: &Value, pointer: &str, token: &str) -> Option<String> {
    let pointer = resolved(raw, pointer)?;
    let node = resolve_pointer(raw, &pointer)?;
    if token.parse::<usize>().is_ok() && node.get("items").is_some() {
        return Some(format!("{pointer}/items"));
    }
    if node
        .pointer(&format!("/properties/{}", escape(token)))
        .is_some()
    {
        return Some(format!("{pointer}/properties/{}", escape(token)));
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        let count = node
            .get(keyword)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for i in 0..count {
            if let Some(found) = child(raw, &format!("{pointer}/{keyword}/{i}"), token) {
                return Some(found);
            }
        }
    }
    None
}

/// The `enum` list of the open enum at `pointer` (a member of its `anyOf`/`oneOf`).
fn enum_pointer(raw: &Value, pointer: &str) -> Option<String> {
    let pointer = resolved(raw, pointer)?;
    let node = resolve_pointer(raw, &pointer)?;
    if node.get("enum").is_some() {
        return Some(pointer);
    }
    for keyword in ["anyOf", "oneOf", "allOf"] {
        let count = node
            .get(keyword)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for i in 0..count {
            if let Some(found) = enum_pointer(raw, &format!("{pointer}/{keyword}/{i}")) {
                return Some(found);
            }
        }
    }
    None
}

/// `#/a/b` -> `/a/b` (a JSON Patch path).
fn bare(pointer: &str) -> String {
    pointer.trim_start_matches('#').to_string()
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Applies one `add` to a document: `-` appends to an array, a missing `properties` is made.
fn apply(document: &mut Value, op: &PatchOp) {
    let Some((parent, last)) = op.path.rsplit_once('/') else {
        return;
    };
    if let Some(grand) = parent.strip_suffix("/properties")
        && let Some(Value::Object(object)) = document.pointer_mut(grand)
    {
        object.entry("properties").or_insert_with(|| json!({}));
    }
    match document.pointer_mut(parent) {
        Some(Value::Array(items)) if last == "-" && !items.contains(&op.value) => {
            items.push(op.value.clone());
        }
        Some(Value::Object(object)) => {
            let key = last.replace("~1", "/").replace("~0", "~");
            object.entry(key).or_insert_with(|| op.value.clone());
        }
        _ => {}
    }
}

/// The JSON type of a value, as a schema's `type` names it.
pub fn json_type(value: Option<&Value>) -> &'static str {
    match value {
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => "integer",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
        _ => "string",
    }
}

/// An enum value worth suggesting: a short word, never free text (which could be personal).
pub fn enum_word(value: Option<&Value>) -> Option<String> {
    let text = value?.as_str()?;
    let word = !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    word.then(|| text.to_string())
}
