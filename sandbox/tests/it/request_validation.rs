//! Requests are checked against `openapi/gu1-kyc.yaml`: what the spec refuses gets the
//! operation's documented 400 naming the pointer and the rule, never the value sent; strict mode
//! also refuses what the spec does not declare; the embedded spec is the SDK's.

use std::time::Duration;

use crate::support::api::{Api, Body, quick_sandbox};
use gu1_kyc_sandbox::Sandbox;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::json;

async fn strict_sandbox() -> Sandbox {
    Sandbox::builder()
        .outcome_delay(Duration::from_millis(10))
        .strict(true)
        .start()
        .await
        .expect("the sandbox starts")
}

fn message(answer: &crate::support::api::Answer) -> &str {
    answer.json["message"].as_str().unwrap_or("")
}

#[test]
fn the_embedded_spec_is_the_sdks() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/gu1-kyc.yaml");
    let copy = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/gu1-kyc.yaml");
    let sdk = std::fs::read_to_string(root).expect("the SDK's spec is readable");
    let embedded = std::fs::read_to_string(copy).expect("the sandbox's copy is readable");
    assert!(
        sdk == embedded,
        "sandbox/openapi/gu1-kyc.yaml differs from openapi/gu1-kyc.yaml: copy the SDK's spec over it"
    );
}

#[tokio::test]
async fn a_mistyped_field_is_named_by_pointer_and_rule_without_its_value() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let answer = api
        .post(
            "/api/kyc/validations",
            json!({"entityId": 5, "integrationCode": "global_gueno_validation_kyc"}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    assert_eq!(message(&answer), "/entityId: must be of type \"string\"");
    let answer = api
        .post(
            "/entities",
            json!({"type": "person", "name": "Maria Secreta", "countryCode": "argentina", "taxId": "99990001"}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    assert_eq!(
        message(&answer),
        "/countryCode: must match the pattern \"^[A-Z]{2}$\""
    );
    for secret in ["Maria", "Secreta", "argentina", "99990001"] {
        assert!(!message(&answer).contains(secret), "{:?}", answer.json);
    }
}

#[tokio::test]
async fn inputs_take_the_closed_enumerations() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let answer = api
        .post(
            "/entities",
            json!({"type": "spaceship", "name": "x", "countryCode": "AR"}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    assert!(message(&answer).starts_with("/type: must be one of: \"person\""));
    let answer = api
        .post(
            "/entities",
            json!({"type": "person", "name": "x", "countryCode": "AR", "status": "dormant"}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    assert!(message(&answer).starts_with("/status: must be one of:"));
    let answer = api.get("/entities?type=spaceship").await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    assert!(message(&answer).contains("type"), "{:?}", answer.json);
    for list in [
        "/api/kyc/validations",
        "/api/kyc/id-verification/verifications",
        "/api/kyc/face-match/verifications",
    ] {
        let answer = api.get(&format!("{list}?status=on_hold")).await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "VALIDATION_ERROR"),
            "{list}"
        );
    }
}

#[tokio::test]
async fn a_null_force_on_sync_is_refused_and_changes_nothing() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("33000444").await;
    let id = api.validation_id(&entity).await;
    let answer = api
        .post(
            &format!("/api/kyc/validations/{id}/sync"),
            json!({"force": null}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    assert_eq!(message(&answer), "/force: must be of type \"boolean\"");
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{id}")).await.json["status"],
        "pending"
    );
}

#[tokio::test]
async fn a_minimum_age_over_int32_and_an_empty_entity_id_are_invalid_uploads() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let front = || Part::bytes(crate::support::api::jpeg(b"front")).file_name("front.jpg");
    let form = Form::new()
        .part("documentFront", front())
        .text("minimumAge", "2147483648");
    let answer = api
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await;
    assert_eq!((answer.status, answer.code()), (400, "INVALID_REQUEST"));
    assert_eq!(message(&answer), "/minimumAge: must be at most 2147483647");
    let form = Form::new()
        .part("documentFront", front())
        .text("minimumAge", "2147483647");
    let answer = api
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.json);
    let form = Form::new()
        .part("documentImage", front())
        .part(
            "selfieImage",
            Part::bytes(crate::support::api::jpeg(b"selfie")).file_name("selfie.jpg"),
        )
        .text("entityId", "");
    let answer = api
        .send(Method::POST, "/api/kyc/face-match", Body::Form(form))
        .await;
    assert_eq!((answer.status, answer.code()), (400, "INVALID_REQUEST"));
    assert_eq!(message(&answer), "/entityId: must be a valid \"uuid\"");
    assert_eq!(
        api.get("/api/kyc/face-match/verifications").await.json["pagination"]["total"],
        0
    );
}

#[tokio::test]
async fn an_unknown_entity_on_an_upload_is_the_documented_invalid_request() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let form = Form::new()
        .part(
            "documentFront",
            Part::bytes(crate::support::api::jpeg(b"front")).file_name("front.jpg"),
        )
        .text("entityId", "00000000-0000-4000-8000-000000000000");
    let answer = api
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await;
    assert_eq!((answer.status, answer.code()), (400, "INVALID_REQUEST"));
    assert_eq!(
        message(&answer),
        "entityId does not name an entity of this organization"
    );
}

#[tokio::test]
async fn strict_mode_refuses_what_the_spec_does_not_declare() {
    let lax = quick_sandbox().await;
    let strict = strict_sandbox().await;
    for sandbox in [&lax, &strict] {
        let api = Api::for_sandbox(sandbox);
        let entity = api
            .post(
                "/entities",
                json!({"type": "person", "name": "x", "countryCode": "AR", "taxId": "33000555", "nickname": "n"}),
            )
            .await;
        let listed = api
            .get("/api/kyc/id-verification/verifications?sort=asc")
            .await;
        let form = Form::new()
            .part(
                "documentFront",
                Part::bytes(crate::support::api::jpeg(b"front")).file_name("front.jpg"),
            )
            .text("colour", "blue");
        let uploaded = api
            .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
            .await;
        if std::ptr::eq(sandbox, &lax) {
            assert!(matches!(entity.status, 200 | 201), "{:?}", entity.json);
            assert_eq!(listed.status, 200);
            assert_eq!(uploaded.status, 200, "{:?}", uploaded.json);
        } else {
            assert_eq!((entity.status, entity.code()), (400, "VALIDATION_ERROR"));
            assert_eq!(
                message(&entity),
                "/nickname: is not a field of this request"
            );
            assert_eq!((listed.status, listed.code()), (400, "VALIDATION_ERROR"));
            assert_eq!(
                message(&listed),
                "query parameter /sort: is not a field of this request"
            );
            assert_eq!((uploaded.status, uploaded.code()), (400, "INVALID_REQUEST"));
            assert_eq!(
                message(&uploaded),
                "/colour: is not a field of this request"
            );
        }
    }
    // Free-form maps stay open in strict mode.
    let api = Api::for_sandbox(&strict);
    let entity = api
        .post(
            "/entities",
            json!({"type": "person", "name": "x", "countryCode": "AR", "taxId": "33000666", "attributes": {"any": 1}}),
        )
        .await;
    assert!(matches!(entity.status, 200 | 201), "{:?}", entity.json);
}

#[tokio::test]
async fn documented_answers_of_the_handlers_are_kept() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("33000777").await;
    let answer = api
        .get(&format!(
            "/api/kyc/entities/{entity}/validations?status=on_hold"
        ))
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    assert!(message(&answer).starts_with("Invalid status value. Must be one of:"));
    let id = api.validation_id(&entity).await;
    let answer = api
        .delete(
            &format!("/api/kyc/validations/{id}/cancel"),
            json!({"reason": 7}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "INVALID_REASON"));
    assert_eq!(message(&answer), "/reason: must be of type \"string\"");
    let answer = api.get("/api/kyc/validations/not-a-uuid").await;
    assert_eq!((answer.status, answer.code()), (404, "NOT_FOUND"));
}
