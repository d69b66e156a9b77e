//! Creating a KYC validation: the exact request with and without options, the documented errors,
//! and the checks that refuse bad input before sending.

use crate::support::api::{
    Api, ENTITY_ID, VALIDATION_ID, assert_api_error, assert_invalid_input, assert_not_revealed,
    entity_id, expect, fixture, reply,
};
use gu1_kyc::{
    ErrorCode,
    types::{Validation, ValidationStatus, WarningCode},
};
use httpmock::Method::POST;
use serde_json::{Value, json};

/// Asserts the fields every documented validation example shares.
fn assert_documented_ids(validation: &Validation) {
    assert_eq!(validation.id.as_str(), VALIDATION_ID);
    assert_eq!(validation.entity_id.as_str(), ENTITY_ID);
    assert_eq!(validation.organization_id.as_deref(), Some("org_abc123"));
    assert_eq!(validation.session_id(), Some("session_xyz789"));
    assert_eq!(
        validation.verification_url(),
        Some("https://verify.example.com/session_xyz789")
    );
}

// ---- createValidation ----------------------------------------------------------------------

#[tokio::test]
async fn create_sends_the_default_integration_code_and_decodes_the_documented_201() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations")
                .header("content-type", "application/json")
                .json_body(fixture("create_validation_request_minimal"));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(json!({"userId": "user_12345", "source": "mobile_app"}))
        .send()
        .await
        .expect("the documented 201 decodes");

    mock.assert_async().await;
    assert_documented_ids(&validation);
    assert_eq!(validation.status, ValidationStatus::Pending);
    assert_eq!(
        validation.session_id.as_ref().map(|v| v.expose().as_str()),
        Some("session_xyz789")
    );
    assert_eq!(validation.validation_session_id, None);
    assert!(validation.is_current);
    assert_eq!(validation.provider.as_deref(), Some("kyc_provider"));
    assert_eq!(
        validation.metadata.expose().get("customField"),
        Some(&json!("customValue"))
    );
    assert_eq!(
        validation.created_at.map(|t| t.to_rfc3339()),
        Some("2025-01-15T10:30:00+00:00".to_owned())
    );
}

#[tokio::test]
async fn create_without_options_sends_only_the_entity_and_the_default_integration_code() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations").json_body(json!({
                "entityId": ENTITY_ID,
                "integrationCode": "global_gueno_validation_kyc",
            }));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api.client.validations().create(&entity_id()).send().await;

    assert_eq!(
        validation.expect("created").status,
        ValidationStatus::Pending
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn create_sends_every_documented_option() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations")
                .json_body(fixture("create_validation_request_with_options"));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api
        .client
        .validations()
        .create(&entity_id())
        .integration_code("global_gueno_validation_kyc")
        .double_check_renaper(true)
        .omit_warnings([WarningCode::PossibleDuplicatedUser])
        .workflow_id("wf_standard")
        .webhook_url("https://example.com/webhooks/kyc")
        .metadata(json!({"customField": "customValue"}))
        .send()
        .await;

    assert_eq!(validation.expect("created").id.as_str(), VALIDATION_ID);
    mock.assert_async().await;
}

async fn create_error(status: u16, body: &Value) -> gu1_kyc::Error {
    let api = Api::start().await;
    let mock = api.route(POST, "/api/kyc/validations", status, body).await;
    let error = api
        .client
        .validations()
        .create(&entity_id())
        .send()
        .await
        .expect_err("the API refused");
    assert_eq!(
        mock.calls_async().await,
        1,
        "a refused create is not retried"
    );
    error
}

#[tokio::test]
async fn create_maps_404_entity_not_found() {
    let body = fixture("create_validation_404_entity_not_found");
    let error = create_error(404, &body).await;
    assert_api_error(&error, 404, &ErrorCode::EntityNotFound, "createValidation");
    assert!(error.is_not_found());
    assert!(!error.is_retryable());
    assert_eq!(error.message(), Some("Entity not found"));
}

#[tokio::test]
async fn create_maps_400_invalid_entity_type_without_showing_the_server_message() {
    let body = fixture("create_validation_400_invalid_entity_type");
    let error = create_error(400, &body).await;
    assert_api_error(
        &error,
        400,
        &ErrorCode::InvalidEntityType,
        "createValidation",
    );
    let message = body["message"].as_str().expect("a message");
    assert_eq!(error.message(), Some(message));
    assert_not_revealed(&error, message);
    assert_not_revealed(&error, crate::support::api::API_KEY);
}

#[tokio::test]
async fn create_maps_400_kyc_not_configured() {
    let body = fixture("create_validation_400_kyc_not_configured");
    let error = create_error(400, &body).await;
    assert_api_error(
        &error,
        400,
        &ErrorCode::KycNotConfigured,
        "createValidation",
    );
    assert!(!error.is_not_found());
    assert_not_revealed(&error, body["message"].as_str().expect("a message"));
}

#[tokio::test]
async fn create_maps_400_validation_error() {
    let body = fixture("create_validation_400_validation_error");
    let error = create_error(400, &body).await;
    assert_api_error(&error, 400, &ErrorCode::ValidationError, "createValidation");
    assert_eq!(error.message(), Some("entityId must be a UUID"));
}

#[tokio::test]
async fn create_maps_401_unauthorized() {
    let error = create_error(401, &fixture("unauthorized_unauthorized")).await;
    assert_api_error(&error, 401, &ErrorCode::Unauthorized, "createValidation");
    assert!(error.is_unauthorized());
}

#[tokio::test]
async fn create_refuses_metadata_that_is_not_an_object_without_sending() {
    let api = Api::start().await;
    let result = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(json!(["a", "list"]))
        .send()
        .await;
    assert_invalid_input(result);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn create_refuses_metadata_over_ten_kilobytes_without_sending() {
    let api = Api::start().await;
    let big = "x".repeat(gu1_kyc::CreateValidation::MAX_METADATA_BYTES);
    let result = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(json!({ "notes": big }))
        .send()
        .await;
    assert_invalid_input(result);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn create_refuses_an_empty_integration_code_without_sending() {
    let api = Api::start().await;
    let result = api
        .client
        .validations()
        .create(&entity_id())
        .integration_code("")
        .send()
        .await;
    assert_invalid_input(result);
    api.assert_all_matched().await;
}

#[test]
fn an_entity_id_that_is_not_a_uuid_is_refused() {
    assert_invalid_input(gu1_kyc::types::EntityId::parse("not-a-uuid"));
    assert_invalid_input(gu1_kyc::types::ValidationId::parse("not-a-uuid"));
    assert_invalid_input(gu1_kyc::types::EntityId::parse("  "));
}

#[tokio::test]
async fn errors_never_show_the_api_key() {
    let error = create_error(404, &fixture("create_validation_404_entity_not_found")).await;
    assert_not_revealed(&error, crate::support::api::API_KEY);
    assert_not_revealed(&error, "Entity not found");
}

#[tokio::test]
async fn create_sends_metadata_of_exactly_ten_kilobytes() {
    let api = Api::start().await;
    // `{"notes":"…"}` adds 12 bytes around the string.
    let metadata =
        json!({ "notes": "x".repeat(gu1_kyc::CreateValidation::MAX_METADATA_BYTES - 12) });
    assert_eq!(
        metadata.to_string().len(),
        gu1_kyc::CreateValidation::MAX_METADATA_BYTES
    );
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations").json_body(json!({
                "entityId": ENTITY_ID,
                "integrationCode": "global_gueno_validation_kyc",
                "metadata": metadata.clone(),
            }));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(&metadata)
        .send()
        .await;

    assert!(validation.is_ok(), "{validation:?}");
    mock.assert_async().await;
}
