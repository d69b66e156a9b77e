//! A mock server with a client pointed at it, mocks that expect every header the SDK sends, and
//! a catch-all that answers any request no test expected with a loud 599. httpmock serves the
//! earliest registered mock that matches, so [`Api::mock`] keeps the catch-all last.

use std::cell::Cell;

use gu1_kyc::{Client, types::EntityId};
use httpmock::{HttpMockRequest, HttpMockResponse, Method, Mock, MockServer, Then, When};
use serde_json::Value;

const API_KEY: &str = "gk_test_key";
const ORGANIZATION_ID: &str = "org_test";
/// The status of the catch-all's answer: no real API uses it, so it can't be mistaken.
const UNMATCHED_STATUS: u16 = 599;

/// The entity of the documentation's examples.
pub(crate) const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";

/// A mock server, a client configured against it, and the catch-all's current mock ID.
pub(crate) struct Api {
    server: MockServer,
    pub(crate) client: Client,
    catch_all: Cell<usize>,
}

impl Api {
    pub(crate) async fn start() -> Self {
        let server = MockServer::start_async().await;
        let client = Client::builder()
            .api_key(API_KEY)
            .organization_id(ORGANIZATION_ID)
            .base_url(server.base_url())
            .build()
            .expect("the test client builds");
        let catch_all = Cell::new(register_catch_all(&server).await);
        Self {
            server,
            client,
            catch_all,
        }
    }

    /// Registers a mock and moves the catch-all behind it.
    pub(crate) async fn mock(&self, spec: impl FnOnce(When, Then)) -> Mock<'_> {
        let mock = self.server.mock_async(spec).await;
        Mock::new(self.catch_all.get(), &self.server)
            .delete_async()
            .await;
        self.catch_all.set(register_catch_all(&self.server).await);
        mock
    }

    /// Asserts that no request went unmatched (including requests that should never be sent).
    pub(crate) async fn assert_all_matched(&self) {
        let unmatched = Mock::new(self.catch_all.get(), &self.server)
            .calls_async()
            .await;
        assert_eq!(unmatched, 0, "a request reached the catch-all");
    }
}

async fn register_catch_all(server: &MockServer) -> usize {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.respond_with(|request: &HttpMockRequest| {
                HttpMockResponse::builder()
                    .status(UNMATCHED_STATUS)
                    .header("content-type", "application/json")
                    .body(
                        serde_json::json!({
                            "error": "UNMATCHED_REQUEST",
                            "message": format!("no mock matched {} {}", request.method_str(), request.uri()),
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
pub(crate) fn expect(when: When, method: Method, path: &str) -> When {
    when.method(method)
        .path(path)
        .header("authorization", format!("Bearer {API_KEY}"))
        .header("x-organization-id", ORGANIZATION_ID)
        .header("api-version", "1.0.0")
        .header_prefix("user-agent", "gu1-kyc/")
}

/// Answers with `status` and a JSON body.
pub(crate) fn reply(then: Then, status: u16, body: &Value) -> Then {
    then.status(status)
        .header("content-type", "application/json")
        .body(body.to_string())
}

/// A documentation example, from the SDK's fixtures (copied from the spec).
pub(crate) fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../tests/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn entity_id() -> EntityId {
    EntityId::parse(ENTITY_ID).expect("a UUID")
}
