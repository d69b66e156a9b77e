//! API keys scope everything to one organization: another organization's objects are 404,
//! a bad key or a mismatched `X-Organization-Id` is 401.

use crate::support::api::{Api, Body, quick_sandbox};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::json;

#[tokio::test]
async fn another_organization_sees_none_of_the_first_ones_objects() {
    let sandbox = quick_sandbox().await;
    let mine = Api::for_sandbox(&sandbox);
    let other_org = sandbox.add_organization();
    assert_ne!(other_org.organization_id, sandbox.organization_id());
    let theirs = Api::new(sandbox.base_url(), &other_org.api_key);

    let entity = mine
        .post(
            "/entities",
            json!({"type": "person", "name": "Ana", "countryCode": "AR", "taxId": "34000111", "externalId": "ext-1"}),
        )
        .await
        .json["entity"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let validation = mine.validation_id(&entity).await;
    let form = Form::new().part(
        "documentFront",
        Part::bytes(crate::support::api::jpeg(b"f")).file_name("f.jpg"),
    );
    let verification = mine
        .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
        .await
        .json["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    let form = Form::new()
        .part(
            "documentImage",
            Part::bytes(crate::support::api::jpeg(b"d")).file_name("d.jpg"),
        )
        .part(
            "selfieImage",
            Part::bytes(crate::support::api::jpeg(b"s")).file_name("s.jpg"),
        );
    let face = mine
        .send(Method::POST, "/api/kyc/face-match", Body::Form(form))
        .await
        .json["verificationId"]
        .as_str()
        .unwrap()
        .to_string();

    for path in [
        format!("/entities/{entity}"),
        "/entities/by-external-id/ext-1".to_string(),
        "/entities/by-tax-id/34000111".to_string(),
        format!("/api/kyc/validations/{validation}"),
        format!("/api/kyc/entities/{entity}/current"),
        format!("/api/kyc/entities/{entity}/validations"),
        format!("/api/kyc/entities/{entity}/status"),
        format!("/api/kyc/id-verification/verifications/{verification}"),
        format!("/api/kyc/id-verification/verifications/{verification}/document-front-image"),
        format!("/api/kyc/face-match/verifications/{face}"),
        format!("/api/kyc/face-match/verifications/{face}/selfie-image"),
    ] {
        assert_eq!(theirs.get(&path).await.status, 404, "{path}");
    }
    let approve = theirs
        .post(
            &format!("/api/kyc/validations/{validation}/approve"),
            json!({"reason": "Not mine"}),
        )
        .await;
    assert_eq!(approve.status, 404);
    let cancel = theirs
        .delete(
            &format!("/api/kyc/validations/{validation}/cancel"),
            json!({"reason": "Not mine"}),
        )
        .await;
    assert_eq!(cancel.status, 404);
    let create = theirs
        .post(
            "/api/kyc/validations",
            json!({"entityId": entity, "integrationCode": "global_gueno_validation_kyc"}),
        )
        .await;
    assert_eq!(create.code(), "ENTITY_NOT_FOUND");
    assert_eq!(theirs.get("/entities").await.json["entities"], json!([]));
    assert_eq!(theirs.get("/api/kyc/validations").await.json["total"], 0);
    assert_eq!(
        theirs
            .get("/api/kyc/id-verification/verifications")
            .await
            .json["pagination"]["total"],
        0
    );
    assert_eq!(
        theirs.get("/api/kyc/face-match/verifications").await.json["pagination"]["total"],
        0
    );
    // The same tax id is free in another organization.
    assert_eq!(theirs.person("34000111").await.len(), 36);
    assert_eq!(
        mine.get(&format!("/api/kyc/validations/{validation}"))
            .await
            .json["status"],
        "pending"
    );
}

#[tokio::test]
async fn bad_keys_and_mismatched_organization_headers_are_unauthorized() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let wrong = Api::new(sandbox.base_url(), "gk_sandbox_wrong");
    for answer in [
        api.without_key().get("/entities").await,
        wrong.get("/entities").await,
        api.with_header("X-Organization-Id", "someone-else")
            .get("/entities")
            .await,
        wrong.post("/api/kyc/validations", json!({})).await,
    ] {
        assert_eq!(answer.status, 401);
        assert_eq!(
            answer.json,
            json!({"error": "UNAUTHORIZED", "message": "Invalid or missing API key"})
        );
    }
    let basic = reqwest::Client::new()
        .get(format!("{}/entities", sandbox.base_url()))
        .header("authorization", format!("Basic {}", sandbox.api_key()))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 401);
    let matching = api
        .with_header("X-Organization-ID", sandbox.organization_id())
        .get("/entities")
        .await;
    assert_eq!(matching.status, 200);
}

#[tokio::test]
async fn a_fixed_api_key_and_webhook_secret_are_used_as_given() {
    let sandbox = gu1_kyc_sandbox::Sandbox::builder()
        .api_key("gk_sandbox_fixed")
        .webhook_secret("whsec_fixed")
        .start()
        .await
        .unwrap();
    assert_eq!(sandbox.api_key(), "gk_sandbox_fixed");
    assert_eq!(sandbox.webhook_secret(), "whsec_fixed");
    assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
    let debug = format!("{sandbox:?}");
    assert!(!debug.contains("gk_sandbox_fixed") && !debug.contains("whsec_fixed"));
    let api = Api::new(sandbox.base_url(), "gk_sandbox_fixed");
    assert_eq!(api.get("/entities").await.status, 200);
    let base = sandbox.base_url().to_string();
    sandbox.shutdown().await;
    assert!(reqwest::get(format!("{base}/entities")).await.is_err());
}
