//! What every call shares: headers, the catch-all, retries that never repeat a side effect,
//! timeouts, network failures, size limits, lenient decoding, downloads, and redaction.

mod support;

use std::time::Duration;

use gu1_kyc::{Client, ErrorCode, ErrorKind, ValidationStatus, WarningCode, types::Validation};
use httpmock::Method::{GET, POST};
use serde_json::json;
use support::{
    API_KEY, Api, MAX_RETRIES, PROXY_PAGE, UNMATCHED_STATUS, VALIDATION_ID, answer,
    assert_api_error, assert_not_revealed, entity_id, expect, fixture, in_turn, reply,
    validation_id,
};

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

// ---- the harness itself --------------------------------------------------------------------

#[tokio::test]
async fn the_catch_all_answers_an_unexpected_request_with_599_naming_it() {
    let api = Api::start().await;
    let expected = api
        .route(
            GET,
            "/api/kyc/validations/some-other-id",
            200,
            &fixture("get_validation_200_pending"),
        )
        .await;

    let error = api.client.validations().get(&validation_id()).await;

    let error = error.expect_err("no mock expects this request");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(UNMATCHED_STATUS));
    assert_eq!(
        error.message(),
        Some(format!("no mock matched GET {VALIDATION_PATH}").as_str())
    );
    assert_eq!(expected.calls_async().await, 0);
    assert_eq!(api.unmatched().await, 1, "a 599 is not retried");
}

#[tokio::test]
async fn every_request_carries_the_key_the_organization_the_api_version_and_the_user_agent() {
    let api = Api::start_with(|builder| builder.user_agent_suffix("acme-onboarding/2.1")).await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, VALIDATION_PATH).header(
                "user-agent",
                format!("gu1-kyc/{} acme-onboarding/2.1", env!("CARGO_PKG_VERSION")),
            );
            reply(then, 200, &fixture("get_validation_200_pending"));
        })
        .await;

    let validation = api.client.validations().get(&validation_id()).await;

    assert_eq!(validation.expect("matched").id.as_str(), VALIDATION_ID);
    mock.assert_async().await;
}

#[tokio::test]
async fn a_client_without_an_organization_sends_no_organization_header() {
    let api = Api::start().await;
    let client = {
        let _env = support::env_lock();
        Client::builder()
            .api_key(API_KEY)
            .base_url(api.server.base_url())
            .build()
            .expect("builds")
    };
    let mock = api
        .mock(|when, then| {
            when.method(GET)
                .path(VALIDATION_PATH)
                .header("authorization", format!("Bearer {API_KEY}"))
                .header_missing("x-organization-id");
            reply(then, 200, &fixture("get_validation_200_pending"));
        })
        .await;

    let validation = client.validations().get(&validation_id()).await;

    assert!(validation.is_ok(), "{validation:?}");
    mock.assert_async().await;
}

#[tokio::test]
async fn path_parameters_are_percent_encoded() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            "/entities/by-external-id/customer%2042%2Fa",
            200,
            &fixture("entity_created_created")["entity"],
        )
        .await;

    let entity = api
        .client
        .entities()
        .get_by_external_id("customer 42/a")
        .await;

    assert!(entity.is_ok(), "{entity:?}");
    mock.assert_async().await;
}

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
            expect(when, POST, "/api/kyc/validations")
                .json_body_includes(json!({"entityId": support::ENTITY_ID}).to_string());
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
        let _env = support::env_lock();
        support::builder(&format!("http://127.0.0.1:{port}"))
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
        .selfie_image(&support::face_match_id())
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
        .selfie_image(&support::face_match_id())
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

// ---- redaction -----------------------------------------------------------------------------

#[test]
fn debug_of_a_validation_shows_no_personal_data_or_verification_url() {
    let validation: Validation =
        serde_json::from_value(fixture("get_validation_200_approved")).expect("decodes");
    assert!(validation.extracted_data.is_some());

    let debug = format!("{validation:?}");
    let pretty = format!("{validation:#?}");

    for secret in [
        "John",
        "Doe",
        "AB123456",
        "1990-01-15",
        "https://verify.example.com/session_xyz789",
        "verify.example.com",
        "user_12345",
    ] {
        assert!(!debug.contains(secret), "Debug shows {secret:?}: {debug}");
        assert!(!pretty.contains(secret), "Debug shows {secret:?}");
    }
    assert!(
        debug.contains(VALIDATION_ID),
        "IDs stay visible for support"
    );
}

#[test]
fn debug_of_the_client_and_its_builder_hides_the_api_key() {
    let builder = support::builder("http://127.0.0.1:9");
    let builder_debug = format!("{builder:?}");
    let client = {
        let _env = support::env_lock();
        builder.build().expect("builds")
    };
    let client_debug = format!("{client:?}");

    for debug in [builder_debug, client_debug] {
        assert!(!debug.contains(API_KEY), "{debug}");
        assert!(!debug.contains("gk_test"), "{debug}");
    }
}

#[test]
fn the_builder_refuses_a_missing_key_an_empty_key_and_a_bad_base_url() {
    let _env = support::env_lock();
    let attempts = [
        Client::builder().build(),
        Client::builder().api_key("   ").build(),
        Client::builder().api_key("gk\nx").build(),
        Client::builder()
            .api_key(API_KEY)
            .base_url("ftp://example.com")
            .build(),
        Client::builder()
            .api_key(API_KEY)
            .base_url("not a url")
            .build(),
    ];
    for attempt in attempts {
        let error = attempt.expect_err("a bad configuration");
        assert_eq!(error.kind(), ErrorKind::Config, "{error}");
        assert_not_revealed(&error, "gk\nx");
    }
}

#[test]
fn from_env_needs_gu1_api_key_and_reads_the_optional_variables() {
    const VARS: [&str; 3] = ["GU1_API_KEY", "GU1_BASE_URL", "GU1_ORGANIZATION_ID"];
    let _env = support::env_lock();
    let saved: Vec<_> = VARS
        .iter()
        .map(|name| (*name, std::env::var_os(name)))
        .collect();
    let set = |name: &str, value: Option<&std::ffi::OsStr>| {
        // SAFETY: every test that reads or writes the environment holds `env_lock`.
        unsafe {
            match value {
                Some(value) => std::env::set_var(name, value),
                None => std::env::remove_var(name),
            }
        }
    };

    for name in VARS {
        set(name, None);
    }
    let missing = Client::from_env().expect_err("no key");
    set("GU1_API_KEY", Some("  ".as_ref()));
    let blank = Client::from_env().expect_err("a blank key");
    set("GU1_API_KEY", Some("gk_env_key".as_ref()));
    set("GU1_BASE_URL", Some("http://127.0.0.1:9/".as_ref()));
    set("GU1_ORGANIZATION_ID", Some("org_env".as_ref()));
    let configured = Client::from_env();
    set("GU1_BASE_URL", Some("ftp://nowhere".as_ref()));
    let bad_url = Client::from_env();

    for (name, value) in saved {
        set(name, value.as_deref());
    }
    for error in [&missing, &blank] {
        assert_eq!(error.kind(), ErrorKind::Config, "{error}");
        assert!(error.to_string().contains("GU1_API_KEY"), "{error}");
    }
    let client = configured.expect("configured from the environment");
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
    assert!(!format!("{client:?}").contains("gk_env_key"));
    assert_eq!(bad_url.expect_err("not http").kind(), ErrorKind::Config);
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

#[test]
fn request_builders_keep_metadata_urls_and_tax_ids_out_of_debug() {
    let client = gu1_kyc::Client::builder()
        .api_key("gk_test_key")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("a client");
    let entity = gu1_kyc::EntityId::parse("123e4567-e89b-12d3-a456-426614174000").expect("a UUID");
    let create = client
        .validations()
        .create(&entity)
        .metadata(serde_json::json!({"fullName": "Jane Secret"}))
        .webhook_url("https://example.com/hooks?token=s3cr3t");
    let shown = format!("{create:?}");
    assert!(
        shown.contains("123e4567-e89b-12d3-a456-426614174000"),
        "{shown}"
    );
    assert!(
        !shown.contains("Jane Secret") && !shown.contains("s3cr3t"),
        "{shown}"
    );

    let list = client.entities().list().tax_id("20345678901");
    let shown = format!("{list:?}");
    assert!(!shown.contains("20345678901"), "{shown}");
    let person = client
        .entities()
        .create_person("Jane Secret", "AR")
        .tax_id("20345678901");
    let shown = format!("{person:?}");
    assert!(
        !shown.contains("Jane Secret") && !shown.contains("20345678901"),
        "{shown}"
    );
}
