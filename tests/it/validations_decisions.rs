//! Acting on a KYC validation: syncing it with the provider, and approving, rejecting or
//! cancelling it with a reason; the exact requests and the documented errors.

use crate::support::api::{
    Api, ENTITY_ID, VALIDATION_ID, assert_api_error, assert_invalid_input, expect, fixture, reply,
    validation_id,
};
use gu1_kyc::{
    ErrorCode,
    types::{Validation, ValidationStatus},
};
use httpmock::Method::{DELETE, POST};
use serde_json::{Value, json};

const VALIDATION_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";

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
