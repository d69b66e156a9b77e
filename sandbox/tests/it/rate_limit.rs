//! The rate limit (`SandboxBuilder::rate_limit`, `--rate-limit`): per organization, a burst of
//! N and then N a period; beyond it 429 with the API's error body and a `Retry-After` in whole
//! seconds. The control API is not limited. Every answer names itself with an `X-Request-Id`,
//! and the request log keeps the client's.

use std::time::Duration;

use gu1_kyc_sandbox::Sandbox;

async fn get(sandbox: &Sandbox, key: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", sandbox.base_url()))
        .bearer_auth(key)
        .header("x-request-id", "req_from_the_test")
        .send()
        .await
        .expect("the sandbox answers")
}

#[tokio::test]
async fn beyond_its_burst_an_organization_gets_429_with_retry_after() {
    let sandbox = Sandbox::builder()
        .rate_limit(3, Duration::from_secs(60))
        .start()
        .await
        .expect("the sandbox starts");
    for _ in 0..3 {
        assert_eq!(
            get(&sandbox, sandbox.api_key(), "/entities").await.status(),
            200
        );
    }
    let refused = get(&sandbox, sandbox.api_key(), "/entities").await;
    assert_eq!(refused.status(), 429);
    let retry_after: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    let server_id = refused
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .expect("the answer names itself")
        .to_owned();
    let body: serde_json::Value = refused.json().await.expect("a JSON body");
    assert_eq!(body["error"], "RATE_LIMITED");

    // Another organization has a bucket of its own, and the control API is not limited.
    let other = sandbox.add_organization();
    assert_eq!(
        get(&sandbox, &other.api_key, "/entities").await.status(),
        200
    );
    assert_eq!(
        get(&sandbox, sandbox.api_key(), "/_sandbox/requests")
            .await
            .status(),
        200
    );

    let log = sandbox.requests();
    let last = log
        .iter()
        .rfind(|r| r.organization_id.as_deref() == Some(sandbox.organization_id()))
        .expect("logged");
    assert_eq!(last.status, Some(429));
    assert_eq!(last.request_id.as_deref(), Some("req_from_the_test"));
    assert_eq!(last.server_request_id, server_id);
}

#[tokio::test]
async fn a_limit_of_zero_is_refused() {
    let error = Sandbox::builder()
        .rate_limit(0, Duration::from_secs(1))
        .start()
        .await
        .expect_err("no rate");
    assert!(error.to_string().contains("rate limit"), "{error}");
}
