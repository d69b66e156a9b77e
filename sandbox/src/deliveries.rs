//! The record of webhook deliveries: each event the sandbox produced, where it was sent and how
//! every attempt went. The store keeps this log; the webhook workers fill in the attempts.

use std::collections::HashMap;

use serde_json::Value;
use tokio::sync::mpsc::UnboundedSender;
use uuid::Uuid;

/// Where a webhook delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Queued, or waiting between attempts.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed (non-2xx or no connection).
    Failed,
    /// Neither the validation nor its organization has a webhook URL: nothing was sent.
    Undeliverable,
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
    /// How many requests were sent so far.
    pub attempts: u32,
    /// The HTTP status of the last answer, if there was one.
    pub last_status: Option<u16>,
    /// Why the last attempt got no answer (connection refused, timeout), if it did not.
    pub last_error: Option<String>,
    /// Where the delivery stands.
    pub state: DeliveryState,
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
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// Every delivery so far, and the queue of each validation that has a receiver.
///
/// The log lives in the store, so recording an event happens under the same lock as the status
/// change it reports; the queues hold only indexes into `entries`, and whoever sends the requests
/// (the webhook workers) looks the delivery up again and writes each attempt back.
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog {
    entries: Vec<Delivery>,
    queues: HashMap<Uuid, UnboundedSender<usize>>,
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
