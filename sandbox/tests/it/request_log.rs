//! The request log: every API request with its operation, method, route template, status and
//! timing, never a concrete path or a body; from Rust and from `/_sandbox/requests`.

use crate::support::kit::Plain;
use gu1_kyc_sandbox::{REQUEST_LOG_CAPACITY, Sandbox, operation_ids};
use reqwest::Method;
use serde_json::json;

/// A concrete path for a spec template, with a value that looks right for each parameter.
fn concrete(template: &str) -> String {
    template
        .replace("{taxId}", "20-12345678-9")
        .replace("{externalId}", "customer-secret-42")
        .replace("{entityId}", "00000000-0000-4000-8000-000000000001")
        .replace("{id}", "00000000-0000-4000-8000-000000000002")
}

#[tokio::test]
async fn every_operation_of_the_spec_is_logged_under_its_operation_id_and_template() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let spec = crate::support::api::spec();
    let mut expected = Vec::new();
    for operation in spec.operations() {
        let method = Method::from_bytes(operation.http_method().as_bytes()).unwrap();
        let reply = api
            .request(method.clone(), &concrete(operation.path()))
            .send()
            .await
            .expect("an answer");
        let status = reply.status().as_u16();
        expected.push((
            operation.operation_id().unwrap().to_string(),
            method.to_string(),
            operation.path().to_string(),
            status,
        ));
    }
    let logged: Vec<(String, String, String, u16)> = sandbox
        .requests()
        .into_iter()
        .map(|r| {
            (
                r.operation_id.expect("an operation"),
                r.method,
                r.path_template.expect("a template"),
                r.status.expect("a status"),
            )
        })
        .collect();
    assert_eq!(logged, expected);
    let mut ids: Vec<&str> = operation_ids();
    ids.sort_unstable();
    let mut from_spec: Vec<String> = expected.into_iter().map(|(id, ..)| id).collect();
    from_spec.sort_unstable();
    assert_eq!(ids, from_spec);
}

#[tokio::test]
async fn the_log_never_holds_a_concrete_path_a_query_or_a_body() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("27333333").await;
    api.get(&concrete("/entities/by-tax-id/{taxId}")).await;
    api.get(&concrete("/entities/by-external-id/{externalId}"))
        .await;
    api.get(&format!(
        "/api/kyc/validations?entityId={entity}&status=pending"
    ))
    .await;
    let shown_debug = format!("{:?}", sandbox.requests());
    let shown_json = api.get("/_sandbox/requests").await.json.to_string();
    for shown in [shown_debug, shown_json] {
        for secret in [
            "27333333",
            "20-12345678-9",
            "customer-secret",
            "Ana",
            "Gomez",
            &entity,
            "status=pending",
            sandbox.api_key(),
        ] {
            assert!(!shown.contains(secret), "{secret} leaked into {shown}");
        }
        assert!(shown.contains("/entities/by-tax-id/{taxId}"), "{shown}");
    }
}

#[tokio::test]
async fn tests_can_count_exactly_what_was_sent() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("27333334").await;
    let id = api.validation(&entity).await;
    api.get(&format!("/api/kyc/validations/{id}")).await;
    api.with_key("gk_sandbox_wrong").get("/entities").await;
    api.get("/no/such/route").await;
    api.get("/_sandbox/clock").await;

    let creates = sandbox.requests_for("createValidation");
    assert_eq!(creates.len(), 1, "exactly one create was sent");
    assert_eq!(creates[0].status, Some(201));
    assert_eq!(creates[0].method, "POST");
    assert_eq!(
        creates[0].organization_id.as_deref(),
        Some(sandbox.organization_id())
    );
    assert!(creates[0].fault.is_none());

    let all = sandbox.requests();
    let summary: Vec<(Option<&str>, Option<u16>)> = all
        .iter()
        .map(|r| (r.operation_id.as_deref(), r.status))
        .collect();
    assert_eq!(
        summary,
        [
            (Some("createEntity"), Some(201)),
            (Some("createValidation"), Some(201)),
            (Some("getValidation"), Some(200)),
            (Some("listEntities"), Some(401)),
            (None, Some(404)),
        ],
        "the control endpoints are not logged"
    );
    assert!(all.windows(2).all(|w| w[0].sequence < w[1].sequence));
    assert!(
        all[3].organization_id.is_none(),
        "an unknown key names no one"
    );
    assert!(all[4].path_template.is_none());
    sandbox.clear_requests();
    assert!(sandbox.requests().is_empty());
    assert_eq!(REQUEST_LOG_CAPACITY, 10_000);
}

#[tokio::test]
async fn the_requests_endpoint_shows_the_callers_requests_and_clears_them() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let other = api.with_key(&sandbox.add_organization().api_key);
    let entity = api.person("27333335").await;
    api.validation(&entity).await;
    other.get("/entities").await;

    let mine = api.get("/_sandbox/requests").await;
    assert_eq!(mine.status, 200);
    let entries = mine.json["requests"].as_array().unwrap().clone();
    assert_eq!(entries.len(), 2, "{entries:?}");
    let create = &entries[1];
    assert_eq!(create["operationId"], "createValidation");
    assert_eq!(create["method"], "POST");
    assert_eq!(create["pathTemplate"], "/api/kyc/validations");
    assert_eq!(create["status"], 201);
    assert_eq!(create["organizationId"], sandbox.organization_id());
    assert_eq!(create["fault"], json!(null));
    assert!(create["durationMs"].as_f64().unwrap() >= 0.0);
    assert!(create["receivedAt"].is_string());
    assert!(create["sequence"].as_u64().unwrap() > entries[0]["sequence"].as_u64().unwrap());

    let filtered = api
        .get("/_sandbox/requests?operationId=createValidation")
        .await;
    assert_eq!(filtered.json["requests"].as_array().unwrap().len(), 1);
    let unknown = api.get("/_sandbox/requests?operationId=nope").await;
    assert_eq!(unknown.status, 400);

    assert_eq!(api.delete("/_sandbox/requests").await.status, 204);
    assert_eq!(
        api.get("/_sandbox/requests").await.json["requests"],
        json!([])
    );
    // The other organization's entry is still there.
    let left = sandbox.requests();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].operation_id.as_deref(), Some("listEntities"));

    let operations = api.get("/_sandbox/operations").await;
    let listed = operations.json["operations"].as_array().unwrap();
    assert_eq!(listed.len(), operation_ids().len());
    assert!(listed.contains(&json!({
        "operationId": "createValidation", "method": "POST", "path": "/api/kyc/validations"
    })));
}

#[tokio::test]
async fn the_hosted_page_and_wrong_methods_are_logged_by_template_without_an_operation() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let api = Plain::for_sandbox(&sandbox);
    let entity = api.person("27333336").await;
    let created = api
        .post(
            "/api/kyc/validations",
            json!({"entityId": entity, "integrationCode": "global_gueno_validation_kyc"}),
        )
        .await;
    let page = created.json["providerSessionUrl"]
        .as_str()
        .expect("a hosted session");
    let session = page.rsplit('/').next().unwrap().to_string();
    assert_eq!(api.http.get(page).send().await.unwrap().status(), 200);
    let wrong = api.call(Method::PUT, "/api/kyc/validations", None).await;
    assert_eq!(wrong.status, 405);

    let logged = sandbox.requests();
    let hosted = &logged[2];
    assert_eq!(hosted.operation_id, None);
    assert_eq!(hosted.path_template.as_deref(), Some("/verify/{sessionId}"));
    assert_eq!(hosted.status, Some(200));
    let put = &logged[3];
    assert_eq!(
        (put.operation_id.as_deref(), put.method.as_str()),
        (None, "PUT")
    );
    assert_eq!(put.status, Some(405));
    assert!(
        !format!("{logged:?}").contains(&session),
        "no session id in the log"
    );
}
