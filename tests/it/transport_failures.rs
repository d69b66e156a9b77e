//! When a call fails: retries that never repeat a side effect, timeouts and network failures.

use std::time::Duration;

use crate::support::api::{
    API_KEY, Api, MAX_RETRIES, PROXY_PAGE, VALIDATION_ID, answer, assert_api_error,
    assert_not_revealed, entity_id, expect, fixture, in_turn, reply, validation_id,
};
use gu1_kyc::{ErrorCode, ErrorKind, types::ValidationStatus};
use httpmock::Method::{GET, POST};
use serde_json::json;

const VALIDATION_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";
const ATTEMPTS: usize = 1 + MAX_RETRIES as usize;

fn created() -> httpmock::HttpMockResponse {
    answer(
        201,
        "application/json",
        fixture("create_validation_201_created").to_string(),
    )
}

fn pending() -> httpmock::HttpMockResponse {
    answer(
        200,
        "application/json",
        fixture("get_validation_200_pending").to_string(),
    )
}

// ---- retries -------------------------------------------------------------------------------

#[tokio::test]
async fn an_html_502_on_a_read_keeps_its_status_and_is_retried_then_fails_retryable() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, VALIDATION_PATH);
            then.status(502)
                .header("content-type", "text/html")
                .body(PROXY_PAGE);
        })
        .await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("every attempt failed");
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(error.code(), None);
    assert_eq!(error.operation(), Some(gu1_kyc::Operation::GetValidation));
    assert!(error.is_retryable());
    assert_not_revealed(&error, "nginx");
    assert_eq!(mock.calls_async().await, ATTEMPTS);
}

#[tokio::test]
async fn an_html_404_keeps_its_documented_status() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, VALIDATION_PATH);
            then.status(404)
                .header("content-type", "text/html")
                .body("<h1>Not Found</h1>");
        })
        .await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("404");
    assert_eq!(error.kind(), ErrorKind::Api, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(error.is_not_found());
    assert!(!error.is_retryable());
    assert_eq!(mock.calls_async().await, 1);
}

#[tokio::test]
async fn a_429_on_create_is_retried_and_the_second_answer_is_returned() {
    let api = Api::start().await;
    let limited = answer(
        429,
        "application/json",
        fixture("rate_limited_rate_limited").to_string(),
    );
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations").json_body_includes(
                json!({"entityId": crate::support::api::ENTITY_ID}).to_string(),
            );
            then.respond_with(in_turn(vec![limited, created()]));
        })
        .await;

    let validation = api.client.validations().create(&entity_id()).send().await;

    assert_eq!(
        validation.expect("the retry succeeded").id.as_str(),
        VALIDATION_ID
    );
    assert_eq!(mock.calls_async().await, 2);
}

#[tokio::test]
async fn a_503_on_create_is_not_retried() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations");
            then.respond_with(in_turn(vec![
                answer(
                    503,
                    "application/json",
                    r#"{"error":"SERVICE_UNAVAILABLE"}"#,
                ),
                created(),
            ]));
        })
        .await;

    let error = api.client.validations().create(&entity_id()).send().await;

    let error = error.expect_err("the 503 is returned, not retried");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.code(), Some(&ErrorCode::ServiceUnavailable));
    assert!(error.is_retryable(), "the caller may decide to retry later");
    assert_eq!(mock.calls_async().await, 1);
}

#[tokio::test]
async fn a_503_then_200_on_a_read_succeeds() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, VALIDATION_PATH);
            then.respond_with(in_turn(vec![
                answer(503, "text/plain", "try later"),
                pending(),
            ]));
        })
        .await;

    let validation = api.client.validations().get(&validation_id()).await;

    assert_eq!(
        validation.expect("the retry succeeded").status,
        ValidationStatus::Pending
    );
    assert_eq!(mock.calls_async().await, 2);
}

#[tokio::test]
async fn a_sync_is_retried_after_a_503_because_repeating_it_is_safe() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, &format!("{VALIDATION_PATH}/sync"))
                .json_body(json!({"force": true}));
            then.respond_with(in_turn(vec![
                answer(503, "text/plain", "try later"),
                pending(),
            ]));
        })
        .await;

    let validation = api.client.validations().sync(&validation_id(), true).await;

    assert!(validation.is_ok(), "{validation:?}");
    assert_eq!(mock.calls_async().await, 2);
}

#[tokio::test]
async fn a_rate_limited_read_is_retried_and_reports_retry_after() {
    // The client waits as long as the server asks, up to `max_delay`.
    let api = Api::start_with(|builder| {
        builder.retry_policy(gu1_kyc::RetryPolicy {
            max_retries: MAX_RETRIES,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_secs(2),
        })
    })
    .await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, VALIDATION_PATH);
            reply(then, 429, &fixture("rate_limited_rate_limited")).header("retry-after", "1");
        })
        .await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("still limited");
    assert_api_error(&error, 429, &ErrorCode::RateLimited, "getValidation");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
    assert!(error.is_retryable());
    assert_eq!(
        error.message(),
        Some("Rate limit exceeded. Try again later.")
    );
    assert_eq!(mock.calls_async().await, ATTEMPTS);
}

// ---- timeouts and network failures ---------------------------------------------------------

#[tokio::test]
async fn a_read_that_times_out_is_retried_then_fails_with_kind_timeout() {
    let api = Api::start_with(|builder| builder.timeout(Duration::from_millis(100))).await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, "/entities/by-tax-id/12345678");
            reply(then, 200, &fixture("entity_created_created")["entity"])
                .delay(Duration::from_secs(2));
        })
        .await;

    let error = api.client.entities().get_by_tax_id("12345678").await;

    let error = error.expect_err("too slow");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(error.is_timeout() && error.is_retryable());
    assert_eq!(
        error.operation(),
        Some(gu1_kyc::Operation::GetEntityByTaxId)
    );
    assert_not_revealed(&error, "12345678");
    assert_eq!(mock.calls_async().await, ATTEMPTS);
}

#[tokio::test]
async fn a_create_that_times_out_is_not_retried() {
    let api = Api::start_with(|builder| builder.timeout(Duration::from_millis(100))).await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations");
            reply(then, 201, &fixture("create_validation_201_created"))
                .delay(Duration::from_secs(2));
        })
        .await;

    let error = api.client.validations().create(&entity_id()).send().await;

    assert_eq!(error.expect_err("too slow").kind(), ErrorKind::Timeout);
    assert_eq!(
        mock.calls_async().await,
        1,
        "the server may have created it"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_network_error_without_the_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("an address").port()
    };
    let client = {
        let _env = crate::support::api::env_lock();
        crate::support::api::builder(&format!("http://127.0.0.1:{port}"))
            .build()
            .expect("builds")
    };

    let error = client.entities().get_by_tax_id("12345678").await;

    let error = error.expect_err("nothing listens there");
    assert_eq!(error.kind(), ErrorKind::Network, "{error}");
    assert_eq!(error.status(), None);
    assert_eq!(
        error.operation(),
        Some(gu1_kyc::Operation::GetEntityByTaxId)
    );
    assert!(error.is_retryable());
    assert_not_revealed(&error, "12345678");
    assert_not_revealed(&error, API_KEY);
}
