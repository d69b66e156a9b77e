//! Writes `Operation`, one variant per operation of the spec, with everything the hand-written
//! layer needs to know about it: its `operationId`, the name progenitor gives its builder, its
//! method and path template, whether its success body is a file (streamed, never buffered),
//! whether repeating it is safe, and whether its body is multipart (hand-written upload).
//!
//! The spec is the only source: a new operation, a new image response or an `x-retry-safe` mark
//! changes the SDK's behaviour with no edit to `src/`.

use std::fmt::Write as _;

use gu1_kyc_spec::{Operation, Spec};

/// One operation, read from the spec.
struct Entry {
    id: String,
    method: String,
    path: String,
    streamed: bool,
    retry_safe: bool,
    multipart: bool,
}

/// The Rust source of `Operation`, included by `src/operation.rs`.
pub fn generate(spec: &Spec) -> String {
    let entries = read(spec);
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

fn read(spec: &Spec) -> Vec<Entry> {
    spec.operations()
        .map(|op| Entry {
            id: op
                .operation_id()
                .unwrap_or_else(|| {
                    panic!("{} has no operationId: run `cargo xtask lint`", op.label())
                })
                .to_owned(),
            method: op.http_method(),
            path: op.path().to_owned(),
            streamed: streams_success(&op),
            retry_safe: op.is_retry_safe(),
            multipart: multipart_only(&op),
        })
        .collect()
}

/// Whether some 2xx answer carries a media type other than JSON (an image, a video, a file).
fn streams_success(op: &Operation<'_>) -> bool {
    op.responses()
        .iter()
        .filter(|response| response.status.starts_with('2'))
        .flat_map(|response| {
            if response.resolved().is_none() {
                panic!(
                    "{}: the {} response's $ref does not resolve: run `cargo xtask lint`",
                    op.label(),
                    response.status
                );
            }
            response.media_types()
        })
        .any(|media| !media.contains("json"))
}

/// Whether the request body is `multipart/form-data` only (built by hand, not by progenitor).
pub fn multipart_only(op: &Operation<'_>) -> bool {
    op.request_body()
        .and_then(|body| body.get("content"))
        .and_then(|content| content.as_object())
        .is_some_and(|content| content.keys().all(|media| media == "multipart/form-data"))
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
