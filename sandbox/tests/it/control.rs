//! Outcome and clock control: any validation to any status with its signed webhook, a webhook
//! fired again, and a clock that expires validations after the documented 7 days; from Rust and
//! from `/_sandbox/...`.

use std::time::Duration;

use crate::support::api::{Receiver, check_schema, hmac_sha256_hex, sandbox_posting_to};
use crate::support::kit::Plain;
use gu1_kyc_sandbox::{Error, Sandbox};
use serde_json::{Value, json};

const STATUSES: [&str; 8] = [
    "in_progress",
    "in_review",
    "approved",
    "rejected",
    "expired",
    "abandoned",
    "cancelled",
    "pending",
];

/// Waits until the receiver got `count` webhooks; returns their parsed bodies.
async fn webhooks(receiver: &Receiver, count: usize) -> Vec<Value> {
    receiver
        .arrivals(count)
        .await
        .iter()
        .map(|r| serde_json::from_slice(&r.body).expect("a JSON body"))
        .collect()
}

#[tokio::test]
async fn set_status_reaches_every_status_with_a_signed_webhook_that_fits_the_spec() {
    let receiver = Receiver::start(0).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30111111").await;
    let id = api.validation(&entity).await;
    for status in STATUSES {
        sandbox.set_status(&id, status).expect("a known validation");
        assert_eq!(api.status_of(&id).await, status);
    }
    // One webhook for the creation, then one per change, in order.
    let events = webhooks(&receiver, 1 + STATUSES.len()).await;
    let names: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    let mut expected = vec!["kyc.validation_created".to_string()];
    expected.extend(STATUSES.map(|s| match s {
        "pending" => "kyc.validation_created".to_string(),
        other => format!("kyc.validation_{other}"),
    }));
    assert_eq!(names, expected);
    for (request, event) in receiver.requests().iter().zip(&events) {
        check_schema("KycWebhookEvent", event);
        let signature = hmac_sha256_hex(sandbox.webhook_secret().as_bytes(), &request.body);
        assert_eq!(request.signature.as_deref(), Some(signature.as_str()));
        assert_eq!(event["payload"]["id"], id.as_str());
    }
    // `approved` carries the finished session's data and the entity, as an automatic one does.
    let approved = &events[3]["payload"];
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["entity"]["id"], entity.as_str());
    assert!(approved["decision"].is_object(), "{approved}");
    assert!(approved["verifiedAt"].is_string(), "{approved}");
}

#[tokio::test]
async fn quiet_changes_send_nothing_and_a_webhook_can_be_fired_again() {
    let receiver = Receiver::start(0).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    let api = Plain::for_sandbox(&sandbox);
    let id = api.validation(&api.person("30111112").await).await;
    webhooks(&receiver, 1).await;
    sandbox
        .set_status_quietly(&id, "in_review")
        .expect("a known validation");
    assert_eq!(api.status_of(&id).await, "in_review");
    let event = sandbox.fire_webhook(&id).expect("a known validation");
    assert_eq!(event, "kyc.validation_in_review");
    let again = sandbox.fire_webhook(&id).expect("a known validation");
    assert_eq!(again, event);
    let events = webhooks(&receiver, 3).await;
    assert_eq!(events.len(), 3, "the quiet change sent nothing");
    assert_eq!(events[1]["event"], "kyc.validation_in_review");
    assert_eq!(events[1]["payload"], events[2]["payload"]);

    assert!(matches!(
        sandbox.set_status(&id, "done"),
        Err(Error::UnknownStatus(_))
    ));
    assert!(matches!(
        sandbox.set_status("00000000-0000-4000-8000-000000000000", "approved"),
        Err(Error::UnknownValidation)
    ));
    assert!(matches!(
        sandbox.fire_webhook("not-an-id"),
        Err(Error::UnknownValidation)
    ));
}

#[tokio::test]
async fn the_status_endpoint_acts_on_the_callers_organization_only() {
    let receiver = Receiver::start(0).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    let api = Plain::for_sandbox(&sandbox);
    let id = api.validation(&api.person("30111113").await).await;
    let path = format!("/_sandbox/validations/{id}/status");

    let changed = api.post(&path, json!({"status": "rejected"})).await;
    assert_eq!(changed.status, 200, "{:?}", changed.json);
    assert_eq!(changed.json["status"], "rejected");
    assert_eq!(changed.json["isCurrent"], false);
    check_schema("KycValidation", &changed.json);
    assert_eq!(api.status_of(&id).await, "rejected");

    let quiet = api
        .post(&path, json!({"status": "approved", "webhook": false}))
        .await;
    assert_eq!(quiet.json["status"], "approved");
    let fired = api
        .post(&format!("/_sandbox/validations/{id}/webhook"), json!({}))
        .await;
    assert_eq!(fired.status, 200, "{:?}", fired.json);
    assert_eq!(fired.json["event"], "kyc.validation_approved");
    let events = webhooks(&receiver, 3).await;
    let names: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "kyc.validation_created",
            "kyc.validation_rejected",
            "kyc.validation_approved"
        ]
    );

    // Another organization's key cannot see or change it.
    let other = api.with_key(&sandbox.add_organization().api_key);
    let foreign = other.post(&path, json!({"status": "cancelled"})).await;
    assert_eq!(
        (foreign.status, foreign.json["error"].as_str()),
        (404, Some("NOT_FOUND"))
    );
    assert_eq!(api.status_of(&id).await, "approved");

    let bad = api.post(&path, json!({"status": "done"})).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json["error"], "VALIDATION_ERROR");
    assert!(bad.json["message"].as_str().unwrap().contains("in_review"));
    let unknown_field = api.post(&path, json!({"status": "approved", "x": 1})).await;
    assert_eq!(unknown_field.status, 400);
    let no_key = api
        .with_key("gk_sandbox_wrong")
        .post(&path, json!({"status": "approved"}))
        .await;
    assert_eq!(no_key.status, 401);
    let missing = api
        .post(
            "/_sandbox/validations/nope/status",
            json!({"status": "approved"}),
        )
        .await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn advancing_the_clock_past_seven_days_expires_open_validations_with_their_webhook() {
    let receiver = Receiver::start(0).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    let api = Plain::for_sandbox(&sandbox);
    let pending = api.validation(&api.person("30111114").await).await;
    let in_progress = api.validation(&api.person("30111115").await).await;
    sandbox
        .set_status_quietly(&in_progress, "in_progress")
        .unwrap();
    let approved = api.validation(&api.person("30111116").await).await;
    sandbox.set_status_quietly(&approved, "approved").unwrap();
    let created = api.get(&format!("/api/kyc/validations/{pending}")).await;
    let expires_at = created.json["expiresAt"].as_str().unwrap().to_string();

    let before = sandbox.now();
    assert!(
        sandbox
            .advance_clock(Duration::from_secs(6 * 86_400))
            .is_empty()
    );
    assert!(sandbox.now() - before >= chrono::Duration::days(6));
    assert_eq!(api.status_of(&pending).await, "pending");

    let mut expired: Vec<String> = sandbox
        .advance_clock(Duration::from_secs(86_400 + 60))
        .iter()
        .map(|id| id.to_string())
        .collect();
    expired.sort();
    let mut expected = vec![pending.clone(), in_progress.clone()];
    expected.sort();
    assert_eq!(expired, expected);
    assert_eq!(api.status_of(&pending).await, "expired");
    assert_eq!(api.status_of(&in_progress).await, "expired");
    assert_eq!(api.status_of(&approved).await, "approved");
    let after = api.get(&format!("/api/kyc/validations/{pending}")).await;
    assert_eq!(after.json["isCurrent"], false);
    assert_eq!(after.json["expiresAt"], expires_at.as_str());
    assert!(after.json["updatedAt"].as_str().unwrap() > expires_at.as_str());

    let events = webhooks(&receiver, 5).await;
    let expired_events: Vec<&Value> = events
        .iter()
        .filter(|e| e["event"] == "kyc.validation_expired")
        .collect();
    assert_eq!(expired_events.len(), 2, "{events:?}");
    for event in expired_events {
        check_schema("KycWebhookEvent", event);
        assert!(event["timestamp"].as_str().unwrap() > expires_at.as_str());
    }

    // A year later the approved entity needs verifying again.
    let entity = api
        .get(&format!("/api/kyc/validations/{approved}"))
        .await
        .json["entityId"]
        .as_str()
        .unwrap()
        .to_string();
    let status_path = format!("/api/kyc/entities/{entity}/status");
    assert_eq!(api.get(&status_path).await.json["isVerified"], true);
    sandbox.advance_clock(Duration::from_secs(366 * 86_400));
    let later = api.get(&status_path).await;
    assert_eq!(later.json["isVerified"], false);
    assert_eq!(later.json["needsReverification"], true);
}

#[tokio::test]
async fn the_clock_endpoints_read_and_advance_the_clock_and_list_the_callers_expiries() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let other = api.with_key(&sandbox.add_organization().api_key);
    let mine = api.validation(&api.person("30111117").await).await;
    let theirs = other.validation(&other.person("30111117").await).await;

    let clock = api.get("/_sandbox/clock").await;
    assert_eq!(clock.status, 200);
    assert_eq!(clock.json["offsetSeconds"], 0);
    let advanced = api
        .post("/_sandbox/clock/advance", json!({"days": 7, "seconds": 1}))
        .await;
    assert_eq!(advanced.status, 200, "{:?}", advanced.json);
    assert_eq!(advanced.json["offsetSeconds"], 7 * 86_400 + 1);
    assert_eq!(advanced.json["expired"], json!([mine]));
    assert!(advanced.json["now"].as_str().unwrap() > clock.json["now"].as_str().unwrap());
    // The clock is shared: the other organization's validation expired too, unlisted above.
    assert_eq!(other.status_of(&theirs).await, "expired");
    assert_eq!(
        other.get("/_sandbox/clock").await.json["offsetSeconds"],
        7 * 86_400 + 1
    );

    for bad in [json!({}), json!({"hours": 1}), json!({"seconds": -5})] {
        let reply = api.post("/_sandbox/clock/advance", bad.clone()).await;
        assert_eq!(reply.status, 400, "{bad}: {:?}", reply.json);
        assert_eq!(reply.json["error"], "VALIDATION_ERROR");
    }
    assert_eq!(
        api.with_key("nope").get("/_sandbox/clock").await.status,
        401
    );
}
