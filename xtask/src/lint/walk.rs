//! Walking the document's schemas: every schema root (operations come from the spec crate's
//! walker), and every schema inside them; plus the rule that every property and parameter is
//! described.

use serde_json::Value;

use gu1_kyc_spec::{Spec, escape_pointer_token, follow_refs, resolve_pointer};

use super::{Lint, has_text};

/// A place where a schema tree starts: its pointer and a label for messages.
pub(crate) struct Root {
    /// The schema's pointer.
    pub pointer: String,
    /// Where it is, for messages.
    pub label: String,
    /// The parameter or media type object that holds the schema (and may hold `example(s)`
    /// for it); `None` for component schemas.
    pub holder: Option<String>,
}

/// Every schema tree of the document that is not itself a `$ref`: component schemas, and the
/// schemas of parameters, request bodies and responses, in components and inline in operations.
/// Objects that operations `$ref` are visited once, as components.
pub(crate) fn schema_roots(spec: &Spec) -> Vec<Root> {
    let raw = &spec.raw;
    let mut roots = Vec::new();
    if let Some(schemas) = raw
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for name in schemas.keys() {
            roots.push(Root {
                pointer: format!("#/components/schemas/{}", escape_pointer_token(name)),
                label: format!("components.schemas.{name}"),
                holder: None,
            });
        }
    }
    for (kind, parameter_like) in [
        ("parameters", true),
        ("requestBodies", false),
        ("responses", false),
    ] {
        let Some(map) = raw
            .pointer(&format!("/components/{kind}"))
            .and_then(Value::as_object)
        else {
            continue;
        };
        for (name, object) in map {
            let pointer = format!("#/components/{kind}/{}", escape_pointer_token(name));
            let label = format!("components.{kind}.{name}");
            object_roots(object, &pointer, &label, parameter_like, &mut roots);
        }
    }
    for op in spec.operations() {
        let label = op.label();
        for parameter in op.declared_parameters() {
            let label = format!("{label} parameter {}", parameter_name(parameter.node));
            object_roots(parameter.node, &parameter.pointer, &label, true, &mut roots);
        }
        if let Some(body) = op.node().get("requestBody") {
            object_roots(
                body,
                &format!("{}/requestBody", op.pointer()),
                &format!("{label} request body"),
                false,
                &mut roots,
            );
        }
        for response in op.responses() {
            let label = format!("{label} response {}", response.status);
            object_roots(response.node, &response.pointer, &label, false, &mut roots);
        }
    }
    roots
}

/// `query.limit` for a parameter object (or its `$ref`).
pub(crate) fn parameter_name(parameter: &Value) -> String {
    if let Some(r) = parameter.get("$ref").and_then(Value::as_str) {
        return r.to_string();
    }
    let location = parameter.get("in").and_then(Value::as_str).unwrap_or("?");
    let name = parameter.get("name").and_then(Value::as_str).unwrap_or("?");
    format!("{location}.{name}")
}

/// The schema roots inside a parameter, request body or response object (none if it is a `$ref`).
fn object_roots(
    object: &Value,
    pointer: &str,
    label: &str,
    parameter_like: bool,
    roots: &mut Vec<Root>,
) {
    if object.get("$ref").is_some() {
        return;
    }
    if parameter_like && object.get("schema").is_some() {
        roots.push(Root {
            pointer: format!("{pointer}/schema"),
            label: label.to_string(),
            holder: Some(pointer.to_string()),
        });
    }
    if let Some(content) = object.get("content").and_then(Value::as_object) {
        for (media, entry) in content {
            if entry.get("schema").is_some() {
                let holder = format!("{pointer}/content/{}", escape_pointer_token(media));
                roots.push(Root {
                    pointer: format!("{holder}/schema"),
                    label: format!("{label} {media}"),
                    holder: Some(holder),
                });
            }
        }
    }
}

/// Calls `visit(node, pointer)` for the schema at `pointer` and every schema nested in it
/// (properties, items, additionalProperties, allOf/oneOf/anyOf/not), without following `$ref`.
pub(crate) fn walk_schema(node: &Value, pointer: &str, visit: &mut dyn FnMut(&Value, &str)) {
    let Some(obj) = node.as_object() else {
        return;
    };
    visit(node, pointer);
    if obj.contains_key("$ref") {
        return;
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        for (name, prop) in props {
            let child = format!("{pointer}/properties/{}", escape_pointer_token(name));
            walk_schema(prop, &child, visit);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = obj.get(key) {
            walk_schema(child, &format!("{pointer}/{key}"), visit);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(members) = obj.get(key).and_then(Value::as_array) {
            for (i, member) in members.iter().enumerate() {
                walk_schema(member, &format!("{pointer}/{key}/{i}"), visit);
            }
        }
    }
}

/// Whether a property schema is described, by itself or (for a reference, or a single-member
/// `allOf` wrapping one) by the schema it references.
fn property_described(raw: &Value, prop: &Value) -> bool {
    if has_text(prop, "description") {
        return true;
    }
    let target = match prop.get("allOf").and_then(Value::as_array) {
        Some(members) if members.len() == 1 => &members[0],
        _ => prop,
    };
    target.get("$ref").is_some()
        && follow_refs(raw, target).is_some_and(|(resolved, _)| has_text(resolved, "description"))
}

/// Rules `parameter-description` and `property-description`.
pub(crate) fn check_descriptions(lint: &mut Lint<'_>) {
    let spec = lint.spec;
    let raw = lint.raw();
    let mut missing: Vec<(String, String, &'static str)> = Vec::new();
    let mut parameters: Vec<(String, &Value)> = Vec::new();
    if let Some(map) = raw
        .pointer("/components/parameters")
        .and_then(Value::as_object)
    {
        for (name, p) in map {
            parameters.push((format!("components.parameters.{name}"), p));
        }
    }
    for op in spec.operations() {
        for p in op.declared_parameters() {
            parameters.push((
                format!("{} parameter {}", op.label(), parameter_name(p.node)),
                p.node,
            ));
        }
    }
    for (label, parameter) in parameters {
        if parameter.get("$ref").is_none() && !has_text(parameter, "description") {
            missing.push((
                label,
                "the parameter has no description".into(),
                "parameter-description",
            ));
        }
    }
    for root in schema_roots(spec) {
        let Some(node) = resolve_pointer(raw, &root.pointer) else {
            continue;
        };
        walk_schema(node, &root.pointer, &mut |schema, pointer| {
            let Some(props) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            for (name, prop) in props {
                if !property_described(raw, prop) {
                    let at = &pointer[root.pointer.len()..];
                    missing.push((
                        format!("{}{at}", root.label),
                        format!("property `{name}` has no description"),
                        "property-description",
                    ));
                }
            }
        });
    }
    for (location, message, rule) in missing {
        let fix = if rule == "parameter-description" {
            "add a `description` saying what the parameter selects or changes"
        } else {
            "add a `description` (for a `$ref` property, describe the referenced schema or wrap it as `allOf: [$ref]` with a description)"
        };
        lint.report(&location, rule, message, fix);
    }
}
