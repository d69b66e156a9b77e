//! Writes `Operation`, one variant per operation of the spec, with everything the hand-written
//! layer needs to know about it: its `operationId`, the name progenitor gives its builder, its
//! method and path template, whether its success body is a file (streamed, never buffered),
//! whether repeating it is safe, and whether its body is multipart (hand-written upload).
//!
//! The spec is the only source: a new operation, a new image response or an `x-retry-safe` mark
//! changes the SDK's behaviour with no edit to `src/`.

use std::fmt::Write as _;

/// One operation, read from the spec.
struct Entry {
    id: String,
    method: &'static str,
    path: String,
    streamed: bool,
    retry_safe: bool,
    multipart: bool,
}

const METHODS: &[(&str, &str)] = &[
    ("get", "GET"),
    ("head", "HEAD"),
    ("post", "POST"),
    ("put", "PUT"),
    ("patch", "PATCH"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
];

/// The Rust source of `Operation`, included by `src/operation.rs`.
pub fn generate(doc: &serde_json::Value) -> String {
    let entries = read(doc);
    let mut out = String::from(
        "// generated from openapi/gu1-kyc.yaml by build.rs; do not edit\n\n\
         /// One operation of the gu1 KYC API, as `openapi/gu1-kyc.yaml` declares it.\n\
         ///\n\
         /// Errors, tracing spans and attempt observers name the operation with this type.\n\
         ///\n\
         /// ```\n\
         /// use gu1_kyc::Operation;\n\
         /// assert_eq!(Operation::GetValidation.id(), \"getValidation\");\n\
         /// assert_eq!(Operation::GetValidation.path(), \"/api/kyc/validations/{id}\");\n\
         /// assert!(Operation::GetValidation.is_retry_safe());\n\
         /// assert!(!Operation::CreateValidation.is_retry_safe());\n\
         /// ```\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\n\
         #[non_exhaustive]\n\
         pub enum Operation {\n",
    );
    for e in &entries {
        let _ = writeln!(
            out,
            "    /// `{} {}` (`{}`).\n    {},",
            e.method,
            e.path,
            e.id,
            variant(&e.id)
        );
    }
    out.push_str("}\n\nimpl Operation {\n");
    out.push_str("    /// Every operation of the spec, ordered by path, then method.\n");
    out.push_str("    pub const ALL: &'static [Operation] = &[\n");
    for e in &entries {
        let _ = writeln!(out, "        Operation::{},", variant(&e.id));
    }
    out.push_str("    ];\n\n");
    table(&mut out, &entries, "TABLE", |e| {
        format!(
            "Row {{ id: {:?}, generated: {:?}, method: {:?}, path: {:?}, streamed: {}, retry_safe: {}, multipart: {} }}",
            e.id,
            snake(&e.id),
            e.method,
            e.path,
            e.streamed,
            e.retry_safe,
            e.multipart
        )
    });
    out.push_str("}\n\n/// What the spec says of one operation.\nstruct Row {\n    id: &'static str,\n    generated: &'static str,\n    method: &'static str,\n    path: &'static str,\n    streamed: bool,\n    retry_safe: bool,\n    multipart: bool,\n}\n");
    out
}

fn table(out: &mut String, entries: &[Entry], name: &str, row: impl Fn(&Entry) -> String) {
    let _ = writeln!(
        out,
        "    /// One row per variant, in declaration order.\n    const {name}: &'static [Row] = &["
    );
    for e in entries {
        let _ = writeln!(out, "        {},", row(e));
    }
    out.push_str("    ];\n");
}

fn read(doc: &serde_json::Value) -> Vec<Entry> {
    let paths = doc
        .get("paths")
        .and_then(|p| p.as_object())
        .expect("openapi/gu1-kyc.yaml has no paths: run `cargo xtask lint`");
    let mut entries = Vec::new();
    for (path, item) in paths {
        for (key, method) in METHODS {
            let Some(op) = item.get(*key) else { continue };
            let id = op
                .get("operationId")
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| {
                    panic!("{method} {path} has no operationId: run `cargo xtask lint`")
                })
                .to_owned();
            let marked_safe = op.get("x-retry-safe").and_then(|v| v.as_bool()) == Some(true);
            entries.push(Entry {
                method,
                path: path.clone(),
                streamed: streams_success(doc, op),
                retry_safe: matches!(*method, "GET" | "HEAD") || marked_safe,
                multipart: multipart_only(op),
                id,
            });
        }
    }
    entries
}

/// Whether some 2xx answer carries a media type other than JSON (an image, a video, a file).
fn streams_success(doc: &serde_json::Value, op: &serde_json::Value) -> bool {
    let Some(responses) = op.get("responses").and_then(|r| r.as_object()) else {
        return false;
    };
    responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'))
        .map(|(_, response)| resolve(doc, response))
        .filter_map(|response| response.get("content").and_then(|c| c.as_object()))
        .flat_map(|content| content.keys())
        .any(|media| !media.contains("json"))
}

/// Follows a local `$ref` (`#/components/responses/ImageFile`) to what it names.
fn resolve<'a>(doc: &'a serde_json::Value, value: &'a serde_json::Value) -> &'a serde_json::Value {
    match value.get("$ref").and_then(|r| r.as_str()) {
        Some(reference) => reference
            .strip_prefix('#')
            .and_then(|pointer| doc.pointer(pointer))
            .unwrap_or_else(|| panic!("unresolved {reference}: run `cargo xtask lint`")),
        None => value,
    }
}

/// Whether the request body is `multipart/form-data` only (built by hand, not by progenitor).
pub fn multipart_only(op: &serde_json::Value) -> bool {
    op.pointer("/requestBody/content")
        .and_then(|c| c.as_object())
        .is_some_and(|c| c.keys().all(|media| media == "multipart/form-data"))
}

/// `getValidation` -> `GetValidation`.
fn variant(id: &str) -> String {
    let mut chars = id.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// `getIdVerification` -> `get_id_verification`: the name progenitor gives the builder method
/// and reports in `OperationInfo`.
fn snake(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 4);
    for (i, c) in id.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
