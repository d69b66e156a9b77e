//! Rules for other languages' generators: shapes of the spec that the SDK's own generator takes
//! but `openapi-python-client`, `openapi-typescript` or `@hey-api/openapi-ts` turn into a client
//! that drops a model, skips a response or sends a value the server cannot read. Each comes from
//! a failure seen in `.ci/generators/check.py`; `openapi/DECISIONS.md` (G12) records the fixes.

use serde_json::Value;

use gu1_kyc_spec::{bare_media_type, escape_pointer_token, follow_refs};

use super::Lint;
use super::walk::walk_schema;

/// The media type every generator decodes as bytes.
const OCTET_STREAM: &str = "application/octet-stream";

/// Runs the generator rules.
pub(crate) fn check(lint: &mut Lint<'_>) {
    check_nullable_objects(lint);
    check_binary_responses(lint);
    check_multipart_fields(lint);
}

/// Whether a schema is an object written inline (not a `$ref`).
fn inline_object(schema: &Value) -> bool {
    schema.get("$ref").is_none()
        && (schema.get("type").and_then(Value::as_str) == Some("object")
            || schema.get("properties").is_some())
}

/// Rule `nullable-object-named-parts`: a nullable object component holds no inline object. The
/// Python generator makes such a component a union (`X_type_0`) and generates each inline object
/// in it once per union, then drops the duplicate model that other models still import.
fn check_nullable_objects(lint: &mut Lint<'_>) {
    let Some(schemas) = lint
        .raw()
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return;
    };
    let mut found = Vec::new();
    for (name, schema) in schemas {
        let nullable = schema.get("nullable").and_then(Value::as_bool) == Some(true);
        if !nullable || !inline_object(schema) {
            continue;
        }
        let root = format!("#/components/schemas/{}", escape_pointer_token(name));
        walk_schema(schema, &root, &mut |node, pointer| {
            if pointer != root && inline_object(node) {
                found.push(pointer.to_string());
            }
        });
    }
    for pointer in found {
        lint.report(
            &pointer,
            "nullable-object-named-parts",
            "an inline object inside a nullable object component: openapi-python-client generates \
             it twice and drops the model"
                .into(),
            "move the inline object to its own component and `$ref` it",
        );
    }
}

/// Rule `binary-response-octet-stream`: a response whose body is bytes (no JSON media type)
/// also lists `application/octet-stream`. `openapi-python-client` decodes no `image/*` type and
/// leaves the response out of the client; every generator hands back bytes for this one.
fn check_binary_responses(lint: &mut Lint<'_>) {
    let spec = lint.spec;
    let mut found = Vec::new();
    for op in spec.operations() {
        for response in op.responses() {
            let types = response.media_types();
            let bytes = !types.is_empty()
                && types.iter().all(|t| {
                    let bare = bare_media_type(t);
                    bare != "application/json" && !bare.ends_with("+json")
                });
            if bytes && !types.iter().any(|t| bare_media_type(t) == OCTET_STREAM) {
                found.push(format!("{} response {}", op.label(), response.status));
            }
        }
    }
    for location in found {
        lint.report(
            &location,
            "binary-response-octet-stream",
            format!("a byte response without `{OCTET_STREAM}`: generators that do not know its media types skip it"),
            "list `application/octet-stream` beside the specific media types, with the same binary schema",
        );
    }
}

/// Rule `multipart-text-wire-format`: a multipart form field is text on the wire, so a boolean
/// field states its spelling as a string enum (`"true"`, `"false"`); generators otherwise send
/// their language's spelling (Python's `True`).
fn check_multipart_fields(lint: &mut Lint<'_>) {
    let spec = lint.spec;
    let raw = lint.raw();
    let mut found = Vec::new();
    for op in spec.operations() {
        let Some(body) = op.request_body().and_then(|b| follow_refs(raw, b)) else {
            continue;
        };
        let Some(content) = body.0.get("content").and_then(Value::as_object) else {
            continue;
        };
        for (media_type, object) in content {
            if !bare_media_type(media_type).starts_with("multipart/") {
                continue;
            }
            let Some((schema, _)) = object.get("schema").and_then(|s| follow_refs(raw, s)) else {
                continue;
            };
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (name, property) in properties {
                let property = follow_refs(raw, property).map_or(property, |(p, _)| p);
                if property.get("type").and_then(Value::as_str) == Some("boolean") {
                    found.push(format!("{} form field {name}", op.label()));
                }
            }
        }
    }
    for location in found {
        lint.report(
            &location,
            "multipart-text-wire-format",
            "a boolean multipart field: its wire spelling is not stated".into(),
            "declare it `type: string` with `enum: [\"true\", \"false\"]`",
        );
    }
}
