//! Manual decisions on a validation: approve, reject and cancel, each with a reason.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Missing};
use crate::extract::{JsonBytes, PathText, path_uuid};
use crate::lifecycle;
use crate::render;
use crate::state::AppState;
use crate::util::lock;
use crate::wire_enums::{ValidationStatus, WireEnum};

/// Who the sandbox records as the author of a manual decision made with an API key.
const DECIDED_BY: &str = "api_key";

/// Reads `{"reason": "..."}`: malformed JSON is a `VALIDATION_ERROR`; a missing, non-string or
/// short reason (under 5 characters once trimmed) is `INVALID_REASON`.
fn read_reason(body: &[u8]) -> ApiResult<String> {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(body)
            .map_err(|e| ApiError::validation(format!("Invalid request body: {e}")))?
    };
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::validation("Request body must be a JSON object"))?;
    if let Some(unknown) = object.keys().find(|k| k.as_str() != "reason") {
        return Err(ApiError::validation(format!(
            "Unknown field in request body: {unknown}"
        )));
    }
    match object.get("reason").and_then(Value::as_str) {
        Some(reason) if reason.trim().chars().count() >= 5 => Ok(reason.to_string()),
        _ => Err(ApiError::invalid_reason()),
    }
}

#[derive(Clone, Copy)]
enum Decision {
    Approve,
    Reject,
    Cancel,
}

fn decide(
    state: AppState,
    caller: Caller,
    id: String,
    body: &[u8],
    decision: Decision,
) -> ApiResult<Response> {
    let id = path_uuid(&id, || ApiError::not_found(Missing::Validation))?;
    let reason = read_reason(body)?;
    let mut store = lock(&state.store);
    let current = store
        .validation(&caller.organization_id, id)
        .ok_or_else(|| ApiError::not_found(Missing::Validation))?
        .status;
    let (allowed, target, reason_key, by_key): (&[ValidationStatus], _, _, _) = match decision {
        Decision::Approve => (
            &[ValidationStatus::InReview],
            ValidationStatus::Approved,
            "approvalReason",
            Some("manuallyApprovedBy"),
        ),
        Decision::Reject => (
            &[ValidationStatus::InReview],
            ValidationStatus::Rejected,
            "rejectionReason",
            Some("manuallyRejectedBy"),
        ),
        Decision::Cancel => (
            &[
                ValidationStatus::Pending,
                ValidationStatus::InProgress,
                ValidationStatus::InReview,
            ],
            ValidationStatus::Cancelled,
            "cancellationReason",
            None,
        ),
    };
    if !allowed.contains(&current) {
        let message = match decision {
            Decision::Cancel => format!(
                "Validation can only be cancelled while pending, in_progress or in_review (current status: {})",
                current.as_str()
            ),
            _ => format!(
                "Validation must be in_review to approve or reject (current status: {})",
                current.as_str()
            ),
        };
        return Err(ApiError::invalid_status(message));
    }
    if let Some(v) = store.validations.get_mut(&id) {
        v.metadata.insert(reason_key.into(), json!(reason));
        if let Some(by_key) = by_key {
            v.metadata.insert(by_key.into(), json!(DECIDED_BY));
        }
    }
    if !lifecycle::advance(&state, &mut store, id, allowed, target) {
        return Err(ApiError::not_found(Missing::Validation));
    }
    let validation = store
        .validations
        .get(&id)
        .ok_or_else(|| ApiError::not_found(Missing::Validation))?;
    Ok(render::validation_response(
        validation,
        &state.config.base_url,
    ))
}

/// `POST /api/kyc/validations/{id}/approve`.
pub(crate) async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Response> {
    decide(state, caller, id, &body, Decision::Approve)
}

/// `POST /api/kyc/validations/{id}/reject`.
pub(crate) async fn reject(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Response> {
    decide(state, caller, id, &body, Decision::Reject)
}

/// `DELETE /api/kyc/validations/{id}/cancel`.
pub(crate) async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Response> {
    decide(state, caller, id, &body, Decision::Cancel)
}
