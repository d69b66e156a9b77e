//! `cargo xtask diff`: what changed between two versions of the spec, for SDK users, each change
//! classed breaking or compatible. Each [`ChangeKind`] knows its class; the README's rules table
//! is checked against them.
//!
//! Operations are matched by method and path template (path parameter names do not matter);
//! parameters by location and name; responses by status; bodies by media type. Schemas are
//! compared recursively through `$ref`s, with cycle protection.
//!
//! Error codes of a response are, by convention, the strings listed in its `x-error-codes`
//! extension together with the `error` field of its JSON examples.

pub mod cli;
mod kinds;
mod operations;
mod schemas;
mod shape;

use std::fmt;

use gu1_kyc_spec::Spec;
use serde::Serialize;

pub use kinds::{ChangeKind, Class};

/// Whether a change can break code or behaviour that SDK users rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    /// Existing code may stop compiling, fail at run time, or silently behave differently.
    Breaking,
    /// Existing code keeps working.
    Compatible,
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Classification::Breaking => "breaking",
            Classification::Compatible => "compatible",
        })
    }
}

/// One change between two specs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What kind of change, e.g. `response-property-removed` (see `xtask/README.md`).
    pub kind: ChangeKind,
    /// Breaking or compatible: the kind's class, resolved for this change.
    pub classification: Classification,
    /// Where: `POST /api/kyc/validations request body .metadata`,
    /// `GET /api/kyc/validations/{id} 200 .decision.status`.
    pub location: String,
    /// What changed, e.g. `maxLength 500 -> 200`.
    pub detail: String,
    /// The operation (`GET /path`) the change belongs to, for grouping.
    #[serde(skip)]
    pub operation: String,
}

impl Change {
    /// Whether the change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.classification == Classification::Breaking
    }
}

/// Collects changes for one operation.
pub(crate) struct Changes {
    operation: String,
    list: Vec<Change>,
}

impl Changes {
    pub(crate) fn new(operation: &str) -> Self {
        Changes {
            operation: operation.to_string(),
            list: Vec::new(),
        }
    }

    /// Records a change, classed by its kind. A kind whose class depends on an enum being open
    /// is classed as if the enum were closed: use [`Changes::push_for_enum`] for those.
    pub(crate) fn push(&mut self, kind: ChangeKind, location: &str, detail: String) {
        self.push_for_enum(kind, false, location, detail);
    }

    /// Records a change to an enum, which is open or not.
    pub(crate) fn push_for_enum(
        &mut self,
        kind: ChangeKind,
        enum_open: bool,
        location: &str,
        detail: String,
    ) {
        self.list.push(Change {
            kind,
            classification: kind.class().classify(enum_open),
            location: location.to_string(),
            detail,
            operation: self.operation.clone(),
        });
    }
}

/// Every change from `old` to `new`, grouped by operation (in path, then method, order).
pub fn diff_specs(old: &Spec, new: &Spec) -> Vec<Change> {
    operations::diff(old, new)
}

/// The text report: a header with the conventions, then the changes grouped by operation.
pub fn text_report(old_name: &str, new_name: &str, changes: &[Change]) -> String {
    let mut out = format!(
        "spec diff: {old_name} -> {new_name}\n\
         (error codes are read from `x-error-codes` on a response and the `error` field of its JSON examples)\n"
    );
    let mut current: Option<&str> = None;
    for change in changes {
        if current != Some(change.operation.as_str()) {
            out.push_str(&format!("\n{}\n", change.operation));
            current = Some(&change.operation);
        }
        out.push_str(&format!(
            "  {:<10}  {}\n              at {}: {}\n",
            change.classification.to_string(),
            change.kind,
            change.location,
            change.detail
        ));
    }
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    if changes.is_empty() {
        out.push_str("\nno changes that affect SDK users\n");
    } else {
        out.push_str(&format!(
            "\n{} changes: {breaking} breaking, {} compatible\n",
            changes.len(),
            changes.len() - breaking
        ));
    }
    out
}

/// The `--json` report: `[{kind, classification, location, detail}]`.
pub fn json_report(changes: &[Change]) -> String {
    serde_json::to_string_pretty(changes).unwrap_or_else(|_| "[]".to_string())
}
