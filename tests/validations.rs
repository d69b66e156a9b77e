//! KYC validations: every operation's exact request, the decoding of every documented example,
//! every documented error, and the checks that refuse bad input before sending.

mod support;

use futures_util::StreamExt;
use gu1_kyc::{
    ErrorCode, ValidationStatus, WarningCode,
    types::{DecisionStatus, Validation},
};
use httpmock::Method::{DELETE, GET, POST};
use serde_json::{Value, json};
use support::{
    Api, ENTITY_ID, VALIDATION_ID, answer, assert_api_error, assert_invalid_input,
    assert_not_revealed, assert_streams_ids, entity_id, expect, fixture, reply, validation_id,
    with_ids,
};

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

// ---- createValidation ----------------------------------------------------------------------

#[tokio::test]
async fn create_sends_the_default_integration_code_and_decodes_the_documented_201() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations")
                .header("content-type", "application/json")
                .json_body(fixture("create_validation_request_minimal"));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(json!({"userId": "user_12345", "source": "mobile_app"}))
        .send()
        .await
        .expect("the documented 201 decodes");

    mock.assert_async().await;
    assert_documented_ids(&validation);
    assert_eq!(validation.status, ValidationStatus::Pending);
    assert_eq!(
        validation.session_id.as_ref().map(|v| v.expose().as_str()),
        Some("session_xyz789")
    );
    assert_eq!(validation.validation_session_id, None);
    assert!(validation.is_current);
    assert_eq!(validation.provider.as_deref(), Some("kyc_provider"));
    assert_eq!(
        validation.metadata.expose().get("customField"),
        Some(&json!("customValue"))
    );
    assert_eq!(
        validation.created_at.map(|t| t.to_rfc3339()),
        Some("2025-01-15T10:30:00+00:00".to_owned())
    );
}

#[tokio::test]
async fn create_without_options_sends_only_the_entity_and_the_default_integration_code() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations").json_body(json!({
                "entityId": ENTITY_ID,
                "integrationCode": "global_gueno_validation_kyc",
            }));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api.client.validations().create(&entity_id()).send().await;

    assert_eq!(
        validation.expect("created").status,
        ValidationStatus::Pending
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn create_sends_every_documented_option() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations")
                .json_body(fixture("create_validation_request_with_options"));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api
        .client
        .validations()
        .create(&entity_id())
        .integration_code("global_gueno_validation_kyc")
        .double_check_renaper(true)
        .omit_warnings([WarningCode::PossibleDuplicatedUser])
        .workflow_id("wf_standard")
        .webhook_url("https://example.com/webhooks/kyc")
        .metadata(json!({"customField": "customValue"}))
        .send()
        .await;

    assert_eq!(validation.expect("created").id.as_str(), VALIDATION_ID);
    mock.assert_async().await;
}

async fn create_error(status: u16, body: &Value) -> gu1_kyc::Error {
    let api = Api::start().await;
    let mock = api.route(POST, "/api/kyc/validations", status, body).await;
    let error = api
        .client
        .validations()
        .create(&entity_id())
        .send()
        .await
        .expect_err("the API refused");
    assert_eq!(
        mock.calls_async().await,
        1,
        "a refused create is not retried"
    );
    error
}

#[tokio::test]
async fn create_maps_404_entity_not_found() {
    let body = fixture("create_validation_404_entity_not_found");
    let error = create_error(404, &body).await;
    assert_api_error(&error, 404, &ErrorCode::EntityNotFound, "createValidation");
    assert!(error.is_not_found());
    assert!(!error.is_retryable());
    assert_eq!(error.message(), Some("Entity not found"));
}

#[tokio::test]
async fn create_maps_400_invalid_entity_type_without_showing_the_server_message() {
    let body = fixture("create_validation_400_invalid_entity_type");
    let error = create_error(400, &body).await;
    assert_api_error(
        &error,
        400,
        &ErrorCode::InvalidEntityType,
        "createValidation",
    );
    let message = body["message"].as_str().expect("a message");
    assert_eq!(error.message(), Some(message));
    assert_not_revealed(&error, message);
    assert_not_revealed(&error, support::API_KEY);
}

#[tokio::test]
async fn create_maps_400_kyc_not_configured() {
    let body = fixture("create_validation_400_kyc_not_configured");
    let error = create_error(400, &body).await;
    assert_api_error(
        &error,
        400,
        &ErrorCode::KycNotConfigured,
        "createValidation",
    );
    assert!(!error.is_not_found());
    assert_not_revealed(&error, body["message"].as_str().expect("a message"));
}

#[tokio::test]
async fn create_maps_400_validation_error() {
    let body = fixture("create_validation_400_validation_error");
    let error = create_error(400, &body).await;
    assert_api_error(&error, 400, &ErrorCode::ValidationError, "createValidation");
    assert_eq!(error.message(), Some("entityId must be a UUID"));
}

#[tokio::test]
async fn create_maps_401_unauthorized() {
    let error = create_error(401, &fixture("unauthorized_unauthorized")).await;
    assert_api_error(&error, 401, &ErrorCode::Unauthorized, "createValidation");
    assert!(error.is_unauthorized());
}

#[tokio::test]
async fn create_refuses_metadata_that_is_not_an_object_without_sending() {
    let api = Api::start().await;
    let result = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(json!(["a", "list"]))
        .send()
        .await;
    assert_invalid_input(result);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn create_refuses_metadata_over_ten_kilobytes_without_sending() {
    let api = Api::start().await;
    let big = "x".repeat(gu1_kyc::MAX_METADATA_BYTES);
    let result = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(json!({ "notes": big }))
        .send()
        .await;
    assert_invalid_input(result);
    api.assert_all_matched().await;
}

#[tokio::test]
async fn create_refuses_an_empty_integration_code_without_sending() {
    let api = Api::start().await;
    let result = api
        .client
        .validations()
        .create(&entity_id())
        .integration_code("")
        .send()
        .await;
    assert_invalid_input(result);
    api.assert_all_matched().await;
}

#[test]
fn an_entity_id_that_is_not_a_uuid_is_refused() {
    assert_invalid_input(gu1_kyc::EntityId::parse("not-a-uuid"));
    assert_invalid_input(gu1_kyc::ValidationId::parse("not-a-uuid"));
    assert_invalid_input(gu1_kyc::EntityId::parse("  "));
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

// ---- syncValidation ------------------------------------------------------------------------

#[tokio::test]
async fn sync_posts_the_force_flag_and_decodes_the_validation() {
    for (force, body) in [
        (true, fixture("sync_validation_request_force")),
        (false, json!({"force": false})),
    ] {
        let api = Api::start().await;
        let mock = api
            .mock(|when, then| {
                expect(when, POST, &path("/sync")).json_body(body);
                reply(then, 200, &fixture("get_validation_200_approved"));
            })
            .await;

        let validation = api.client.validations().sync(&validation_id(), force).await;

        assert_eq!(
            validation.expect("synced").status,
            ValidationStatus::Approved
        );
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn sync_maps_the_documented_400s() {
    for (fixture_name, code) in [
        ("sync_validation_400_no_session_id", ErrorCode::NoSessionId),
        (
            "sync_validation_400_provider_not_configured",
            ErrorCode::KycNotConfigured,
        ),
    ] {
        let api = Api::start().await;
        api.route(POST, &path("/sync"), 400, &fixture(fixture_name))
            .await;

        let error = api.client.validations().sync(&validation_id(), false).await;

        assert_api_error(&error.expect_err("400"), 400, &code, "syncValidation");
    }
}

// ---- approve / reject / cancel -------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Decide {
    Approve,
    Reject,
    Cancel,
}

impl Decide {
    const ALL: [Self; 3] = [Self::Approve, Self::Reject, Self::Cancel];

    async fn call(self, api: &Api, reason: &str) -> gu1_kyc::Result<Validation> {
        let validations = api.client.validations();
        let id = validation_id();
        match self {
            Self::Approve => validations.approve(&id, reason).await,
            Self::Reject => validations.reject(&id, reason).await,
            Self::Cancel => validations.cancel(&id, reason).await,
        }
    }

    fn route(self) -> (httpmock::Method, String) {
        match self {
            Self::Approve => (POST, path("/approve")),
            Self::Reject => (POST, path("/reject")),
            Self::Cancel => (DELETE, path("/cancel")),
        }
    }

    fn operation(self) -> &'static str {
        match self {
            Self::Approve => "approveValidation",
            Self::Reject => "rejectValidation",
            Self::Cancel => "cancelValidation",
        }
    }

    fn request(self) -> Value {
        fixture(match self {
            Self::Approve => "approve_validation_request_approve",
            Self::Reject => "reject_validation_request_reject",
            Self::Cancel => "cancel_validation_request_cancel",
        })
    }
}

#[tokio::test]
async fn decisions_send_their_documented_reason_body_and_decode_the_validation() {
    for decision in Decide::ALL {
        let api = Api::start().await;
        let (method, route) = decision.route();
        let request = decision.request();
        let mock = api
            .mock(|when, then| {
                expect(when, method, &route)
                    .header("content-type", "application/json")
                    .json_body(request.clone());
                reply(then, 200, &fixture("cancel_validation_200_cancelled"));
            })
            .await;

        let reason = request["reason"].as_str().expect("a reason");
        let validation = decision.call(&api, reason).await;

        let validation = validation.unwrap_or_else(|e| panic!("{decision:?}: {e}"));
        mock.assert_async().await;
        assert_documented_ids(&validation);
        assert_eq!(validation.status, ValidationStatus::Cancelled);
        assert!(!validation.is_current);
    }
}

#[tokio::test]
async fn cancel_is_a_delete_that_carries_its_reason_as_json() {
    let api = Api::start().await;
    let mock = api
        .mock(|when, then| {
            expect(when, DELETE, &path("/cancel"))
                .json_body(json!({"reason": "User requested to cancel"}));
            reply(then, 200, &fixture("cancel_validation_200_cancelled"));
        })
        .await;

    let validation = api
        .client
        .validations()
        .cancel(&validation_id(), "User requested to cancel")
        .await
        .expect("cancelled");

    mock.assert_async().await;
    assert_eq!(validation.status, ValidationStatus::Cancelled);
    assert_eq!(
        validation.metadata.expose().get("cancellationReason"),
        Some(&json!("User requested to cancel the verification process"))
    );
    assert!(validation.updated_at > validation.created_at);
}

#[tokio::test]
async fn decisions_map_invalid_status_and_invalid_reason() {
    for decision in Decide::ALL {
        for (fixture_name, code) in [
            ("invalid_decision_invalid_status", ErrorCode::InvalidStatus),
            ("invalid_decision_invalid_reason", ErrorCode::InvalidReason),
        ] {
            let api = Api::start().await;
            let (method, route) = decision.route();
            let mock = api.route(method, &route, 400, &fixture(fixture_name)).await;

            let error = decision
                .call(&api, "a valid reason")
                .await
                .expect_err("400");

            assert_api_error(&error, 400, &code, decision.operation());
            assert_eq!(mock.calls_async().await, 1);
        }
    }
}

#[tokio::test]
async fn decisions_map_404_not_found() {
    for decision in Decide::ALL {
        let api = Api::start().await;
        let (method, route) = decision.route();
        api.route(
            method,
            &route,
            404,
            &fixture("validation_not_found_not_found"),
        )
        .await;

        let error = decision
            .call(&api, "a valid reason")
            .await
            .expect_err("404");

        assert_api_error(&error, 404, &ErrorCode::NotFound, decision.operation());
    }
}

#[tokio::test]
async fn decisions_refuse_a_reason_shorter_than_five_chars_without_sending() {
    let api = Api::start().await;
    for decision in Decide::ALL {
        assert_invalid_input(decision.call(&api, "abcd").await);
        assert_invalid_input(decision.call(&api, "  abcd   ").await);
    }
    api.assert_all_matched().await;
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
            then.respond_with(support::in_turn(vec![answer(
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

#[tokio::test]
async fn errors_never_show_the_api_key() {
    let error = create_error(404, &fixture("create_validation_404_entity_not_found")).await;
    assert_not_revealed(&error, support::API_KEY);
    assert_not_revealed(&error, "Entity not found");
}

#[tokio::test]
async fn create_sends_metadata_of_exactly_ten_kilobytes() {
    let api = Api::start().await;
    // `{"notes":"…"}` adds 12 bytes around the string.
    let metadata = json!({ "notes": "x".repeat(gu1_kyc::MAX_METADATA_BYTES - 12) });
    assert_eq!(metadata.to_string().len(), gu1_kyc::MAX_METADATA_BYTES);
    let mock = api
        .mock(|when, then| {
            expect(when, POST, "/api/kyc/validations").json_body(json!({
                "entityId": ENTITY_ID,
                "integrationCode": "global_gueno_validation_kyc",
                "metadata": metadata.clone(),
            }));
            reply(then, 201, &fixture("create_validation_201_created"));
        })
        .await;

    let validation = api
        .client
        .validations()
        .create(&entity_id())
        .metadata(&metadata)
        .send()
        .await;

    assert!(validation.is_ok(), "{validation:?}");
    mock.assert_async().await;
}
