//! Signed webhook deliveries: one ordered queue per validation, retried with exponential
//! backoff while the receiver fails, and every attempt recorded for inspection.

use std::sync::Arc;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use uuid::Uuid;

use crate::deliveries::{Delivery, DeliveryState};
use crate::state::Shared;
use crate::store::Store;
use crate::util::{lock, timestamp};

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
        "timestamp": timestamp(shared.clock.now()),
        "organizationId": organization_id,
        "payload": payload,
    });
    let body = envelope.to_string().into_bytes();
    let signature = sign(&organization.webhook_secret, &body);
    let log = &mut store.deliveries;
    let index = log.push(Delivery {
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
    let queue = log.queue(validation_id, || {
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
            if let Some(entry) = store.deliveries.get_mut(index) {
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
