//! Signed webhook deliveries: one ordered queue per validation, retried with exponential
//! backoff while the receiver fails, disturbed by the delivery faults a test injected, and every
//! attempt recorded for inspection.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use uuid::Uuid;

use crate::deliveries::{Delivery, DeliveryAttempt, DeliveryCopy, DeliveryState};
use crate::faults::delivery::{DeliveryFaultKind, ReleaseOrder};
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
        fault: None,
        fault_id: None,
        copies: Vec::new(),
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

/// Delivers one validation's events in order, each to completion before the next (a held one
/// is set aside instead, so it does not block the rest).
async fn run_queue(shared: Arc<Shared>, mut receiver: UnboundedReceiver<usize>) {
    while let Some(index) = receiver.recv().await {
        pick_up(&shared, index).await;
    }
}

/// Consults the delivery faults for one delivery, once, and sends it as the fault (if any)
/// says.
async fn pick_up(shared: &Shared, index: usize) {
    let fault = {
        let mut store = lock(&shared.store);
        let log = &mut store.deliveries;
        let Some(organization_id) = log.get(index).map(|d| d.organization_id.clone()) else {
            return;
        };
        let taken = log.faults.take(&organization_id);
        if let Some((_, DeliveryFaultKind::Hold)) = taken {
            // Set aside under the same lock that marks it held, so whoever sees it held can
            // release it.
            log.faults.hold(index, organization_id);
        }
        let Some(entry) = log.get_mut(index) else {
            return;
        };
        if let Some((id, kind)) = taken {
            entry.fault = Some(kind);
            entry.fault_id = Some(id);
            match kind {
                DeliveryFaultKind::Drop => entry.state = DeliveryState::Dropped,
                DeliveryFaultKind::Hold => entry.state = DeliveryState::Held,
                DeliveryFaultKind::Duplicate | DeliveryFaultKind::Delay(_) => {}
            }
        }
        taken.map(|(_, kind)| kind)
    };
    match fault {
        Some(DeliveryFaultKind::Drop | DeliveryFaultKind::Hold) => {}
        Some(DeliveryFaultKind::Duplicate) => deliver(shared, index, 2).await,
        Some(DeliveryFaultKind::Delay(wait)) => {
            tokio::time::sleep(wait).await;
            deliver(shared, index, 1).await;
        }
        None => deliver(shared, index, 1).await,
    }
}

/// Sends every held delivery (all of them for `None`, or an organization's) in `order`, one
/// after another, each to completion before the next; returns how many.
pub(crate) fn release_held(
    shared: &Arc<Shared>,
    organization_id: Option<&str>,
    order: ReleaseOrder,
) -> usize {
    let released = {
        let mut store = lock(&shared.store);
        let log = &mut store.deliveries;
        let mut released = log.faults.take_held(organization_id);
        order.arrange(&mut released);
        for &index in &released {
            if let Some(entry) = log.get_mut(index) {
                entry.state = DeliveryState::Pending;
            }
        }
        released
    };
    let count = released.len();
    if count > 0 {
        let task_shared = shared.clone();
        // One task for the whole release, so the receiver sees them in the order chosen.
        shared.tasks.spawn(async move {
            for index in released {
                deliver(&task_shared, index, 1).await;
            }
        });
    }
    count
}

/// What every attempt of one delivery sends.
struct Request {
    organization_id: String,
    url: String,
    body: Vec<u8>,
    signature: String,
}

/// Sends `copies` copies of a delivery, each after the previous one completes and each retried
/// on the normal schedule, then records whether any was delivered.
async fn deliver(shared: &Shared, index: usize, copies: u32) {
    let Some(request) = ({
        let store = lock(&shared.store);
        store.deliveries.get(index).and_then(|d| {
            Some(Request {
                organization_id: d.organization_id.clone(),
                url: d.url.clone()?,
                body: d.body.clone(),
                signature: d.signature.clone(),
            })
        })
    }) else {
        return;
    };
    let mut delivered = false;
    for _ in 0..copies {
        if let Some(entry) = lock(&shared.store).deliveries.get_mut(index) {
            entry.copies.push(DeliveryCopy::default());
        }
        delivered |= send_copy(shared, index, &request).await;
    }
    if let Some(entry) = lock(&shared.store).deliveries.get_mut(index) {
        entry.state = if delivered {
            DeliveryState::Delivered
        } else {
            DeliveryState::Failed
        };
    }
}

/// Tries one copy until the receiver answers 2xx or the attempts run out, waiting the backoff
/// (doubled each time) between attempts; returns whether it was delivered.
async fn send_copy(shared: &Shared, index: usize, request: &Request) -> bool {
    let config = &shared.config;
    let attempts = config.webhook_attempts.max(1);
    let mut backoff = config.webhook_backoff;
    for attempt in 1..=attempts {
        let at = shared.clock.now();
        let unreachable = lock(&shared.store)
            .deliveries
            .faults
            .is_unreachable(&request.organization_id, tokio::time::Instant::now());
        let (status, error) = if unreachable {
            (None, Some(UNREACHABLE.to_string()))
        } else {
            post(shared, request, config.webhook_timeout).await
        };
        let result = DeliveryAttempt {
            at,
            status,
            error,
            unreachable,
        };
        let delivered = result.succeeded();
        if let Some(entry) = lock(&shared.store).deliveries.get_mut(index) {
            entry.attempts += 1;
            entry.last_status = result.status;
            entry.last_error = result.error.clone();
            if let Some(copy) = entry.copies.last_mut() {
                copy.attempts.push(result);
            }
        }
        if delivered {
            return true;
        }
        if attempt < attempts {
            tokio::time::sleep(backoff).await;
            backoff = backoff.saturating_mul(2);
        }
    }
    false
}

/// The error an attempt in an unreachable window records: what a refused connection looks like.
const UNREACHABLE: &str = "connection refused (receiver unreachable)";

/// Posts the signed body once; returns the status answered or why there was none.
async fn post(
    shared: &Shared,
    request: &Request,
    timeout: Duration,
) -> (Option<u16>, Option<String>) {
    let result = shared
        .http
        .post(&request.url)
        .header("content-type", "application/json")
        .header("x-webhook-signature", &request.signature)
        .timeout(timeout)
        .body(request.body.clone())
        .send()
        .await;
    match result {
        Ok(response) => (Some(response.status().as_u16()), None),
        Err(e) => (None, Some(describe(&e))),
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
