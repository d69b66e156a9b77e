//! Operation-level comparison: operations, their security, parameters (and how they are
//! serialized), request bodies, responses, response headers, media types and error codes; and
//! the same for a webhook's payload and headers, which a receiver reads as a client reads a
//! response.

use std::collections::{BTreeMap, BTreeSet};

use gu1_kyc_spec::{Operation, Spec, bare_media_type, follow_refs};
use serde_json::Value;

use super::ChangeKind::{self, *};
use super::schemas::{Side, Walker};
use super::shape::{type_name, view};
use super::{Change, Changes, Nodes, Places, security};

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
                let mut cmp = OpDiff::new(&old.raw, &new.raw, &label, places);
                cmp.compare(o, n);
                all.extend(cmp.changes.list);
            }
            (None, None) => {}
        }
    }
    all
}

/// Compares one operation (or webhook) of the old document with the same one of the new.
pub(super) struct OpDiff<'a> {
    old: &'a Value,
    new: &'a Value,
    label: String,
    /// What was found.
    pub(super) changes: Changes<'a>,
}

/// The kinds and words of a body's media types added or removed.
struct MediaKinds {
    removed: ChangeKind,
    added: ChangeKind,
    removed_text: &'static str,
    added_text: &'static str,
}

const REQUEST_MEDIA: MediaKinds = MediaKinds {
    removed: RequestMediaTypeRemoved,
    added: RequestMediaTypeAdded,
    removed_text: "is no longer accepted",
    added_text: "is now accepted",
};

const RESPONSE_MEDIA: MediaKinds = MediaKinds {
    removed: ResponseMediaTypeRemoved,
    added: ResponseMediaTypeAdded,
    removed_text: "is no longer returned",
    added_text: "may now be returned",
};

const WEBHOOK_MEDIA: MediaKinds = MediaKinds {
    removed: WebhookMediaTypeRemoved,
    added: WebhookMediaTypeAdded,
    removed_text: "is no longer sent",
    added_text: "may now be sent; receivers may not parse it",
};

impl<'a> OpDiff<'a> {
    /// A comparison of the operation (or webhook) `label` of two documents.
    pub(super) fn new(old: &'a Value, new: &'a Value, label: &str, places: &'a Places) -> Self {
        OpDiff {
            old,
            new,
            label: label.to_string(),
            changes: Changes::new(label, places),
        }
    }

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
        security::diff(
            &mut self.changes,
            &self.label,
            (self.old, self.new),
            (o.node(), n.node()),
        );
        self.parameters(o, n);
        self.request_body(o, n);
        self.responses(o, n);
    }

    /// Compares a webhook's payload and headers, for receivers: the payload as a response body,
    /// its headers as response headers, and a new media type as one receivers may not parse.
    pub(super) fn webhook(&mut self, old: Hook<'_>, new: Hook<'_>) {
        let location = format!("{} request body", self.label);
        let (old_body, new_body) = (
            old.operation
                .get("requestBody")
                .and_then(|b| follow_refs(self.old, b)),
            new.operation
                .get("requestBody")
                .and_then(|b| follow_refs(self.new, b)),
        );
        let (old_body, new_body) = (
            old_body.map_or(old.operation, |(b, _)| b),
            new_body.map_or(new.operation, |(b, _)| b),
        );
        let (old_media, new_media) = (content(old_body), content(new_body));
        let nodes = (Some(old_body), Some(new_body));
        self.media_types(&WEBHOOK_MEDIA, &location, (&old_media, &new_media), nodes);
        for (media, old_schema) in &old_media {
            if let Some(new_schema) = new_media.get(media) {
                let at = media_location(&location, media);
                self.walker(Side::Webhook)
                    .compare_root(old_schema, new_schema, &at);
            }
        }
        let (old_headers, new_headers) = (
            header_parameters(self.old, old),
            header_parameters(self.new, new),
        );
        let label = self.label.clone();
        let holders = (Some(old.operation), Some(new.operation));
        self.headers(
            Side::WebhookHeader,
            &label,
            (old_headers, new_headers),
            holders,
        );
    }

    /// Reports the media types one body has and the other has not.
    fn media_types(
        &mut self,
        kinds: &MediaKinds,
        location: &str,
        (old_media, new_media): (&BTreeMap<String, &Value>, &BTreeMap<String, &Value>),
        nodes: Nodes,
    ) {
        for media in old_media.keys().filter(|m| !new_media.contains_key(*m)) {
            let detail = format!("{media} {}", kinds.removed_text);
            self.changes.push(kinds.removed, location, detail, nodes);
        }
        for media in new_media.keys().filter(|m| !old_media.contains_key(*m)) {
            let detail = format!("{media} {}", kinds.added_text);
            self.changes.push(kinds.added, location, detail, nodes);
        }
    }

    /// Compares headers a client (or a webhook's receiver) reads: removed, added, made optional
    /// or required, and their schemas. `holders` are the objects that hold them, for the places
    /// of added and removed headers.
    fn headers(
        &mut self,
        side: Side,
        base: &str,
        (old, new): (Headers<'_>, Headers<'_>),
        (old_holder, new_holder): Nodes,
    ) {
        let reader = side.reader();
        let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for key in keys {
            let (old_header, new_header) = (old.get(key), new.get(key));
            let Some((name, _)) = new_header.or(old_header) else {
                continue;
            };
            let location = format!("{base} header {name}");
            match (old_header, new_header) {
                (Some((_, header)), None) => self.changes.push(
                    ResponseHeaderRemoved,
                    &location,
                    format!("{reader} that read it lose it"),
                    (Some(*header), new_holder),
                ),
                (None, Some((_, header))) => self.changes.push(
                    ResponseHeaderAdded,
                    &location,
                    "new header".into(),
                    (old_holder, Some(*header)),
                ),
                (Some((_, old_header)), Some((_, new_header))) => {
                    let nodes = (Some(*old_header), Some(*new_header));
                    match (required(old_header), required(new_header)) {
                        (true, false) => self.changes.push(
                            ResponseHeaderMadeOptional,
                            &location,
                            format!("may now be absent; {reader} that rely on it fail"),
                            nodes,
                        ),
                        (false, true) => self.changes.push(
                            ResponseHeaderMadeRequired,
                            &location,
                            "now always present".into(),
                            nodes,
                        ),
                        _ => {}
                    }
                    if let (Some(os), Some(ns)) =
                        (header_schema(old_header), header_schema(new_header))
                    {
                        self.walker(side).compare_root(os, ns, &location);
                    }
                }
                (None, None) => {}
            }
        }
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
                        self.serialization((op, np), (os, ns), &location);
                        self.walker(Side::Parameter).compare_root(os, ns, &location);
                    }
                }
                (None, None) => {}
            }
        }
    }

    /// Reports a parameter whose `style` (or, for arrays and objects, `explode`) changed, the
    /// defaults of its location included: clients built from the old spec put it on the wire
    /// the old way.
    fn serialization(
        &mut self,
        (old, new): (&Value, &Value),
        (old_schema, new_schema): (&Value, &Value),
        location: &str,
    ) {
        let (old_style, old_explode) = serialization(old);
        let (new_style, new_explode) = serialization(new);
        let scalar = scalar(self.old, old_schema) && scalar(self.new, new_schema);
        let change = if old_style != new_style {
            format!("style {old_style} -> {new_style}")
        } else if old_explode != new_explode && !scalar {
            format!("explode {old_explode} -> {new_explode}")
        } else {
            return;
        };
        let name = new.get("name").and_then(Value::as_str).unwrap_or("?");
        let array = type_name(self.new, view(self.new, new_schema).schema) == "array";
        let examples = (
            wire_example(name, old_style, old_explode),
            wire_example(name, new_style, new_explode),
        );
        let detail = match examples {
            (Some(was), Some(is)) if array => format!(
                "{change}: clients built from the old spec send `{was}`, the server now reads `{is}`"
            ),
            _ => format!(
                "{change}: clients built from the old spec serialize it the old way, which the server misreads"
            ),
        };
        self.changes.push(
            ParameterSerializationChanged,
            location,
            detail,
            (Some(old), Some(new)),
        );
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
                self.media_types(&REQUEST_MEDIA, &location, (&old_media, &new_media), nodes);
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
            self.media_types(&RESPONSE_MEDIA, &location, (&old_media, &new_media), nodes);
            let holders = (
                old_response.get("headers").or(Some(*old_response)),
                new_response.get("headers").or(Some(*new_response)),
            );
            let headers = (
                response_headers(self.old, old_response),
                response_headers(self.new, new_response),
            );
            self.headers(Side::ResponseHeader, &location, headers, holders);
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

/// A webhook's operation and the path item holding it (with the path-level parameters).
#[derive(Clone, Copy)]
pub(super) struct Hook<'v> {
    /// The path item.
    pub(super) item: &'v Value,
    /// The operation.
    pub(super) operation: &'v Value,
}

/// Headers by lower-cased name (HTTP header names are case-insensitive): the name as written and
/// the header object (or header parameter), resolved.
type Headers<'v> = BTreeMap<String, (&'v str, &'v Value)>;

/// The headers of a response, `Content-Type` aside (OpenAPI ignores it there).
fn response_headers<'v>(raw: &'v Value, response: &'v Value) -> Headers<'v> {
    response
        .get("headers")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
        .filter_map(|(name, header)| {
            let (header, _) = follow_refs(raw, header)?;
            Some((name.to_ascii_lowercase(), (name.as_str(), header)))
        })
        .collect()
}

/// The header parameters of a webhook: the path item's, then the operation's, which replace
/// path-level ones of the same name.
fn header_parameters<'v>(raw: &'v Value, hook: Hook<'v>) -> Headers<'v> {
    [hook.item, hook.operation]
        .into_iter()
        .filter_map(|holder| holder.get("parameters").and_then(Value::as_array))
        .flatten()
        .filter_map(|p| follow_refs(raw, p).map(|(p, _)| p))
        .filter(|p| p.get("in").and_then(Value::as_str) == Some("header"))
        .filter_map(|p| {
            let name = p.get("name").and_then(Value::as_str)?;
            Some((name.to_ascii_lowercase(), (name, p)))
        })
        .collect()
}

/// The schema of a header (or header parameter): its `schema`, or the one of its `content`.
fn header_schema(header: &Value) -> Option<&Value> {
    header.get("schema").or_else(|| {
        header
            .get("content")
            .and_then(Value::as_object)
            .and_then(|content| content.values().next())
            .and_then(|media| media.get("schema"))
    })
}

/// The `style` and `explode` a parameter is serialized with, defaults included: `form` for
/// query and cookie parameters, `simple` for path and header ones; `explode` only for `form`.
fn serialization(parameter: &Value) -> (&str, bool) {
    let style = parameter
        .get("style")
        .and_then(Value::as_str)
        .unwrap_or_else(|| match parameter.get("in").and_then(Value::as_str) {
            Some("query" | "cookie") => "form",
            _ => "simple",
        });
    let explode = parameter
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style == "form");
    (style, explode)
}

/// Whether every value of the schema is a single value, for which `explode` changes nothing on
/// the wire.
fn scalar(raw: &Value, schema: &Value) -> bool {
    let schema = view(raw, schema).schema;
    ["oneOf", "anyOf", "allOf"]
        .iter()
        .all(|k| schema.get(*k).is_none())
        && matches!(
            schema.get("type").and_then(Value::as_str),
            Some("string" | "number" | "integer" | "boolean")
        )
}

/// How an array `[a, b]` parameter named `name` goes on the wire with this style.
fn wire_example(name: &str, style: &str, explode: bool) -> Option<String> {
    Some(match (style, explode) {
        ("form", true) => format!("{name}=a&{name}=b"),
        ("form", false) => format!("{name}=a,b"),
        ("spaceDelimited", _) => format!("{name}=a%20b"),
        ("pipeDelimited", _) => format!("{name}=a|b"),
        ("simple", _) => "a,b".to_string(),
        ("label", false) => ".a,b".to_string(),
        ("label", true) => ".a.b".to_string(),
        ("matrix", false) => format!(";{name}=a,b"),
        ("matrix", true) => format!(";{name}=a;{name}=b"),
        _ => return None,
    })
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
