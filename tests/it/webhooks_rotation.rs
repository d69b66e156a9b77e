//! Several secrets at once, the maximum age, and idempotent handling of verified events.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use gu1_kyc::store::{Begin, Inbox, MemoryStore};
use gu1_kyc::webhooks::{self, Rejection, Verifier, WebhookEvent, WebhookSecret};
use gu1_kyc::{Error, ErrorKind, types::ValidationStatus};
use serde_json::json;

const OLD: &str = "whsec_old_6d0b1f2e";
const NEW: &str = "whsec_new_93a7c4d1";
const OTHER: &str = "whsec_other_1c2d3e4f";
const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";
const MAX_AGE: Duration = Duration::from_secs(5 * 60);

fn secret(value: &str) -> WebhookSecret {
    WebhookSecret::new(value)
}

fn rotating() -> Verifier {
    Verifier::new([secret(OLD), secret(NEW)])
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    rfc3339.parse().expect("a valid timestamp")
}

/// A current-shape body, stamped `timestamp`, carrying personal data a real one would.
fn current_body(timestamp: &str, status: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "event": format!("kyc.validation_{status}"),
        "timestamp": timestamp,
        "organizationId": "org_abc123",
        "payload": {
            "id": VALIDATION_ID,
            "entityId": ENTITY_ID,
            "status": status,
            "extractedData": { "firstName": "John", "lastName": "Doe", "documentNumber": "AB123456" }
        }
    }))
    .expect("the body serializes")
}

fn legacy_body() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "type": "kyc.validation_approved",
        "data": { "validationId": VALIDATION_ID, "status": "approved",
                  "entity": { "id": ENTITY_ID, "name": "John Doe", "type": "person" } }
    }))
    .expect("the body serializes")
}

const STAMP: &str = "2025-01-15T10:45:00Z";

#[track_caller]
fn rejection(result: Result<impl std::fmt::Debug, Error>, expected: Rejection) -> Error {
    let error = result.expect_err("verification fails");
    assert_eq!(error.kind(), ErrorKind::Webhook, "{error}");
    assert_eq!(Rejection::of(&error), Some(expected), "{error}");
    error
}

#[test]
fn a_delivery_signed_with_the_old_secret_verifies_while_rotating() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(OLD), &body);
    let event = rotating()
        .verify(&body, &header)
        .expect("the old secret is still accepted");
    assert_eq!(event.status(), ValidationStatus::Approved);
}

#[test]
fn a_delivery_signed_with_the_new_secret_verifies_while_rotating() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(NEW), &body);
    rotating()
        .verify_signature(&body, &header)
        .expect("the new secret is accepted");
    rotating()
        .verify(&body, &header)
        .expect("and the event decodes");
}

#[test]
fn a_delivery_signed_with_neither_secret_is_a_bad_signature() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(OTHER), &body);
    let error = rejection(rotating().verify(&body, &header), Rejection::BadSignature);
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("does not match"), "{shown}");
    for leak in [OLD, NEW, OTHER, header.as_str(), "John", "AB123456"] {
        assert!(!shown.contains(leak), "{leak} leaked: {shown}");
    }
}

#[test]
fn the_order_of_the_secrets_does_not_matter() {
    let body = current_body(STAMP, "approved");
    for signer in [OLD, NEW] {
        let header = webhooks::sign(&secret(signer), &body);
        Verifier::new([secret(NEW), secret(OLD)])
            .verify_signature(&body, &header)
            .expect("any one secret is enough");
    }
}

#[test]
fn empty_secrets_are_skipped_and_none_at_all_verifies_nothing() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(NEW), &body);
    Verifier::new([secret(""), secret(NEW)])
        .verify_signature(&body, &header)
        .expect("the non-empty secret verifies");
    // An empty key signs too: it must not be accepted.
    let empty_signed = webhooks::sign(&secret(""), &body);
    rejection(
        Verifier::new([secret(""), secret(NEW)]).verify_signature(&body, &empty_signed),
        Rejection::BadSignature,
    );
    rejection(
        Verifier::new([secret("")]).verify_signature(&body, &empty_signed),
        Rejection::NoSecret,
    );
    rejection(
        Verifier::new([]).verify_signature(&body, &header),
        Rejection::NoSecret,
    );
}

#[test]
fn the_single_secret_functions_report_typed_rejections_too() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(NEW), &body);
    rejection(
        webhooks::verify_signature(&secret(OLD), &body, &header),
        Rejection::BadSignature,
    );
    rejection(
        webhooks::verify_and_parse(&secret(NEW), &body, "not-hex"),
        Rejection::MalformedSignature,
    );
    rejection(
        webhooks::verify_signature(&secret(NEW), &body, ""),
        Rejection::MalformedSignature,
    );
}

#[test]
fn a_fresh_delivery_is_accepted_within_the_maximum_age() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(NEW), &body);
    let verifier = rotating().max_age(MAX_AGE);
    for now in [STAMP, "2025-01-15T10:45:01Z", "2025-01-15T10:50:00Z"] {
        verifier
            .verify_at(at(now), &body, &header)
            .unwrap_or_else(|e| panic!("at {now}: {e}"));
    }
}

#[test]
fn a_stale_delivery_is_refused_as_too_old() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(NEW), &body);
    let verifier = rotating().max_age(MAX_AGE);
    let just_too_late = at(STAMP) + TimeDelta::seconds(5 * 60 + 1);
    rejection(
        verifier.verify_at(just_too_late, &body, &header),
        Rejection::TooOld,
    );
    let days_later = at(STAMP) + TimeDelta::days(3);
    let error = rejection(
        verifier.verify_at(days_later, &body, &header),
        Rejection::TooOld,
    );
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("too old"), "{shown}");
    assert!(shown.contains("259200s"), "says how old: {shown}");
    assert!(
        !shown.contains("does not match"),
        "not a signature problem: {shown}"
    );
    for leak in [OLD, NEW, header.as_str(), "John", "Doe", "AB123456"] {
        assert!(!shown.contains(leak), "{leak} leaked: {shown}");
    }
    // Without a maximum age, the same replay is accepted: the check is opt-in.
    rotating()
        .verify_at(days_later, &body, &header)
        .expect("no maximum age, no age check");
}

#[test]
fn a_delivery_from_the_future_is_refused_beyond_the_clock_skew() {
    let body = current_body(STAMP, "approved");
    let header = webhooks::sign(&secret(NEW), &body);
    let verifier = rotating().max_age(MAX_AGE);
    // Within the default 5 minutes of skew: accepted.
    let slow_clock = at(STAMP) - TimeDelta::seconds(4 * 60);
    verifier
        .verify_at(slow_clock, &body, &header)
        .expect("within the skew tolerance");
    let far_behind = at(STAMP) - TimeDelta::hours(2);
    let error = rejection(
        verifier.verify_at(far_behind, &body, &header),
        Rejection::FromTheFuture,
    );
    assert!(error.to_string().contains("in the future"), "{error}");
    // A tighter tolerance refuses what the default accepted.
    rejection(
        verifier
            .clone()
            .clock_skew(Duration::from_secs(30))
            .verify_at(slow_clock, &body, &header),
        Rejection::FromTheFuture,
    );
}

#[test]
fn the_legacy_body_has_no_timestamp_and_is_refused_when_a_maximum_age_is_set() {
    let body = legacy_body();
    let header = webhooks::sign(&secret(OLD), &body);
    let now = at(STAMP);
    let error = rejection(
        rotating().max_age(MAX_AGE).verify_at(now, &body, &header),
        Rejection::Undated,
    );
    assert!(error.to_string().contains("no `timestamp`"), "{error}");
    rotating()
        .max_age(MAX_AGE)
        .allow_undated(true)
        .verify_at(now, &body, &header)
        .expect("accepted when undated bodies are allowed");
    rotating()
        .verify_at(now, &body, &header)
        .expect("accepted without a maximum age");
    // Allowing undated bodies does not skip the signature.
    rejection(
        rotating().max_age(MAX_AGE).allow_undated(true).verify_at(
            now,
            &body,
            &webhooks::sign(&secret(OTHER), &body),
        ),
        Rejection::BadSignature,
    );
}

#[test]
fn the_signature_is_checked_before_the_age() {
    let body = current_body(STAMP, "approved");
    let forged = webhooks::sign(&secret(OTHER), &body);
    rejection(
        rotating()
            .max_age(MAX_AGE)
            .verify_at(at(STAMP) + TimeDelta::days(3), &body, &forged),
        Rejection::BadSignature,
    );
}

#[test]
fn a_signed_body_that_is_not_an_event_is_a_decode_error_not_a_rejection() {
    let body = br#"{"hello":"world"}"#;
    let header = webhooks::sign(&secret(NEW), body);
    let error = rotating()
        .max_age(MAX_AGE)
        .verify(body, &header)
        .expect_err("not an event");
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    assert_eq!(Rejection::of(&error), None);
}

#[test]
fn the_verifiers_debug_output_shows_no_secret() {
    let shown = format!("{:?}", rotating().max_age(MAX_AGE));
    assert!(!shown.contains(OLD) && !shown.contains(NEW), "{shown}");
    assert!(shown.contains("secrets: 2"), "{shown}");
}

fn event(status: &str) -> WebhookEvent {
    webhooks::parse_event(&current_body(STAMP, status)).expect("the event parses")
}

fn event_for(validation_id: &str, status: &str) -> WebhookEvent {
    let mut body: serde_json::Value =
        serde_json::from_slice(&current_body(STAMP, status)).expect("JSON");
    body["payload"]["id"] = json!(validation_id);
    webhooks::parse_event(&serde_json::to_vec(&body).expect("JSON")).expect("the event parses")
}

/// Begins an event and, when it is to be processed, completes it: what a receiver does with an
/// event whose handler succeeds.
async fn admit(inbox: &Inbox, event: &WebhookEvent) -> Begin {
    let begun = inbox.begin(event).await.expect("the memory store answers");
    if let Begin::Process(lease) = &begun {
        inbox.complete(lease).await.expect("the lease is held");
    }
    begun
}

fn processed(begun: Begin) -> bool {
    matches!(begun, Begin::Process(_))
}

#[tokio::test]
async fn each_event_is_processed_once() {
    let inbox = Inbox::new(MemoryStore::new());
    assert!(processed(admit(&inbox, &event("pending")).await));
    assert_eq!(admit(&inbox, &event("pending")).await, Begin::Duplicate);
    assert!(processed(admit(&inbox, &event("in_progress")).await));
    assert_eq!(admit(&inbox, &event("in_progress")).await, Begin::Duplicate);
    assert!(processed(admit(&inbox, &event("approved")).await));
    assert_eq!(admit(&inbox, &event("approved")).await, Begin::Duplicate);
}

#[tokio::test]
async fn a_late_earlier_status_does_not_undo_a_terminal_one() {
    let inbox = Inbox::new(MemoryStore::new());
    assert!(processed(admit(&inbox, &event("approved")).await));
    for late in ["pending", "in_progress", "in_review"] {
        assert_eq!(
            admit(&inbox, &event(late)).await,
            Begin::Superseded,
            "{late}"
        );
    }
    // A non-terminal status before the terminal one is processed normally.
    let other = "8b0f8f4e-2d3c-4f7a-9f57-0d3f1c2b7a11";
    assert!(processed(
        admit(&inbox, &event_for(other, "in_review")).await
    ));
    assert!(processed(
        admit(&inbox, &event_for(other, "rejected")).await
    ));
    assert_eq!(
        admit(&inbox, &event_for(other, "in_progress")).await,
        Begin::Superseded
    );
}

#[tokio::test]
async fn validations_are_tracked_separately() {
    let inbox = Inbox::new(MemoryStore::new());
    let other = "8b0f8f4e-2d3c-4f7a-9f57-0d3f1c2b7a11";
    assert!(processed(admit(&inbox, &event("approved")).await));
    assert!(processed(
        admit(&inbox, &event_for(other, "in_progress")).await
    ));
}

#[tokio::test]
async fn an_abandoned_event_is_processed_again() {
    let inbox = Inbox::new(MemoryStore::new());
    assert!(processed(admit(&inbox, &event("in_progress")).await));
    let Begin::Process(approval) = inbox.begin(&event("approved")).await.unwrap() else {
        panic!("the approval is processed");
    };
    inbox.abandon(&approval).await.expect("the lease is held");
    // The approval's processing failed, so it no longer blocks earlier statuses...
    assert!(processed(admit(&inbox, &event("in_review")).await));
    // ...and its retry is processed.
    assert!(processed(admit(&inbox, &event("approved")).await));
    assert_eq!(admit(&inbox, &event("in_progress")).await, Begin::Duplicate);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_deliveries_of_one_event_are_processed_once() {
    let inbox = Inbox::new(MemoryStore::new());
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let inbox = inbox.clone();
            tokio::spawn(async move { inbox.begin(&event("approved")).await })
        })
        .collect();
    let mut processed = 0;
    for task in tasks {
        match task
            .await
            .expect("no panic")
            .expect("the memory store answers")
        {
            Begin::Process(_) => processed += 1,
            other => assert_eq!(other, Begin::InFlight),
        }
    }
    assert_eq!(processed, 1);
}

#[tokio::test]
async fn the_stores_debug_output_shows_no_ids() {
    let store = MemoryStore::new();
    let inbox = Inbox::new(store.clone());
    let begun = admit(&inbox, &event("approved")).await;
    for shown in [
        format!("{store:?}"),
        format!("{inbox:?}"),
        format!("{begun:?}"),
    ] {
        assert!(!shown.contains(VALIDATION_ID), "{shown}");
    }
    assert!(format!("{store:?}").contains("validations: 1"), "{store:?}");
}
