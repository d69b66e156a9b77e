//! What the diff compares of a schema: its shape after `$ref`s, its enum, its type name and its
//! object properties.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use gu1_kyc_spec::follow_refs;

/// Deepest nesting compared; deeper schemas are not walked.
pub(crate) const MAX_DEPTH: usize = 64;

/// A schema after `$ref`s and single-member `allOf` wrappers are peeled off.
pub(crate) struct View<'a> {
    pub schema: &'a Value,
    pub nullable: bool,
    /// The last `$ref` followed, for cycle protection.
    pub reference: Option<String>,
    pub default: Option<&'a Value>,
}

pub(crate) fn view<'a>(raw: &'a Value, node: &'a Value) -> View<'a> {
    let mut current = node;
    let mut nullable = false;
    let mut reference = None;
    let mut default = None;
    for _ in 0..MAX_DEPTH {
        nullable |= current.get("nullable").and_then(Value::as_bool) == Some(true);
        if default.is_none() {
            default = current.get("default");
        }
        if current.get("$ref").is_some() {
            match follow_refs(raw, current) {
                Some((target, via)) => {
                    current = target;
                    reference = via;
                    continue;
                }
                None => break,
            }
        }
        let wrapper = current.get("allOf").and_then(Value::as_array);
        let bare = current.get("properties").is_none() && current.get("type").is_none();
        match wrapper {
            Some(members) if members.len() == 1 && bare => current = &members[0],
            _ => break,
        }
    }
    View {
        schema: current,
        nullable,
        reference,
        default,
    }
}

/// The closed values of an enum schema (or of the enum members of a `oneOf`/`anyOf`), and whether
/// it is open: marked `x-open-enum: true`, or a `oneOf`/`anyOf` that also admits any string.
pub(crate) fn enum_info(raw: &Value, schema: &Value) -> Option<(BTreeSet<String>, bool)> {
    let marked = schema.get("x-open-enum").and_then(Value::as_bool) == Some(true);
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some((values.iter().map(enum_text).collect(), marked));
    }
    let members = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))?
        .as_array()?;
    let mut values = BTreeSet::new();
    let mut found = false;
    let mut open = marked;
    for member in members {
        let member = view(raw, member).schema;
        if let Some(list) = member.get("enum").and_then(Value::as_array) {
            found = true;
            values.extend(list.iter().map(enum_text));
            open |= member.get("x-open-enum").and_then(Value::as_bool) == Some(true);
        } else if member.get("type").and_then(Value::as_str) == Some("string")
            && member.get("pattern").is_none()
        {
            open = true;
        } else {
            return None;
        }
    }
    found.then_some((values, open))
}

fn enum_text(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string)
}

/// A short description of a schema's type, for detecting retyping: `string`, `string(date-time)`,
/// `string enum`, `integer(int64)`, `array`, `object`, `oneOf`, or `any`.
pub(crate) fn type_name(raw: &Value, schema: &Value) -> String {
    if let Some((_, _)) = enum_info(raw, schema) {
        let base = schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("string");
        return format!("{base} enum");
    }
    let base = match schema.get("type").and_then(Value::as_str) {
        Some(t) => t.to_string(),
        None if schema.get("properties").is_some() || schema.get("allOf").is_some() => {
            "object".into()
        }
        None if schema.get("items").is_some() => "array".into(),
        None if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() => "oneOf".into(),
        None => "any".into(),
    };
    match schema.get("format").and_then(Value::as_str) {
        Some(format) => format!("{base}({format})"),
        None => base,
    }
}

/// Properties and required names of an object schema, merging `allOf` members.
pub(crate) fn object_shape<'a>(
    raw: &'a Value,
    schema: &'a Value,
    depth: usize,
) -> (BTreeMap<String, &'a Value>, BTreeSet<String>) {
    let mut props = BTreeMap::new();
    let mut required = BTreeSet::new();
    if depth > MAX_DEPTH {
        return (props, required);
    }
    for member in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (p, r) = object_shape(raw, view(raw, member).schema, depth + 1);
        props.extend(p);
        required.extend(r);
    }
    for (name, prop) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        props.insert(name.clone(), prop);
    }
    for name in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(name) = name.as_str() {
            required.insert(name.to_string());
        }
    }
    (props, required)
}
