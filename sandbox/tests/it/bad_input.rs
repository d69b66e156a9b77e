//! Bad input gets a documented 4xx with `{error, message}`, never a 500 or plain text, and
//! leaves what is stored untouched.

use crate::support::api::{Api, Body, quick_sandbox};
use reqwest::Method;
use serde_json::{Value, json};

async fn snapshot(api: &Api, entity: &str) -> Vec<Value> {
    vec![
        api.get("/entities").await.json,
        api.get(&format!("/api/kyc/entities/{entity}/validations"))
            .await
            .json,
        api.get("/api/kyc/id-verification/verifications").await.json,
        api.get("/api/kyc/face-match/verifications").await.json,
    ]
}

#[tokio::test]
async fn malformed_and_mistyped_json_bodies_are_validation_errors() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("33000111").await;
    api.validate(&entity).await;
    let before = snapshot(&api, &entity).await;
    let raw = |path: &'static str, method: Method, body: &'static [u8]| {
        let api = api.clone();
        async move { api.send(method, path, Body::Raw(body.to_vec())).await }
    };
    let cases = [
        raw("/entities", Method::POST, b"{not json").await,
        raw("/entities", Method::POST, b"").await,
        raw("/entities", Method::POST, b"[]").await,
        raw("/entities", Method::POST, br#"{"type": 5, "name": "x", "countryCode": "AR"}"#).await,
        raw("/entities", Method::POST, br#"{"type": "person", "name": "x", "countryCode": "argentina"}"#).await,
        raw("/entities", Method::POST, br#"{"type": "person", "name": "", "countryCode": "AR"}"#).await,
        raw("/entities", Method::POST, br#"{"type": "person", "name": "x", "countryCode": "AR", "entityData": "nope"}"#).await,
        raw("/api/kyc/validations", Method::POST, b"{").await,
        raw("/api/kyc/validations", Method::POST, br#"{"entityId": "not-a-uuid", "integrationCode": "global_gueno_validation_kyc"}"#).await,
        raw("/api/kyc/validations", Method::POST, br#"{"entityId": 42, "integrationCode": "global_gueno_validation_kyc"}"#).await,
        raw("/api/kyc/validations", Method::POST, br#"{"integrationCode": "global_gueno_validation_kyc"}"#).await,
        raw("/api/kyc/validations", Method::POST, br#"{"entityId": "123e4567-e89b-12d3-a456-426614174000", "integrationCode": ""}"#).await,
        raw("/api/kyc/validations", Method::POST, br#"{"entityId": "123e4567-e89b-12d3-a456-426614174000", "integrationCode": "x", "surprise": 1}"#).await,
        raw("/api/kyc/validations", Method::POST, br#"{"entityId": "123e4567-e89b-12d3-a456-426614174000", "integrationCode": "x", "webhookUrl": "not a url"}"#).await,
        raw("/api/kyc/validations", Method::POST, br#"{"entityId": "123e4567-e89b-12d3-a456-426614174000", "integrationCode": "x", "metadata": [1]}"#).await,
    ];
    for answer in &cases {
        assert_eq!(answer.status, 400, "{:?}", answer.json);
        assert_eq!(answer.code(), "VALIDATION_ERROR", "{:?}", answer.json);
        assert!(
            answer.json["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    assert_eq!(snapshot(&api, &entity).await, before);
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_the_error_shape() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("33000222").await;
    let before = snapshot(&api, &entity).await;
    let huge = format!(
        r#"{{"type": "person", "name": "{}", "countryCode": "AR"}}"#,
        "x".repeat(70 * 1024)
    );
    let answer = api
        .send(Method::POST, "/entities", Body::Raw(huge.into_bytes()))
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
    let image = vec![0xFF; 13 * 1024 * 1024];
    let form = reqwest::multipart::Form::new().part(
        "documentFront",
        reqwest::multipart::Part::bytes(image).file_name("big.jpg"),
    );
    let answer = api
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await;
    assert_eq!((answer.status, answer.code()), (400, "INVALID_REQUEST"));
    let mut six_megabytes = crate::support::api::jpeg(b"x");
    six_megabytes.resize(6 * 1024 * 1024, 0);
    let form = reqwest::multipart::Form::new().part(
        "documentFront",
        reqwest::multipart::Part::bytes(six_megabytes).file_name("big.jpg"),
    );
    let answer = api
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await;
    assert_eq!((answer.status, answer.code()), (400, "INVALID_REQUEST"));
    assert!(answer.json["message"].as_str().unwrap().contains("5 MB"));
    assert_eq!(snapshot(&api, &entity).await, before);
}

#[tokio::test]
async fn bad_ids_in_paths_are_not_found_and_bad_query_values_are_validation_errors() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    for path in [
        "/api/kyc/validations/not-a-uuid",
        "/api/kyc/entities/123/current",
        "/api/kyc/entities/%FF/status",
        "/entities/zzz",
        "/api/kyc/id-verification/verifications/abc",
        "/api/kyc/face-match/verifications/abc/selfie-image",
    ] {
        let answer = api.get(path).await;
        assert_eq!(answer.status, 404, "{path}");
        assert!(answer.code().ends_with("NOT_FOUND"), "{path}");
    }
    for path in [
        "/api/kyc/validations?entityId=nope",
        "/api/kyc/validations?page=-1",
        "/api/kyc/validations?limit=1.5",
        "/api/kyc/validations?isCurrent=1",
        "/api/kyc/id-verification/verifications?limit=500",
        "/api/kyc/id-verification/verifications?withoutEntity=maybe",
        "/api/kyc/id-verification/verifications?entityId=%ZZ",
        "/api/kyc/face-match/verifications?status=maybe",
        "/entities?country=Argentina",
    ] {
        let answer = api.get(path).await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "VALIDATION_ERROR"),
            "{path}"
        );
    }
    let answer = api
        .get("/api/kyc/validations/00000000-0000-4000-8000-000000000000/media")
        .await;
    assert_eq!((answer.status, answer.code()), (400, "VALIDATION_ERROR"));
}

#[tokio::test]
async fn decision_bodies_that_are_not_reasons_are_refused() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("33000333").await;
    let id = api.validation_id(&entity).await;
    let cancel = format!("/api/kyc/validations/{id}/cancel");
    let path = cancel.as_str();
    let empty = api.send(Method::DELETE, path, Body::None).await;
    assert_eq!(empty.code(), "INVALID_REASON");
    let typed = api.delete(path, json!({"reason": 12345})).await;
    assert_eq!(typed.code(), "INVALID_REASON");
    let extra = api
        .delete(path, json!({"reason": "Long enough", "by": "me"}))
        .await;
    assert_eq!(extra.code(), "VALIDATION_ERROR");
    let broken = api
        .send(Method::DELETE, path, Body::Raw(b"{".to_vec()))
        .await;
    assert_eq!(broken.code(), "VALIDATION_ERROR");
    let sync = format!("/api/kyc/validations/{id}/sync");
    let sync = api.post(&sync, json!({"force": "yes"})).await;
    assert_eq!((sync.status, sync.code()), (400, "VALIDATION_ERROR"));
    assert_eq!(
        api.get(&format!("/api/kyc/validations/{id}")).await.json["status"],
        "pending"
    );
}

#[tokio::test]
async fn uploads_that_are_not_images_or_not_multipart_are_invalid_requests() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    use reqwest::multipart::{Form, Part};
    let cases = [
        Form::new().part(
            "documentFront",
            Part::bytes(b"GIF89a....".to_vec()).file_name("a.gif"),
        ),
        Form::new().text("documentFront", "data:image/png;base64,!!!!"),
        Form::new().text("documentFront", "aGVsbG8gd29ybGQ="),
        Form::new()
            .part(
                "documentFront",
                Part::bytes(crate::support::api::jpeg(b"a")).file_name("a.jpg"),
            )
            .text("entityId", "not-a-uuid"),
        Form::new()
            .part(
                "documentFront",
                Part::bytes(crate::support::api::jpeg(b"a")).file_name("a.jpg"),
            )
            .text("entityId", "00000000-0000-4000-8000-000000000000"),
        Form::new()
            .part(
                "documentFront",
                Part::bytes(crate::support::api::jpeg(b"a")).file_name("a.jpg"),
            )
            .text("minimumAge", "old"),
    ];
    for form in cases {
        let answer = api
            .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
            .await;
        assert_eq!(
            (answer.status, answer.code()),
            (400, "INVALID_REQUEST"),
            "{:?}",
            answer.json
        );
    }
    let threshold = Form::new()
        .part(
            "documentImage",
            Part::bytes(crate::support::api::jpeg(b"a")).file_name("a.jpg"),
        )
        .part(
            "selfieImage",
            Part::bytes(crate::support::api::jpeg(b"b")).file_name("b.jpg"),
        )
        .text("scoreThreshold", "101");
    let answer = api
        .send(Method::POST, "/api/kyc/face-match", Body::Form(threshold))
        .await;
    assert_eq!(answer.code(), "INVALID_REQUEST");
    let json_upload = api
        .post("/api/kyc/face-match", json!({"documentImage": "x"}))
        .await;
    assert_eq!(
        (json_upload.status, json_upload.code()),
        (400, "INVALID_REQUEST")
    );
    assert_eq!(
        api.get("/api/kyc/id-verification/verifications").await.json["pagination"]["total"],
        0
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_json() {
    let sandbox = quick_sandbox().await;
    let http = reqwest::Client::new();
    let base = sandbox.base_url();
    let answer = http
        .get(format!("{base}/api/kyc/nothing"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["error"], "NOT_FOUND");
    let answer = http
        .put(format!("{base}/entities"))
        .bearer_auth(sandbox.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 405);
    let body: Value = answer.json().await.unwrap();
    assert!(body["error"].is_string() && body["message"].is_string());
}
