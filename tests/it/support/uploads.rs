//! Harness for the upload tests: synthetic images, an independent multipart parser, a mock server
//! that expects an exact upload, and a client pointed at it.

use std::time::Duration;

use gu1_kyc::{
    Client, ClientBuilder, CreateFaceMatch, CreateIdVerification, Error, ErrorKind, ImageInput,
    RetryPolicy,
    types::{EntityId, FaceMatchResult, IdVerificationResult},
};
use httpmock::{HttpMockRequest, HttpMockResponse, Method::POST, Mock, MockServer, When};
use serde_json::Value;

pub const API_KEY: &str = "gk_test_uploads";
pub const ORGANIZATION_ID: &str = "86122d3c-6dfc-4afa-9c46-aaf841262c7e";
pub const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";
pub const ID_VERIFICATION_ID: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
pub const FACE_MATCH_ID: &str = "9b2d3f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";
pub const ID_VERIFICATION_PATH: &str = "/api/kyc/id-verification";
pub const FACE_MATCH_PATH: &str = "/api/kyc/face-match";

/// Synthetic images: a format's magic number followed by every byte value, so that the exact
/// bytes on the wire are checked, binary ones included.
pub fn image(magic: &[u8], len: usize) -> Vec<u8> {
    let mut bytes = magic.to_vec();
    bytes.extend((0..len.saturating_sub(magic.len())).map(|i| (i % 256) as u8));
    bytes
}

pub fn jpeg() -> Vec<u8> {
    image(&[0xFF, 0xD8, 0xFF, 0xE0], 600)
}

pub fn png() -> Vec<u8> {
    image(b"\x89PNG\r\n\x1a\n", 500)
}

pub fn webp() -> Vec<u8> {
    image(b"RIFF\x00\x01\x00\x00WEBPVP8 ", 400)
}

pub fn tiff() -> Vec<u8> {
    image(b"II*\x00", 300)
}

/// One part of a multipart body as the server sees it.
#[derive(Debug, PartialEq)]
pub struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

pub fn file(name: &str, file_name: &str, content_type: &str, body: Vec<u8>) -> Part {
    Part {
        name: name.to_owned(),
        file_name: Some(file_name.to_owned()),
        content_type: Some(content_type.to_owned()),
        body,
    }
}

pub fn text(name: &str, value: &str) -> Part {
    Part {
        name: name.to_owned(),
        file_name: None,
        content_type: None,
        body: value.as_bytes().to_vec(),
    }
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Parses a `multipart/form-data` request independently of the SDK's encoder; `None` when the
/// request is not well-formed multipart.
pub fn parts(request: &HttpMockRequest) -> Option<Vec<Part>> {
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
pub fn upload(when: When, path: &str, expected: Vec<Part>) -> When {
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
pub async fn answer<'a>(
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
pub async fn answer_json<'a>(
    server: &'a MockServer,
    path: &str,
    status: u16,
    body: &Value,
) -> Mock<'a> {
    answer(server, path, status, "application/json", body.to_string()).await
}

/// An upload the server expects, and the catch-all behind it.
pub struct Expected<'a> {
    upload: Mock<'a>,
    unexpected: Mock<'a>,
}

impl Expected<'_> {
    /// Asserts that the expected upload arrived once and nothing else did.
    pub async fn assert_sent_once(&self) {
        self.upload.assert_calls_async(1).await;
        self.unexpected.assert_calls_async(0).await;
    }
}

/// The spec's documented success example for the upload to `path`.
pub fn example(path: &str) -> Value {
    match path {
        ID_VERIFICATION_PATH => fixture("create_id_verification_200_approved"),
        _ => fixture("create_face_match_200_match"),
    }
}

/// Answers an upload to `path` that carries exactly `expected` with the documented example, and
/// anything else with the catch-all.
pub async fn expect_upload<'a>(
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
pub fn verify(client: &Client, front: ImageInput) -> CreateIdVerification<'_> {
    client.id_verifications().create(front)
}

/// The smallest ID verification: a JPEG front and no options.
pub async fn verify_document(client: &Client) -> gu1_kyc::Result<IdVerificationResult> {
    verify(client, ImageInput::from_bytes(jpeg(), None))
        .send()
        .await
}

/// A face match of a JPEG document with `selfie`.
pub fn compare(client: &Client, selfie: ImageInput) -> CreateFaceMatch<'_> {
    client
        .face_matches()
        .create(ImageInput::from_bytes(jpeg(), None), selfie)
}

/// The smallest face match: a JPEG document and a PNG selfie, no options.
pub async fn match_faces(client: &Client) -> gu1_kyc::Result<FaceMatchResult> {
    compare(client, ImageInput::from_bytes(png(), None))
        .send()
        .await
}

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn json_answer(status: u16, body: &Value) -> HttpMockResponse {
    HttpMockResponse::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.to_string())
        .build()
}

pub fn builder(server: &MockServer) -> ClientBuilder {
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

pub async fn start() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let client = builder(&server).build().expect("the test client builds");
    (server, client)
}

/// A mock that answers anything with a loud 599; registered last, it sees only what no other
/// mock expected.
pub async fn catch_all(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(599).body("no mock expected this request");
        })
        .await
}

pub fn entity() -> EntityId {
    EntityId::parse(ENTITY_ID).expect("the example entity ID parses")
}

/// Asserts that a rendering (`Display`, or `Debug` through `format!`) does not show `secret`.
pub fn assert_hidden(shown: impl std::fmt::Display, secret: &str) {
    let shown = shown.to_string();
    assert!(!shown.contains(secret), "{secret:?} is shown: {shown}");
}

/// Runs `request` against a server that expects nothing and returns its refusal, which must
/// name `field` and the operation.
pub async fn refused<T: std::fmt::Debug>(
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
