//! Rewriting OpenAPI 3.0 schemas into JSON Schema draft 2020-12.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::pointer::{escape_pointer_token, normalize_pointer, resolve_pointer};

/// Formats that JSON Schema defines and the validator asserts. OpenAPI's own formats (`binary`,
/// `byte`, `int32`, `int64`, `float`, `double`, `password`) and custom ones constrain nothing.
const ASSERTED_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "uuid",
    "regex",
];

/// Keywords that only OpenAPI knows, or that carry no validation meaning, and are dropped.
const DROPPED_KEYWORDS: &[&str] = &[
    "nullable",
    "example",
    "examples",
    "xml",
    "externalDocs",
    "deprecated",
    "discriminator",
];

const COMPOSITIONS: &[&str] = &["allOf", "oneOf", "anyOf"];

/// Converts the schema at `pointer_or_ref` (see [`super::validator_for`]) into a standalone JSON
/// Schema document: `{"$schema", "$ref": "#/$defs/<root>", "$defs": {...}}`, where `$defs` holds
/// the root and every schema it reaches through `$ref`, each converted.
pub fn to_json_schema(raw: &Value, pointer_or_ref: &str) -> Result<Value, String> {
    let mut converter = Converter {
        raw,
        keys: BTreeMap::new(),
        queue: Vec::new(),
    };
    let root = converter.def_ref(pointer_or_ref, "(argument)")?;
    let mut defs = Map::new();
    while let Some((pointer, key)) = converter.queue.pop() {
        let node = resolve_pointer(raw, &pointer)
            .ok_or_else(|| format!("{pointer}: no schema at this location"))?;
        let converted = converter.convert(node, &pointer)?;
        defs.insert(key, converted);
    }
    Ok(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": root,
        "$defs": defs,
    }))
}

struct Converter<'a> {
    raw: &'a Value,
    /// Normalized spec pointer -> key in `$defs`.
    keys: BTreeMap<String, String>,
    /// Pointers that got a key but are not converted yet.
    queue: Vec<(String, String)>,
}

impl Converter<'_> {
    /// Returns the `$ref` (into `$defs`) standing for the spec schema at `reference`.
    fn def_ref(&mut self, reference: &str, at: &str) -> Result<String, String> {
        let pointer = normalize_pointer(reference).ok_or_else(|| {
            format!("{at}: `{reference}` is not a local reference (only `#/...` is supported)")
        })?;
        if resolve_pointer(self.raw, &pointer).is_none() {
            return Err(format!("{at}: `{reference}` points to nothing"));
        }
        if let Some(key) = self.keys.get(&pointer) {
            return Ok(format!("#/$defs/{key}"));
        }
        let name = pointer.strip_prefix("#/components/schemas/").unwrap_or("");
        let readable = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        let key = if readable {
            name.to_string()
        } else {
            format!("inline-{}", self.keys.len())
        };
        self.keys.insert(pointer.clone(), key.clone());
        self.queue.push((pointer, key.clone()));
        Ok(format!("#/$defs/{key}"))
    }

    fn convert(&mut self, node: &Value, at: &str) -> Result<Value, String> {
        let obj = match node {
            Value::Object(obj) => obj,
            Value::Bool(b) => return Ok(Value::Bool(*b)),
            _ => return Err(format!("{at}: a schema must be a mapping")),
        };
        let nullable = obj.get("nullable").and_then(Value::as_bool) == Some(true);
        if let Some(reference) = obj.get("$ref") {
            // OpenAPI 3.0 ignores the siblings of `$ref`; only `nullable` is honoured because
            // authors use it to mean "this reference, or null".
            let reference = reference
                .as_str()
                .ok_or_else(|| format!("{at}: `$ref` must be a string"))?;
            let target = json!({ "$ref": self.def_ref(reference, at)? });
            return Ok(if nullable {
                json!({ "anyOf": [{ "type": "null" }, target] })
            } else {
                target
            });
        }
        let mut out = Map::new();
        for (key, value) in obj {
            let child_at = format!("{at}/{}", escape_pointer_token(key));
            match key.as_str() {
                k if DROPPED_KEYWORDS.contains(&k) || k.starts_with("x-") => {}
                "properties" => {
                    let props = value
                        .as_object()
                        .ok_or_else(|| format!("{child_at}: must be a mapping"))?;
                    let mut converted = Map::new();
                    for (name, schema) in props {
                        let prop_at = format!("{child_at}/{}", escape_pointer_token(name));
                        converted.insert(name.clone(), self.convert(schema, &prop_at)?);
                    }
                    out.insert(key.clone(), Value::Object(converted));
                }
                "items" | "additionalProperties" | "not" => {
                    out.insert(key.clone(), self.convert(value, &child_at)?);
                }
                k if COMPOSITIONS.contains(&k) => {
                    let members = value
                        .as_array()
                        .ok_or_else(|| format!("{child_at}: must be a list of schemas"))?;
                    let converted = members
                        .iter()
                        .enumerate()
                        .map(|(i, m)| self.convert(m, &format!("{child_at}/{i}")))
                        .collect::<Result<Vec<_>, _>>()?;
                    // The generated client decodes `oneOf` as an untagged enum whose first
                    // matching variant wins, and the spec's open enums are
                    // `oneOf: [{$ref: Enum}, {type: string}]`, where a known value matches both
                    // members. `anyOf` is the JSON Schema with that meaning.
                    let keyword = if k == "oneOf" { "anyOf" } else { k };
                    if let Some(Value::Array(existing)) = out.get_mut(keyword) {
                        // `anyOf` and `oneOf` side by side: both must hold.
                        let both = json!({ "allOf": [{ keyword: existing.clone() }, { keyword: converted }] });
                        out.remove(keyword);
                        merge_all_of(&mut out, both);
                    } else {
                        out.insert(keyword.to_string(), Value::Array(converted));
                    }
                }
                "format" => {
                    if value
                        .as_str()
                        .is_some_and(|f| ASSERTED_FORMATS.contains(&f))
                    {
                        out.insert(key.clone(), value.clone());
                    }
                }
                "exclusiveMinimum" | "exclusiveMaximum" | "minimum" | "maximum" => {}
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        convert_bound(obj, &mut out, "minimum", "exclusiveMinimum");
        convert_bound(obj, &mut out, "maximum", "exclusiveMaximum");
        bound_integer_format(obj, &mut out);
        if nullable {
            return Ok(make_nullable(out));
        }
        Ok(Value::Object(out))
    }
}

/// Adds the members of `extra`'s `allOf` to `out`'s `allOf`.
fn merge_all_of(out: &mut Map<String, Value>, extra: Value) {
    let members = match extra {
        Value::Object(mut obj) => match obj.remove("allOf") {
            Some(Value::Array(members)) => members,
            _ => return,
        },
        _ => return,
    };
    match out.get_mut("allOf") {
        Some(Value::Array(existing)) => existing.extend(members),
        _ => {
            out.insert("allOf".to_string(), Value::Array(members));
        }
    }
}

/// OpenAPI 3.0 writes `minimum: 5, exclusiveMinimum: true`; JSON Schema writes `exclusiveMinimum: 5`.
fn convert_bound(
    obj: &Map<String, Value>,
    out: &mut Map<String, Value>,
    bound: &str,
    exclusive: &str,
) {
    let limit = obj.get(bound).cloned();
    match (obj.get(exclusive), limit) {
        (Some(Value::Bool(true)), Some(limit)) => {
            out.insert(exclusive.to_string(), limit);
        }
        (Some(Value::Number(n)), limit) => {
            out.insert(exclusive.to_string(), Value::Number(n.clone()));
            if let Some(limit) = limit {
                out.insert(bound.to_string(), limit);
            }
        }
        (_, Some(limit)) => {
            out.insert(bound.to_string(), limit);
        }
        (_, None) => {}
    }
}

/// `format: int32` and `int64` on an integer are ranges JSON Schema does not know: they become
/// `minimum` and `maximum` where the schema sets none (or a looser one), so that a value the
/// server would overflow on (`2147483648` for an int32) is refused.
fn bound_integer_format(obj: &Map<String, Value>, out: &mut Map<String, Value>) {
    let (low, high) = match obj.get("format").and_then(Value::as_str) {
        Some("int32") => (i64::from(i32::MIN), i64::from(i32::MAX)),
        Some("int64") => (i64::MIN, i64::MAX),
        _ => return,
    };
    let is_integer = match obj.get("type") {
        Some(Value::String(t)) => t == "integer",
        Some(Value::Array(types)) => types.iter().any(|t| t == "integer"),
        _ => false,
    };
    if !is_integer {
        return;
    }
    let existing = |out: &Map<String, Value>, key: &str| out.get(key).and_then(Value::as_f64);
    let keep_low = existing(out, "minimum").is_some_and(|m| m >= low as f64)
        || out.contains_key("exclusiveMinimum");
    let keep_high = existing(out, "maximum").is_some_and(|m| m <= high as f64)
        || out.contains_key("exclusiveMaximum");
    if !keep_low {
        out.insert("minimum".to_string(), json!(low));
    }
    if !keep_high {
        out.insert("maximum".to_string(), json!(high));
    }
}

/// Lets `null` through a converted schema: by widening `type` (and `enum`) when that is exact,
/// otherwise by wrapping the schema in `anyOf: [{type: null}, schema]`.
fn make_nullable(mut out: Map<String, Value>) -> Value {
    let composed = COMPOSITIONS.iter().any(|k| out.contains_key(*k)) || out.contains_key("not");
    let widened = match out.get("type") {
        Some(Value::String(t)) if !composed => Some(json!([t, "null"])),
        Some(Value::Array(types)) if !composed => {
            let mut types = types.clone();
            if !types.contains(&json!("null")) {
                types.push(json!("null"));
            }
            Some(Value::Array(types))
        }
        _ => None,
    };
    match widened {
        Some(types) => {
            out.insert("type".to_string(), types);
            if let Some(Value::Array(values)) = out.get_mut("enum")
                && !values.contains(&Value::Null)
            {
                values.push(Value::Null);
            }
            if let Some(Value::String(_)) = out.get("const") {
                let value = out.remove("const").unwrap_or(Value::Null);
                out.insert("enum".to_string(), json!([value, null]));
            }
            Value::Object(out)
        }
        None => json!({ "anyOf": [{ "type": "null" }, Value::Object(out)] }),
    }
}
