//! What every request carries: the catch-all of the harness, the headers, percent-encoded paths,
//! the client's configuration, and redaction of secrets and personal data in `Debug`.

use crate::support::api::{
    API_KEY, Api, UNMATCHED_STATUS, VALIDATION_ID, assert_not_revealed, expect, fixture, reply,
    validation_id,
};
use gu1_kyc::{Client, ErrorKind, types::Validation};
use httpmock::Method::GET;

const VALIDATION_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";

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
        let _env = crate::support::api::env_lock();
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
    let builder = crate::support::api::builder("http://127.0.0.1:9");
    let builder_debug = format!("{builder:?}");
    let client = {
        let _env = crate::support::api::env_lock();
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
    let _env = crate::support::api::env_lock();
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
    let _env = crate::support::api::env_lock();
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

#[test]
fn request_builders_keep_metadata_urls_and_tax_ids_out_of_debug() {
    let client = gu1_kyc::Client::builder()
        .api_key("gk_test_key")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("a client");
    let entity =
        gu1_kyc::types::EntityId::parse("123e4567-e89b-12d3-a456-426614174000").expect("a UUID");
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

// ---- what a call in flight weighs ----------------------------------------------------------

#[test]
fn a_call_in_flight_weighs_a_few_kilobytes_not_tens() {
    // Each layer that took the generated future by value used to lay it out again: a single
    // `get` weighed 28 KB, held by every task awaiting one. The call layer now boxes it once.
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("a client");
    let validations = client.validations();
    let id = validation_id();
    let get = validations.get(&id);
    let size = std::mem::size_of_val(&get);
    assert!(size <= 8 * 1024, "a `get` future weighs {size} bytes");
}
