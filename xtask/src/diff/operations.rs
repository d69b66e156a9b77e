//! Operation-level comparison: operations, parameters, request bodies, responses, media types and
//! error codes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::schemas::{Side, Walker};
use super::{Change, Changes, Classification::*};
use crate::schema::{bare_media_type, follow_refs};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation: its template, path item and operation object.
struct Op<'a> {
    template: &'a str,
    item: &'a Value,
    node: &'a Value,
}

/// Operations keyed by (path template with parameter names erased, method).
fn operations(raw: &Value) -> BTreeMap<(String, &'static str), Op<'_>> {
    let mut out = BTreeMap::new();
    for (template, item) in raw
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for method in METHODS {
            if let Some(node) = item.get(*method) {
                out.insert(
                    (erase_params(template), *method),
                    Op {
                        template,
                        item,
                        node,
                    },
                );
            }
        }
    }
    out
}

/// `/a/{id}/b` -> `/a/{}/b`.
fn erase_params(template: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if !in_param => out.push(c),
            _ => {}
        }
    }
    out
}

/// The names of the path parameters of a template, in order.
fn path_params(template: &str) -> Vec<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

fn operation_id(op: &Op<'_>) -> String {
    op.node
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

pub(crate) fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let old_ops = operations(old);
    let new_ops = operations(new);
    let keys: BTreeSet<_> = old_ops.keys().chain(new_ops.keys()).cloned().collect();
    let mut all = Vec::new();
    for key in keys {
        let method = key.1.to_ascii_uppercase();
        match (old_ops.get(&key), new_ops.get(&key)) {
            (Some(o), None) => {
                let label = format!("{method} {}", o.template);
                let mut changes = Changes::new(&label);
                changes.push(
                    "operation-removed",
                    Breaking,
                    &label,
                    format!("operationId {}", operation_id(o)),
                );
                all.extend(changes.list);
            }
            (None, Some(n)) => {
                let label = format!("{method} {}", n.template);
                let mut changes = Changes::new(&label);
                changes.push(
                    "operation-added",
                    Compatible,
                    &label,
                    format!("operationId {}", operation_id(n)),
                );
                all.extend(changes.list);
            }
            (Some(o), Some(n)) => {
                let label = format!("{method} {}", n.template);
                let mut cmp = OpDiff {
                    old,
                    new,
                    label: label.clone(),
                    changes: Changes::new(&label),
                };
                cmp.compare(o, n);
                all.extend(cmp.changes.list);
            }
            (None, None) => {}
        }
    }
    all
}

struct OpDiff<'a> {
    old: &'a Value,
    new: &'a Value,
    label: String,
    changes: Changes,
}

impl OpDiff<'_> {
    fn compare(&mut self, o: &Op<'_>, n: &Op<'_>) {
        let (old_id, new_id) = (operation_id(o), operation_id(n));
        if old_id != new_id {
            self.changes.push(
                "operation-id-renamed",
                Breaking,
                &self.label.clone(),
                format!("{old_id} -> {new_id}"),
            );
        }
        self.parameters(o, n);
        self.request_body(o, n);
        self.responses(o, n);
    }

    fn walker(&mut self, side: Side) -> Walker<'_> {
        Walker::new(self.old, self.new, side, &mut self.changes)
    }

    fn parameters(&mut self, o: &Op<'_>, n: &Op<'_>) {
        // New path parameter names are mapped to the old ones by position: renaming `{id}` is
        // not a removal plus an addition.
        let renames: BTreeMap<String, String> = path_params(n.template)
            .into_iter()
            .zip(path_params(o.template))
            .filter(|(new_name, old_name)| new_name != old_name)
            .collect();
        let old_params = parameters(self.old, o, &BTreeMap::new());
        let new_params = parameters(self.new, n, &renames);
        let keys: BTreeSet<&(String, String)> =
            old_params.keys().chain(new_params.keys()).collect();
        for key in keys {
            let location = format!("{} parameter {}.{}", self.label, key.0, key.1);
            match (old_params.get(key), new_params.get(key)) {
                (Some(_), None) => {
                    self.changes.push(
                        "parameter-removed",
                        Breaking,
                        &location,
                        "clients that send it get an error or are ignored".into(),
                    );
                }
                (None, Some(p)) => {
                    if required(p) {
                        self.changes.push(
                            "parameter-added-required",
                            Breaking,
                            &location,
                            "existing calls do not send it".into(),
                        );
                    } else {
                        self.changes.push(
                            "parameter-added-optional",
                            Compatible,
                            &location,
                            "new optional input".into(),
                        );
                    }
                }
                (Some(op), Some(np)) => {
                    match (required(op), required(np)) {
                        (false, true) => self.changes.push(
                            "parameter-made-required",
                            Breaking,
                            &location,
                            "optional -> required".into(),
                        ),
                        (true, false) => self.changes.push(
                            "parameter-made-optional",
                            Compatible,
                            &location,
                            "required -> optional".into(),
                        ),
                        _ => {}
                    }
                    if let (Some(os), Some(ns)) = (op.get("schema"), np.get("schema")) {
                        self.walker(Side::Parameter).compare_root(os, ns, &location);
                    }
                }
                (None, None) => {}
            }
        }
    }

    fn request_body(&mut self, o: &Op<'_>, n: &Op<'_>) {
        let location = format!("{} request body", self.label);
        let old_body = o
            .node
            .get("requestBody")
            .and_then(|b| follow_refs(self.old, b))
            .map(|(b, _)| b);
        let new_body = n
            .node
            .get("requestBody")
            .and_then(|b| follow_refs(self.new, b))
            .map(|(b, _)| b);
        match (old_body, new_body) {
            (Some(_), None) => self.changes.push(
                "request-body-removed",
                Breaking,
                &location,
                "the operation no longer takes a body".into(),
            ),
            (None, Some(b)) => {
                if required(b) {
                    self.changes.push(
                        "request-body-added-required",
                        Breaking,
                        &location,
                        "existing calls send no body".into(),
                    );
                } else {
                    self.changes.push(
                        "request-body-added-optional",
                        Compatible,
                        &location,
                        "new optional body".into(),
                    );
                }
            }
            (Some(ob), Some(nb)) => {
                match (required(ob), required(nb)) {
                    (false, true) => self.changes.push(
                        "request-body-made-required",
                        Breaking,
                        &location,
                        "optional -> required".into(),
                    ),
                    (true, false) => self.changes.push(
                        "request-body-made-optional",
                        Compatible,
                        &location,
                        "required -> optional".into(),
                    ),
                    _ => {}
                }
                let (old_media, new_media) = (content(ob), content(nb));
                for media in old_media.keys().filter(|m| !new_media.contains_key(*m)) {
                    self.changes.push(
                        "request-media-type-removed",
                        Breaking,
                        &location,
                        format!("{media} is no longer accepted"),
                    );
                }
                for media in new_media.keys().filter(|m| !old_media.contains_key(*m)) {
                    self.changes.push(
                        "request-media-type-added",
                        Compatible,
                        &location,
                        format!("{media} is now accepted"),
                    );
                }
                for (media, old_schema) in &old_media {
                    if let Some(new_schema) = new_media.get(media) {
                        let at = media_location(&location, media);
                        self.walker(Side::Request)
                            .compare_root(old_schema, new_schema, &at);
                    }
                }
            }
            (None, None) => {}
        }
    }

    fn responses(&mut self, o: &Op<'_>, n: &Op<'_>) {
        let old_responses = responses(self.old, o.node);
        let new_responses = responses(self.new, n.node);
        // Statuses whose bodies are the same pair of schemas are compared once, under all their
        // statuses, so a change to the shared Error schema is reported once per operation.
        let mut groups: BTreeMap<GroupKey, Group<'_>> = BTreeMap::new();
        for (status, old_response) in &old_responses {
            let success = status.starts_with('2');
            let location = format!("{} {status}", self.label);
            let Some(new_response) = new_responses.get(status) else {
                if success {
                    self.changes.push(
                        "success-status-removed",
                        Breaking,
                        &location,
                        format!("the operation no longer answers {status}"),
                    );
                } else {
                    self.changes.push("error-status-removed", Compatible, &location, format!("the operation no longer answers {status}; handling for it becomes dead code"));
                }
                continue;
            };
            let (old_media, new_media) = (content(old_response), content(new_response));
            for media in old_media.keys().filter(|m| !new_media.contains_key(*m)) {
                self.changes.push(
                    "response-media-type-removed",
                    Breaking,
                    &location,
                    format!("{media} is no longer returned"),
                );
            }
            for media in new_media.keys().filter(|m| !old_media.contains_key(*m)) {
                self.changes.push(
                    "response-media-type-added",
                    Compatible,
                    &location,
                    format!("{media} may now be returned"),
                );
            }
            for (media, old_schema) in &old_media {
                if let Some(new_schema) = new_media.get(media) {
                    let key = (
                        media.clone(),
                        schema_identity(self.old, old_schema),
                        schema_identity(self.new, new_schema),
                    );
                    groups
                        .entry(key)
                        .or_insert_with(|| (Vec::new(), old_schema, new_schema))
                        .0
                        .push(status.clone());
                }
            }
            if success {
                continue;
            }
            let (old_codes, new_codes) = (
                error_codes(self.old, old_response),
                error_codes(self.new, new_response),
            );
            for code in old_codes.difference(&new_codes) {
                self.changes.push(
                    "error-code-removed",
                    Compatible,
                    &location,
                    format!("{code} is no longer documented"),
                );
            }
            for code in new_codes.difference(&old_codes) {
                self.changes.push(
                    "error-code-added",
                    Compatible,
                    &location,
                    format!("{code} (the SDK's error code type is open)"),
                );
            }
        }
        for status in new_responses
            .keys()
            .filter(|s| !old_responses.contains_key(*s))
        {
            let location = format!("{} {status}", self.label);
            if status.starts_with('2') {
                self.changes.push(
                    "success-status-added",
                    Compatible,
                    &location,
                    format!("the operation may now answer {status}"),
                );
            } else {
                self.changes.push(
                    "error-status-added",
                    Compatible,
                    &location,
                    format!("the operation may now answer {status} (errors are open in the SDK)"),
                );
            }
        }
        for ((media, _, _), (statuses, old_schema, new_schema)) in groups {
            let at = media_location(&format!("{} {}", self.label, statuses.join("/")), &media);
            self.walker(Side::Response)
                .compare_root(old_schema, new_schema, &at);
        }
    }
}

/// Media type, old schema identity, new schema identity.
type GroupKey = (String, String, String);

/// Statuses sharing one pair of schemas, and the pair.
type Group<'a> = (Vec<String>, &'a Value, &'a Value);

/// Adds the media type to a location unless it is plain JSON.
fn media_location(base: &str, media: &str) -> String {
    if media == "application/json" {
        base.to_string()
    } else {
        format!("{base} ({media})")
    }
}

fn required(node: &Value) -> bool {
    node.get("required").and_then(Value::as_bool) == Some(true)
}

/// Parameters of an operation (path-level overridden by operation-level), resolved, keyed by
/// `(in, name)` with path parameters renamed through `renames`.
fn parameters<'a>(
    raw: &'a Value,
    op: &Op<'a>,
    renames: &BTreeMap<String, String>,
) -> BTreeMap<(String, String), &'a Value> {
    let mut out = BTreeMap::new();
    for holder in [op.item, op.node] {
        for parameter in holder
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some((p, _)) = follow_refs(raw, parameter) else {
                continue;
            };
            let location = p
                .get("in")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string();
            let mut name = p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string();
            if let Some(old_name) = renames.get(&name).filter(|_| location == "path") {
                name = old_name.clone();
            }
            out.insert((location, name), p);
        }
    }
    out
}

/// Responses of an operation, resolved, keyed by status.
fn responses<'a>(raw: &'a Value, op: &'a Value) -> BTreeMap<String, &'a Value> {
    op.get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(status, r)| {
            follow_refs(raw, r).map(|(r, _)| (status.to_ascii_uppercase(), r))
        })
        .collect()
}

/// Media type (normalized) -> schema of a request body or response.
fn content(object: &Value) -> BTreeMap<String, &Value> {
    static EMPTY: Value = Value::Null;
    object
        .get("content")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(media, entry)| {
            (
                bare_media_type(media),
                entry.get("schema").unwrap_or(&EMPTY),
            )
        })
        .collect()
}

/// A schema's `$ref` target, or its JSON when inline.
fn schema_identity(raw: &Value, schema: &Value) -> String {
    match follow_refs(raw, schema) {
        Some((_, Some(target))) => target,
        _ => schema.to_string(),
    }
}

/// The error codes a response documents: `x-error-codes`, plus the `error` field of its JSON
/// examples (inline or `$ref`s to `components/examples`).
fn error_codes(raw: &Value, response: &Value) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for code in response
        .get("x-error-codes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(code) = code.as_str() {
            codes.insert(code.to_string());
        }
    }
    for entry in response
        .get("content")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(_, e)| e)
    {
        let mut values = Vec::new();
        if let Some(example) = entry.get("example") {
            values.push(example);
        }
        for example in entry
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(_, e)| e)
        {
            if let Some(value) = follow_refs(raw, example).and_then(|(e, _)| e.get("value")) {
                values.push(value);
            }
        }
        for value in values {
            if let Some(code) = value.get("error").and_then(Value::as_str) {
                codes.insert(code.to_string());
            }
        }
    }
    codes
}
