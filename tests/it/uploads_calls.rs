//! The two multipart uploads, ID verification and face match: the exact request on the wire, the
//! decoding of the documented answers and errors, and the retry rules of a POST.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use crate::support::uploads::{
    ENTITY_ID, FACE_MATCH_ID, FACE_MATCH_PATH, ID_VERIFICATION_ID, ID_VERIFICATION_PATH, answer,
    answer_json, assert_hidden, builder, catch_all, entity, example, expect_upload, file, jpeg,
    json_answer, match_faces, png, start, text, tiff, upload, verify_document, webp,
};
use gu1_kyc::{
    ErrorCode, ErrorKind, ImageInput,
    types::{FaceMatchStatus, IdVerificationStatus, WarningCode},
};
use httpmock::{HttpMockRequest, Method::POST, MockServer};
use serde_json::{Value, json};

#[tokio::test]
async fn id_verification_sends_both_sides_and_every_option_as_named_parts() {
    let (server, client) = start().await;
    let expected = vec![
        file("documentFront", "documentFront.jpg", "image/jpeg", jpeg()),
        file("documentBack", "documentBack.png", "image/png", png()),
        text("entityId", ENTITY_ID),
        text("vendorData", "customer-42"),
        text("performDocumentLiveness", "true"),
        text("minimumAge", "18"),
        text("expirationDateNotDetectedAction", "DECLINE"),
        text("invalidMrzAction", "NO_ACTION"),
        text("inconsistentDataAction", "DECLINE"),
    ];
    let wire = expect_upload(&server, ID_VERIFICATION_PATH, expected).await;

    let result = client
        .id_verifications()
        .create(ImageInput::from_bytes(jpeg(), None))
        .back(ImageInput::from_bytes(png(), Some("image/png")))
        .entity_id(&entity())
        .vendor_data("customer-42")
        .perform_document_liveness(true)
        .minimum_age(18)
        .expiration_date_not_detected_action("DECLINE")
        .invalid_mrz_action("NO_ACTION")
        .inconsistent_data_action("DECLINE")
        .send()
        .await
        .expect("the documented example decodes");

    wire.assert_sent_once().await;
    assert_eq!(result.verification_id.as_str(), ID_VERIFICATION_ID);
    assert_eq!(result.status, IdVerificationStatus::Approved);
    assert!(result.warnings.is_empty());
    assert_eq!(result.request_id.as_deref(), Some("req_01HQ"));
    let vendor_data = result.vendor_data.as_ref().map(|v| v.expose().as_str());
    assert_eq!(vendor_data, Some("customer-42"));
    let data = result
        .extracted_data
        .expect("the example has extracted data");
    let full_name = data.full_name.as_ref().map(|n| n.expose().as_str());
    assert_eq!(full_name, Some("John Doe"));
    assert_eq!(data.document_type.as_deref(), Some("Passport"));
    assert_eq!(data.issuing_country.as_deref(), Some("AR"));
    assert_hidden(format!("{data:?}"), "John");
}

#[tokio::test]
async fn face_match_sends_an_image_from_a_reader_and_one_from_a_file_with_the_threshold() {
    let (server, client) = start().await;
    let path = std::env::temp_dir().join(format!("gu1-kyc-selfie-{}.tif", std::process::id()));
    std::fs::write(&path, tiff()).expect("the temporary selfie is written");
    let expected = vec![
        file("documentImage", "documentImage.webp", "image/webp", webp()),
        file("selfieImage", "selfieImage.tiff", "image/tiff", tiff()),
        text("entityId", ENTITY_ID),
        text("vendorData", "customer-42"),
        text("scoreThreshold", "45.5"),
    ];
    let wire = expect_upload(&server, FACE_MATCH_PATH, expected).await;

    let document = ImageInput::from_reader(webp().as_slice(), None)
        .await
        .expect("an in-memory reader reads");
    let selfie = ImageInput::from_path(&path)
        .await
        .expect("the selfie reads");
    std::fs::remove_file(&path).expect("the temporary selfie is removed");
    let result = client
        .face_matches()
        .create(document, selfie)
        .entity_id(&entity())
        .vendor_data("customer-42")
        .score_threshold(45.5)
        .send()
        .await
        .expect("the documented example decodes");

    wire.assert_sent_once().await;
    assert!(result.is_match);
    assert_eq!(result.score, 87.5);
    assert_eq!(result.status, FaceMatchStatus::Approved);
    assert_eq!(result.verification_id.as_str(), FACE_MATCH_ID);
    assert_eq!(result.score_decline_threshold, Some(30.0));
    assert_eq!(result.request_id.as_deref(), Some("req_02FM"));
}

#[tokio::test]
async fn a_base64_image_is_sent_as_a_text_part_exactly_as_given() {
    let (server, client) = start().await;
    // "\xFF\xD8\xFF\xE0abc" (a JPEG start) as a data URL, then a plain PNG header in base64.
    let document = "data:image/jpeg;base64,/9j/4GFiYw==";
    let selfie = "iVBORw0KGgoAAAANSUhEUg";
    let expected = vec![text("documentImage", document), text("selfieImage", selfie)];
    let wire = expect_upload(&server, FACE_MATCH_PATH, expected).await;

    let images = (
        ImageInput::from_base64(document),
        ImageInput::from_base64(selfie),
    );
    let request = client.face_matches().create(images.0, images.1);
    request.send().await.expect("base64 images are accepted");

    wire.assert_sent_once().await;
}

/// The documented errors of both uploads (spec responses InvalidUpload, Unauthorized,
/// IntegrationForbidden, VerificationFailed, ServiceUnavailable), with the spec's example bodies.
fn documented_errors() -> Vec<(u16, ErrorCode, Value)> {
    let error = |status: u16, code: ErrorCode, message: &str| {
        let body = json!({ "error": code.as_str(), "message": message });
        (status, code, body)
    };
    vec![
        error(
            400,
            ErrorCode::InvalidRequest,
            "documentFront is required (file or base64 string)",
        ),
        error(401, ErrorCode::Unauthorized, "Invalid API key"),
        error(
            403,
            ErrorCode::NotConfigured,
            "Integration credentials are not configured for this organization",
        ),
        error(
            403,
            ErrorCode::NotEnabled,
            "This integration is not enabled for this organization",
        ),
        error(403, ErrorCode::QuotaExceeded, "Quota or credits exhausted"),
        error(500, ErrorCode::VerificationFailed, "Verification failed"),
        error(
            503,
            ErrorCode::ServiceUnavailable,
            "Verification service temporarily unavailable",
        ),
    ]
}

#[tokio::test]
async fn each_documented_error_keeps_its_status_and_code_and_is_sent_once() {
    let (server, client) = start().await;
    for (status, code, body) in documented_errors() {
        let id_mock = answer_json(&server, ID_VERIFICATION_PATH, status, &body).await;
        let face_mock = answer_json(&server, FACE_MATCH_PATH, status, &body).await;

        let id_error = verify_document(&client)
            .await
            .expect_err("an error status fails");
        let face_error = match_faces(&client)
            .await
            .expect_err("an error status fails");

        let outcomes = [
            (&id_error, "createIdVerification"),
            (&face_error, "createFaceMatch"),
        ];
        for (error, operation) in outcomes {
            assert_eq!(error.kind(), ErrorKind::Api, "{error}");
            assert_eq!(error.status().map(|s| s.as_u16()), Some(status), "{error}");
            assert_eq!(error.code(), Some(&code), "{error}");
            assert_eq!(
                error.operation().map(gu1_kyc::Operation::id),
                Some(operation),
                "{error}"
            );
            assert_eq!(error.message(), body["message"].as_str());
            assert_hidden(error, body["message"].as_str().unwrap_or("-"));
        }
        // A POST that reached the server is never repeated, even on 500 or 503.
        id_mock.assert_calls_async(1).await;
        face_mock.assert_calls_async(1).await;
        id_mock.delete_async().await;
        face_mock.delete_async().await;
    }
}

#[tokio::test]
async fn an_html_502_from_a_proxy_keeps_its_status_and_is_not_repeated() {
    let (server, client) = start().await;
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>".to_owned();
    let mock = answer(&server, FACE_MATCH_PATH, 502, "text/html", page).await;

    let error = match_faces(&client)
        .await
        .expect_err("a 502 fails the call");

    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(error.code(), None);
    assert_eq!(error.operation(), Some(gu1_kyc::Operation::CreateFaceMatch));
    assert!(error.is_retryable());
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_429_is_retried_with_the_same_body_and_then_succeeds() {
    let (server, client) = start().await;
    let served = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&served);
    let expected = vec![file(
        "documentFront",
        "documentFront.jpg",
        "image/jpeg",
        jpeg(),
    )];
    let limited = json!({ "error": "RATE_LIMITED", "message": "Too many requests" });
    let mock = server
        .mock_async(|when, then| {
            upload(when, ID_VERIFICATION_PATH, expected);
            then.respond_with(move |_: &HttpMockRequest| {
                if counter.fetch_add(1, Ordering::SeqCst) == 0 {
                    json_answer(429, &limited)
                } else {
                    json_answer(200, &example(ID_VERIFICATION_PATH))
                }
            });
        })
        .await;
    let unexpected = catch_all(&server).await;

    let result = verify_document(&client).await.expect("the retry succeeds");

    assert_eq!(result.status, IdVerificationStatus::Approved);
    mock.assert_calls_async(2).await;
    unexpected.assert_calls_async(0).await;
    assert_eq!(served.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_upload_that_reached_the_server_is_not_repeated_after_a_timeout() {
    let server = MockServer::start_async().await;
    let client = builder(&server)
        .timeout(Duration::from_millis(300))
        .build()
        .expect("the test client builds");
    let body = example(ID_VERIFICATION_PATH).to_string();
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path(ID_VERIFICATION_PATH);
            then.delay(Duration::from_secs(3)).status(200).body(body);
        })
        .await;

    let error = verify_document(&client)
        .await
        .expect_err("the client gives up first");

    assert!(error.is_timeout(), "{error}");
    assert_eq!(
        error.operation(),
        Some(gu1_kyc::Operation::CreateIdVerification)
    );
    mock.assert_calls_async(1).await;
}

#[tokio::test]
async fn unknown_enum_values_and_extra_fields_decode() {
    let (server, client) = start().await;
    let document_body = json!({
        "verificationId": ID_VERIFICATION_ID,
        "status": "Escalated",
        "warnings": ["DOCUMENT_GLARE", "MINIMUM_AGE_NOT_MET"],
        "requestId": null,
        "riskLevel": "low"
    });
    let face_body = json!({
        "match": false,
        "score": 12,
        "status": "needs_second_look",
        "verificationId": FACE_MATCH_ID,
        "warnings": ["FACE_TOO_SMALL"],
        "livenessScore": 0.4
    });
    answer_json(&server, ID_VERIFICATION_PATH, 200, &document_body).await;
    answer_json(&server, FACE_MATCH_PATH, 200, &face_body).await;

    let document = verify_document(&client)
        .await
        .expect("an unknown status decodes");
    let face = match_faces(&client)
        .await
        .expect("an unknown status decodes");

    assert_eq!(
        document.status,
        IdVerificationStatus::Unknown("Escalated".into())
    );
    assert_eq!(
        document.warnings[0],
        WarningCode::from_wire("DOCUMENT_GLARE")
    );
    assert_eq!(document.request_id, None);
    assert_eq!(
        document.extra.expose().get("riskLevel"),
        Some(&json!("low"))
    );
    assert_hidden(format!("{document:?}"), "low");
    assert_eq!(
        face.status,
        FaceMatchStatus::Unknown("needs_second_look".into())
    );
    assert!(!face.is_match);
    assert_eq!(face.score, 12.0);
    assert_eq!(face.extra.expose().get("livenessScore"), Some(&json!(0.4)));
}

#[tokio::test]
async fn a_success_body_of_the_wrong_shape_is_a_decode_error_with_its_status() {
    let (server, client) = start().await;
    answer_json(
        &server,
        FACE_MATCH_PATH,
        200,
        &json!({ "match": "John Doe" }),
    )
    .await;

    let error = match_faces(&client).await.expect_err("a wrong shape fails");

    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.operation(), Some(gu1_kyc::Operation::CreateFaceMatch));
    assert_hidden(&error, "John");
}

#[tokio::test]
async fn a_result_over_the_response_size_limit_is_body_too_large() {
    let server = MockServer::start_async().await;
    let client = builder(&server)
        .max_response_bytes(64)
        .build()
        .expect("the test client builds");
    answer_json(
        &server,
        ID_VERIFICATION_PATH,
        200,
        &example(ID_VERIFICATION_PATH),
    )
    .await;

    let error = verify_document(&client)
        .await
        .expect_err("the body is over 64 bytes");

    assert_eq!(error.kind(), ErrorKind::BodyTooLarge, "{error}");
    assert_eq!(
        error.operation(),
        Some(gu1_kyc::Operation::CreateIdVerification)
    );
}
