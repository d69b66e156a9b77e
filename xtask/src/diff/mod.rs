//! `cargo xtask diff`: what changed between two versions of the spec, for SDK users, each change
//! classed breaking or compatible. Each [`ChangeKind`] knows its class; the README's rules table
//! is checked against them.
//!
//! Operations are matched by method and path template (path parameter names do not matter);
//! parameters by location and name; responses by status; bodies by media type; headers by name.
//! Schemas are compared recursively through `$ref`s, with cycle protection. Besides operations,
//! the document's `servers` are compared (under the pseudo-operation `(servers)`), each
//! operation's security requirement, and the webhooks of `x-webhooks` (`webhook NAME (METHOD)`),
//! whose payloads a receiver reads as a client reads a response.
//!
//! Error codes of a response are, by convention, the strings listed in its `x-error-codes`
//! extension together with the `error` field of its JSON examples.

pub mod cli;
mod kinds;
pub mod lines;
mod operations;
pub mod policy;
pub mod report;
mod schemas;
mod security;
mod servers;
mod shape;
mod webhooks;

use std::collections::HashMap;
use std::fmt;

use gu1_kyc_spec::{Spec, escape_pointer_token};
use serde::Serialize;
use serde_json::Value;

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
    /// The operation (`GET /path`) the change belongs to, for grouping: or `(servers)` for the
    /// document's servers, or `webhook NAME (METHOD)` for a webhook.
    #[serde(skip)]
    pub operation: String,
    /// The JSON pointer of the changed node in the old spec (`#/components/schemas/A/...`), or
    /// of the node that held it when the new spec added it.
    #[serde(skip)]
    pub old_pointer: Option<String>,
    /// The JSON pointer of the changed node in the new spec, or of the node that held it when
    /// the new spec removed it.
    #[serde(skip)]
    pub new_pointer: Option<String>,
    /// The operation's (or webhook's) `operationId` (in the new spec, or the old one for a
    /// removed operation).
    #[serde(skip)]
    pub operation_id: Option<String>,
    /// What the change touches in the Rust SDK: the public method that sends the operation
    /// (`x-sdk-method`) and the public type of the schema it is in (`x-sdk-type`).
    #[serde(skip)]
    pub sdk: Vec<String>,
    /// Why the project's diff policy classes this change other than its kind does.
    #[serde(skip)]
    pub overridden: Option<String>,
    /// Why the project's diff policy accepts this breaking change.
    #[serde(skip)]
    pub allowed: Option<String>,
}

impl Change {
    /// Whether the change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.classification == Classification::Breaking
    }

    /// Whether the change fails the diff: breaking, and not accepted by the policy.
    pub fn fails(&self) -> bool {
        self.is_breaking() && self.allowed.is_none()
    }
}

/// The JSON pointer of every node of a document, by the node's address: a change names the
/// nodes it compared, and this says where they are.
pub(crate) struct Pointers {
    by_address: HashMap<usize, String>,
}

impl Pointers {
    fn of(raw: &Value) -> Pointers {
        fn walk(node: &Value, pointer: String, out: &mut HashMap<usize, String>) {
            match node {
                Value::Object(map) => {
                    for (key, child) in map {
                        walk(
                            child,
                            format!("{pointer}/{}", escape_pointer_token(key)),
                            out,
                        );
                    }
                }
                Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        walk(child, format!("{pointer}/{i}"), out);
                    }
                }
                _ => {}
            }
            out.insert(std::ptr::from_ref(node) as usize, pointer);
        }
        let mut by_address = HashMap::new();
        walk(raw, "#".to_string(), &mut by_address);
        Pointers { by_address }
    }

    fn of_node(&self, node: Option<&Value>) -> Option<String> {
        node.and_then(|n| self.by_address.get(&(std::ptr::from_ref(n) as usize)))
            .cloned()
    }
}

/// The pointers of both documents of a diff.
pub(crate) struct Places {
    old: Pointers,
    new: Pointers,
}

/// The nodes a change is about: in the old document and in the new one (either may be the
/// parent of what was added or removed).
pub(crate) type Nodes<'v> = (Option<&'v Value>, Option<&'v Value>);

/// Collects changes for one operation.
pub(crate) struct Changes<'p> {
    operation: String,
    list: Vec<Change>,
    places: &'p Places,
}

impl<'p> Changes<'p> {
    pub(crate) fn new(operation: &str, places: &'p Places) -> Self {
        Changes {
            operation: operation.to_string(),
            list: Vec::new(),
            places,
        }
    }

    /// Gives every change so far the `operationId` of what they belong to, for what the spec's
    /// operations do not name (webhooks).
    pub(crate) fn name_operation(&mut self, operation_id: &str) {
        for change in &mut self.list {
            change.operation_id = Some(operation_id.to_string());
        }
    }

    /// Records a change about `nodes`, classed by its kind. A kind whose class depends on an
    /// enum being open is classed as if the enum were closed: use [`Changes::push_for_enum`].
    pub(crate) fn push(&mut self, kind: ChangeKind, location: &str, detail: String, nodes: Nodes) {
        self.push_for_enum(kind, false, location, detail, nodes);
    }

    /// Records a change to an enum, which is open or not.
    pub(crate) fn push_for_enum(
        &mut self,
        kind: ChangeKind,
        enum_open: bool,
        location: &str,
        detail: String,
        (old, new): Nodes,
    ) {
        self.list.push(Change {
            kind,
            classification: kind.class().classify(enum_open),
            location: location.to_string(),
            detail,
            operation: self.operation.clone(),
            old_pointer: self.places.old.of_node(old),
            new_pointer: self.places.new.of_node(new),
            operation_id: None,
            sdk: Vec::new(),
            overridden: None,
            allowed: None,
        });
    }
}

/// Every change from `old` to `new`, grouped: the servers, then operations (in path, then
/// method, order), then webhooks (by name).
pub fn diff_specs(old: &Spec, new: &Spec) -> Vec<Change> {
    let places = Places {
        old: Pointers::of(&old.raw),
        new: Pointers::of(&new.raw),
    };
    let mut changes = servers::diff(&old.raw, &new.raw, &places);
    changes.extend(operations::diff(old, new, &places));
    changes.extend(webhooks::diff(&old.raw, &new.raw, &places));
    for change in &mut changes {
        name_in_sdk(change, old, new);
    }
    changes
}

/// Fills in the change's `operationId` and what it touches in the Rust SDK, from the specs'
/// `x-sdk-method` (on operations) and `x-sdk-type` (on component schemas). Changes of what is no
/// operation of `paths` (servers, webhooks) keep the `operationId` they were given.
fn name_in_sdk(change: &mut Change, old: &Spec, new: &Spec) {
    let operation = change.operation.split_once(' ').and_then(|(method, path)| {
        new.operation(method, path)
            .or_else(|| old.operation(method, path))
    });
    if let Some(op) = operation {
        change.operation_id = op.operation_id().map(str::to_string);
        if let Some(method) = op.extension("x-sdk-method").and_then(Value::as_str) {
            change.sdk.push(format!("Client::{method}"));
        }
    }
    for (spec, pointer) in [(new, &change.new_pointer), (old, &change.old_pointer)] {
        let Some(name) = pointer
            .as_deref()
            .and_then(|p| p.strip_prefix("#/components/schemas/"))
            .map(|rest| rest.split('/').next().unwrap_or(rest))
        else {
            continue;
        };
        let named = spec
            .raw
            .pointer(&format!("/components/schemas/{name}/x-sdk-type"))
            .and_then(Value::as_str);
        if let Some(ty) = named {
            if !change.sdk.iter().any(|t| t == ty) {
                change.sdk.push(ty.to_string());
            }
            break;
        }
    }
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
        if let Some(reason) = &change.overridden {
            out.push_str(&format!(
                "              classed so by the diff policy: {reason}\n"
            ));
        }
        if let Some(reason) = &change.allowed {
            out.push_str(&format!(
                "              accepted by the diff policy: {reason}\n"
            ));
        }
    }
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    let accepted = changes.iter().filter(|c| c.allowed.is_some()).count();
    if changes.is_empty() {
        out.push_str("\nno changes that affect SDK users\n");
    } else {
        let accepted = if accepted > 0 {
            format!(" ({accepted} accepted by the diff policy)")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "\n{} changes: {breaking} breaking{accepted}, {} compatible\n",
            changes.len(),
            changes.len() - breaking
        ));
    }
    out
}
