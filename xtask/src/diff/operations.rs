//! Operation-level comparison: operations, parameters, request bodies, responses, media types and
//! error codes.

use std::collections::{BTreeMap, BTreeSet};

use gu1_kyc_spec::{Operation, Spec, bare_media_type, follow_refs};
use serde_json::Value;

use super::ChangeKind::*;
use super::schemas::{Side, Walker};
use super::{Change, Changes, Places};

/// Operations keyed by (path template with parameter names erased, method).
fn operations(spec: &Spec) -> BTreeMap<(String, &'static str), Operation<'_>> {
    spec.operations()
        .map(|op| ((erase_params(op.path()), op.method()), op))
        .collect()
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

fn operation_id(op: &Operation<'_>) -> String {
    op.operation_id().unwrap_or("").to_string()
}

pub(crate) fn diff(old: &Spec, new: &Spec, places: &Places) -> Vec<Change> {
    let old_ops = operations(old);
    let new_ops = operations(new);
    let keys: BTreeSet<_> = old_ops.keys().chain(new_ops.keys()).cloned().collect();
    let mut all = Vec::new();
    for key in keys {
        let method = key.1.to_ascii_uppercase();
        match (old_ops.get(&key), new_ops.get(&key)) {
            (Some(o), None) => {
                let label = format!("{method} {}", o.path());
                let mut changes = Changes::new(&label, places);
                changes.push(
                    OperationRemoved,
                    &label,
                    format!("operationId {}", operation_id(o)),
                    (Some(o.node()), new.raw.get("paths")),
                );
                all.extend(changes.list);
            }
            (None, Some(n)) => {
                let label = format!("{method} {}", n.path());
                let mut changes = Changes::new(&label, places);
                changes.push(
                    OperationAdded,
                    &label,
                    format!("operationId {}", operation_id(n)),
                    (old.raw.get("paths"), Some(n.node())),
                );
                all.extend(changes.list);
            }
            (Some(o), Some(n)) => {
                let label = format!("{method} {}", n.path());
                let mut cmp = OpDiff {
                    old: &old.raw,
                    new: &new.raw,
                    label: label.clone(),
                    changes: Changes::new(&label, places),
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
    changes: Changes<'a>,
}

impl<'a> OpDiff<'a> {
    fn compare(&mut self, o: &Operation<'_>, n: &Operation<'_>) {
        let (old_id, new_id) = (operation_id(o), operation_id(n));
        if old_id != new_id {
            self.changes.push(
                OperationIdRenamed,
                &self.label.clone(),
                format!("{old_id} -> {new_id}"),
                (Some(o.node()), Some(n.node())),
            );
        }
        self.parameters(o, n);
        self.request_body(o, n);
        self.responses(o, n);
    }

    fn walker(&mut self, side: Side) -> Walker<'_, 'a> {
        Walker::new(self.old, self.new, side, &mut self.changes)
    }

    fn parameters(&mut self, o: &Operation<'_>, n: &Operation<'_>) {
        // New path parameter names are mapped to the old ones by position: renaming `{id}` is
        // not a removal plus an addition.
        let renames: BTreeMap<String, String> = path_params(n.path())
            .into_iter()
            .zip(path_params(o.path()))
            .filter(|(new_name, old_name)| new_name != old_name)
            .collect();
        let old_params = parameters(o, &BTreeMap::new());
        let new_params = parameters(n, &renames);
        let keys: BTreeSet<&(String, String)> =
            old_params.keys().chain(new_params.keys()).collect();
        for key in keys {
            let location = format!("{} parameter {}.{}", self.label, key.0, key.1);
            match (old_params.get(key), new_params.get(key)) {
                (Some(p), None) => {
                    self.changes.push(
                        ParameterRemoved,
                        &location,
                        "clients that send it get an error or are ignored".into(),
                        (Some(*p), Some(n.node())),
                    );
                }
                (None, Some(p)) => {
                    if required(p) {
                        self.changes.push(
                            ParameterAddedRequired,
                            &location,
                            "existing calls do not send it".into(),
                            (Some(o.node()), Some(*p)),
                        );
                    } else {
                        self.changes.push(
                            ParameterAddedOptional,
                            &location,
                            "new optional input".into(),
                            (Some(o.node()), Some(*p)),
                        );
                    }
                }
                (Some(op), Some(np)) => {
                    let nodes = (Some(*op), Some(*np));
                    match (required(op), required(np)) {
                        (false, true) => self.changes.push(
                            ParameterMadeRequired,
                            &location,
                            "optional -> required".into(),
                            nodes,
                        ),
                        (true, false) => self.changes.push(
                            ParameterMadeOptional,
                            &location,
                            "required -> optional".into(),
                            nodes,
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

    fn request_body(&mut self, o: &Operation<'_>, n: &Operation<'_>) {
        let location = format!("{} request body", self.label);
        match (o.request_body(), n.request_body()) {
            (Some(b), None) => self.changes.push(
                RequestBodyRemoved,
                &location,
                "the operation no longer takes a body".into(),
                (Some(b), Some(n.node())),
            ),
            (None, Some(b)) => {
                if required(b) {
                    self.changes.push(
                        RequestBodyAddedRequired,
                        &location,
                        "existing calls send no body".into(),
                        (Some(o.node()), Some(b)),
                    );
                } else {
                    self.changes.push(
                        RequestBodyAddedOptional,
                        &location,
                        "new optional body".into(),
                        (Some(o.node()), Some(b)),
                    );
                }
            }
            (Some(ob), Some(nb)) => {
                let nodes = (Some(ob), Some(nb));
                match (required(ob), required(nb)) {
                    (false, true) => self.changes.push(
                        RequestBodyMadeRequired,
                        &location,
                        "optional -> required".into(),
                        nodes,
                    ),
                    (true, false) => self.changes.push(
                        RequestBodyMadeOptional,
                        &location,
                        "required -> optional".into(),
                        nodes,
                    ),
                    _ => {}
                }
                let (old_media, new_media) = (content(ob), content(nb));
                for media in old_media.keys().filter(|m| !new_media.contains_key(*m)) {
                    self.changes.push(
                        RequestMediaTypeRemoved,
                        &location,
                        format!("{media} is no longer accepted"),
                        nodes,
                    );
                }
                for media in new_media.keys().filter(|m| !old_media.contains_key(*m)) {
                    self.changes.push(
                        RequestMediaTypeAdded,
                        &location,
                        format!("{media} is now accepted"),
                        nodes,
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

    fn responses(&mut self, o: &Operation<'_>, n: &Operation<'_>) {
        let old_responses = responses(o);
        let new_responses = responses(n);
        // Statuses whose bodies are the same pair of schemas are compared once, under all their
        // statuses, so a change to the shared Error schema is reported once per operation.
        let mut groups: BTreeMap<GroupKey, Group<'_>> = BTreeMap::new();
        for (status, old_response) in &old_responses {
            let success = status.starts_with('2');
            let location = format!("{} {status}", self.label);
            let Some(new_response) = new_responses.get(status) else {
                let nodes = (Some(*old_response), n.node().get("responses"));
                if success {
                    self.changes.push(
                        SuccessStatusRemoved,
                        &location,
                        format!("the operation no longer answers {status}"),
                        nodes,
                    );
                } else {
                    self.changes.push(ErrorStatusRemoved, &location, format!("the operation no longer answers {status}; handling for it becomes dead code"), nodes);
                }
                continue;
            };
            let nodes = (Some(*old_response), Some(*new_response));
            let (old_media, new_media) = (content(old_response), content(new_response));
            for media in old_media.keys().filter(|m| !new_media.contains_key(*m)) {
                self.changes.push(
                    ResponseMediaTypeRemoved,
                    &location,
                    format!("{media} is no longer returned"),
                    nodes,
                );
            }
            for media in new_media.keys().filter(|m| !old_media.contains_key(*m)) {
                self.changes.push(
                    ResponseMediaTypeAdded,
                    &location,
                    format!("{media} may now be returned"),
                    nodes,
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
                    ErrorCodeRemoved,
                    &location,
                    format!("{code} is no longer documented"),
                    nodes,
                );
            }
            for code in new_codes.difference(&old_codes) {
                self.changes.push(
                    ErrorCodeAdded,
                    &location,
                    format!("{code} (the SDK's error code type is open)"),
                    nodes,
                );
            }
        }
        for (status, new_response) in new_responses
            .iter()
            .filter(|(s, _)| !old_responses.contains_key(*s))
        {
            let location = format!("{} {status}", self.label);
            let nodes = (o.node().get("responses"), Some(*new_response));
            if status.starts_with('2') {
                self.changes.push(
                    SuccessStatusAdded,
                    &location,
                    format!("the operation may now answer {status}"),
                    nodes,
                );
            } else {
                self.changes.push(
                    ErrorStatusAdded,
                    &location,
                    format!("the operation may now answer {status} (errors are open in the SDK)"),
                    nodes,
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

/// The parameters of an operation (path-level merged by the spec's walker), keyed by
/// `(in, name)` with path parameters renamed through `renames`.
fn parameters<'a>(
    op: &Operation<'a>,
    renames: &BTreeMap<String, String>,
) -> BTreeMap<(String, String), &'a Value> {
    let mut out = BTreeMap::new();
    for p in op.parameters() {
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
    out
}

/// Responses of an operation, resolved, keyed by status.
fn responses<'a>(op: &Operation<'a>) -> BTreeMap<String, &'a Value> {
    op.responses()
        .into_iter()
        .filter_map(|r| {
            r.resolved()
                .map(|resolved| (r.status.to_ascii_uppercase(), resolved))
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
