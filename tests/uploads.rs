//! The two multipart uploads, ID verification and face match: the exact request on the wire, the
//! decoding of the documented answers and errors, the retry rules of a POST, and the checks that
//! stop a bad image before anything is sent.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use gu1_kyc::{
    Client, ClientBuilder, CreateFaceMatch, CreateIdVerification, EntityId, Error, ErrorCode,
    ErrorKind, FaceMatchResult, FaceMatchStatus, IdVerificationResult, IdVerificationStatus,
    ImageInput, MAX_IMAGE_BYTES, RetryPolicy, WarningCode,
};
use httpmock::{HttpMockRequest, HttpMockResponse, Method::POST, Mock, MockServer, When};
use serde_json::{Value, json};

const API_KEY: &str = "gk_test_uploads";
const ORGANIZATION_ID: &str = "86122d3c-6dfc-4afa-9c46-aaf841262c7e";
const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";
const ID_VERIFICATION_ID: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const FACE_MATCH_ID: &str = "9b2d3f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
const ID_VERIFICATION_PATH: &str = "/api/kyc/id-verification";
const FACE_MATCH_PATH: &str = "/api/kyc/face-match";

/// Synthetic images: a format's magic number followed by every byte value, so that the exact
/// bytes on the wire are checked, binary ones included.
fn image(magic: &[u8], len: usize) -> Vec<u8> {
    let mut bytes = magic.to_vec();
    bytes.extend((0..len.saturating_sub(magic.len())).map(|i| (i % 256) as u8));
    bytes
}

fn jpeg() -> Vec<u8> {
    image(&[0xFF, 0xD8, 0xFF, 0xE0], 600)
}

fn png() -> Vec<u8> {
    image(b"\x89PNG\r\n\x1a\n", 500)
}

fn webp() -> Vec<u8> {
    image(b"RIFF\x00\x01\x00\x00WEBPVP8 ", 400)
}

fn tiff() -> Vec<u8> {
    image(b"II*\x00", 300)
}

/// One part of a multipart body as the server sees it.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn file(name: &str, file_name: &str, content_type: &str, body: Vec<u8>) -> Part {
    Part {
        name: name.to_owned(),
        file_name: Some(file_name.to_owned()),
        content_type: Some(content_type.to_owned()),
        body,
    }
}

fn text(name: &str, value: &str) -> Part {
    Part {
        name: name.to_owned(),
        file_name: None,
        content_type: None,
        body: value.as_bytes().to_vec(),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Parses a `multipart/form-data` request independently of the SDK's encoder; `None` when the
/// request is not well-formed multipart.
fn parts(request: &HttpMockRequest) -> Option<Vec<Part>> {
    let content_type = request
        .headers()
        .get("content-type")?
        .to_str()
        .ok()?
        .to_owned();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=")?;
    let delimiter = format!("--{boundary}");
    let mut rest = request.body_ref().strip_prefix(delimiter.as_bytes())?;
    let mut parts = Vec::new();
    while let Some(after) = rest.strip_prefix(b"\r\n") {
        let end = find(after, format!("\r\n{delimiter}").as_bytes())?;
        let (part, next) = after.split_at(end);
        rest = &next[delimiter.len() + 2..];
        let head_end = find(part, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&part[..head_end]).ok()?;
        let param = |key: &str| {
            let start = head.find(&format!("{key}=\""))? + key.len() + 2;
            let len = head[start..].find('"')?;
            Some(head[start..start + len].to_owned())
        };
        let content_type = head.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_owned())
        });
        parts.push(Part {
            name: param(" name")?,
            file_name: param("filename"),
            content_type,
            body: part[head_end + 4..].to_vec(),
        });
    }
    (rest == b"--\r\n").then_some(parts)
}

/// Matches an upload to `path` carrying every header the SDK must send and exactly `expected`.
fn upload(when: When, path: &str, expected: Vec<Part>) -> When {
    when.method(POST)
        .path(path)
        .header("authorization", format!("Bearer {API_KEY}"))
        .header("x-organization-id", ORGANIZATION_ID)
        .header("api-version", "1.0.0")
        .header("accept", "application/json")
        .header_matches(
            "content-type",
            "^multipart/form-data; boundary=[0-9A-Za-z-]+$",
        )
        .is_true(move |request| parts(request).as_deref() == Some(expected.as_slice()))
}

/// Answers every upload to `path`, whatever its parts, with `status` and a `content_type` body.
async fn answer<'a>(
    server: &'a MockServer,
    path: &str,
    status: u16,
    content_type: &str,
    body: String,
) -> Mock<'a> {
    server
        .mock_async(|when, then| {
            when.method(POST).path(path);
            then.status(status)
                .header("content-type", content_type)
                .body(body);
        })
        .await
}

/// Answers every upload to `path` with `status` and a JSON body.
async fn answer_json<'a>(
    server: &'a MockServer,
    path: &str,
    status: u16,
    body: &Value,
) -> Mock<'a> {
    answer(server, path, status, "application/json", body.to_string()).await
}

/// An upload the server expects, and the catch-all behind it.
struct Expected<'a> {
    upload: Mock<'a>,
    unexpected: Mock<'a>,
}

impl Expected<'_> {
    /// Asserts that the expected upload arrived once and nothing else did.
    async fn assert_sent_once(&self) {
        self.upload.assert_calls_async(1).await;
        self.unexpected.assert_calls_async(0).await;
    }
}

/// The spec's documented success example for the upload to `path`.
fn example(path: &str) -> Value {
    match path {
        ID_VERIFICATION_PATH => fixture("create_id_verification_200_approved"),
        _ => fixture("create_face_match_200_match"),
    }
}

/// Answers an upload to `path` that carries exactly `expected` with the documented example, and
/// anything else with the catch-all.
async fn expect_upload<'a>(
    server: &'a MockServer,
    path: &str,
    expected: Vec<Part>,
) -> Expected<'a> {
    let body = example(path).to_string();
    let upload = server
        .mock_async(|when, then| {
            upload(when, path, expected);
            then.status(200)
                .header("content-type", "application/json")
                .body(body);
        })
        .await;
    let unexpected = catch_all(server).await;
    Expected { upload, unexpected }
}

/// An ID verification of `front` alone.
fn verify(client: &Client, front: ImageInput) -> CreateIdVerification<'_> {
    client.id_verifications().create(front)
}

/// The smallest ID verification: a JPEG front and no options.
async fn verify_document(client: &Client) -> gu1_kyc::Result<IdVerificationResult> {
    verify(client, ImageInput::from_bytes(jpeg(), None))
        .send()
        .await
}

/// A face match of a JPEG document with `selfie`.
fn compare(client: &Client, selfie: ImageInput) -> CreateFaceMatch<'_> {
    client
        .face_matches()
        .create(ImageInput::from_bytes(jpeg(), None), selfie)
}

/// The smallest face match: a JPEG document and a PNG selfie, no options.
async fn match_faces(client: &Client) -> gu1_kyc::Result<FaceMatchResult> {
    compare(client, ImageInput::from_bytes(png(), None))
        .send()
        .await
}

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json_answer(status: u16, body: &Value) -> HttpMockResponse {
    HttpMockResponse::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.to_string())
        .build()
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .api_key(API_KEY)
        .organization_id(ORGANIZATION_ID)
        .base_url(server.base_url())
        .retry_policy(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        })
}

async fn start() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let client = builder(&server).build().expect("the test client builds");
    (server, client)
}

/// A mock that answers anything with a loud 599; registered last, it sees only what no other
/// mock expected.
async fn catch_all(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(599).body("no mock expected this request");
        })
        .await
}

fn entity() -> EntityId {
    EntityId::parse(ENTITY_ID).expect("the example entity ID parses")
}

/// Asserts that a rendering (`Display`, or `Debug` through `format!`) does not show `secret`.
fn assert_hidden(shown: impl std::fmt::Display, secret: &str) {
    let shown = shown.to_string();
    assert!(!shown.contains(secret), "{secret:?} is shown: {shown}");
}

/// Runs `request` against a server that expects nothing and returns its refusal, which must
/// name `field` and the operation.
async fn refused<T: std::fmt::Debug>(
    server: &MockServer,
    request: impl Future<Output = gu1_kyc::Result<T>>,
    field: &str,
) -> Error {
    let nothing = catch_all(server).await;
    let error = request.await.expect_err("the input should be refused");
    nothing.assert_calls_async(0).await;
    // httpmock answers with the earliest registered match: a later catch-all must not find
    // this one still in place.
    nothing.delete_async().await;
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    assert_eq!(error.status(), None, "{error}");
    assert!(error.operation().is_some(), "{error}");
    assert!(
        error.to_string().contains(field),
        "{field} not named: {error}"
    );
    error
}

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

#[tokio::test]
async fn an_image_over_5_mb_is_refused_before_sending() {
    let (server, client) = start().await;
    let too_large = image(&[0xFF, 0xD8, 0xFF, 0xE0], MAX_IMAGE_BYTES + 1);
    let exactly_the_limit = ImageInput::from_bytes(image(b"\x89PNG", MAX_IMAGE_BYTES), None);

    let request = client
        .face_matches()
        .create(exactly_the_limit, ImageInput::from_bytes(too_large, None))
        .send();
    let error = refused(&server, request, "selfieImage").await;

    assert!(error.to_string().contains("5 MB"), "{error}");
    assert_eq!(error.operation(), Some(gu1_kyc::Operation::CreateFaceMatch));
}

#[tokio::test]
async fn a_reader_stops_one_byte_past_the_limit_and_its_image_is_refused() {
    let (server, client) = start().await;
    let endless = image(&[0xFF, 0xD8, 0xFF, 0xE0], MAX_IMAGE_BYTES + 4096);

    let front = ImageInput::from_reader(endless.as_slice(), None)
        .await
        .expect("an in-memory reader reads");
    assert_eq!(front.size(), Some(MAX_IMAGE_BYTES + 1));
    let error = refused(&server, verify(&client, front).send(), "documentFront").await;

    assert_eq!(
        error.operation(),
        Some(gu1_kyc::Operation::CreateIdVerification)
    );
}

#[tokio::test]
async fn an_unsupported_format_is_refused_before_sending() {
    let (server, client) = start().await;
    let gif = image(b"GIF89a", 64);

    let detected = verify(&client, ImageInput::from_bytes(gif.clone(), None)).send();
    refused(&server, detected, "documentFront").await;
    let declared = verify(&client, ImageInput::from_bytes(jpeg(), None))
        .back(ImageInput::from_bytes(gif, Some("image/gif")))
        .send();
    let error = refused(&server, declared, "documentBack").await;

    assert!(error.to_string().contains("image/gif"), "{error}");
}

#[tokio::test]
async fn an_empty_image_is_refused_before_sending() {
    let (server, client) = start().await;

    let empty = ImageInput::from_bytes(Vec::new(), Some("image/jpeg"));
    let error = refused(&server, compare(&client, empty).send(), "selfieImage").await;

    assert!(error.to_string().contains("empty"), "{error}");
}

#[tokio::test]
async fn a_content_type_that_contradicts_the_bytes_is_refused_before_sending() {
    let (server, client) = start().await;

    let mislabelled = ImageInput::from_bytes(jpeg(), Some("image/png"));
    let error = refused(
        &server,
        verify(&client, mislabelled).send(),
        "documentFront",
    )
    .await;

    assert!(error.to_string().contains("JPEG"), "{error}");
}

#[tokio::test]
async fn a_score_threshold_outside_0_to_100_is_refused_before_sending() {
    let (server, client) = start().await;

    for threshold in [-0.5, 100.01, f64::NAN, f64::INFINITY] {
        let request = compare(&client, ImageInput::from_bytes(png(), None))
            .score_threshold(threshold)
            .send();
        refused(&server, request, "scoreThreshold").await;
    }
}

#[tokio::test]
async fn bad_base64_is_refused_before_sending() {
    let (server, client) = start().await;

    let cases = [
        "/9j/4G?i",                           // a character outside the alphabet
        "/9j/4",                              // a length no base64 string has
        "/9j=4GFi",                           // padding in the middle
        "data:image/jpeg,/9j/4GFi",           // a data URL without ;base64
        "R0lGODlhAQABAAAAACw=",               // a GIF
        "data:image/png;base64,/9j/4GFiYw==", // a PNG label on JPEG bytes
        "",                                   // nothing
    ];
    for case in cases {
        let request = verify(&client, ImageInput::from_base64(case)).send();
        refused(&server, request, "documentFront").await;
    }
}

#[tokio::test]
async fn a_file_that_cannot_be_read_is_an_io_error_that_does_not_name_the_file() {
    let missing = std::env::temp_dir()
        .join("gu1-kyc-missing")
        .join("Jane-Roe-passport.jpg");

    let error = ImageInput::from_path(&missing)
        .await
        .expect_err("a missing file cannot be read");

    assert_eq!(error.kind(), ErrorKind::Io, "{error}");
    assert_hidden(&error, "Jane-Roe");
    assert_hidden(format!("{error:?}"), "Jane-Roe");
    let source = std::error::Error::source(&error).expect("the I/O error is the source");
    assert_hidden(source, "Jane-Roe");
}

#[tokio::test]
async fn debug_output_shows_only_the_content_type_and_size_of_images() {
    let (_server, client) = start().await;
    let front = ImageInput::from_bytes(jpeg(), None);
    assert_eq!(
        format!("{front:?}"),
        r#"ImageInput { content_type: Some("image/jpeg"), size: Some(600) }"#
    );
    let base64 = ImageInput::from_base64("data:image/jpeg;base64,/9j/4GFiYw==");
    assert_eq!(
        format!("{base64:?}"),
        r#"ImageInput { content_type: Some("image/jpeg"), size: Some(7) }"#
    );

    let request = client
        .id_verifications()
        .create(front)
        .vendor_data("customer-42")
        .entity_id(&entity());
    let shown = format!("{request:?}");
    assert_hidden(&shown, "customer-42");
    assert_hidden(&shown, "4GFi");
}

#[test]
fn each_accepted_format_is_recognised_by_its_magic_bytes() {
    let cases = [
        (jpeg(), "image/jpeg"),
        (png(), "image/png"),
        (webp(), "image/webp"),
        (tiff(), "image/tiff"),
        (image(b"MM\x00*", 32), "image/tiff"),
    ];
    for (bytes, content_type) in cases {
        assert_eq!(
            ImageInput::from_bytes(bytes, None).content_type(),
            Some(content_type)
        );
    }
    assert_eq!(
        ImageInput::from_bytes(image(b"GIF89a", 32), None).content_type(),
        None
    );
    assert_eq!(
        ImageInput::from_bytes(image(b"RIFF\0\0\0\0WAVE", 32), None).content_type(),
        None
    );
}

#[test]
fn base64_is_measured_with_or_without_padding_and_a_data_url_prefix() {
    // Six, five and four bytes starting like a JPEG.
    let cases = [
        ("/9j/4GFi", 6),
        ("/9j/4GE=", 5),
        ("/9j/4GE", 5),
        ("/9j/4A==", 4),
        ("  data:image/jpeg;base64,/9j/4GFi\n", 6),
        ("DATA:IMAGE/JPEG;BASE64,/9j/4GFi", 6),
    ];
    for (text, size) in cases {
        let image = ImageInput::from_base64(text);
        assert_eq!(image.size(), Some(size), "{text:?}");
        assert_eq!(image.content_type(), Some("image/jpeg"), "{text:?}");
    }
    assert_eq!(ImageInput::from_base64("/9j/4G!i").size(), None);
}
