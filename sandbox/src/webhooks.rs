//! Signed webhook deliveries: one ordered queue per validation, retried with exponential
//! backoff while the receiver fails, and every attempt recorded for inspection.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use uuid::Uuid;

use crate::state::{Shared, Store, lock, timestamp};

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
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog {
    pub entries: Vec<Delivery>,
    queues: HashMap<Uuid, UnboundedSender<usize>>,
}

/// Lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
pub(crate) fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this constructor cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Records the event `kyc.validation_<status>` for a validation and queues its delivery.
/// Called with the store locked, right after the change, so events keep the order of changes.
pub(crate) fn enqueue(
    shared: &Arc<Shared>,
    store: &mut Store,
    validation_id: Uuid,
    event: &str,
    payload: Value,
) {
    let Some(validation) = store.validations.get(&validation_id) else {
        return;
    };
    let organization_id = validation.organization_id.clone();
    let Some(organization) = store.organizations.get(&organization_id) else {
        return;
    };
    let url = validation
        .webhook_url
        .clone()
        .or_else(|| organization.webhook_url.clone());
    let envelope = json!({
        "event": event,
        "timestamp": timestamp(Utc::now()),
        "organizationId": organization_id,
        "payload": payload,
    });
    let body = envelope.to_string().into_bytes();
    let signature = sign(&organization.webhook_secret, &body);
    let log = &mut store.deliveries;
    let index = log.entries.len();
    log.entries.push(Delivery {
        validation_id,
        organization_id,
        event: event.to_string(),
        url: url.clone(),
        attempts: 0,
        last_status: None,
        last_error: None,
        state: if url.is_some() {
            DeliveryState::Pending
        } else {
            DeliveryState::Undeliverable
        },
        body,
        signature,
    });
    if url.is_none() {
        return;
    }
    let queue = log.queues.entry(validation_id).or_insert_with(|| {
        let (sender, receiver) = unbounded_channel();
        shared.tasks.spawn(run_queue(shared.clone(), receiver));
        sender
    });
    // The receiver lives as long as the sandbox's tasks; if they were stopped, nothing is sent.
    let _ = queue.send(index);
}

/// Delivers one validation's events in order, each to completion before the next.
async fn run_queue(shared: Arc<Shared>, mut receiver: UnboundedReceiver<usize>) {
    while let Some(index) = receiver.recv().await {
        deliver(&shared, index).await;
    }
}

async fn deliver(shared: &Shared, index: usize) {
    let Some((url, body, signature)) = ({
        let store = lock(&shared.store);
        store
            .deliveries
            .entries
            .get(index)
            .and_then(|d| Some((d.url.clone()?, d.body.clone(), d.signature.clone())))
    }) else {
        return;
    };
    let config = &shared.config;
    let attempts = config.webhook_attempts.max(1);
    let mut backoff = config.webhook_backoff;
    for attempt in 1..=attempts {
        let result = shared
            .http
            .post(&url)
            .header("content-type", "application/json")
            .header("x-webhook-signature", &signature)
            .timeout(config.webhook_timeout)
            .body(body.clone())
            .send()
            .await;
        let (status, error) = match result {
            Ok(response) => (Some(response.status().as_u16()), None),
            Err(e) => (None, Some(describe(&e))),
        };
        let delivered = status.is_some_and(|s| (200..300).contains(&s));
        {
            let mut store = lock(&shared.store);
            if let Some(entry) = store.deliveries.entries.get_mut(index) {
                entry.attempts = attempt;
                entry.last_status = status;
                entry.last_error = error;
                entry.state = if delivered {
                    DeliveryState::Delivered
                } else if attempt == attempts {
                    DeliveryState::Failed
                } else {
                    DeliveryState::Pending
                };
            }
        }
        if delivered {
            return;
        }
        if attempt < attempts {
            tokio::time::sleep(backoff).await;
            backoff = backoff.saturating_mul(2);
        }
    }
}

/// A short reason for a failed request that does not repeat the URL.
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timed out".to_string()
    } else if error.is_connect() {
        "connection failed".to_string()
    } else if error.is_builder() {
        "invalid webhook URL".to_string()
    } else {
        "request failed".to_string()
    }
}
