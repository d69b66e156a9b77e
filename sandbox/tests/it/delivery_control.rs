//! Webhook delivery faults over HTTP, under `/_sandbox/webhooks/...`: each organization's faults,
//! held deliveries, unreachable windows and delivery log are its own; bad requests are 400s;
//! the log shows what happened without personal data.

use std::time::Duration;

use crate::support::api::{Receiver, eventually, sandbox_posting_to};
use crate::support::kit::{Plain, Reply};
use gu1_kyc_sandbox::{DeliveryFault, DeliveryState, Sandbox};
use reqwest::Method;
use serde_json::{Value, json};

const FAULTS: &str = "/_sandbox/webhooks/faults";
const RELEASE: &str = "/_sandbox/webhooks/release";
const UNREACHABLE: &str = "/_sandbox/webhooks/unreachable";
const DELIVERIES: &str = "/_sandbox/webhooks/deliveries";

/// Polls the caller's delivery log (at most 5 seconds) until `done` holds; returns it.
async fn log_when(api: &Plain, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    eventually(Duration::from_secs(5), || async {
        let reply = api.get(DELIVERIES).await;
        assert_eq!(reply.status, 200, "{:?}", reply.json);
        let deliveries = reply.json["deliveries"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        done(&deliveries).then_some(deliveries)
    })
    .await
    .unwrap_or_else(|| panic!("the delivery log never settled: {:?}", api.base))
}

fn states(deliveries: &[Value]) -> Vec<&str> {
    deliveries
        .iter()
        .map(|d| d["state"].as_str().unwrap_or(""))
        .collect()
}

#[tokio::test]
async fn faults_injected_over_http_apply_only_to_the_callers_organization() {
    let my_receiver = Receiver::start(0).await;
    let their_receiver = Receiver::start(0).await;
    let sandbox = sandbox_posting_to(&my_receiver).await;
    let other = sandbox.add_organization();
    sandbox
        .set_webhook_url(&other.organization_id, Some(&their_receiver.url))
        .unwrap();
    let mine = Plain::for_sandbox(&sandbox);
    let theirs = mine.with_key(&other.api_key);

    let drop = mine
        .post(FAULTS, json!({"kind": "drop", "always": true}))
        .await;
    assert_eq!(drop.status, 201, "{:?}", drop.json);
    assert_eq!(
        (drop.json["kind"].as_str(), drop.json["remaining"].clone()),
        (Some("drop"), Value::Null)
    );
    let hold = theirs.post(FAULTS, json!({"kind": "hold"})).await;
    assert_eq!(
        (hold.status, hold.json["remaining"].as_u64()),
        (201, Some(1))
    );
    assert_eq!(
        mine.get(FAULTS).await.json["faults"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(theirs.get(FAULTS).await.json["faults"][0]["kind"], "hold");

    let my_validation = mine.validation(&mine.person("30111331").await).await;
    let their_validation = theirs.validation(&theirs.person("30111332").await).await;
    let my_log = log_when(&mine, |d| states(d) == ["dropped"]).await;
    assert_eq!(my_log[0]["fault"], "drop");
    assert_eq!(my_log[0]["validationId"], my_validation.as_str());
    let their_log = log_when(&theirs, |d| states(d) == ["held"]).await;
    assert_eq!(their_log[0]["validationId"], their_validation.as_str());

    // My release does not touch their held delivery; theirs sends it.
    let released = mine.post(RELEASE, json!({"order": "as_held"})).await;
    assert_eq!(
        (released.status, released.json["released"].as_u64()),
        (200, Some(0))
    );
    let released = theirs.post(RELEASE, json!({"order": "reverse"})).await;
    assert_eq!(released.json["released"], 1);
    log_when(&theirs, |d| states(d) == ["delivered"]).await;

    // My unreachable window leaves their deliveries alone, and clearing my faults theirs.
    let window = mine.post(UNREACHABLE, json!({"durationMs": 60_000})).await;
    assert_eq!(window.status, 200, "{:?}", window.json);
    assert!(window.json["until"].as_str().is_some());
    assert_eq!(mine.delete(FAULTS).await.status, 204);
    assert!(
        mine.get(FAULTS).await.json["faults"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    for (api, id) in [(&mine, &my_validation), (&theirs, &their_validation)] {
        let path = format!("/_sandbox/validations/{id}/webhook");
        assert_eq!(api.post(&path, json!({})).await.status, 200);
    }
    let their_log = log_when(&theirs, |d| states(d) == ["delivered", "delivered"]).await;
    assert_eq!(
        their_log[1]["copies"][0]["attempts"][0]["unreachable"],
        false
    );
    let my_log = log_when(&mine, |d| states(d) == ["dropped", "failed"]).await;
    let attempts = my_log[1]["copies"][0]["attempts"].as_array().unwrap();
    assert!(
        attempts.iter().all(|a| a["unreachable"] == true),
        "{attempts:?}"
    );
    assert!(my_receiver.requests().is_empty());
    assert_eq!(their_receiver.requests().len(), 2);
    // The Rust handle sees every organization's deliveries.
    assert_eq!(sandbox.webhook_deliveries().len(), 4);
}

#[tokio::test]
async fn bad_delivery_control_requests_are_refused_with_400_and_change_nothing() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let bad_faults = [
        json!({"kind": "explode"}),
        json!({"kind": "drop", "times": 0}),
        json!({"kind": "drop", "times": 2, "always": true}),
        json!({"kind": "drop", "fraction": 1.5}),
        json!({"kind": "drop", "fraction": -0.1, "seed": 3}),
        json!({"kind": "drop", "seed": 3}),
        json!({"kind": "drop", "delayMs": 10}),
        json!({"kind": "delay"}),
        json!({"kind": "delay", "delayMs": 300_001}),
        json!({"kind": "hold", "times": -1}),
        json!({"kind": "hold", "color": "red"}),
        json!({"times": 1}),
        json!(["drop"]),
        json!("drop"),
    ];
    let bad_releases = [
        json!({"order": "sideways"}),
        json!({"order": "reverse", "seed": 1}),
        json!({"order": "shuffled", "seed": "x"}),
        json!([]),
    ];
    let bad_windows = [
        json!({}),
        json!({"durationMs": -5}),
        json!({"durationMs": 86_400_001u64}),
        json!({"durationMs": 5, "extra": 1}),
    ];
    let cases = bad_faults
        .iter()
        .map(|b| (FAULTS, b))
        .chain(bad_releases.iter().map(|b| (RELEASE, b)))
        .chain(bad_windows.iter().map(|b| (UNREACHABLE, b)));
    for (path, body) in cases {
        let reply = api.post(path, body.clone()).await;
        assert_eq!(reply.status, 400, "{path} {body}: {:?}", reply.json);
        assert_eq!(reply.json["error"], "VALIDATION_ERROR", "{path} {body}");
        assert!(
            reply.json["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    for path in [FAULTS, RELEASE, UNREACHABLE] {
        let empty = api.request(Method::POST, path).send().await.unwrap();
        assert_eq!(empty.status(), 400, "{path} without a body");
    }
    assert!(
        api.get(FAULTS).await.json["faults"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(sandbox.pending_delivery_faults().is_empty());

    let wrong_key = api.with_key("gk_sandbox_wrong");
    for reply in [
        wrong_key.get(DELIVERIES).await,
        wrong_key.post(FAULTS, json!({"kind": "drop"})).await,
    ] {
        assert_eq!(
            (reply.status, reply.json["error"].as_str()),
            (401, Some("UNAUTHORIZED"))
        );
    }
    assert!(sandbox.pending_delivery_faults().is_empty());

    // Without a seed a fraction or a shuffle draws one and shows it, so a run can be repeated.
    let drawn: Reply = api
        .post(FAULTS, json!({"kind": "drop", "fraction": 0.5}))
        .await;
    assert_eq!(drawn.status, 201);
    assert!(drawn.json["seed"].as_u64().is_some(), "{:?}", drawn.json);
    let seed = drawn.json["seed"].as_u64().unwrap();
    assert_eq!(sandbox.pending_delivery_faults()[0].1.seed(), Some(seed));
    let shuffled = api.post(RELEASE, json!({"order": "shuffled"})).await;
    assert!(
        shuffled.json["seed"].as_u64().is_some(),
        "{:?}",
        shuffled.json
    );
}

#[tokio::test]
async fn the_delivery_log_says_what_happened_and_holds_no_personal_data() {
    let receiver = Receiver::start(1).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    let api = Plain::for_sandbox(&sandbox);
    let twice = api
        .post(FAULTS, json!({"kind": "duplicate", "times": 1}))
        .await;
    assert_eq!(twice.status, 201);
    let id = api.validation(&api.person("30111333").await).await;
    let log = log_when(&api, |d| states(d) == ["delivered"]).await;
    let delivery = &log[0];
    assert_eq!(delivery["event"], "kyc.validation_created");
    assert_eq!(delivery["validationId"], id.as_str());
    assert_eq!(
        (delivery["fault"].as_str(), delivery["faultId"].clone()),
        (Some("duplicate"), twice.json["id"].clone())
    );
    assert_eq!(
        (
            delivery["attempts"].as_u64(),
            delivery["lastStatus"].as_u64()
        ),
        (Some(3), Some(200))
    );
    let first_copy: Vec<Value> = delivery["copies"][0]["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].clone())
        .collect();
    assert_eq!(first_copy, [json!(500), json!(200)]);
    assert_eq!(delivery["copies"][1]["delivered"], true);

    let recorded = &sandbox.webhook_deliveries()[0];
    assert_eq!(recorded.state, DeliveryState::Delivered);
    let shown = [log_text(&log), format!("{recorded:?}")];
    let signature = recorded.signature.clone();
    for text in &shown {
        for private in ["Ana Gomez", "30111333", receiver.url.as_str(), &signature] {
            assert!(!text.contains(private), "{private:?} in {text}");
        }
        assert!(!text.contains("payload"), "{text}");
    }
    // A fault from Rust shows in the caller's list too, as it applies to every organization.
    sandbox
        .inject_delivery_fault(DeliveryFault::drop().always())
        .unwrap();
    assert_eq!(
        api.get(FAULTS).await.json["faults"][0]["remaining"],
        Value::Null
    );
}

fn log_text(log: &[Value]) -> String {
    serde_json::to_string(log).unwrap_or_default()
}
