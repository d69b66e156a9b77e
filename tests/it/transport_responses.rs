//! How every answer is read: lenient decoding of unknown values, decode errors that hide the body,
//! error bodies of unexpected shapes, the response size limit, and downloads.

use crate::support::api::{
    Api, answer, assert_api_error, assert_not_revealed, expect, fixture, in_turn, validation_id,
};
use gu1_kyc::{
    ErrorCode, ErrorKind,
    types::{ValidationStatus, WarningCode},
};
use httpmock::Method::GET;
use serde_json::json;

const VALIDATION_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";

// ---- lenient decoding ----------------------------------------------------------------------

#[tokio::test]
async fn unknown_enum_values_and_unknown_fields_decode_and_are_kept() {
    let api = Api::start().await;
    let mut body = fixture("get_validation_200_approved");
    body["status"] = json!("on_hold");
    body["warnings"] = json!(["DOCUMENT_EXPIRED", "BRAND_NEW_WARNING"]);
    body["riskLevel"] = json!("low");
    body["decision"]["status"] = json!("Escalated");
    body["extractedData"]["placeOfBirth"] = json!("Rosario");
    api.route(GET, VALIDATION_PATH, 200, &body).await;

    let validation = api.client.validations().get(&validation_id()).await;

    let validation = validation.expect("unknown values decode");
    assert_eq!(
        validation.status,
        ValidationStatus::Unknown("on_hold".into())
    );
    assert_eq!(validation.status.as_str(), "on_hold");
    assert!(!validation.status.is_terminal());
    assert_eq!(
        validation.warnings,
        [
            WarningCode::DocumentExpired,
            WarningCode::Unknown("BRAND_NEW_WARNING".into())
        ]
    );
    assert_eq!(validation.extra.expose()["riskLevel"], "low");
    let decision = validation.decision.as_ref().expect("a decision");
    assert!(decision.status.as_ref().is_some_and(|s| s.is_unknown()));
    let extracted = validation.extracted_data.as_ref().expect("extracted data");
    assert_eq!(extracted.extra.expose()["placeOfBirth"], "Rosario");
    let round_trip = serde_json::to_value(&validation).expect("serializes");
    assert_eq!(round_trip["status"], "on_hold");
    assert_eq!(round_trip["riskLevel"], "low");
}

#[tokio::test]
async fn an_unknown_error_code_is_kept_as_unknown() {
    let api = Api::start().await;
    api.route(
        GET,
        VALIDATION_PATH,
        404,
        &json!({"error": "VALIDATION_PURGED", "message": "Gone"}),
    )
    .await;

    let error = api
        .client
        .validations()
        .get(&validation_id())
        .await
        .expect_err("404");

    assert_api_error(
        &error,
        404,
        &ErrorCode::Unknown("VALIDATION_PURGED".into()),
        "getValidation",
    );
    assert!(error.is_not_found());
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_that_names_the_operation_and_hides_the_body() {
    let api = Api::start().await;
    api.mock(|when, then| {
        expect(when, GET, VALIDATION_PATH);
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"id": "550e8400", "extractedData": {"firstName": "Johnathan"#);
    })
    .await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("the body is cut short");
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    assert_eq!(error.operation(), Some(gu1_kyc::Operation::GetValidation));
    assert!(error.to_string().contains("getValidation"), "{error}");
    assert!(!error.is_retryable());
    assert_not_revealed(&error, "Johnathan");
}

#[tokio::test]
async fn a_value_of_the_wrong_type_is_a_decode_error_that_does_not_quote_it() {
    let api = Api::start().await;
    let mut body = fixture("get_validation_200_pending");
    body["status"] = json!(12345678);
    api.route(GET, VALIDATION_PATH, 200, &body).await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("a number is not a status");
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    assert_not_revealed(&error, "12345678");
}

#[tokio::test]
async fn an_error_body_of_an_unexpected_json_shape_keeps_its_status() {
    let api = Api::start().await;
    api.route(
        GET,
        VALIDATION_PATH,
        404,
        &json!({"error": {"code": 404}, "message": ["Not found"]}),
    )
    .await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("404");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
    assert!(error.is_not_found(), "{error}");
}

#[tokio::test]
async fn an_error_body_without_a_code_keeps_its_status_and_message() {
    let api = Api::start().await;
    api.route(
        GET,
        VALIDATION_PATH,
        404,
        &json!({"message": "Validation not found", "traceId": "t-1"}),
    )
    .await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("404");
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), Some("Validation not found"));
    assert!(error.is_not_found());
}

// ---- size limits and downloads -------------------------------------------------------------

#[tokio::test]
async fn a_json_body_over_max_response_bytes_is_body_too_large() {
    let api = Api::start_with(|builder| builder.max_response_bytes(1024)).await;
    let mut body = fixture("get_validation_200_pending");
    body["metadata"]["notes"] = json!("x".repeat(4096));
    api.route(GET, VALIDATION_PATH, 200, &body).await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("4 KB is over 1 KB");
    assert_eq!(error.kind(), ErrorKind::BodyTooLarge, "{error}");
    assert_eq!(error.operation(), Some(gu1_kyc::Operation::GetValidation));
}

#[tokio::test]
async fn downloads_are_not_limited_by_max_response_bytes() {
    let api = Api::start_with(|builder| builder.max_response_bytes(1024)).await;
    let image = vec![7u8; 4096];
    api.mock(|when, then| {
        expect(when, GET, &format!("{VALIDATION_PATH}/media"));
        then.respond_with(in_turn(vec![answer(200, "video/webm", image.clone())]));
    })
    .await;

    let media = api
        .client
        .validations()
        .media(&validation_id(), "kyc/a/b.webm")
        .await;

    let media = media.expect("streamed");
    assert_eq!(media.extension(), Some("webm"));
    assert_eq!(media.content_length(), Some(4096));
    assert_eq!(
        media.bytes(8192).await.expect("within the limit").len(),
        4096
    );
}

#[tokio::test]
async fn a_download_over_its_limit_is_refused_in_memory_but_saves_to_a_file_byte_exact() {
    let api = Api::start().await;
    let image: Vec<u8> = (0..64 * 1024).map(|i| (i * 31 % 251) as u8).collect();
    let mock = api
        .mock(|when, then| {
            expect(
                when,
                GET,
                "/api/kyc/face-match/verifications/9b2d3f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/selfie-image",
            );
            then.respond_with(in_turn(vec![answer(200, "image/jpeg; charset=binary", image.clone())]));
        })
        .await;
    let faces = api.client.face_matches();

    let too_large = faces
        .selfie_image(&crate::support::api::face_match_id())
        .await
        .expect("found");
    assert_eq!(too_large.extension(), Some("jpg"));
    let error = too_large.bytes(1024).await.expect_err("64 KB is over 1 KB");
    assert_eq!(error.kind(), ErrorKind::BodyTooLarge, "{error}");
    assert_eq!(
        error.operation(),
        Some(gu1_kyc::Operation::GetFaceMatchSelfieImage)
    );

    let path = std::env::temp_dir().join(format!(
        "gu1-kyc-test-{}-{}.jpg",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    let download = faces
        .selfie_image(&crate::support::api::face_match_id())
        .await
        .expect("found");
    let debug = format!("{download:?}");
    let written = download.save(&path).await;
    let saved = std::fs::read(&path);
    let _ = std::fs::remove_file(&path);

    assert_eq!(written.expect("saved"), image.len() as u64);
    assert!(
        saved.expect("the file exists") == image,
        "the file differs from the body"
    );
    assert!(
        debug.contains("image/jpeg") && !debug.contains("[7, 7"),
        "{debug}"
    );
    assert_eq!(mock.calls_async().await, 2);
}

#[tokio::test]
async fn a_download_of_an_unknown_type_has_no_extension() {
    let api = Api::start().await;
    api.mock(|when, then| {
        expect(when, GET, &format!("{VALIDATION_PATH}/media"));
        then.respond_with(in_turn(vec![answer(
            200,
            "application/octet-stream",
            "bytes",
        )]));
    })
    .await;

    let media = api
        .client
        .validations()
        .media(&validation_id(), "kyc/a/b")
        .await;

    let media = media.expect("downloaded");
    assert_eq!(media.content_type(), Some("application/octet-stream"));
    assert_eq!(media.extension(), None);
}
