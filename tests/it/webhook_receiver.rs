//! The axum extractor: which requests reach the handler, what the others are answered, and the
//! sandbox's real signed deliveries going through it. Needs the `axum` feature:
//! `cargo test --features axum --test webhook_receiver`.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use crate::support::world::{World, complete_hosted_session, eventually};
use axum::http::StatusCode;
use axum::{
    Router,
    extract::{FromRef, State},
    routing::post,
};
use chrono::{SecondsFormat, TimeDelta, Utc};
use gu1_kyc::store::{Inbox, MemoryStore};
use gu1_kyc::types::{ValidationStatus, WebhookEventType};
use gu1_kyc::webhooks::{
    self, Rejection, SIGNATURE_HEADER, VerifiedWebhook, Verifier, WebhookEvent, WebhookRejection,
    WebhookSecret,
};
use gu1_kyc_sandbox::DeliveryState;
use serde_json::json;

const SECRET: &str = "whsec_receiver_7e1d";
const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

/// The receiver's state: the verifier the extractor needs, and what the handler saw.
#[derive(Clone)]
struct App {
    verifier: Verifier,
    handled: Arc<Mutex<Vec<WebhookEvent>>>,
    inbox: Inbox,
    processed: Arc<Mutex<Vec<(String, ValidationStatus)>>>,
}

impl FromRef<App> for Verifier {
    fn from_ref(app: &App) -> Self {
        app.verifier.clone()
    }
}

async fn handler(
    State(app): State<App>,
    VerifiedWebhook(event): VerifiedWebhook,
) -> (StatusCode, &'static str) {
    let handled = app
        .inbox
        .handle(&event, |event| async {
            app.processed
                .lock()
                .unwrap()
                .push((event.validation_id().to_string(), event.status()));
            Ok::<_, std::convert::Infallible>(())
        })
        .await;
    app.handled.lock().unwrap().push(event);
    let status = StatusCode::from_u16(handled.http_status()).expect("a valid status");
    (status, if status.is_success() { "ok" } else { "retry" })
}

/// Serves the handler on loopback; returns its URL and the state.
async fn serve(verifier: Verifier) -> (String, App) {
    let app = App {
        verifier,
        handled: Arc::default(),
        inbox: Inbox::new(MemoryStore::new()),
        processed: Arc::default(),
    };
    let router = Router::new()
        .route("/hooks", post(handler))
        .with_state(app.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let url = format!("http://{}/hooks", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    (url, app)
}

fn verifier() -> Verifier {
    Verifier::new([WebhookSecret::new(SECRET)]).max_age(Duration::from_secs(5 * 60))
}

fn body_stamped(timestamp: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "event": "kyc.validation_approved",
        "timestamp": timestamp,
        "organizationId": "org_abc123",
        "payload": { "id": VALIDATION_ID, "entityId": "123e4567-e89b-12d3-a456-426614174000",
                     "status": "approved", "extractedData": { "firstName": "John" } }
    }))
    .expect("JSON")
}

fn fresh_body() -> Vec<u8> {
    body_stamped(&Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// Posts `body` with an optional signature; returns the status and the answer's text.
async fn post_to(url: &str, body: Vec<u8>, signature: Option<&str>) -> (u16, String) {
    let mut request = reqwest::Client::new().post(url).body(body);
    if let Some(signature) = signature {
        request = request.header(SIGNATURE_HEADER, signature);
    }
    let response = request.send().await.expect("the receiver answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

fn handled(app: &App) -> usize {
    app.handled.lock().unwrap().len()
}

#[tokio::test]
async fn a_genuine_delivery_reaches_the_handler() {
    let (url, app) = serve(verifier()).await;
    let body = fresh_body();
    let signature = webhooks::sign(&WebhookSecret::new(SECRET), &body);
    assert_eq!(
        post_to(&url, body, Some(&signature)).await,
        (200, "ok".into())
    );
    let events = app.handled.lock().unwrap().clone();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_type, WebhookEventType::ValidationApproved);
    assert_eq!(events[0].validation_id().as_str(), VALIDATION_ID);
}

#[tokio::test]
async fn a_tampered_delivery_is_answered_401_and_never_handled() {
    let (url, app) = serve(verifier()).await;
    let body = fresh_body();
    let signature = webhooks::sign(&WebhookSecret::new(SECRET), &body);
    let tampered = String::from_utf8(body)
        .unwrap()
        .replace("\"approved\"", "\"rejected\"");
    let (status, text) = post_to(&url, tampered.into_bytes(), Some(&signature)).await;
    assert_eq!(status, 401);
    assert_eq!(text, "invalid webhook signature");
    assert_eq!(handled(&app), 0, "the handler must not run");
}

#[tokio::test]
async fn an_unsigned_delivery_is_answered_401() {
    let (url, app) = serve(verifier()).await;
    assert_eq!(post_to(&url, fresh_body(), None).await.0, 401);
    assert_eq!(post_to(&url, fresh_body(), Some("")).await.0, 401);
    assert_eq!(post_to(&url, fresh_body(), Some("sha256=zz")).await.0, 401);
    assert_eq!(handled(&app), 0);
}

#[tokio::test]
async fn a_stale_delivery_is_answered_401() {
    let (url, app) = serve(verifier()).await;
    let three_days_ago =
        (Utc::now() - TimeDelta::days(3)).to_rfc3339_opts(SecondsFormat::Millis, true);
    let body = body_stamped(&three_days_ago);
    let signature = webhooks::sign(&WebhookSecret::new(SECRET), &body);
    let (status, text) = post_to(&url, body, Some(&signature)).await;
    assert_eq!(status, 401);
    assert!(text.contains("age"), "{text}");
    assert!(!text.contains("John"), "{text}");
    assert_eq!(handled(&app), 0);
}

#[tokio::test]
async fn a_signed_but_unreadable_body_is_answered_400() {
    let (url, app) = serve(verifier()).await;
    let body = br#"{"not":"an event"}"#.to_vec();
    let signature = webhooks::sign(&WebhookSecret::new(SECRET), &body);
    assert_eq!(
        post_to(&url, body, Some(&signature)).await,
        (400, "unreadable webhook body".into())
    );
    assert_eq!(handled(&app), 0);
}

#[tokio::test]
async fn a_handler_can_take_the_rejection_and_read_why() {
    let seen: Arc<Mutex<Vec<Option<Rejection>>>> = Arc::default();
    let record = seen.clone();
    let router = Router::new()
        .route(
            "/",
            post(
                move |delivery: Result<VerifiedWebhook, WebhookRejection>| async move {
                    let (status, why) = match &delivery {
                        Ok(_) => (200, None),
                        Err(refused) => (refused.status().as_u16(), refused.rejection()),
                    };
                    record.lock().unwrap().push(why);
                    axum::http::StatusCode::from_u16(status).unwrap()
                },
            ),
        )
        .with_state(verifier());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });

    let old = body_stamped("2020-01-01T00:00:00Z");
    let signature = webhooks::sign(&WebhookSecret::new(SECRET), &old);
    assert_eq!(post_to(&url, old, Some(&signature)).await.0, 401);
    assert_eq!(post_to(&url, fresh_body(), Some(&signature)).await.0, 401);
    assert_eq!(
        *seen.lock().unwrap(),
        [Some(Rejection::TooOld), Some(Rejection::BadSignature)]
    );
}

/// The sandbox's real deliveries, signed with its secret, through the extractor: every one is
/// answered 200, and each status is processed once, in order.
#[tokio::test]
async fn the_sandboxs_signed_deliveries_pass_the_extractor() {
    let world = World::start().await;
    let verifier = Verifier::new([
        WebhookSecret::new("whsec_retired_secret"),
        WebhookSecret::new(world.sandbox.webhook_secret()),
    ])
    .max_age(Duration::from_secs(60));
    let (url, app) = serve(verifier).await;
    world
        .sandbox
        .set_webhook_url(world.sandbox.organization_id(), Some(&url))
        .expect("the URL is accepted");

    // An auto-approving test number, and a hosted session the customer approves.
    let (_, automatic) = world.validated_person("20-99990001-0").await;
    let (_, hosted) = world.validated_person("30123456").await;
    let session_url = hosted
        .provider_session_url
        .as_ref()
        .map(|url| url.expose().clone())
        .expect("a hosted session");
    complete_hosted_session(&session_url, "approved").await;

    for id in [&automatic.id, &hosted.id] {
        let expected = [
            ValidationStatus::Pending,
            ValidationStatus::InProgress,
            ValidationStatus::Approved,
        ];
        let processed = eventually("approved webhook", || async {
            let processed: Vec<ValidationStatus> = app
                .processed
                .lock()
                .unwrap()
                .iter()
                .filter(|(v, _)| v == id.as_str())
                .map(|(_, s)| s.clone())
                .collect();
            (processed.len() == expected.len()).then_some(processed)
        })
        .await;
        assert_eq!(processed, expected, "validation {id}");
    }
    let deliveries = eventually("deliveries to settle", || async {
        let deliveries = world.sandbox.webhook_deliveries();
        deliveries
            .iter()
            .all(|d| d.state != DeliveryState::Pending)
            .then_some(deliveries)
    })
    .await;
    assert_eq!(deliveries.len(), 6);
    for delivery in &deliveries {
        assert_eq!(delivery.state, DeliveryState::Delivered, "{delivery:?}");
        assert_eq!(delivery.attempts, 1, "{delivery:?}");
        assert_eq!(delivery.last_status, Some(200), "{delivery:?}");
    }

    // Redelivering a genuine event is answered 200 and not processed again.
    let approved = deliveries
        .iter()
        .find(|d| d.event == "kyc.validation_approved")
        .expect("an approved delivery");
    let before = app.processed.lock().unwrap().len();
    assert_eq!(
        post_to(&url, approved.body.clone(), Some(&approved.signature))
            .await
            .0,
        200
    );
    assert_eq!(app.processed.lock().unwrap().len(), before);
}

/// A receiver with the wrong secret refuses every sandbox delivery, and the sandbox sees 401s.
#[tokio::test]
async fn a_receiver_with_the_wrong_secret_refuses_the_sandboxs_deliveries() {
    let sandbox = gu1_kyc_sandbox::Sandbox::builder()
        .outcome_delay(Duration::from_millis(20))
        .webhook_retries(2, Duration::from_millis(10))
        .start()
        .await
        .expect("the sandbox starts");
    let (url, app) = serve(Verifier::new([WebhookSecret::new(
        "whsec_not_the_sandboxs",
    )]))
    .await;
    sandbox
        .set_webhook_url(sandbox.organization_id(), Some(&url))
        .expect("the URL is accepted");
    let client =
        crate::support::world::client_for(&sandbox, sandbox.api_key(), sandbox.organization_id());
    let person = client
        .entities()
        .create_person("Ana Test", "AR")
        .tax_id("20-99990001-0")
        .send()
        .await
        .expect("the person is created");
    client
        .validations()
        .create(&person.id)
        .send()
        .await
        .expect("the validation is created");
    let deliveries = eventually("all three deliveries to fail", || async {
        let deliveries = sandbox.webhook_deliveries();
        (deliveries.len() == 3 && deliveries.iter().all(|d| d.state == DeliveryState::Failed))
            .then_some(deliveries)
    })
    .await;
    for delivery in deliveries {
        assert_eq!(delivery.last_status, Some(401), "{delivery:?}");
    }
    assert_eq!(handled(&app), 0);
}
