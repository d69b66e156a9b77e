//! A complete webhook receiver, run against the embedded sandbox's real signed deliveries.
//!
//! It starts the sandbox and an axum receiver that verifies every delivery with
//! `webhooks::VerifiedWebhook` (two secrets, as while rotating, and a maximum age), points the
//! sandbox's webhooks at it, and creates a person and a validation with an auto-approving test
//! tax ID. Each accepted event goes through an `Inbox` (here over a `MemoryStore`; over
//! PostgreSQL or Redis, every replica shares it): a repeated delivery is ignored,
//! and a late `in_progress` after `approved` does not undo the approval (a second validation's
//! genuine deliveries are held back and then sent out of order to show it). Then it posts a
//! tampered delivery and a days-old one to itself and checks that both are refused with 401.
//! Last, the sandbox drops every delivery, and a `Reconciler` over the same inbox brings a
//! third validation's outcome to the same handler.
//!
//! It exits 0 when everything happened as expected, and non-zero otherwise (or after 20 s).
//!
//! ```sh
//! cargo run --example webhook_receiver --features axum
//! ```

use std::{process::ExitCode, time::Duration};

use axum::{
    Router,
    extract::{FromRef, State},
    http::StatusCode,
    routing::post,
};
use chrono::{SecondsFormat, TimeDelta, Utc};
use gu1_kyc::{
    Client,
    outcomes::{OutcomeHandler, Reconciler},
    store::{Begin, Handled, Inbox, MemoryStore},
    types::ValidationStatus,
    webhooks::{
        self, EventOrigin, SIGNATURE_HEADER, VerifiedWebhook, Verifier, WebhookEvent, WebhookSecret,
    },
};
use gu1_kyc_sandbox::{DeliveryFault, Sandbox};
use serde_json::Value;
use tokio::sync::mpsc;

/// The whole run must finish within this.
const DEADLINE: Duration = Duration::from_secs(20);

/// An AR CUIT and an AR DNI the sandbox approves automatically (pending -> in_progress ->
/// approved).
const APPROVED_TAX_ID: &str = "20-99990001-0";
const APPROVED_DNI: &str = "99990001";
/// An AR DNI the sandbox rejects automatically.
const REJECTED_DNI: &str = "99990002";

/// What the example watches: what happened to each event, and its status.
type Seen = mpsc::UnboundedSender<(Outcome, ValidationStatus)>;

/// The receiver's state: the verifier the extractor finds with `FromRef`, the inbox, and the
/// handler (the same one the reconciler calls).
#[derive(Clone)]
struct AppState<H> {
    verifier: Verifier,
    inbox: Inbox,
    handler: H,
    seen: Seen,
}

/// What the receiver did with a verified delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Processed,
    Duplicate,
    Superseded,
    /// In flight elsewhere, or the store failed: answered 503, so gu1 delivers it again.
    Retry,
}

impl<H> FromRef<AppState<H>> for Verifier {
    fn from_ref(state: &AppState<H>) -> Self {
        state.verifier.clone()
    }
}

/// The effect of an event (update the customer's record): the inbox runs it once per event,
/// whether a webhook or the reconciler brought it.
fn on_outcome(seen: Seen) -> impl OutcomeHandler<Error = std::convert::Infallible> + Clone {
    move |event: WebhookEvent| {
        let seen = seen.clone();
        async move {
            if event.origin == EventOrigin::Reconciler {
                println!(
                    "  {:<52} {:<28} validation {} -> {}",
                    "found by the reconciler, processed",
                    event.event_type.as_str(),
                    event.validation_id(),
                    event.status()
                );
            }
            let _ = seen.send((Outcome::Processed, event.status()));
            Ok(())
        }
    }
}

/// Called only for deliveries that verified. Answers 200 for duplicates and superseded events
/// too, so that gu1 stops retrying them, and 503 when the event must come again.
async fn receive<H: OutcomeHandler>(
    State(app): State<AppState<H>>,
    VerifiedWebhook(event): VerifiedWebhook,
) -> StatusCode {
    let handled = app
        .inbox
        .handle(&event, |event| app.handler.handle(event.clone()))
        .await;
    let (outcome, what) = match &handled {
        // The handler reported it.
        Handled::Processed => {
            println!(
                "  {:<52} {:<28} validation {} -> {}",
                "accepted",
                event.event_type.as_str(),
                event.validation_id(),
                event.status()
            );
            return StatusCode::OK;
        }
        Handled::Skipped(Begin::Duplicate) => (Outcome::Duplicate, "ignored (duplicate)"),
        Handled::Skipped(Begin::Superseded) => (
            Outcome::Superseded,
            "ignored (a terminal status was already processed)",
        ),
        _ => (Outcome::Retry, "answered 503: gu1 delivers it again"),
    };
    println!(
        "  {what:<52} {:<28} validation {} -> {}",
        event.event_type.as_str(),
        event.validation_id(),
        event.status()
    );
    let _ = app.seen.send((outcome, event.status()));
    StatusCode::from_u16(handled.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[tokio::main]
async fn main() -> ExitCode {
    match tokio::time::timeout(DEADLINE, run()).await {
        Ok(Ok(())) => {
            println!("\nall checks passed");
            ExitCode::SUCCESS
        }
        Ok(Err(problem)) => {
            eprintln!("\nFAILED: {problem}");
            ExitCode::FAILURE
        }
        Err(_) => {
            eprintln!("\nFAILED: not finished within {DEADLINE:?}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder()
        .outcome_delay(Duration::from_millis(100))
        .start()
        .await?;
    println!("sandbox at {}", sandbox.base_url());

    // While rotating, both the previous and the current secret are accepted.
    let verifier = Verifier::new([
        WebhookSecret::new("whsec_previous_secret_being_rotated_out"),
        WebhookSecret::new(sandbox.webhook_secret()),
    ])
    .max_age(Duration::from_secs(15 * 60));
    let (seen, mut accepted) = mpsc::unbounded_channel();
    // Over PostgreSQL or Redis, every replica shares the store.
    let store = MemoryStore::new();
    let inbox = Inbox::new(store.clone());
    let handler = on_outcome(seen.clone());
    let state = AppState {
        verifier,
        inbox: inbox.clone(),
        handler: handler.clone(),
        seen,
    };
    let app = Router::new()
        .route("/webhooks/gu1", post(receive))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhooks/gu1", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("receiver at {url}");
    sandbox.set_webhook_url(sandbox.organization_id(), Some(&url))?;

    // The store records the validations this client creates, for the reconciler.
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .organization_id(sandbox.organization_id())
        .base_url(sandbox.base_url())
        .store(store.clone())
        .build()?;
    let person = client
        .entities()
        .create_person("Ana Test", "AR")
        .tax_id(APPROVED_TAX_ID)
        .send()
        .await?;
    let validation = client.validations().create(&person.id).send().await?;
    println!("created validation {}\n", validation.id);

    println!("deliveries from the sandbox:");
    let mut processed = Vec::new();
    while processed.last() != Some(&ValidationStatus::Approved) {
        let (outcome, status) = accepted.recv().await.ok_or("the receiver stopped")?;
        if outcome == Outcome::Processed {
            processed.push(status);
        }
    }
    let expected = [
        ValidationStatus::Pending,
        ValidationStatus::InProgress,
        ValidationStatus::Approved,
    ];
    if processed != expected {
        return Err(format!("processed {processed:?}, expected {expected:?}").into());
    }

    // A second validation whose deliveries are held back (no webhook URL: the sandbox records
    // each signed body without sending it) and then delivered late and out of order.
    sandbox.set_webhook_url(sandbox.organization_id(), None)?;
    let other = client
        .entities()
        .create_person("Bruno Test", "AR")
        .tax_id(APPROVED_DNI)
        .send()
        .await?;
    let held = client.validations().create(&other.id).send().await?;
    let held_id = held.id.to_string();
    let deliveries = loop {
        let deliveries = sandbox.webhook_deliveries();
        let approved = deliveries.iter().any(|d| {
            d.validation_id.to_string() == held_id && d.event == "kyc.validation_approved"
        });
        if approved {
            sandbox.set_webhook_url(sandbox.organization_id(), Some(&url))?;
            break deliveries;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let find = |validation: &str, event: &str| {
        deliveries
            .iter()
            .find(|d| d.validation_id.to_string() == validation && d.event == event)
            .ok_or_else(|| format!("no {event} delivery"))
    };
    let http = reqwest::Client::new();
    let post = |body: Vec<u8>, signature: String| {
        let request = http
            .post(&url)
            .header(SIGNATURE_HEADER, signature)
            .header("content-type", "application/json")
            .body(body);
        async move { request.send().await.map(|r| r.status().as_u16()) }
    };

    println!(
        "
validation {held_id}, its genuine deliveries held back, then sent out of order:"
    );
    let first_id = validation.id.to_string();
    for (validation, event, wanted) in [
        (&held_id, "kyc.validation_created", Outcome::Processed),
        (&held_id, "kyc.validation_approved", Outcome::Processed),
        (&held_id, "kyc.validation_in_progress", Outcome::Superseded),
        (&held_id, "kyc.validation_approved", Outcome::Duplicate),
        (&first_id, "kyc.validation_approved", Outcome::Duplicate),
    ] {
        let delivery = find(validation, event)?;
        let status = post(delivery.body.clone(), delivery.signature.clone()).await?;
        let (outcome, _) = accepted.recv().await.ok_or("the receiver stopped")?;
        if (status, outcome) != (200, wanted) {
            return Err(format!("{event}: HTTP {status}, {outcome:?}; expected {wanted:?}").into());
        }
    }
    let approved = find(&first_id, "kyc.validation_approved")?;

    println!("\nforged deliveries:");
    // Tampered: the body is changed after signing, the signature kept.
    let tampered =
        String::from_utf8(approved.body.clone())?.replacen("\"approved\"", "\"rejected\"", 1);
    let tampered_status = post(tampered.into_bytes(), approved.signature.clone()).await?;
    println!("  tampered body (changed after signing)           -> HTTP {tampered_status}");

    // Stale: a valid signature over a body whose timestamp is three days old.
    let mut stale: Value = serde_json::from_slice(&approved.body)?;
    stale["timestamp"] = Value::String(
        (Utc::now() - TimeDelta::days(3)).to_rfc3339_opts(SecondsFormat::Millis, true),
    );
    let stale = serde_json::to_vec(&stale)?;
    let signature = webhooks::sign(&WebhookSecret::new(sandbox.webhook_secret()), &stale);
    let stale_status = post(stale, signature).await?;
    println!("  stale delivery (validly signed, 3 days old)     -> HTTP {stale_status}");

    if (tampered_status, stale_status) != (401, 401) {
        return Err(format!(
            "forged deliveries answered {tampered_status} and {stale_status}, expected 401"
        )
        .into());
    }
    if let Ok(extra) = accepted.try_recv() {
        return Err(format!("the handler ran for a refused delivery: {extra:?}").into());
    }

    let failed: Vec<_> = sandbox
        .webhook_deliveries()
        .into_iter()
        .filter(|d| d.url.is_some() && d.last_status != Some(200))
        .collect();
    if !failed.is_empty() {
        return Err(format!("sandbox deliveries not answered 200: {failed:?}").into());
    }

    // Webhooks lost: the sandbox drops every delivery from now on; the reconciler finds the
    // outcome by reading the API and hands it to the same handler through the same inbox.
    println!("\nevery delivery dropped from now on; a reconciler runs every 500 ms:");
    sandbox.inject_delivery_fault(DeliveryFault::drop().always())?;
    let reconciler = Reconciler::new(client.clone(), inbox.clone())
        .every(Duration::from_millis(500))
        .start(handler);
    let third = client
        .entities()
        .create_person("Carla Test", "AR")
        .tax_id(REJECTED_DNI)
        .send()
        .await?;
    let lost = client.validations().create(&third.id).send().await?;
    println!(
        "  created validation {} (its webhooks will be lost)",
        lost.id
    );
    loop {
        let (outcome, status) = accepted.recv().await.ok_or("the handler stopped")?;
        if (outcome, status) == (Outcome::Processed, ValidationStatus::Rejected) {
            break;
        }
    }
    reconciler.stop().await;
    let dropped = sandbox
        .webhook_deliveries()
        .iter()
        .filter(|d| d.validation_id.to_string() == lost.id.to_string())
        .all(|d| d.state == gu1_kyc_sandbox::DeliveryState::Dropped);
    if !dropped {
        return Err("a delivery of the third validation was not dropped".into());
    }

    println!(
        "\neach event processed once, the late in_progress ignored, both forgeries refused \
         (401), the lost outcome found by the reconciler"
    );
    sandbox.shutdown().await;
    Ok(())
}
