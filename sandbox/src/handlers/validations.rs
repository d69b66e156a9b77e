//! Validations: create, read, list, the entity's current one and summary, sync and media.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Missing};
use crate::extract::{JsonBytes, PathText, QueryPairs, parse_json, path_uuid};
use crate::lifecycle;
use crate::render;
use crate::state::AppState;
use crate::store::Validation;
use crate::util::{lock, random_hex};
use crate::wire_enums::{EntityType, ValidationStatus, WireEnum};

/// The one KYC integration configured in the sandbox.
pub(crate) const INTEGRATION_CODE: &str = "global_gueno_validation_kyc";

/// Largest serialized `metadata` accepted on create.
const MAX_METADATA_BYTES: usize = 10 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CreateValidation {
    entity_id: Value,
    integration_code: Value,
    workflow_id: Option<String>,
    webhook_url: Option<String>,
    metadata: Option<Map<String, Value>>,
    double_check_renaper: Option<bool>,
    omit_warnings: Option<Vec<String>>,
}

/// Checks a webhook URL: absolute `http` or `https`.
pub(crate) fn check_webhook_url(url: &str) -> Result<(), ApiError> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => Ok(()),
        _ => Err(ApiError::validation(
            "webhookUrl must be an absolute http or https URL",
        )),
    }
}

/// `POST /api/kyc/validations`.
pub(crate) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Response> {
    let request: CreateValidation = parse_json(&body)?;
    let entity_id = request
        .entity_id
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| ApiError::validation("entityId must be a UUID"))?;
    let integration_code = match request.integration_code.as_str() {
        Some(code) if !code.is_empty() => code.to_string(),
        _ => {
            return Err(ApiError::validation(
                "integrationCode is required and must be a non-empty string",
            ));
        }
    };
    if let Some(url) = &request.webhook_url {
        check_webhook_url(url)?;
    }
    let mut metadata = request.metadata.unwrap_or_default();
    let metadata_size = serde_json::to_vec(&metadata).map(|b| b.len()).unwrap_or(0);
    if metadata_size > MAX_METADATA_BYTES {
        return Err(ApiError::validation("metadata must be at most 10 KB"));
    }
    let mut store = lock(&state.store);
    let entity = store
        .entity(&caller.organization_id, entity_id)
        .ok_or_else(ApiError::entity_not_found)?;
    if entity.entity_type != EntityType::Person {
        return Err(ApiError::invalid_entity_type());
    }
    if integration_code != INTEGRATION_CODE {
        return Err(ApiError::kyc_not_configured());
    }
    let outcome = entity.tax_id.as_deref().and_then(lifecycle::test_outcome);
    metadata.insert("integrationCode".into(), json!(INTEGRATION_CODE));
    metadata.insert("integrationName".into(), json!(render::PROVIDER));
    if let Some(workflow) = request.workflow_id {
        metadata.insert("workflowId".into(), json!(workflow));
    }
    if request.double_check_renaper == Some(true) {
        metadata.insert("doubleCheckRenaper".into(), json!(true));
    }
    let now = state.clock.now();
    let id = Uuid::new_v4();
    let session_id = outcome
        .is_none()
        .then(|| format!("session_{}", random_hex(32)));
    let seq = store.next_seq();
    let validation = Validation {
        id,
        seq,
        organization_id: caller.organization_id.clone(),
        entity_id,
        session_id: session_id.clone(),
        status: ValidationStatus::Pending,
        is_current: true,
        webhook_url: request.webhook_url,
        omit_warnings: request.omit_warnings.unwrap_or_default(),
        decision: None,
        documents_verified: vec![],
        biometric_result: None,
        risk_assessment: None,
        verified_fields: vec![],
        extracted_data: None,
        warnings: vec![],
        metadata,
        expires_at: now + Duration::days(7),
        verified_at: None,
        created_at: now,
        updated_at: now,
    };
    let mut response = render::validation_response(&validation, &state.config.base_url);
    *response.status_mut() = StatusCode::CREATED;
    let payload = render::validation(&validation, &state.config.base_url);
    store.add_current(validation);
    if let Some(session) = session_id {
        store.sessions.insert(session, id);
    }
    // The creation event reports status `pending` under its own name.
    let event = "kyc.validation_created";
    crate::webhooks::enqueue(&state, &mut store, id, event, payload);
    drop(store);
    if let Some(outcome) = outcome {
        lifecycle::drive_test_number(&state, id, outcome);
    }
    Ok(response)
}

/// Reads `page`, `limit`, `status` and `isCurrent` and pages through matching validations.
fn page_of<'a>(
    query: &QueryPairs,
    validations: impl Iterator<Item = &'a Validation>,
    base_url: &str,
) -> ApiResult<Value> {
    let page = query.int_in("page", 1, i32::MAX as u64, 1)?;
    let limit = query.int_in("limit", 1, 100, 100)?;
    let status = query.status::<ValidationStatus>()?;
    let is_current = query.bool("isCurrent")?;
    let mut matching: Vec<&Validation> = validations
        .filter(|v| status.is_none_or(|s| v.status == s))
        .filter(|v| is_current.is_none_or(|c| v.is_current == c))
        .collect();
    matching.sort_by_key(|v| std::cmp::Reverse(v.seq));
    let skip = usize::try_from((page - 1).saturating_mul(limit)).unwrap_or(usize::MAX);
    let items: Vec<Value> = matching
        .iter()
        .skip(skip)
        .take(limit as usize)
        .map(|v| render::validation(v, base_url))
        .collect();
    Ok(json!({
        "validations": items,
        "total": matching.len(),
        "page": page,
        "limit": limit,
    }))
}

/// `GET /api/kyc/validations`.
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    query: QueryPairs,
) -> ApiResult<Json<Value>> {
    let entity_id = query.uuid("entityId")?;
    let store = lock(&state.store);
    let validations = store
        .validations
        .values()
        .filter(|v| v.organization_id == caller.organization_id)
        .filter(|v| entity_id.is_none_or(|e| v.entity_id == e));
    page_of(&query, validations, &state.config.base_url).map(Json)
}

/// `GET /api/kyc/validations/{id}`.
pub(crate) async fn get(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Response> {
    let id = path_uuid(&id, || ApiError::not_found(Missing::Validation))?;
    let store = lock(&state.store);
    let validation = store
        .validation(&caller.organization_id, id)
        .ok_or_else(|| ApiError::not_found(Missing::Validation))?;
    Ok(render::validation_response(
        validation,
        &state.config.base_url,
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SyncRequest {
    #[serde(rename = "force")]
    _force: Option<bool>,
}

/// `POST /api/kyc/validations/{id}/sync`: mock validations have no provider session; others
/// have nothing newer than what the sandbox already holds.
pub(crate) async fn sync(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Response> {
    let id = path_uuid(&id, || ApiError::not_found(Missing::Validation))?;
    if !body.iter().all(u8::is_ascii_whitespace) {
        let _: SyncRequest = parse_json(&body)?;
    }
    let store = lock(&state.store);
    let validation = store
        .validation(&caller.organization_id, id)
        .ok_or_else(|| ApiError::not_found(Missing::Validation))?;
    if validation.session_id.is_none() {
        return Err(ApiError::no_session_id());
    }
    Ok(render::validation_response(
        validation,
        &state.config.base_url,
    ))
}

/// `GET /api/kyc/entities/{entityId}/current`.
pub(crate) async fn current(
    State(state): State<AppState>,
    caller: Caller,
    PathText(entity_id): PathText,
) -> ApiResult<Response> {
    let entity_id = path_uuid(&entity_id, || ApiError::not_found(Missing::Entity))?;
    let store = lock(&state.store);
    store
        .entity(&caller.organization_id, entity_id)
        .ok_or_else(ApiError::entity_not_found)?;
    let current = store
        .current_of(entity_id)
        .ok_or_else(|| ApiError::not_found(Missing::CurrentValidation))?;
    Ok(render::validation_response(current, &state.config.base_url))
}

/// `GET /api/kyc/entities/{entityId}/validations`.
pub(crate) async fn history(
    State(state): State<AppState>,
    caller: Caller,
    PathText(entity_id): PathText,
    query: QueryPairs,
) -> ApiResult<Json<Value>> {
    let entity_id = path_uuid(&entity_id, || ApiError::not_found(Missing::Entity))?;
    let store = lock(&state.store);
    store
        .entity(&caller.organization_id, entity_id)
        .ok_or_else(|| ApiError::not_found(Missing::Entity))?;
    let validations = store
        .validations
        .values()
        .filter(|v| v.entity_id == entity_id);
    page_of(&query, validations, &state.config.base_url).map(Json)
}

/// `GET /api/kyc/entities/{entityId}/status`: verified means the current validation is
/// approved and less than a year old; `needsReverification` is its negation once the entity
/// has had any validation.
pub(crate) async fn entity_status(
    State(state): State<AppState>,
    caller: Caller,
    PathText(entity_id): PathText,
) -> ApiResult<Json<Value>> {
    let entity_id = path_uuid(&entity_id, || ApiError::not_found(Missing::Entity))?;
    let store = lock(&state.store);
    store
        .entity(&caller.organization_id, entity_id)
        .ok_or_else(|| ApiError::not_found(Missing::Entity))?;
    let mine: Vec<&Validation> = store
        .validations
        .values()
        .filter(|v| v.entity_id == entity_id)
        .collect();
    let current = mine.iter().filter(|v| v.is_current).max_by_key(|v| v.seq);
    let last_verified = mine
        .iter()
        .filter(|v| v.status == ValidationStatus::Approved)
        .filter_map(|v| v.verified_at)
        .max();
    let expires = last_verified.map(|t| t + Duration::days(365));
    let now = state.clock.now();
    let is_verified = current.is_some_and(|v| v.status == ValidationStatus::Approved)
        && expires.is_some_and(|e| e > now);
    let has_kyc = !mine.is_empty();
    Ok(Json(json!({
        "entityId": entity_id.to_string(),
        "hasKyc": has_kyc,
        "isVerified": is_verified,
        "currentValidation": current.map(|v| json!({
            "id": v.id.to_string(),
            "status": v.status.as_str(),
            "verifiedAt": v.verified_at.map(crate::util::timestamp),
        })),
        "lastVerifiedAt": last_verified.map(crate::util::timestamp),
        "expiresAt": expires.map(crate::util::timestamp),
        "needsReverification": has_kyc && !is_verified,
    })))
}

/// `GET /api/kyc/validations/{id}/media?key=kyc/...`.
pub(crate) async fn media(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
    query: QueryPairs,
) -> ApiResult<Response> {
    let id = path_uuid(&id, || ApiError::not_found(Missing::Validation))?;
    let key = match query.get("key") {
        None | Some("") => return Err(ApiError::validation("key is required")),
        Some(key) if !key.starts_with("kyc/") => {
            return Err(ApiError::validation("key must be a kyc/... storage key"));
        }
        Some(key) => key.to_string(),
    };
    let store = lock(&state.store);
    store
        .validation(&caller.organization_id, id)
        .ok_or_else(|| ApiError::not_found(Missing::Validation))?;
    let media = store
        .media
        .get(&key)
        .filter(|m| m.validation_id == id)
        .ok_or_else(|| ApiError::not_found(Missing::Media))?;
    Ok((
        [(CONTENT_TYPE, media.image.content_type)],
        media.image.bytes.as_ref().clone(),
    )
        .into_response())
}
