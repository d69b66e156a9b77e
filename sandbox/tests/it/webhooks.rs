//! Webhooks: the envelope fits the spec, the signature is the HMAC of the raw body, failing
//! receivers are retried with backoff, events arrive in order, and nothing is sent without a URL.

use std::time::Duration;

use crate::support::api::{
    Api, Receiver, check_schema, deliveries_when, eventually, hmac_sha256_hex, sandbox_posting_to,
};
use gu1_kyc_sandbox::{DeliveryState, Sandbox};
use serde_json::{Value, json};

#[tokio::test]
async fn each_status_change_posts_a_signed_envelope_that_fits_the_spec() {
    let receiver = Receiver::start(0).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("99990001").await;
    let id = api.validation_id(&entity).await;
    eventually(Duration::from_secs(5), || async {
        (receiver.requests().len() >= 3).then_some(())
    })
    .await
    .expect("three webhooks");
    let requests = receiver.requests();
    let events: Vec<Value> = requests
        .iter()
        .map(|r| serde_json::from_slice(&r.body).expect("a JSON body"))
        .collect();
    let names: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "kyc.validation_created",
            "kyc.validation_in_progress",
            "kyc.validation_approved"
        ]
    );
    for (request, event) in requests.iter().zip(&events) {
        check_schema("KycWebhookEvent", event);
        assert_eq!(request.content_type.as_deref(), Some("application/json"));
        let expected = hmac_sha256_hex(sandbox.webhook_secret().as_bytes(), &request.body);
        assert_eq!(request.signature.as_deref(), Some(expected.as_str()));
        assert_eq!(event["organizationId"], sandbox.organization_id());
        assert_eq!(event["payload"]["id"], id.as_str());
    }
    assert!(events[0]["payload"].get("entity").is_none());
    assert_eq!(events[2]["payload"]["entity"]["id"], entity.as_str());
    assert_eq!(events[2]["payload"]["status"], "approved");
    let recorded = deliveries_when(&sandbox, |d| {
        d.len() == 3 && d.iter().all(|x| x.state == DeliveryState::Delivered)
    })
    .await;
    assert_eq!(recorded[2].body, requests[2].body);
    assert_eq!(
        recorded[2].json().unwrap()["event"],
        "kyc.validation_approved"
    );
}

#[tokio::test]
async fn a_receiver_that_fails_twice_gets_the_event_on_the_third_attempt() {
    let receiver = Receiver::start(2).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30666777").await;
    api.validate(&entity).await;
    let deliveries = deliveries_when(&sandbox, |d| {
        d.first()
            .is_some_and(|x| x.state == DeliveryState::Delivered)
    })
    .await;
    assert_eq!(deliveries[0].attempts, 3);
    assert_eq!(deliveries[0].last_status, Some(200));
    let statuses: Vec<u16> = receiver.requests().iter().map(|r| r.status_sent).collect();
    assert_eq!(statuses, [500, 500, 200]);
    let bodies: Vec<Vec<u8>> = receiver.requests().into_iter().map(|r| r.body).collect();
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "a retry resends the same bytes"
    );
}

#[tokio::test]
async fn a_receiver_that_never_answers_is_given_up_after_the_bounded_attempts() {
    let sandbox = Sandbox::builder()
        .outcome_delay(Duration::from_millis(5))
        .webhook_url("http://127.0.0.1:9/hooks")
        .webhook_retries(3, Duration::from_millis(10))
        .start()
        .await
        .unwrap();
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("99990002").await;
    let id = api.validation_id(&entity).await;
    api.wait_for_status(&id, "rejected").await;
    let deliveries = deliveries_when(&sandbox, |d| {
        d.len() == 3 && d.iter().all(|x| x.state == DeliveryState::Failed)
    })
    .await;
    for delivery in &deliveries {
        assert_eq!(delivery.attempts, 3);
        assert_eq!(delivery.last_status, None);
        assert!(delivery.last_error.is_some());
    }
    let order: Vec<&str> = deliveries.iter().map(|d| d.event.as_str()).collect();
    assert_eq!(
        order,
        [
            "kyc.validation_created",
            "kyc.validation_in_progress",
            "kyc.validation_rejected"
        ]
    );
}

#[tokio::test]
async fn without_a_webhook_url_events_are_recorded_as_undeliverable() {
    let sandbox = crate::support::api::quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30777888").await;
    api.validate(&entity).await;
    let deliveries = sandbox.webhook_deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].state, DeliveryState::Undeliverable);
    assert_eq!(
        (deliveries[0].url.as_deref(), deliveries[0].attempts),
        (None, 0)
    );
}

#[tokio::test]
async fn a_validation_webhook_url_overrides_the_organization_default() {
    let default = Receiver::start(0).await;
    let own = Receiver::start(0).await;
    let sandbox = sandbox_posting_to(&default).await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30888999").await;
    let created = api
        .post(
            "/api/kyc/validations",
            json!({"entityId": entity, "integrationCode": "global_gueno_validation_kyc", "webhookUrl": own.url}),
        )
        .await;
    assert_eq!(created.status, 201);
    eventually(Duration::from_secs(5), || async {
        (!own.requests().is_empty()).then_some(())
    })
    .await
    .expect("the validation's own receiver is called");
    assert!(default.requests().is_empty());
}

#[tokio::test]
async fn a_second_organization_signs_with_its_own_secret_and_url() {
    let receiver = Receiver::start(0).await;
    let sandbox = crate::support::api::quick_sandbox().await;
    let other = sandbox.add_organization();
    sandbox
        .set_webhook_url(&other.organization_id, Some(&receiver.url))
        .unwrap();
    assert!(
        sandbox
            .set_webhook_url(&other.organization_id, Some("ftp://x"))
            .is_err()
    );
    assert!(sandbox.set_webhook_url("no-such-org", None).is_err());
    let api = Api::new(sandbox.base_url(), &other.api_key);
    let entity = api.person("31000111").await;
    api.validate(&entity).await;
    let request = eventually(Duration::from_secs(5), || async {
        receiver.requests().pop()
    })
    .await
    .expect("a webhook");
    let expected = hmac_sha256_hex(other.webhook_secret.as_bytes(), &request.body);
    assert_eq!(request.signature, Some(expected));
    let event: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(event["organizationId"], other.organization_id.as_str());
}
