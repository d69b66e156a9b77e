//! Shared harness for the integration tests: a mock server, a client pointed at it, and a
//! catch-all that answers any request no test expected with a loud 599.
//!
//! httpmock has no mock priority: it serves the earliest registered mock that matches. The
//! catch-all therefore has to stay the last one registered, so [`Api::mock`] moves it behind
//! every new mock.

use std::{
    cell::Cell,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use gu1_kyc::{Client, ClientBuilder, Error, ErrorKind, RetryPolicy};
use httpmock::{HttpMockRequest, HttpMockResponse, Method, Mock, MockServer, Then, When};
use serde_json::Value;

pub const API_KEY: &str = "gk_test_key";
pub const ORGANIZATION_ID: &str = "org_test";
/// The status of the catch-all's answer: no real API uses it, so it can't be mistaken.
pub const UNMATCHED_STATUS: u16 = 599;
pub const MAX_RETRIES: u32 = 2;

/// IDs used by the documentation's examples.
pub const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";
pub const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
pub const ID_VERIFICATION_ID: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
pub const FACE_MATCH_ID: &str = "9b2d3f4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

/// A mock server, a client configured against it, and the catch-all's current mock ID.
pub struct Api {
    pub server: MockServer,
    pub client: Client,
    catch_all: Cell<usize>,
}

impl Api {
    /// A harness whose client retries fast (2 retries, 1 ms to 5 ms apart).
    pub async fn start() -> Self {
        Self::start_with(|builder| builder).await
    }

    /// A harness whose client builder is adjusted by `configure` before it is built.
    pub async fn start_with(configure: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Self {
        let server = MockServer::start_async().await;
        let client = {
            // Building a client reads proxy settings from the environment.
            let _env = env_lock();
            configure(builder(&server.base_url()))
                .build()
                .expect("the test client builds")
        };
        let catch_all = register_catch_all(&server).await;
        Self {
            server,
            client,
            catch_all: Cell::new(catch_all),
        }
    }

    /// Registers a mock and moves the catch-all behind it.
    pub async fn mock(&self, spec: impl FnOnce(When, Then)) -> Mock<'_> {
        let mock = self.server.mock_async(spec).await;
        Mock::new(self.catch_all.get(), &self.server)
            .delete_async()
            .await;
        self.catch_all.set(register_catch_all(&self.server).await);
        mock
    }

    /// Registers a mock that expects `method path` with the SDK's headers and answers `status`
    /// with a JSON `body`.
    pub async fn route(&self, method: Method, path: &str, status: u16, body: &Value) -> Mock<'_> {
        self.mock(|when, then| {
            expect(when, method, path);
            reply(then, status, body);
        })
        .await
    }

    /// How many requests reached the catch-all since the last mock was registered.
    pub async fn unmatched(&self) -> usize {
        Mock::new(self.catch_all.get(), &self.server)
            .calls_async()
            .await
    }

    /// Asserts that no request went unmatched (including requests that should never be sent).
    pub async fn assert_all_matched(&self) {
        assert_eq!(self.unmatched().await, 0, "a request reached the catch-all");
    }
}

/// Serializes changes to the process environment with the code that reads it: the environment
/// is process-global and tests run on parallel threads.
pub fn env_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The builder every harness starts from.
pub fn builder(base_url: &str) -> ClientBuilder {
    Client::builder()
        .api_key(API_KEY)
        .organization_id(ORGANIZATION_ID)
        .base_url(base_url)
        .retry_policy(fast_retries())
}

pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: MAX_RETRIES,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
    }
}

async fn register_catch_all(server: &MockServer) -> usize {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.respond_with(|request: &HttpMockRequest| {
                let uri = request.uri();
                let target = uri.path_and_query().map_or("/", |p| p.as_str());
                HttpMockResponse::builder()
                    .status(UNMATCHED_STATUS)
                    .header("content-type", "application/json")
                    .body(
                        serde_json::json!({
                            "error": "UNMATCHED_REQUEST",
                            "message": format!(
                                "no mock matched {} {target}",
                                request.method_str()
                            ),
                        })
                        .to_string(),
                    )
                    .build()
            });
        })
        .await
        .id
}

/// Expects `method path` with every header the SDK must send.
pub fn expect(when: When, method: Method, path: &str) -> When {
    when.method(method)
        .path(path)
        .header("authorization", format!("Bearer {API_KEY}"))
        .header("x-organization-id", ORGANIZATION_ID)
        .header("api-version", "1.0.0")
        .header_prefix("user-agent", "gu1-kyc/")
}

/// Answers with `status` and a JSON body.
pub fn reply(then: Then, status: u16, body: &Value) -> Then {
    then.status(status)
        .header("content-type", "application/json")
        .body(body.to_string())
}

/// A documentation example copied from the spec into `tests/fixtures`.
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Answers the n-th matching request with `answers[n]`, repeating the last one after that.
pub fn in_turn(answers: Vec<HttpMockResponse>) -> impl Fn(&HttpMockRequest) -> HttpMockResponse {
    let served = Arc::new(AtomicUsize::new(0));
    move |_| {
        let n = served.fetch_add(1, Ordering::SeqCst);
        answers[n.min(answers.len() - 1)].clone()
    }
}

/// Copies of `template`, one per ID, each with its `id` replaced.
pub fn with_ids(template: &Value, ids: &[&str]) -> Vec<Value> {
    ids.iter()
        .map(|id| {
            let mut item = template.clone();
            item["id"] = Value::from(*id);
            item
        })
        .collect()
}

/// Asserts that `stream` yields items with exactly `ids`, in order, that each page mock was
/// read once, and that nothing else was asked.
pub async fn assert_streams_ids<T, S>(
    api: &Api,
    stream: S,
    id: impl Fn(&T) -> String,
    ids: &[&str],
    pages: &[Mock<'_>],
) where
    S: futures_util::Stream<Item = gu1_kyc::Result<T>>,
{
    use futures_util::StreamExt;
    let items: Vec<_> = stream.collect().await;
    let streamed: Vec<String> = items
        .iter()
        .map(|item| id(item.as_ref().expect("every page decodes")))
        .collect();
    assert_eq!(streamed, ids);
    for page in pages {
        assert_eq!(page.calls_async().await, 1);
    }
    api.assert_all_matched().await;
}

/// A response with `status` and a body of the given content type.
pub fn answer(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> HttpMockResponse {
    HttpMockResponse::builder()
        .status(status)
        .header("content-type", content_type)
        .body(body.into())
        .build()
}

/// An HTML page such as a proxy in front of the API answers with.
pub const PROXY_PAGE: &str = "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>";

/// Asserts that a call failed before sending anything.
pub fn assert_invalid_input<T: std::fmt::Debug>(result: gu1_kyc::Result<T>) -> Error {
    let error = result.expect_err("the input should be refused");
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    assert_eq!(error.status(), None);
    error
}

/// Asserts that an API error carries `status` and the documented `code`, and names `operation`.
pub fn assert_api_error(
    error: &Error,
    status: u16,
    code: &gu1_kyc::ErrorCode,
    operation: &'static str,
) {
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(status), "{error}");
    assert_eq!(error.code(), Some(code), "{error}");
    assert_eq!(
        error.operation().map(gu1_kyc::Operation::id),
        Some(operation),
        "{error}"
    );
}

/// Asserts that neither `Display`, `Debug` nor any source of `error` contains `secret`.
pub fn assert_not_revealed(error: &Error, secret: &str) {
    assert!(
        !error.to_string().contains(secret),
        "Display shows {secret:?}: {error}"
    );
    assert!(
        !format!("{error:?}").contains(secret),
        "Debug shows {secret:?}: {error:?}"
    );
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        assert!(
            !inner.to_string().contains(secret),
            "a source shows {secret:?}: {inner}"
        );
        assert!(
            !format!("{inner:?}").contains(secret),
            "a source shows {secret:?}: {inner:?}"
        );
        source = inner.source();
    }
}

pub fn entity_id() -> gu1_kyc::types::EntityId {
    gu1_kyc::types::EntityId::parse(ENTITY_ID).expect("a UUID")
}

pub fn validation_id() -> gu1_kyc::types::ValidationId {
    gu1_kyc::types::ValidationId::parse(VALIDATION_ID).expect("a UUID")
}

pub fn id_verification_id() -> gu1_kyc::types::IdVerificationId {
    gu1_kyc::types::IdVerificationId::parse(ID_VERIFICATION_ID).expect("an ID")
}

pub fn face_match_id() -> gu1_kyc::types::FaceMatchId {
    gu1_kyc::types::FaceMatchId::parse(FACE_MATCH_ID).expect("an ID")
}
