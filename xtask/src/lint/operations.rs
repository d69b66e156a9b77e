//! Operation rules: identity and docs, tags, responses the code generator accepts, request bodies
//! and parameters.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use gu1_kyc_spec::{Operation, bare_media_type, follow_refs};

use super::{Lint, has_text};

/// The extension that marks a non-GET operation as safe to repeat (the SDK retries it like a read).
pub(crate) const RETRY_SAFE: &str = "x-retry-safe";

/// Runs the operation rules; returns how many operations there are.
pub(crate) fn check(lint: &mut Lint<'_>) -> usize {
    let spec = lint.spec;
    check_path_items(lint);
    let declared = declared_tags(lint);
    let ops: Vec<Operation<'_>> = spec.operations().collect();
    let mut ids: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for op in &ops {
        if let Some(id) = op.operation_id() {
            ids.entry(id).or_default().push(op.label());
        } else {
            lint.report(
                &op.label(),
                "operation-id",
                "the operation has no `operationId`".into(),
                "add a unique camelCase `operationId`: it names the generated method",
            );
        }
        for (key, rule, fix) in [
            ("summary", "operation-summary", "add a one-line `summary`"),
            (
                "description",
                "operation-description",
                "add a `description` saying what the call does and when to use it",
            ),
        ] {
            if !has_text(op.node(), key) {
                lint.report(
                    &op.label(),
                    rule,
                    format!("the operation has no `{key}`"),
                    fix,
                );
            }
        }
        check_tags(lint, op, &declared);
        check_responses(lint, op);
        check_request_body(lint, op);
        check_parameters(lint, op);
        check_retry_safe(lint, op);
    }
    for (id, labels) in ids {
        if labels.len() > 1 {
            lint.report(
                &labels.join(", "),
                "operation-id",
                format!("`operationId` {id} is used by {} operations", labels.len()),
                "give each operation its own `operationId`",
            );
        }
    }
    ops.len()
}

fn check_path_items(lint: &mut Lint<'_>) {
    let raw = lint.raw();
    let Some(paths) = raw.get("paths").and_then(Value::as_object) else {
        lint.report(
            "paths",
            "openapiv3-parse",
            "the document has no `paths` mapping".into(),
            "add the API's paths",
        );
        return;
    };
    let refs: Vec<String> = paths
        .iter()
        .filter(|(_, item)| item.get("$ref").is_some())
        .map(|(path, _)| path.clone())
        .collect();
    for path in refs {
        lint.report(
            &format!("paths.{path}"),
            "no-path-item-ref",
            "the path item is a `$ref`, which the code generator rejects".into(),
            "write the path item's operations inline",
        );
    }
}

/// Top-level tags that have a description; reports those that lack one.
fn declared_tags(lint: &mut Lint<'_>) -> BTreeSet<String> {
    let raw = lint.raw();
    let mut declared = BTreeSet::new();
    let mut undescribed = Vec::new();
    for tag in raw
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(name) = tag.get("name").and_then(Value::as_str) {
            declared.insert(name.to_string());
            if !has_text(tag, "description") {
                undescribed.push(name.to_string());
            }
        }
    }
    for name in undescribed {
        lint.report(
            &format!("tags.{name}"),
            "tag-description",
            format!("tag `{name}` has no description"),
            "add a `description` to the tag in the top-level `tags` list",
        );
    }
    declared
}

fn check_tags(lint: &mut Lint<'_>, op: &Operation<'_>, declared: &BTreeSet<String>) {
    let tags: Vec<&str> = op
        .node()
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if tags.is_empty() {
        lint.report(
            &op.label(),
            "operation-tags",
            "the operation has no tag".into(),
            "add the tag of its API area (declared in the top-level `tags`)",
        );
    }
    for tag in tags {
        if !declared.contains(tag) {
            lint.report(
                &op.label(),
                "tag-declared",
                format!("tag `{tag}` is not declared in the top-level `tags`"),
                "declare the tag, with a description, in the top-level `tags` list",
            );
        }
    }
}

/// Whether a media type carries JSON.
pub(crate) fn is_json(media: &str) -> bool {
    let media = bare_media_type(media);
    media == "application/json" || media.ends_with("+json")
}

/// The distinct bodies a response object can produce, after following `$ref`s: `(no body)`,
/// `json <schema>` or `raw <schema>` (non-JSON bodies decode as bytes whatever the media type).
fn response_bodies(raw: &Value, response: &Value) -> BTreeSet<String> {
    let mut bodies = BTreeSet::new();
    let Some((response, _)) = follow_refs(raw, response) else {
        bodies.insert("(unresolvable $ref)".to_string());
        return bodies;
    };
    let content = response.get("content").and_then(Value::as_object);
    match content {
        Some(content) if !content.is_empty() => {
            for (media, entry) in content {
                let schema = match entry.get("schema") {
                    None => "(no schema)".to_string(),
                    Some(schema) => match follow_refs(raw, schema) {
                        Some((_, Some(target))) => target,
                        Some((resolved, None)) => resolved.to_string(),
                        None => "(unresolvable $ref)".to_string(),
                    },
                };
                let kind = if is_json(media) { "json" } else { "raw" };
                bodies.insert(format!("{kind} {schema}"));
            }
        }
        _ => {
            bodies.insert("(no body)".to_string());
        }
    }
    bodies
}

fn check_responses(lint: &mut Lint<'_>, op: &Operation<'_>) {
    let raw = lint.raw();
    if op
        .node()
        .get("responses")
        .and_then(Value::as_object)
        .is_none()
    {
        lint.report(
            &op.label(),
            "openapiv3-parse",
            "the operation has no `responses`".into(),
            "document the success response and the error responses",
        );
        return;
    }
    let mut success: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for response in op.responses() {
        let status = response.status;
        let class = status.chars().next().unwrap_or('?');
        if status == "default" {
            lint.report(
                &op.label(),
                "no-default-response",
                "the operation has a `default` response, which the code generator cannot type"
                    .into(),
                "list each error status explicitly, each with the shared Error schema",
            );
            continue;
        }
        let bodies = response_bodies(raw, response.node);
        let target = match class {
            '2' => &mut success,
            '4' | '5' => &mut errors,
            _ => continue,
        };
        for body in &bodies {
            target
                .entry(body.clone())
                .or_default()
                .push(status.to_string());
        }
        if matches!(class, '4' | '5') {
            let has_json = response.media_types().into_iter().any(is_json);
            if !has_json {
                lint.report(&op.label(), "error-json-body",
                    format!("error response {status} has no JSON body"),
                    "give it `content: application/json` with the shared Error schema (usually `$ref: '#/components/responses/...'`)");
            }
        }
    }
    for (set, rule, what) in [
        (success, "one-success-schema", "success"),
        (errors, "one-error-schema", "error"),
    ] {
        if set.len() > 1 {
            let list: Vec<String> = set
                .iter()
                .map(|(body, statuses)| format!("{} -> {}", statuses.join("/"), short(body)))
                .collect();
            lint.report(
                &op.label(),
                rule,
                format!(
                    "{} distinct {what} bodies, the code generator allows one: {}",
                    set.len(),
                    list.join("; ")
                ),
                &format!("make every {what} status of the operation use the same schema"),
            );
        }
    }
}

/// Shortens an inline schema's JSON for messages.
fn short(text: &str) -> String {
    if text.chars().count() > 80 {
        text.chars().take(80).collect::<String>() + "..."
    } else {
        text.to_string()
    }
}

fn check_request_body(lint: &mut Lint<'_>, op: &Operation<'_>) {
    if op.node().get("requestBody").is_none() {
        return;
    }
    if op.request_body().is_none() {
        lint.report(
            &op.label(),
            "openapiv3-parse",
            "the request body's `$ref` points to nothing".into(),
            "point it at an entry of `components/requestBodies`",
        );
        return;
    }
    let media = op.request_media_types();
    let multipart_only = media
        .iter()
        .all(|m| bare_media_type(m).starts_with("multipart/"));
    if media.len() > 1 && !multipart_only {
        lint.report(&op.label(), "single-request-media-type",
            format!("the request body offers {} media types ({}); the code generator accepts one", media.len(), media.join(", ")),
            "keep the one media type the API accepts (a multipart-only operation is implemented by hand)");
    }
}

fn check_parameters(lint: &mut Lint<'_>, op: &Operation<'_>) {
    let raw = lint.raw();
    for declared in op.declared_parameters() {
        let pointer = declared.pointer;
        let Some((resolved, _)) = follow_refs(raw, declared.node) else {
            lint.report(
                &op.label(),
                "openapiv3-parse",
                format!("{pointer}: the parameter's `$ref` points to nothing"),
                "point it at an entry of `components/parameters`",
            );
            continue;
        };
        if resolved.get("style").and_then(Value::as_str) == Some("deepObject") {
            let name = resolved.get("name").and_then(Value::as_str).unwrap_or("?");
            lint.report(
                &op.label(),
                "no-deep-object",
                format!(
                    "parameter `{name}` uses `style: deepObject`, which the code generator rejects"
                ),
                "flatten it into separate query parameters",
            );
        }
    }
}

/// Rule `retry-safe`: `x-retry-safe` is a boolean, and only on an operation whose method does not
/// already make it safe to repeat (a GET or HEAD is retried as a read whatever it says, so the
/// extension there would only mislead a reader into thinking it matters).
fn check_retry_safe(lint: &mut Lint<'_>, op: &Operation<'_>) {
    let Some(value) = op.extension(RETRY_SAFE) else {
        return;
    };
    if !value.is_boolean() {
        lint.report(
            &op.label(),
            "retry-safe",
            format!("`{RETRY_SAFE}` is {value}, not a boolean"),
            "write `x-retry-safe: true` on an operation that is safe to repeat, or remove it",
        );
    }
    if matches!(op.method(), "get" | "head") {
        lint.report(
            &op.label(),
            "retry-safe",
            format!(
                "`{RETRY_SAFE}` on a {} operation, which is retry-safe by its method",
                op.http_method()
            ),
            "remove it: only POST, PUT, PATCH and DELETE operations need to say so",
        );
    }
}
