//! Walking the operations of a document.
//!
//! Everything here reads [`Spec::raw`], not the `openapiv3` form, so that the lint can walk a
//! document that does not parse as OpenAPI and still say what is wrong with each operation.

use serde_json::Value;

use crate::Spec;
use crate::pointer::{escape_pointer_token, follow_refs};

/// The HTTP methods an OpenAPI path item can hold, in the order operations are walked.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of a document: a method on a path template.
#[derive(Debug, Clone, Copy)]
pub struct Operation<'a> {
    spec: &'a Spec,
    method: &'static str,
    path: &'a str,
    item: &'a Value,
    node: &'a Value,
}

/// A parameter as the document declares it, before `$ref`s are followed.
#[derive(Debug, Clone)]
pub struct DeclaredParameter<'a> {
    /// `#/paths/<template>/parameters/<i>` (path level) or `#/paths/<template>/<method>/parameters/<i>`.
    pub pointer: String,
    /// The parameter object, or the `$ref` standing for one.
    pub node: &'a Value,
}

/// One response of an operation, as the document declares it.
#[derive(Debug, Clone)]
pub struct Response<'a> {
    raw: &'a Value,
    /// The status key as written: `200`, `4XX` or `default`.
    pub status: &'a str,
    /// The response object, or the `$ref` standing for one.
    pub node: &'a Value,
    /// `#/paths/<template>/<method>/responses/<status>`.
    pub pointer: String,
}

impl<'a> Response<'a> {
    /// The response object after following `$ref`s, or `None` when a reference is broken.
    pub fn resolved(&self) -> Option<&'a Value> {
        follow_refs(self.raw, self.node).map(|(response, _)| response)
    }

    /// The media types of its body, as written (empty for a body-less or unresolvable response).
    pub fn media_types(&self) -> Vec<&'a str> {
        media_types(self.resolved())
    }
}

fn media_types(object: Option<&Value>) -> Vec<&str> {
    object
        .and_then(|o| o.get("content"))
        .and_then(Value::as_object)
        .map(|content| content.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// `(in, name)` of a resolved parameter, `?` standing for what is missing.
fn parameter_key(parameter: &Value) -> (&str, &str) {
    let field = |key| parameter.get(key).and_then(Value::as_str).unwrap_or("?");
    (field("in"), field("name"))
}

impl<'a> Operation<'a> {
    /// The method as the document writes it (lower case): `get`, `post`, ...
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// The method as HTTP writes it: `GET`, `POST`, ...
    pub fn http_method(&self) -> String {
        self.method.to_ascii_uppercase()
    }

    /// The path template, e.g. `/api/kyc/validations/{id}`.
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The `operationId`, if the operation has one.
    pub fn operation_id(&self) -> Option<&'a str> {
        self.node.get("operationId").and_then(Value::as_str)
    }

    /// The operation object.
    pub fn node(&self) -> &'a Value {
        self.node
    }

    /// The path item holding the operation (with the path-level parameters).
    pub fn path_item(&self) -> &'a Value {
        self.item
    }

    /// The same operation as `openapiv3` parsed it, when the document parses.
    pub fn typed(&self) -> Option<&'a openapiv3::Operation> {
        let openapi = self.spec.typed.as_ref().ok()?;
        let item = openapi.paths.paths.get(self.path)?.as_item()?;
        item.iter()
            .find(|(method, _)| *method == self.method)
            .map(|(_, operation)| operation)
    }

    /// `#/paths/<template>/<method>`.
    pub fn pointer(&self) -> String {
        crate::bodies::operation_pointer(self.method, self.path)
    }

    /// `GET /path (operationId)`, for messages.
    pub fn label(&self) -> String {
        format!(
            "{} {} ({})",
            self.http_method(),
            self.path,
            self.operation_id().unwrap_or("no operationId")
        )
    }

    /// The value of a specification extension on the operation (`x-retry-safe`, ...).
    pub fn extension(&self, name: &str) -> Option<&'a Value> {
        self.node.get(name)
    }

    /// Whether repeating the call is harmless: GET and HEAD are by method, any other operation
    /// only when it says `x-retry-safe: true`.
    pub fn is_retry_safe(&self) -> bool {
        matches!(self.method, "get" | "head")
            || self.extension("x-retry-safe").and_then(Value::as_bool) == Some(true)
    }

    /// Every parameter the document declares for the operation, path-level first, as written
    /// (including path-level ones that the operation overrides), with their pointers.
    pub fn declared_parameters(&self) -> Vec<DeclaredParameter<'a>> {
        let operation_pointer = self.pointer();
        let item_pointer = format!("#/paths/{}", escape_pointer_token(self.path));
        let mut out = Vec::new();
        for (base, holder) in [(item_pointer, self.item), (operation_pointer, self.node)] {
            for (i, node) in holder
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                out.push(DeclaredParameter {
                    pointer: format!("{base}/parameters/{i}"),
                    node,
                });
            }
        }
        out
    }

    /// The parameters the operation takes, resolved: path-level ones merged with the
    /// operation's, an operation-level parameter replacing the path-level one with the same
    /// `in` and `name` (as OpenAPI says). Parameters whose `$ref` is broken are left out.
    pub fn parameters(&self) -> Vec<&'a Value> {
        let raw = &self.spec.raw;
        let mut out: Vec<&'a Value> = Vec::new();
        for declared in self.declared_parameters() {
            let Some((parameter, _)) = follow_refs(raw, declared.node) else {
                continue;
            };
            let key = parameter_key(parameter);
            match out.iter().position(|p| parameter_key(p) == key) {
                Some(i) => out[i] = parameter,
                None => out.push(parameter),
            }
        }
        out
    }

    /// The request body after following `$ref`s; `None` when there is none or its `$ref` is broken.
    pub fn request_body(&self) -> Option<&'a Value> {
        let body = self.node.get("requestBody")?;
        follow_refs(&self.spec.raw, body).map(|(body, _)| body)
    }

    /// The media types the request body accepts, as written.
    pub fn request_media_types(&self) -> Vec<&'a str> {
        media_types(self.request_body())
    }

    /// The responses, as written, in document order.
    pub fn responses(&self) -> Vec<Response<'a>> {
        let base = self.pointer();
        self.node
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(status, node)| Response {
                raw: &self.spec.raw,
                status,
                node,
                pointer: format!("{base}/responses/{}", escape_pointer_token(status)),
            })
            .collect()
    }

    /// The media types of the response for `status` (as written: `200`, `4XX`, `default`).
    pub fn response_media_types(&self, status: &str) -> Vec<&'a str> {
        self.responses()
            .into_iter()
            .find(|response| response.status == status)
            .map(|response| response.media_types())
            .unwrap_or_default()
    }
}

impl Spec {
    /// Every operation of the document, path by path, methods in [`METHODS`] order.
    pub fn operations(&self) -> impl Iterator<Item = Operation<'_>> {
        self.raw
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .flat_map(move |(path, item)| {
                METHODS.iter().filter_map(move |method| {
                    item.get(*method).map(|node| Operation {
                        spec: self,
                        method,
                        path,
                        item,
                        node,
                    })
                })
            })
    }

    /// The operation for `method` (any case) on the path template `path`.
    pub fn operation(&self, method: &str, path: &str) -> Option<Operation<'_>> {
        let method = method.to_ascii_lowercase();
        self.operations()
            .find(|op| op.method == method && op.path == path)
    }

    /// The operation with this `operationId`.
    pub fn operation_by_id(&self, operation_id: &str) -> Option<Operation<'_>> {
        self.operations()
            .find(|op| op.operation_id() == Some(operation_id))
    }
}

/// Maps a concrete request path (`/api/kyc/validations/123?x=1`) to the spec's path template
/// (`/api/kyc/validations/{id}`) and the operation's `operationId` (empty if it has none), for
/// `method`. When several templates match, the one with the most literal segments wins, so
/// `/entities/by-tax-id/{taxId}` beats `/entities/{id}/{rest}`.
pub fn match_path(spec: &Spec, method: &str, concrete_path: &str) -> Option<(String, String)> {
    let method = method.to_ascii_lowercase();
    let path = concrete_path.split(['?', '#']).next().unwrap_or("");
    let wanted: Vec<&str> = path.split('/').collect();
    let mut best: Option<(usize, Operation<'_>)> = None;
    for operation in spec.operations().filter(|op| op.method == method) {
        let segments: Vec<&str> = operation.path.split('/').collect();
        if segments.len() != wanted.len() {
            continue;
        }
        let mut literal = 0;
        let matched = segments.iter().zip(&wanted).all(|(pattern, actual)| {
            if segment_matches(pattern, actual) {
                literal += usize::from(!pattern.contains('{'));
                true
            } else {
                false
            }
        });
        if matched && best.as_ref().is_none_or(|(score, _)| literal > *score) {
            best = Some((literal, operation));
        }
    }
    let (_, operation) = best?;
    Some((
        operation.path.to_string(),
        operation.operation_id().unwrap_or("").to_string(),
    ))
}

/// Matches one path segment against a template segment that may hold one `{param}` between a
/// literal prefix and suffix (`{id}`, `{id}.json`, `v{version}`).
fn segment_matches(pattern: &str, actual: &str) -> bool {
    match (pattern.find('{'), pattern.rfind('}')) {
        (Some(open), Some(close)) if open < close => {
            let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
            actual.len() > prefix.len() + suffix.len()
                && actual.starts_with(prefix)
                && actual.ends_with(suffix)
        }
        _ => pattern == actual,
    }
}

#[cfg(test)]
mod tests;
