//! The record of webhook deliveries: each event the sandbox produced, where it was sent, which
//! delivery fault took it and how every attempt of every copy went. The store keeps this log
//! (with the delivery faults beside it); the webhook workers fill in the attempts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tokio::sync::mpsc::UnboundedSender;
use uuid::Uuid;

use crate::faults::delivery::{DeliveryFaultKind, DeliveryFaults};
use crate::util::timestamp;

/// Where a webhook delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Queued, delayed by a fault, being sent, or waiting between attempts.
    Pending,
    /// The receiver answered 2xx (for a duplicated delivery: at least one copy was answered
    /// 2xx, and both copies are done).
    Delivered,
    /// Every attempt failed (non-2xx, no connection, or an unreachable window).
    Failed,
    /// Neither the validation nor its organization has a webhook URL: nothing was sent.
    Undeliverable,
    /// A [`DeliveryFault::drop`](crate::DeliveryFault::drop) took it: nothing was sent.
    Dropped,
    /// A [`DeliveryFault::hold`](crate::DeliveryFault::hold) keeps it back until
    /// [`Sandbox::release_held`](crate::Sandbox::release_held).
    Held,
}

impl DeliveryState {
    /// The state's name in the control API: `pending`, `delivered`, `failed`,
    /// `undeliverable`, `dropped` or `held`.
    pub fn name(&self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
            DeliveryState::Undeliverable => "undeliverable",
            DeliveryState::Dropped => "dropped",
            DeliveryState::Held => "held",
        }
    }
}

/// One attempt to send one copy of a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryAttempt {
    /// When it started, by the sandbox's clock.
    pub at: DateTime<Utc>,
    /// The HTTP status answered, if there was an answer.
    pub status: Option<u16>,
    /// Why there was no answer (connection failed, timed out, unreachable window), if there
    /// was none. Never the URL.
    pub error: Option<String>,
    /// Whether it failed because of an unreachable window (nothing was sent).
    pub unreachable: bool,
}

impl DeliveryAttempt {
    /// Whether the receiver answered 2xx.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// One copy of a delivery as sent: one for a normal delivery, two for a duplicated one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeliveryCopy {
    /// Its attempts, in order; the copy is retried on the normal schedule until one succeeds.
    pub attempts: Vec<DeliveryAttempt>,
}

impl DeliveryCopy {
    /// Whether an attempt of this copy was answered 2xx.
    pub fn delivered(&self) -> bool {
        self.attempts.iter().any(DeliveryAttempt::succeeded)
    }
}

/// One webhook event and what happened when the sandbox tried to deliver it.
#[derive(Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The validation whose status change this event reports.
    pub validation_id: Uuid,
    /// The organization the validation belongs to.
    pub organization_id: String,
    /// The event type, e.g. `kyc.validation_approved`.
    pub event: String,
    /// The receiver, or `None` when no webhook URL was configured.
    pub url: Option<String>,
    /// How many attempts were made so far, of every copy together (an attempt in an
    /// unreachable window counts, though nothing was sent).
    pub attempts: u32,
    /// The HTTP status of the last answer, if there was one.
    pub last_status: Option<u16>,
    /// Why the last attempt got no answer (connection refused, timeout), if it did not.
    pub last_error: Option<String>,
    /// Where the delivery stands.
    pub state: DeliveryState,
    /// What the delivery fault that took it does, if one did.
    pub fault: Option<DeliveryFaultKind>,
    /// The id of that fault, as
    /// [`Sandbox::inject_delivery_fault`](crate::Sandbox::inject_delivery_fault) or the control
    /// API returned it.
    pub fault_id: Option<u64>,
    /// The copies sent so far, each with its attempts: none until the first attempt (and never
    /// for a dropped, undeliverable or still held delivery), two for a duplicated one.
    pub copies: Vec<DeliveryCopy>,
    /// The exact bytes posted (the JSON envelope).
    pub body: Vec<u8>,
    /// The `X-Webhook-Signature` header: lowercase hex HMAC-SHA256 of `body`.
    pub signature: String,
}

impl Delivery {
    /// The body parsed as JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The delivery as the control API shows it, numbered from 1 in the log: never the body,
    /// the signature or the URL (they hold personal data or name a customer's host).
    pub(crate) fn to_json(&self, sequence: usize) -> Value {
        let copies: Vec<Value> = self
            .copies
            .iter()
            .map(|copy| {
                let attempts: Vec<Value> = copy
                    .attempts
                    .iter()
                    .map(|a| {
                        json!({
                            "at": timestamp(a.at),
                            "status": a.status,
                            "error": a.error,
                            "unreachable": a.unreachable,
                        })
                    })
                    .collect();
                json!({ "delivered": copy.delivered(), "attempts": attempts })
            })
            .collect();
        json!({
            "sequence": sequence,
            "validationId": self.validation_id.to_string(),
            "event": self.event,
            "state": self.state.name(),
            "attempts": self.attempts,
            "lastStatus": self.last_status,
            "lastError": self.last_error,
            "fault": self.fault.as_ref().map(DeliveryFaultKind::name),
            "faultId": self.fault_id,
            "copies": copies,
        })
    }
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The body holds personal data (names, document numbers), so only its size is shown.
        f.debug_struct("Delivery")
            .field("validation_id", &self.validation_id)
            .field("event", &self.event)
            .field("has_url", &self.url.is_some())
            .field("attempts", &self.attempts)
            .field("last_status", &self.last_status)
            .field("last_error", &self.last_error)
            .field("state", &self.state)
            .field("fault", &self.fault)
            .field("fault_id", &self.fault_id)
            .field("copies", &self.copies)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// Every delivery so far, the queue of each validation that has a receiver, and the delivery
/// faults.
///
/// The log lives in the store, so recording an event happens under the same lock as the status
/// change it reports; the queues hold only indexes into `entries`, and whoever sends the requests
/// (the webhook workers) looks the delivery up again and writes each attempt back. The faults
/// live here too, so that the fault a delivery takes and the state it leaves it in (dropped,
/// held) change under one lock, and a test that sees a delivery held can release it at once.
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog {
    entries: Vec<Delivery>,
    queues: HashMap<Uuid, UnboundedSender<usize>>,
    /// The delivery faults waiting, the held deliveries and the unreachable windows.
    pub faults: DeliveryFaults,
}

impl DeliveryLog {
    /// Every delivery so far, in the order they were recorded.
    pub fn entries(&self) -> &[Delivery] {
        &self.entries
    }

    /// The delivery recorded at `index`, if any.
    pub fn get(&self, index: usize) -> Option<&Delivery> {
        self.entries.get(index)
    }

    /// The delivery recorded at `index`, to write an attempt's result into.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut Delivery> {
        self.entries.get_mut(index)
    }

    /// Records a delivery and returns its index, which stays valid: entries are never removed.
    pub fn push(&mut self, delivery: Delivery) -> usize {
        self.entries.push(delivery);
        self.entries.len() - 1
    }

    /// The queue of a validation's deliveries, opened with `open` the first time it is needed,
    /// so that each validation has exactly one worker and its events keep their order.
    pub fn queue(
        &mut self,
        validation_id: Uuid,
        open: impl FnOnce() -> UnboundedSender<usize>,
    ) -> &UnboundedSender<usize> {
        self.queues.entry(validation_id).or_insert_with(open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicated() -> Delivery {
        let attempt = |status| DeliveryAttempt {
            at: Utc::now(),
            status: Some(status),
            error: None,
            unreachable: false,
        };
        Delivery {
            validation_id: Uuid::nil(),
            organization_id: "org".into(),
            event: "kyc.validation_approved".into(),
            url: Some("http://127.0.0.1:9/private-hook".into()),
            attempts: 3,
            last_status: Some(200),
            last_error: None,
            state: DeliveryState::Delivered,
            fault: Some(DeliveryFaultKind::Duplicate),
            fault_id: Some(4),
            copies: vec![
                DeliveryCopy {
                    attempts: vec![attempt(503), attempt(200)],
                },
                DeliveryCopy {
                    attempts: vec![attempt(200)],
                },
            ],
            body: br#"{"payload":{"entity":{"name":"Ana Gomez","taxId":"30111222"}}}"#.to_vec(),
            signature: "a".repeat(64),
        }
    }

    #[test]
    fn debug_and_the_control_apis_form_show_no_body_signature_or_url() {
        let delivery = duplicated();
        let shown = [format!("{delivery:?}"), delivery.to_json(1).to_string()];
        for text in &shown {
            for private in ["Ana Gomez", "30111222", "private-hook", &delivery.signature] {
                assert!(!text.contains(private), "{private:?} in {text}");
            }
        }
        let json = delivery.to_json(1);
        assert_eq!(json["state"], "delivered");
        assert_eq!(json["fault"], "duplicate");
        assert_eq!(json["copies"][0]["delivered"], true);
        assert_eq!(json["copies"][0]["attempts"][0]["status"], 503);
        assert_eq!(json["copies"].as_array().map(Vec::len), Some(2));
    }
}
