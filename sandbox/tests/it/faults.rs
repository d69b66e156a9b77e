//! Fault injection: the next N answers of one operation (or of all) are a chosen status and
//! body, a delay, a dropped connection or a slow body; from Rust and from `/_sandbox/faults`.

use std::time::{Duration, Instant};

use crate::support::kit::Plain;
use gu1_kyc_sandbox::{Error, Fault, FaultKind, Sandbox};
use reqwest::Method;
use serde_json::json;

const CREATE: &str = "/api/kyc/validations";

fn create_body(entity: &str) -> serde_json::Value {
    json!({"entityId": entity, "integrationCode": "global_gueno_validation_kyc"})
}

async fn total_validations(api: &Plain) -> u64 {
    api.get("/api/kyc/validations").await.json["total"]
        .as_u64()
        .expect("a total")
}

#[tokio::test]
async fn a_status_fault_answers_the_next_n_calls_of_its_operation_and_runs_nothing() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30222221").await;
    sandbox
        .inject_fault(
            Fault::status(503)
                .on("createValidation")
                .times(2)
                .header("retry-after", "1"),
        )
        .expect("a valid fault");
    assert_eq!(sandbox.pending_faults()[0].remaining(), 2);

    let first = api.post(CREATE, create_body(&entity)).await;
    assert_eq!(first.status, 503);
    assert_eq!(first.json["error"], "SERVICE_UNAVAILABLE");
    assert_eq!(first.headers["retry-after"], "1");
    // Other operations answer normally meanwhile.
    assert_eq!(total_validations(&api).await, 0);
    assert_eq!(api.post(CREATE, create_body(&entity)).await.status, 503);
    assert_eq!(api.post(CREATE, create_body(&entity)).await.status, 201);
    assert!(sandbox.pending_faults().is_empty());
    assert_eq!(
        total_validations(&api).await,
        1,
        "faulted creates ran nothing"
    );

    let custom = json!({"error": "RATE_LIMITED", "message": "slow down"});
    sandbox
        .inject_fault(Fault::status(429).on("getEntity").body(custom.clone()))
        .unwrap();
    let limited = api.get(&format!("/entities/{entity}")).await;
    assert_eq!((limited.status, limited.json), (429, custom));
}

#[tokio::test]
async fn a_fault_for_every_operation_spares_the_control_endpoints_and_can_be_cleared() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    sandbox.inject_fault(Fault::status(500).times(3)).unwrap();
    assert_eq!(api.get("/entities").await.status, 500);
    assert_eq!(
        api.get("/api/kyc/face-match/verifications").await.status,
        500
    );
    // The control API is never faulted, so a test can always inspect and clean up.
    assert_eq!(api.get("/_sandbox/requests").await.status, 200);
    assert_eq!(
        api.get("/_sandbox/faults").await.json["faults"][0]["remaining"],
        1
    );
    sandbox.clear_faults();
    assert_eq!(api.get("/entities").await.status, 200);

    assert!(matches!(
        sandbox.inject_fault(Fault::status(503).on("deleteEverything")),
        Err(Error::InvalidFault(_))
    ));
    assert!(matches!(
        sandbox.inject_fault(Fault::delay(Duration::from_secs(3600))),
        Err(Error::InvalidFault(_))
    ));
    assert!(sandbox.pending_faults().is_empty());
}

#[tokio::test]
async fn a_delay_trips_a_client_timeout_and_is_seen_in_the_request_log() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    sandbox
        .inject_fault(Fault::delay(Duration::from_millis(1500)).on("listEntities"))
        .unwrap();
    let error = api
        .request(Method::GET, "/entities")
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .expect_err("the client gives up first");
    assert!(error.is_timeout(), "{error:?}");
    // The fault was used up by that call; the next one is prompt.
    let started = Instant::now();
    assert_eq!(api.get("/entities").await.status, 200);
    assert!(started.elapsed() < Duration::from_millis(1000));

    sandbox
        .inject_fault(Fault::delay(Duration::from_millis(400)).on("listEntities"))
        .unwrap();
    let started = Instant::now();
    assert_eq!(api.get("/entities").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(400));
    let delayed = sandbox.requests_for("listEntities").pop().unwrap();
    assert_eq!(delayed.fault.as_deref(), Some("delay"));
    assert!(
        delayed.duration >= Duration::from_millis(400),
        "{delayed:?}"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_and_creates_nothing() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30222222").await;
    sandbox
        .inject_fault(Fault::drop_connection().on("createValidation"))
        .unwrap();
    let error = api
        .request(Method::POST, CREATE)
        .json(&create_body(&entity))
        .send()
        .await
        .expect_err("no answer");
    assert!(!error.is_timeout(), "{error:?}");
    assert!(error.status().is_none());
    assert_eq!(total_validations(&api).await, 0);
    let logged = sandbox.requests_for("createValidation");
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].status, None);
    assert_eq!(logged[0].fault.as_deref(), Some("drop_connection"));
    // The retry succeeds.
    assert_eq!(api.post(CREATE, create_body(&entity)).await.status, 201);
}

#[tokio::test]
async fn a_slow_body_sends_the_status_at_once_and_the_same_body_over_time() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30222223").await;
    let path = format!("/entities/{entity}");
    let normal = api.get(&path).await.json;
    sandbox
        .inject_fault(Fault::slow_body(Duration::from_millis(800)).on("getEntity"))
        .unwrap();
    let started = Instant::now();
    let response = api.request(Method::GET, &path).send().await.unwrap();
    let head = started.elapsed();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    let whole = started.elapsed();
    assert_eq!(body, normal);
    assert!(whole >= Duration::from_millis(750), "{whole:?}");
    assert!(
        whole - head >= Duration::from_millis(500),
        "{head:?} then {whole:?}"
    );

    // A client whose timeout covers the body gives up while reading it.
    sandbox
        .inject_fault(Fault::slow_body(Duration::from_millis(1500)).on("getEntity"))
        .unwrap();
    let response = api
        .request(Method::GET, &path)
        .timeout(Duration::from_millis(500))
        .send()
        .await
        .expect("the status arrives in time");
    let error = response.bytes().await.expect_err("the body does not");
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn faults_over_http_are_the_callers_own() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let other = api.with_key(&sandbox.add_organization().api_key);
    let person = json!({"type": "person", "name": "Ana Gomez", "countryCode": "AR"});

    let added = api
        .post(
            "/_sandbox/faults",
            json!({"kind": "status", "status": 503, "operationId": "createEntity", "times": 2,
                   "headers": {"Retry-After": "2"}, "body": {"error": "SERVICE_UNAVAILABLE", "message": "down"}}),
        )
        .await;
    assert_eq!(added.status, 201, "{:?}", added.json);
    assert_eq!(added.json["kind"], "status");
    assert_eq!(added.json["remaining"], 2);
    // Another organization's requests are not affected, nor do they see the fault.
    assert_eq!(other.post("/entities", person.clone()).await.status, 201);
    assert_eq!(
        other.get("/_sandbox/faults").await.json["faults"],
        json!([])
    );
    let hit = api.post("/entities", person.clone()).await;
    assert_eq!(
        (hit.status, hit.json["message"].as_str()),
        (503, Some("down"))
    );
    assert_eq!(hit.headers["retry-after"], "2");
    let listed = api.get("/_sandbox/faults").await;
    assert_eq!(listed.json["faults"][0]["remaining"], 1);
    assert_eq!(api.delete("/_sandbox/faults").await.status, 204);
    assert_eq!(api.post("/entities", person.clone()).await.status, 201);
    assert!(sandbox.pending_faults().is_empty());

    for kind in ["delay", "slow_body"] {
        let added = api
            .post(
                "/_sandbox/faults",
                json!({"kind": kind, "delayMs": 10, "operationId": "*"}),
            )
            .await;
        assert_eq!(added.status, 201, "{kind}: {:?}", added.json);
        assert_eq!(added.json["operationId"], json!(null));
    }
    let dropped = api
        .post(
            "/_sandbox/faults",
            json!({"kind": "drop_connection", "operationId": "getEntity"}),
        )
        .await;
    assert_eq!(dropped.status, 201, "{:?}", dropped.json);
    let pending: Vec<FaultKind> = sandbox
        .pending_faults()
        .iter()
        .map(|f| f.kind().clone())
        .collect();
    assert_eq!(
        pending,
        [
            FaultKind::Delay(Duration::from_millis(10)),
            FaultKind::SlowBody(Duration::from_millis(10)),
            FaultKind::DropConnection
        ]
    );

    for (bad, names) in [
        (json!({"kind": "explode"}), "kind"),
        (json!({"kind": "status"}), "status"),
        (json!({"kind": "status", "status": 99}), "status"),
        (
            json!({"kind": "status", "status": 503, "operationId": "nope"}),
            "operationId",
        ),
        (
            json!({"kind": "status", "status": 503, "times": 0}),
            "times",
        ),
        (json!({"kind": "delay"}), "delayMs"),
        (json!({"kind": "delay", "delayMs": 301_000}), "delay"),
        (
            json!({"kind": "delay", "delayMs": 5, "status": 500}),
            "status",
        ),
        (
            json!({"kind": "status", "status": 503, "colour": "red"}),
            "colour",
        ),
    ] {
        let reply = api.post("/_sandbox/faults", bad.clone()).await;
        assert_eq!(reply.status, 400, "{bad}: {:?}", reply.json);
        assert_eq!(reply.json["error"], "VALIDATION_ERROR");
        let message = reply.json["message"].as_str().unwrap();
        assert!(message.contains(names), "{bad}: {message}");
    }
    assert_eq!(
        api.with_key("nope").get("/_sandbox/faults").await.status,
        401
    );
}
