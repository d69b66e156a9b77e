//! Webhooks: the top-level `x-webhooks` (OpenAPI 3.0, the spec's own) or `webhooks` (OpenAPI
//! 3.1), each a map of path items by name. A receiver is a client of a webhook's payload, so
//! the payload is compared as a response body and its header parameters as response headers;
//! what the receiver answers is not compared.

use std::collections::{BTreeMap, BTreeSet};

use gu1_kyc_spec::{METHODS, follow_refs};
use serde_json::Value;

use super::ChangeKind::*;
use super::operations::{Hook, OpDiff};
use super::{Change, Changes, Places};

/// The keys webhooks live under, in the order they are read (a name under both is the first's).
const KEYS: [&str; 2] = ["x-webhooks", "webhooks"];

/// Webhook operations by (name, method).
fn webhooks(raw: &Value) -> BTreeMap<(&str, &'static str), Hook<'_>> {
    let mut out = BTreeMap::new();
    for key in KEYS {
        for (name, item) in raw
            .get(key)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let Some((item, _)) = follow_refs(raw, item) else {
                continue;
            };
            for method in METHODS {
                if let Some(operation) = item.get(*method) {
                    out.entry((name.as_str(), *method))
                        .or_insert(Hook { item, operation });
                }
            }
        }
    }
    out
}

/// The node that holds a document's webhooks, for the place of one added or removed.
fn holder(raw: &Value) -> &Value {
    KEYS.iter().find_map(|key| raw.get(*key)).unwrap_or(raw)
}

/// `webhook kycValidationEvent (POST)`: how reports name a webhook.
fn label(name: &str, method: &str) -> String {
    format!("webhook {name} ({})", method.to_ascii_uppercase())
}

/// The webhook changes between two documents.
pub(crate) fn diff(old_raw: &Value, new_raw: &Value, places: &Places) -> Vec<Change> {
    let (old, new) = (webhooks(old_raw), webhooks(new_raw));
    let keys: BTreeSet<&(&str, &str)> = old.keys().chain(new.keys()).collect();
    let mut all = Vec::new();
    for key @ (name, method) in keys {
        let label = label(name, method);
        let (old_hook, new_hook) = (old.get(key), new.get(key));
        let operation_id = new_hook
            .or(old_hook)
            .and_then(|hook| hook.operation.get("operationId"))
            .and_then(Value::as_str);
        let mut changes = match (old_hook, new_hook) {
            (Some(o), None) => {
                let mut changes = Changes::new(&label, places);
                changes.push(
                    WebhookRemoved,
                    &label,
                    "receivers stop getting this event".into(),
                    (Some(o.operation), Some(holder(new_raw))),
                );
                changes
            }
            (None, Some(n)) => {
                let mut changes = Changes::new(&label, places);
                changes.push(
                    WebhookAdded,
                    &label,
                    "a new event receivers may get".into(),
                    (Some(holder(old_raw)), Some(n.operation)),
                );
                changes
            }
            (Some(o), Some(n)) => {
                let mut cmp = OpDiff::new(old_raw, new_raw, &label, places);
                cmp.webhook(*o, *n);
                cmp.changes
            }
            (None, None) => continue,
        };
        if let Some(id) = operation_id {
            changes.name_operation(id);
        }
        all.extend(changes.list);
    }
    all
}
