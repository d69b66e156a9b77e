//! The control API under `/_sandbox/...` (described by `sandbox/openapi/control.yaml`): outcome
//! and clock control, fault injection and the request log, for tests written in any language;
//! `control/drift.rs` adds drifts from the spec, `control/webhooks.rs` webhook delivery faults
//! and the delivery log.
//! It takes the same API key as the API and acts on that key's organization only; the clock is
//! the one thing every organization shares.

mod drift;
mod webhooks;

use std::collections::BTreeMap;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::auth::{Caller, require_api_key};
use crate::error::{ApiError, ApiResult, Missing};
use crate::extract::{JsonBytes, PathText, QueryPairs, parse_object, path_uuid};
use crate::faults::{Fault, FaultKind};
use crate::state::{AppState, Shared};
use crate::util::{lock, timestamp};
use crate::wire_enums::{ValidationStatus, WireEnum};
use crate::{lifecycle, operations};

/// The prefix of every control path; no API path starts with it.
pub(crate) const PREFIX: &str = "/_sandbox";

/// The control routes, behind the API-key check.
pub(crate) fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/_sandbox/operations", get(list_operations))
        .route("/_sandbox/clock", get(read_clock))
        .route("/_sandbox/clock/advance", post(advance_clock))
        .route("/_sandbox/validations/{id}/status", post(set_status))
        .route("/_sandbox/validations/{id}/webhook", post(fire_webhook))
        .route(
            "/_sandbox/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route(
            "/_sandbox/requests",
            get(list_requests).delete(clear_requests),
        )
        .merge(drift::router())
        .merge(webhooks::router())
        .route_layer(middleware::from_fn_with_state(state, require_api_key))
}

fn clock_json(shared: &Shared) -> Value {
    json!({
        "now": timestamp(shared.clock.now()),
        "offsetSeconds": shared.clock.offset().num_seconds(),
    })
}

/// `GET /_sandbox/operations`.
async fn list_operations(_caller: Caller) -> Json<Value> {
    let operations: Vec<Value> = operations::all()
        .iter()
        .map(
            |op| json!({ "operationId": op.id, "method": op.method.as_str(), "path": op.template }),
        )
        .collect();
    Json(json!({ "operations": operations }))
}

/// `GET /_sandbox/clock`.
async fn read_clock(State(state): State<AppState>, _caller: Caller) -> Json<Value> {
    Json(clock_json(&state))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AdvanceRequest {
    seconds: Option<u64>,
    days: Option<u64>,
}

/// `POST /_sandbox/clock/advance`.
async fn advance_clock(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Json<Value>> {
    let request: AdvanceRequest = parse_object(&body)?;
    if request.seconds.is_none() && request.days.is_none() {
        return Err(ApiError::validation("give seconds, days or both"));
    }
    let seconds = request
        .days
        .unwrap_or(0)
        .saturating_mul(86_400)
        .saturating_add(request.seconds.unwrap_or(0));
    let expired = lifecycle::expiry::advance_clock(&state, Duration::from_secs(seconds));
    let store = lock(&state.store);
    let mine: Vec<String> = expired
        .iter()
        .filter(|id| store.validation(&caller.organization_id, **id).is_some())
        .map(Uuid::to_string)
        .collect();
    drop(store);
    let mut out = clock_json(&state);
    out["expired"] = json!(mine);
    Ok(Json(out))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusRequest {
    status: String,
    webhook: Option<bool>,
}

/// `POST /_sandbox/validations/{id}/status`.
async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Json<Value>> {
    let id = path_uuid(&id, || ApiError::not_found(Missing::Validation))?;
    let request: StatusRequest = parse_object(&body)?;
    let status = ValidationStatus::parse(&request.status).ok_or_else(|| {
        ApiError::validation(format!(
            "status must be one of: {}",
            ValidationStatus::names()
        ))
    })?;
    let webhook = request.webhook.unwrap_or(true);
    lifecycle::change_status(&state, Some(&caller.organization_id), id, status, webhook)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(Missing::Validation))
}

/// `POST /_sandbox/validations/{id}/webhook`.
async fn fire_webhook(
    State(state): State<AppState>,
    caller: Caller,
    PathText(id): PathText,
) -> ApiResult<Json<Value>> {
    let id = path_uuid(&id, || ApiError::not_found(Missing::Validation))?;
    let event = lifecycle::refire_webhook(&state, Some(&caller.organization_id), id)
        .ok_or_else(|| ApiError::not_found(Missing::Validation))?;
    Ok(Json(
        json!({ "validationId": id.to_string(), "event": event }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct FaultRequest {
    kind: String,
    operation_id: Option<String>,
    times: Option<u32>,
    status: Option<u16>,
    body: Option<Value>,
    headers: Option<BTreeMap<String, String>>,
    delay_ms: Option<u64>,
}

impl FaultRequest {
    fn into_fault(self) -> Result<Fault, String> {
        let only_for_status =
            self.status.is_some() || self.body.is_some() || self.headers.is_some();
        let mut fault = match self.kind.as_str() {
            "status" => {
                let status = self.status.ok_or("kind status needs status")?;
                let mut fault = Fault::status(status);
                if let Some(body) = self.body {
                    fault = fault.body(body);
                }
                for (name, value) in self.headers.unwrap_or_default() {
                    fault = fault.header(name, value);
                }
                fault
            }
            "delay" | "slow_body" if only_for_status => {
                return Err("status, body and headers apply only to kind status".into());
            }
            "delay" | "slow_body" => {
                let wait = Duration::from_millis(
                    self.delay_ms
                        .ok_or_else(|| format!("kind {} needs delayMs", self.kind))?,
                );
                if self.kind == "delay" {
                    Fault::delay(wait)
                } else {
                    Fault::slow_body(wait)
                }
            }
            "drop_connection" if only_for_status || self.delay_ms.is_some() => {
                return Err(
                    "kind drop_connection takes no status, body, headers or delayMs".into(),
                );
            }
            "drop_connection" => Fault::drop_connection(),
            other => {
                return Err(format!(
                    "unknown kind {other:?}: status, delay, drop_connection or slow_body"
                ));
            }
        };
        if matches!(fault.kind(), FaultKind::Status { .. }) && self.delay_ms.is_some() {
            return Err("delayMs applies only to kinds delay and slow_body".into());
        }
        if let Some(op) = self.operation_id.filter(|op| op != "*") {
            fault = fault.on(op);
        }
        if let Some(times) = self.times {
            fault = fault.times(times);
        }
        match fault.problem() {
            Some(problem) => Err(problem),
            None => Ok(fault),
        }
    }
}

/// `POST /_sandbox/faults`.
async fn add_fault(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let request: FaultRequest = parse_object(&body)?;
    let fault = request.into_fault().map_err(ApiError::validation)?;
    let id = lock(&state.faults).push(fault.clone(), Some(caller.organization_id));
    Ok((StatusCode::CREATED, Json(fault.to_json(id))))
}

/// `GET /_sandbox/faults`.
async fn list_faults(State(state): State<AppState>, caller: Caller) -> Json<Value> {
    let faults: Vec<Value> = lock(&state.faults)
        .pending(Some(&caller.organization_id))
        .iter()
        .map(|(id, fault)| fault.to_json(*id))
        .collect();
    Json(json!({ "faults": faults }))
}

/// `DELETE /_sandbox/faults`.
async fn clear_faults(State(state): State<AppState>, caller: Caller) -> StatusCode {
    lock(&state.faults).clear(Some(&caller.organization_id));
    StatusCode::NO_CONTENT
}

/// `GET /_sandbox/requests`, optionally `?operationId=...`.
async fn list_requests(
    State(state): State<AppState>,
    caller: Caller,
    query: QueryPairs,
) -> ApiResult<Json<Value>> {
    let operation = query.get("operationId").map(str::to_string);
    if let Some(op) = &operation
        && !operations::is_known(op)
    {
        return Err(ApiError::validation(format!("unknown operationId {op:?}")));
    }
    let requests: Vec<Value> = lock(&state.requests)
        .entries(Some(&caller.organization_id))
        .iter()
        .filter(|e| operation.is_none() || e.operation_id == operation)
        .map(|e| e.to_json())
        .collect();
    Ok(Json(json!({ "requests": requests })))
}

/// `DELETE /_sandbox/requests`.
async fn clear_requests(State(state): State<AppState>, caller: Caller) -> StatusCode {
    lock(&state.requests).clear(Some(&caller.organization_id));
    StatusCode::NO_CONTENT
}
