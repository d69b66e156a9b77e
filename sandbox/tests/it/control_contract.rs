//! `sandbox/openapi/control.yaml` describes the control API as it is: every documented
//! operation answers, every answer's status and body fit the document, and the request bodies
//! the sandbox accepts fit the document's request schemas.

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::time::Duration;

use crate::support::api::{Receiver, eventually};
use crate::support::kit::Plain;
use gu1_kyc_sandbox::Sandbox;
use gu1_kyc_spec::{ResponseChecker, Spec, match_path, request_schema_pointer, workspace_root};
use reqwest::Method;
use serde_json::{Value, json};

fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let spec = Spec::from_path(&workspace_root().join("sandbox/openapi/control.yaml"))
            .expect("control.yaml loads");
        if let Err(e) = &spec.typed {
            panic!("control.yaml is not OpenAPI 3.0: {e}");
        }
        spec
    })
}

fn checker() -> &'static ResponseChecker<'static> {
    static CHECKER: OnceLock<ResponseChecker<'static>> = OnceLock::new();
    CHECKER.get_or_init(|| ResponseChecker::new(spec()))
}

/// Calls the control API, checks the request body and the answer against the document, and
/// records the operation it was.
async fn checked(
    api: &Plain,
    seen: &mut BTreeSet<String>,
    method: Method,
    path: &str,
    body: Option<Value>,
    expected_status: u16,
) -> Value {
    let bare = path.split('?').next().unwrap_or(path);
    let (template, operation) = match_path(spec(), method.as_str(), bare)
        .unwrap_or_else(|| panic!("{method} {path} is not in control.yaml"));
    if let Some(body) = &body
        && expected_status < 400
    {
        let pointer =
            request_schema_pointer(spec(), method.as_str(), &template, "application/json")
                .unwrap_or_else(|| panic!("{operation} documents no JSON request body"));
        let validator = checker().validator(&pointer).expect("a request schema");
        if let Err(errors) = validator.validate(body) {
            panic!("{operation} request {body}: {}", errors.join("\n"));
        }
    }
    let mut request = api.request(method.clone(), path);
    if let Some(body) = &body {
        request = request.json(body);
    }
    let response = request.send().await.expect("an answer");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response.bytes().await.expect("a body");
    assert_eq!(
        status,
        expected_status,
        "{operation}: {}",
        String::from_utf8_lossy(&bytes)
    );
    if status != 204
        && let Err(error) =
            checker().check_bytes(method.as_str(), &template, status, &content_type, &bytes)
    {
        panic!(
            "{operation} {status}: {error}\nbody: {}",
            String::from_utf8_lossy(&bytes)
        );
    }
    seen.insert(operation);
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

#[tokio::test]
async fn every_control_operation_answers_as_control_yaml_documents() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("30555555").await;
    let id = api.validation(&entity).await;
    let seen = &mut BTreeSet::new();
    use Method as M;

    checked(&api, seen, M::GET, "/_sandbox/operations", None, 200).await;
    checked(&api, seen, M::GET, "/_sandbox/clock", None, 200).await;
    let advance = "/_sandbox/clock/advance";
    checked(&api, seen, M::POST, advance, Some(json!({"days": 8})), 200).await;
    checked(&api, seen, M::POST, advance, Some(json!({})), 400).await;
    let status = format!("/_sandbox/validations/{id}/status");
    let approved = json!({"status": "approved", "webhook": false});
    checked(&api, seen, M::POST, &status, Some(approved.clone()), 200).await;
    checked(
        &api,
        seen,
        M::POST,
        &status,
        Some(json!({"status": "x"})),
        400,
    )
    .await;
    let unknown = "/_sandbox/validations/00000000-0000-4000-8000-000000000000/status";
    checked(&api, seen, M::POST, unknown, Some(approved), 404).await;
    let webhook = format!("/_sandbox/validations/{id}/webhook");
    checked(&api, seen, M::POST, &webhook, None, 200).await;
    for fault in [
        json!({"kind": "status", "status": 503, "operationId": "createValidation",
               "headers": {"Retry-After": "1"}, "body": {"error": "DOWN", "message": "down"}}),
        json!({"kind": "delay", "delayMs": 5, "times": 2}),
        json!({"kind": "slow_body", "delayMs": 5, "operationId": "*"}),
        json!({"kind": "drop_connection", "operationId": "getEntity"}),
    ] {
        checked(&api, seen, M::POST, "/_sandbox/faults", Some(fault), 201).await;
    }
    let bad_fault = json!({"kind": "status"});
    checked(
        &api,
        seen,
        M::POST,
        "/_sandbox/faults",
        Some(bad_fault),
        400,
    )
    .await;
    checked(&api, seen, M::GET, "/_sandbox/faults", None, 200).await;
    api.get("/entities").await; // takes the delay fault: a request to log
    checked(&api, seen, M::DELETE, "/_sandbox/faults", None, 204).await;
    drift_operations(&api, &id, seen).await;
    let log = checked(&api, seen, M::GET, "/_sandbox/requests", None, 200).await;
    assert!(!log["requests"].as_array().unwrap().is_empty());
    let drifted = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["drifts"] != json!([]))
        .count();
    assert_eq!(drifted, 2, "the drifted answers are in the log: {log}");
    let filtered = "/_sandbox/requests?operationId=listEntities";
    checked(&api, seen, M::GET, filtered, None, 200).await;
    let bad_filter = "/_sandbox/requests?operationId=nope";
    checked(&api, seen, M::GET, bad_filter, None, 400).await;
    checked(&api, seen, M::DELETE, "/_sandbox/requests", None, 204).await;
    webhook_operations(&sandbox, &api, &id, seen).await;
    let wrong_key = api.with_key("gk_sandbox_wrong");
    checked(&wrong_key, seen, M::GET, "/_sandbox/clock", None, 401).await;

    let documented: BTreeSet<String> = spec()
        .operations()
        .filter_map(|op| op.operation_id())
        .map(str::to_string)
        .collect();
    assert_eq!(*seen, documented, "every documented operation was called");
}

/// The `/_sandbox/drift` operations: a drift of each kind, a refused one, the list, a drifted
/// answer of each drifted operation, and the clear.
async fn drift_operations(api: &Plain, id: &str, seen: &mut BTreeSet<String>) {
    use Method as M;
    let drift = "/_sandbox/drift";
    for body in [
        json!({"kind": "extraProperty", "operationId": "listEntities", "property": "driftedField",
               "times": 1}),
        json!({"kind": "missingProperty", "operationId": "getValidation", "property": "status",
               "always": true}),
        json!({"kind": "wrongType", "operationId": "listValidations", "property": "status",
               "at": "/validations"}),
        json!({"kind": "null", "operationId": "getValidation", "property": "entityId"}),
        json!({"kind": "unknownEnumValue", "operationId": "getValidation", "property": "status"}),
        json!({"kind": "undocumentedStatus", "operationId": "getEntity", "status": 418}),
    ] {
        checked(api, seen, M::POST, drift, Some(body), 201).await;
    }
    let documented =
        json!({"kind": "undocumentedStatus", "operationId": "getEntity", "status": 200});
    checked(api, seen, M::POST, drift, Some(documented), 400).await;
    let listed = checked(api, seen, M::GET, drift, None, 200).await;
    assert_eq!(
        listed["drifts"].as_array().map(Vec::len),
        Some(6),
        "{listed}"
    );
    let entities = api.get("/entities").await;
    assert_eq!(entities.json["driftedField"], "drift");
    let validation = api.get(&format!("/api/kyc/validations/{id}")).await;
    assert_eq!(validation.json["entityId"], Value::Null);
    assert!(
        validation.json.get("status").is_none(),
        "{:?}",
        validation.json
    );
    checked(api, seen, M::DELETE, drift, None, 204).await;
    let listed = checked(api, seen, M::GET, drift, None, 200).await;
    assert_eq!(listed["drifts"], json!([]));
}

/// The `/_sandbox/webhooks/...` operations, with a receiver so the delivery log has held,
/// dropped, duplicated and refused deliveries to show.
async fn webhook_operations(sandbox: &Sandbox, api: &Plain, id: &str, seen: &mut BTreeSet<String>) {
    use Method as M;
    let receiver = Receiver::start(0).await;
    sandbox
        .set_webhook_url(sandbox.organization_id(), Some(&receiver.url))
        .expect("a valid URL");
    let endpoint = "/_sandbox/webhooks/endpoint";
    let current = checked(api, seen, M::GET, endpoint, None, 200).await;
    assert_eq!(current["url"], receiver.url.as_str());
    assert_eq!(current["secret"], sandbox.webhook_secret());
    let set = checked(api, seen, M::PUT, endpoint, Some(json!({"url": null})), 200).await;
    assert_eq!(set["url"], Value::Null);
    checked(
        api,
        seen,
        M::PUT,
        endpoint,
        Some(json!({"url": "not a url"})),
        400,
    )
    .await;
    checked(
        api,
        seen,
        M::PUT,
        endpoint,
        Some(json!([receiver.url.clone()])),
        400,
    )
    .await;
    let set = checked(
        api,
        seen,
        M::PUT,
        endpoint,
        Some(json!({"url": receiver.url})),
        200,
    )
    .await;
    assert_eq!(set["url"], receiver.url.as_str());
    let faults = "/_sandbox/webhooks/faults";
    for fault in [
        json!({"kind": "hold", "times": 1}),
        json!({"kind": "drop"}),
        json!({"kind": "duplicate", "fraction": 1.0, "seed": 7, "times": 1}),
        json!({"kind": "delay", "delayMs": 5, "always": true}),
    ] {
        checked(api, seen, M::POST, faults, Some(fault), 201).await;
    }
    let bad = json!({"kind": "drop", "always": true, "times": 2});
    checked(api, seen, M::POST, faults, Some(bad), 400).await;
    let listed = checked(api, seen, M::GET, faults, None, 200).await;
    assert_eq!(listed["faults"].as_array().map(Vec::len), Some(4));
    let fire = format!("/_sandbox/validations/{id}/webhook");
    for _ in 0..3 {
        api.post(&fire, json!({})).await;
    }
    let deliveries = "/_sandbox/webhooks/deliveries";
    let held = eventually(Duration::from_secs(5), || async {
        let log = api.get(deliveries).await.json;
        let states: Vec<Value> = log["deliveries"]
            .as_array()?
            .iter()
            .map(|d| d["state"].clone())
            .collect();
        (states[states.len().saturating_sub(3)..]
            == [json!("held"), json!("dropped"), json!("delivered")])
        .then_some(())
    })
    .await;
    assert!(held.is_some(), "hold, drop, duplicate never settled");
    checked(api, seen, M::DELETE, faults, None, 204).await;
    let unreachable = "/_sandbox/webhooks/unreachable";
    let window = json!({"durationMs": 50});
    checked(api, seen, M::POST, unreachable, Some(window), 200).await;
    let too_long = json!({"durationMs": 86_400_001u64});
    checked(api, seen, M::POST, unreachable, Some(too_long), 400).await;
    let release = "/_sandbox/webhooks/release";
    let reverse = json!({"order": "reverse"});
    let released = checked(api, seen, M::POST, release, Some(reverse), 200).await;
    assert_eq!(released["released"], 1);
    let shuffled = json!({"order": "shuffled", "seed": 3});
    checked(api, seen, M::POST, release, Some(shuffled), 200).await;
    let bad_order = json!({"order": "sideways"});
    checked(api, seen, M::POST, release, Some(bad_order), 400).await;
    eventually(Duration::from_secs(5), || async {
        let log = api.get(deliveries).await.json;
        let states = log["deliveries"]
            .as_array()?
            .iter()
            .filter(|d| d["state"] == "pending" || d["state"] == "held")
            .count();
        (states == 0).then_some(())
    })
    .await
    .expect("the released delivery is sent");
    let log = checked(api, seen, M::GET, deliveries, None, 200).await;
    let copies = log["deliveries"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["fault"] == "duplicate"))
        .map(|d| d["copies"].as_array().map_or(0, Vec::len));
    assert_eq!(copies, Some(2), "{log}");
}
