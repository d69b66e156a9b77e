//! Walking the document: operations, every schema root, and every schema inside them; plus the
//! rule that every property and parameter is described.

use serde_json::Value;

use super::{Lint, has_text};
use crate::schema::{escape_pointer_token, follow_refs};

/// The HTTP methods an OpenAPI path item can hold.
pub(crate) const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of the document.
pub(crate) struct Operation<'a> {
    /// The operation object.
    pub node: &'a Value,
    /// The path item holding it (for path-level parameters).
    pub item: &'a Value,
    /// `#/paths/.../<method>`.
    pub pointer: String,
    /// `GET /path (operationId)`, for messages.
    pub label: String,
}

impl<'a> Operation<'a> {
    /// Path-level then operation-level parameters, with the pointer of each.
    pub fn parameters(&self) -> Vec<(String, &'a Value)> {
        let item_pointer = self.pointer.rsplit_once('/').map_or("", |(p, _)| p);
        let mut out = Vec::new();
        for (base, holder) in [
            (item_pointer, self.item),
            (self.pointer.as_str(), self.node),
        ] {
            if let Some(list) = holder.get("parameters").and_then(Value::as_array) {
                for (i, p) in list.iter().enumerate() {
                    out.push((format!("{base}/parameters/{i}"), p));
                }
            }
        }
        out
    }
}

/// Every operation, in document order.
pub(crate) fn operations(raw: &Value) -> Vec<Operation<'_>> {
    let mut out = Vec::new();
    let Some(paths) = raw.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        for method in METHODS {
            let Some(node) = item.get(*method) else {
                continue;
            };
            let id = node
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or("no operationId");
            out.push(Operation {
                node,
                item,
                pointer: format!("#/paths/{}/{method}", escape_pointer_token(path)),
                label: format!("{} {path} ({id})", method.to_ascii_uppercase()),
            });
        }
    }
    out
}

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
pub(crate) fn schema_roots(raw: &Value) -> Vec<Root> {
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
    for op in operations(raw) {
        for (pointer, parameter) in op.parameters() {
            let label = format!("{} parameter {}", op.label, parameter_name(parameter));
            object_roots(parameter, &pointer, &label, true, &mut roots);
        }
        if let Some(body) = op.node.get("requestBody") {
            let label = format!("{} request body", op.label);
            object_roots(
                body,
                &format!("{}/requestBody", op.pointer),
                &label,
                false,
                &mut roots,
            );
        }
        if let Some(responses) = op.node.get("responses").and_then(Value::as_object) {
            for (status, response) in responses {
                let pointer = format!("{}/responses/{}", op.pointer, escape_pointer_token(status));
                let label = format!("{} response {status}", op.label);
                object_roots(response, &pointer, &label, false, &mut roots);
            }
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
    for op in operations(raw) {
        for (_, p) in op.parameters() {
            parameters.push((format!("{} parameter {}", op.label, parameter_name(p)), p));
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
    for root in schema_roots(raw) {
        let Some(node) = crate::schema::resolve_pointer(raw, &root.pointer) else {
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
