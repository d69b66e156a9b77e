//! Reading KYC validations: one validation, an entity's current one and its history, the
//! organization-wide list, an entity's KYC status and a validation's media; the decoding of every
//! documented example and every documented error.

use crate::support::api::{
    Api, ENTITY_ID, VALIDATION_ID, answer, assert_api_error, assert_invalid_input,
    assert_streams_ids, entity_id, expect, fixture, reply, validation_id, with_ids,
};
use futures_util::StreamExt;
use gu1_kyc::{
    ErrorCode,
    types::{DecisionStatus, Validation, ValidationStatus},
};
use httpmock::Method::GET;
use serde_json::json;

const VALIDATION_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";
const HISTORY_PATH: &str = "/api/kyc/entities/123e4567-e89b-12d3-a456-426614174000/validations";
const CURRENT_PATH: &str = "/api/kyc/entities/123e4567-e89b-12d3-a456-426614174000/current";

fn path(suffix: &str) -> String {
    format!("{VALIDATION_PATH}{suffix}")
}

/// Asserts the fields every documented validation example shares.
fn assert_documented_ids(validation: &Validation) {
    assert_eq!(validation.id.as_str(), VALIDATION_ID);
    assert_eq!(validation.entity_id.as_str(), ENTITY_ID);
    assert_eq!(validation.organization_id.as_deref(), Some("org_abc123"));
    assert_eq!(validation.session_id(), Some("session_xyz789"));
    assert_eq!(
        validation.verification_url(),
        Some("https://verify.example.com/session_xyz789")
    );
}

// ---- getValidation -------------------------------------------------------------------------

#[tokio::test]
async fn get_decodes_the_documented_pending_example_with_its_nulls() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            VALIDATION_PATH,
            200,
            &fixture("get_validation_200_pending"),
        )
        .await;

    let validation = api.client.validations().get(&validation_id()).await;

    let validation = validation.expect("the pending example decodes");
    mock.assert_async().await;
    assert_documented_ids(&validation);
    assert_eq!(
        validation
            .validation_session_id
            .as_ref()
            .map(|v| v.expose().as_str()),
        Some("session_xyz789")
    );
    assert_eq!(validation.status, ValidationStatus::Pending);
    assert_eq!(validation.decision, None);
    assert_eq!(validation.biometric_result, None);
    assert_eq!(validation.risk_assessment, None);
    assert_eq!(validation.extracted_data, None);
    assert_eq!(validation.verified_at, None);
    assert!(validation.warnings.is_empty());
    assert!(validation.documents_verified.is_empty());
    assert!(validation.expires_at.is_some());
    assert!(
        validation.extra.expose().is_empty(),
        "every documented field is modelled"
    );
}

#[tokio::test]
async fn get_decodes_the_documented_approved_example_with_decision_and_extracted_data() {
    let api = Api::start().await;
    api.route(
        GET,
        VALIDATION_PATH,
        200,
        &fixture("get_validation_200_approved"),
    )
    .await;

    let validation = api.client.validations().get(&validation_id()).await;

    let validation = validation.expect("the approved example decodes");
    assert_documented_ids(&validation);
    assert_eq!(
        validation.session_id.as_ref().map(|v| v.expose().as_str()),
        Some("session_xyz789")
    );
    assert_eq!(validation.status, ValidationStatus::Approved);
    let decision = validation.decision.as_ref().expect("a decision");
    assert_eq!(decision.status, Some(DecisionStatus::Approved));
    assert_eq!(
        decision.features,
        ["id_verification", "liveness", "face_match"]
    );
    let check = decision.id_verification.as_ref().expect("a document check");
    assert_eq!(check.status, Some(DecisionStatus::Approved));
    assert_eq!(check.document_type.as_deref(), Some("Passport"));
    assert_eq!(
        check.document_number.as_ref().map(|n| n.expose().as_str()),
        Some("AB123456")
    );
    let extracted = validation.extracted_data.as_ref().expect("extracted data");
    assert_eq!(
        extracted.first_name.as_ref().map(|n| n.expose().as_str()),
        Some("John")
    );
    assert_eq!(
        extracted.last_name.as_ref().map(|n| n.expose().as_str()),
        Some("Doe")
    );
    assert_eq!(
        extracted
            .date_of_birth
            .as_ref()
            .map(|d| d.expose().as_str()),
        Some("1990-01-15")
    );
    assert_eq!(extracted.document_type.as_deref(), Some("Passport"));
    assert_eq!(
        validation.verified_field_names().collect::<Vec<_>>(),
        ["firstName", "lastName", "dateOfBirth"]
    );
    assert_eq!(validation.documents_verified.len(), 1);
    assert!(validation.biometric_result.is_some());
    assert!(validation.verified_at.is_some());
}

#[tokio::test]
async fn get_maps_404_not_found() {
    let api = Api::start().await;
    api.route(
        GET,
        VALIDATION_PATH,
        404,
        &fixture("validation_not_found_not_found"),
    )
    .await;

    let error = api
        .client
        .validations()
        .get(&validation_id())
        .await
        .expect_err("404");

    assert_api_error(&error, 404, &ErrorCode::NotFound, "getValidation");
    assert!(error.is_not_found());
    assert_eq!(error.message(), Some("Validation not found"));
}

// ---- getCurrentValidation ------------------------------------------------------------------

#[tokio::test]
async fn current_decodes_the_documented_example() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            CURRENT_PATH,
            200,
            &fixture("get_current_validation_200_current"),
        )
        .await;

    let validation = api.client.validations().current(&entity_id()).await;

    let validation = validation.expect("the current example decodes");
    mock.assert_async().await;
    assert_documented_ids(&validation);
    assert_eq!(validation.status, ValidationStatus::Approved);
    assert_eq!(validation.provider.as_deref(), Some("Gu1 KYC"));
    let decision = validation.decision.expect("a decision");
    assert_eq!(decision.status, Some(DecisionStatus::Approved));
    assert!(validation.metadata.expose().is_empty());
}

#[tokio::test]
async fn current_maps_both_documented_404s() {
    for (fixture_name, code) in [
        (
            "get_current_validation_404_no_current_validation",
            ErrorCode::NotFound,
        ),
        (
            "get_current_validation_404_entity_not_found",
            ErrorCode::EntityNotFound,
        ),
    ] {
        let api = Api::start().await;
        api.route(GET, CURRENT_PATH, 404, &fixture(fixture_name))
            .await;

        let error = api
            .client
            .validations()
            .current(&entity_id())
            .await
            .expect_err("404");

        assert_api_error(&error, 404, &code, "getCurrentValidation");
        assert!(error.is_not_found());
    }
}

// ---- listEntityValidations (history) -------------------------------------------------------

#[tokio::test]
async fn history_sends_only_the_page_by_default_and_decodes_the_documented_example() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, HISTORY_PATH)
                .query_param("page", "1")
                .query_param_missing("limit")
                .query_param_missing("status")
                .query_param_missing("isCurrent");
            reply(then, 200, &fixture("list_entity_validations_200_history"));
        })
        .await;

    let page = api.client.validations().history(&entity_id()).send().await;

    let page = page.expect("the history example decodes");
    mock.assert_async().await;
    assert_eq!((page.total, page.page, page.limit), (2, 1, 100));
    assert!(!page.has_next());
    let [current, old] = page.items.as_slice() else {
        panic!("two validations, got {}", page.items.len())
    };
    assert_eq!(current.status, ValidationStatus::Approved);
    assert!(current.is_current);
    assert!(current.extracted_data.is_some());
    assert_eq!(current.session_id(), Some("session_xyz789"));
    assert_eq!(old.id.as_str(), "440e8400-e29b-41d4-a716-446655440001");
    assert_eq!(old.status, ValidationStatus::Abandoned);
    assert!(!old.is_current);
    assert_eq!(old.decision, None);
    assert_eq!(old.extracted_data, None);
    assert_eq!(old.verified_at, None);
}

#[tokio::test]
async fn history_sends_every_filter_that_is_set() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, HISTORY_PATH)
                .query_param("page", "3")
                .query_param("limit", "25")
                .query_param("status", "in_review")
                .query_param("isCurrent", "false");
            reply(
                then,
                200,
                &json!({"validations": [], "total": 0, "page": 3, "limit": 25}),
            );
        })
        .await;

    let page = api
        .client
        .validations()
        .history(&entity_id())
        .page(3)
        .limit(25)
        .status(ValidationStatus::InReview)
        .is_current(false)
        .send()
        .await;

    assert!(page.expect("an empty page").items.is_empty());
    mock.assert_async().await;
}

#[tokio::test]
async fn history_maps_the_documented_errors() {
    let cases = [
        (
            404,
            "list_entity_validations_404_entity_not_found",
            ErrorCode::NotFound,
        ),
        (
            400,
            "list_entity_validations_400_invalid_status",
            ErrorCode::ValidationError,
        ),
        (
            401,
            "list_entity_validations_401_unauthorized",
            ErrorCode::Unauthorized,
        ),
    ];
    for (status, fixture_name, code) in cases {
        let api = Api::start().await;
        let body = fixture(fixture_name);
        api.route(GET, HISTORY_PATH, status, &body).await;

        let error = api.client.validations().history(&entity_id()).send().await;

        let error = error.expect_err("an API error");
        assert_api_error(&error, status, &code, "listEntityValidations");
        assert_eq!(error.message(), body["message"].as_str());
        assert_eq!(error.is_not_found(), status == 404);
        assert_eq!(error.is_unauthorized(), status == 401);
        assert!(!error.is_retryable());
    }
}

#[tokio::test]
async fn history_refuses_a_limit_of_zero_or_over_one_hundred_without_sending() {
    let api = Api::start().await;
    for limit in [0, 101] {
        let history = api.client.validations().history(&entity_id()).limit(limit);
        assert_invalid_input(history.send().await);
        let first = std::pin::pin!(history.stream()).next().await;
        assert_invalid_input(first.expect("the stream reports the error"));
        assert_invalid_input(api.client.validations().list().limit(limit).send().await);
    }
    assert_invalid_input(
        api.client
            .validations()
            .history(&entity_id())
            .page(0)
            .send()
            .await,
    );
    api.assert_all_matched().await;
}

#[tokio::test]
async fn history_stream_walks_three_pages_in_order_and_stops() {
    let api = Api::start().await;
    let ids = [
        "00000000-0000-4000-8000-000000000001",
        "00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000003",
        "00000000-0000-4000-8000-000000000004",
        "00000000-0000-4000-8000-000000000005",
    ];
    let template = fixture("get_validation_200_pending");
    let mut pages = Vec::new();
    for (n, chunk) in ids.chunks(2).enumerate() {
        let page = n + 1;
        let items = with_ids(&template, chunk);
        let body = json!({"validations": items, "total": 5, "page": page, "limit": 2});
        let mock = api
            .mock(|when, then| {
                expect(when, GET, HISTORY_PATH)
                    .query_param("page", page.to_string())
                    .query_param("limit", "2");
                reply(then, 200, &body);
            })
            .await;
        pages.push(mock);
    }

    let history = api.client.validations().history(&entity_id()).limit(2);

    let id = |v: &Validation| v.id.to_string();
    assert_streams_ids(&api, history.stream(), id, &ids, &pages).await;
}

// ---- listValidations -----------------------------------------------------------------------

#[tokio::test]
async fn list_sends_the_organization_wide_query_with_its_entity_filter() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, "/api/kyc/validations")
                .query_param("page", "2")
                .query_param("limit", "50")
                .query_param("status", "approved")
                .query_param("isCurrent", "true")
                .query_param("entityId", ENTITY_ID);
            reply(then, 200, &fixture("list_entity_validations_200_history"));
        })
        .await;

    let page = api
        .client
        .validations()
        .list()
        .page(2)
        .limit(50)
        .status(ValidationStatus::Approved)
        .is_current(true)
        .entity_id(&entity_id())
        .send()
        .await;

    assert_eq!(page.expect("a page").items.len(), 2);
    mock.assert_async().await;
}

#[tokio::test]
async fn list_without_filters_sends_only_the_page() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, GET, "/api/kyc/validations")
                .query_param("page", "1")
                .query_param_missing("limit")
                .query_param_missing("status")
                .query_param_missing("isCurrent")
                .query_param_missing("entityId");
            reply(then, 200, &fixture("list_entity_validations_200_history"));
        })
        .await;

    let page = api.client.validations().list().send().await;

    assert_eq!(page.expect("a page").total, 2);
    mock.assert_async().await;
}

#[tokio::test]
async fn list_maps_400_with_the_documented_message() {
    let api = Api::start().await;
    api.route(
        GET,
        "/api/kyc/validations",
        400,
        &fixture("invalid_query_validation_error"),
    )
    .await;

    let error = api
        .client
        .validations()
        .list()
        .send()
        .await
        .expect_err("400");

    assert_api_error(&error, 400, &ErrorCode::ValidationError, "listValidations");
    assert_eq!(error.message(), Some("limit must be between 1 and 100"));
}

// ---- getEntityKycStatus --------------------------------------------------------------------

#[tokio::test]
async fn entity_status_decodes_the_documented_example() {
    let api = Api::start().await;
    let mock = api
        .route(
            GET,
            "/api/kyc/entities/123e4567-e89b-12d3-a456-426614174000/status",
            200,
            &fixture("get_entity_kyc_status_200_verified"),
        )
        .await;

    let status = api.client.validations().entity_status(&entity_id()).await;

    let status = status.expect("the status example decodes");
    mock.assert_async().await;
    assert_eq!(status.entity_id.as_str(), ENTITY_ID);
    assert!(status.has_kyc);
    assert!(status.is_verified);
    assert!(!status.needs_reverification);
    let current = status.current_validation.expect("a current validation");
    assert_eq!(current.id.as_str(), VALIDATION_ID);
    assert_eq!(current.status, ValidationStatus::Approved);
    assert!(status.last_verified_at.is_some() && status.expires_at.is_some());
}

#[tokio::test]
async fn entity_status_maps_404_not_found() {
    let api = Api::start().await;
    api.route(
        GET,
        "/api/kyc/entities/123e4567-e89b-12d3-a456-426614174000/status",
        404,
        &fixture("entity_not_found_not_found"),
    )
    .await;

    let error = api.client.validations().entity_status(&entity_id()).await;

    let error = error.expect_err("404");
    assert_api_error(&error, 404, &ErrorCode::NotFound, "getEntityKycStatus");
    assert!(error.is_not_found());
}

// ---- getValidationMedia --------------------------------------------------------------------

const MEDIA_KEY: &str = "kyc/org_abc123/550e8400-e29b-41d4-a716-446655440000/front.jpg";

#[tokio::test]
async fn media_sends_the_key_and_streams_the_file() {
    let api = Api::start().await;
    let bytes: Vec<u8> = (0..=255).collect();
    let mock = api
        .mock(|when, then| {
            expect(when, GET, &path("/media")).query_param("key", MEDIA_KEY);
            then.respond_with(crate::support::api::in_turn(vec![answer(
                200,
                "image/jpeg",
                bytes.clone(),
            )]));
        })
        .await;

    let media = api
        .client
        .validations()
        .media(&validation_id(), MEDIA_KEY)
        .await;

    let media = media.expect("the media downloads");
    assert_eq!(media.content_type(), Some("image/jpeg"));
    assert_eq!(media.extension(), Some("jpg"));
    assert_eq!(
        media.bytes(1024).await.expect("within the limit").as_ref(),
        bytes
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn media_maps_404_not_found() {
    let api = Api::start().await;
    api.mock(|when, then| {
        expect(when, GET, &path("/media")).query_param("key", MEDIA_KEY);
        reply(then, 404, &fixture("media_not_found_not_found"));
    })
    .await;

    let error = api
        .client
        .validations()
        .media(&validation_id(), MEDIA_KEY)
        .await;

    let error = error.expect_err("404");
    assert_api_error(&error, 404, &ErrorCode::NotFound, "getValidationMedia");
    assert_eq!(error.message(), Some("Media not found"));
}

#[tokio::test]
async fn media_refuses_a_key_that_does_not_start_with_kyc_without_sending() {
    let api = Api::start().await;
    for key in ["https://cdn.example.com/front.jpg", "", "KYC/front.jpg"] {
        assert_invalid_input(api.client.validations().media(&validation_id(), key).await);
    }
    api.assert_all_matched().await;
}
