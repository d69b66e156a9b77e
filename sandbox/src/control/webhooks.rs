//! The webhook part of the control API, under `/_sandbox/webhooks/...`: delivery faults, the
//! release of held deliveries, unreachable windows and the delivery log, each for the caller's
//! organization only.

use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{JsonBytes, parse_object};
use crate::faults::delivery::{DeliveryFault, MAX_UNREACHABLE, ReleaseOrder, window_end};
use crate::state::AppState;
use crate::util::{lock, timestamp};
use crate::webhooks;

/// The webhook control routes (the caller adds the API-key check).
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/_sandbox/webhooks/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_sandbox/webhooks/release", post(release))
        .route("/_sandbox/webhooks/unreachable", post(unreachable))
        .route("/_sandbox/webhooks/deliveries", get(list_deliveries))
        .route(
            "/_sandbox/webhooks/endpoint",
            get(read_endpoint).put(set_endpoint),
        )
}

/// The caller's webhook endpoint: where its events go, and the secret that signs them.
fn endpoint_json(state: &AppState, organization_id: &str) -> ApiResult<Json<Value>> {
    let store = lock(&state.store);
    let organization = store
        .organizations
        .get(organization_id)
        .ok_or_else(ApiError::unauthorized)?;
    Ok(Json(json!({
        "url": organization.webhook_url,
        "secret": organization.webhook_secret,
    })))
}

/// `GET /_sandbox/webhooks/endpoint`.
async fn read_endpoint(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    endpoint_json(&state, &caller.organization_id)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewEndpoint {
    /// `null` stops sending (events are still recorded).
    url: Option<String>,
}

/// `PUT /_sandbox/webhooks/endpoint`: where the caller's later events go (events already
/// recorded keep the URL they had).
async fn set_endpoint(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Json<Value>> {
    let request: NewEndpoint = parse_object(&body)?;
    if let Some(url) = &request.url {
        crate::handlers::validations::check_webhook_url(url)?;
    }
    {
        let mut store = lock(&state.store);
        let organization = store
            .organizations
            .get_mut(&caller.organization_id)
            .ok_or_else(ApiError::unauthorized)?;
        organization.webhook_url = request.url;
    }
    endpoint_json(&state, &caller.organization_id)
}

/// A seed for a caller that gave none. It stays below 2^53 so that clients whose JSON numbers
/// are doubles (JavaScript's) read back exactly the seed to repeat the run with.
fn random_seed() -> u64 {
    fastrand::u64(..1 << 53)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct NewDeliveryFault {
    kind: String,
    times: Option<u32>,
    always: Option<bool>,
    fraction: Option<f64>,
    seed: Option<u64>,
    delay_ms: Option<u64>,
}

impl NewDeliveryFault {
    fn into_fault(self) -> Result<DeliveryFault, String> {
        let mut fault = match (self.kind.as_str(), self.delay_ms) {
            ("delay", Some(millis)) => DeliveryFault::delay(Duration::from_millis(millis)),
            ("delay", None) => return Err("kind delay needs delayMs".into()),
            ("drop" | "duplicate" | "hold", Some(_)) => {
                return Err("delayMs applies only to kind delay".into());
            }
            ("drop", None) => DeliveryFault::drop(),
            ("duplicate", None) => DeliveryFault::duplicate(),
            ("hold", None) => DeliveryFault::hold(),
            (other, _) => {
                return Err(format!(
                    "unknown kind {other:?}: drop, duplicate, delay or hold"
                ));
            }
        };
        match (self.times, self.always) {
            (Some(_), Some(true)) => return Err("give times or always, not both".into()),
            (Some(times), _) => fault = fault.times(times),
            (None, Some(true)) => fault = fault.always(),
            (None, _) => {}
        }
        match (self.fraction, self.seed) {
            // Without a seed one is drawn, and the answer shows it, so a run can be repeated.
            (Some(p), seed) => fault = fault.fraction(p, seed.unwrap_or_else(random_seed)),
            (None, Some(_)) => return Err("seed applies only with fraction".into()),
            (None, None) => {}
        }
        match fault.problem() {
            Some(problem) => Err(problem),
            None => Ok(fault),
        }
    }
}

/// `POST /_sandbox/webhooks/faults`.
async fn add_fault(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let request: NewDeliveryFault = parse_object(&body)?;
    let fault = request.into_fault().map_err(ApiError::validation)?;
    let id = lock(&state.store)
        .deliveries
        .faults
        .push(fault.clone(), Some(caller.organization_id));
    Ok((StatusCode::CREATED, Json(fault.to_json(id, 0))))
}

/// `GET /_sandbox/webhooks/faults`.
async fn list_faults(State(state): State<AppState>, caller: Caller) -> Json<Value> {
    let faults = lock(&state.store)
        .deliveries
        .faults
        .pending_json(&caller.organization_id);
    Json(json!({ "faults": faults }))
}

/// `DELETE /_sandbox/webhooks/faults`.
async fn clear_faults(State(state): State<AppState>, caller: Caller) -> StatusCode {
    lock(&state.store)
        .deliveries
        .faults
        .clear(Some(&caller.organization_id));
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReleaseRequest {
    order: Option<String>,
    seed: Option<u64>,
}

/// `POST /_sandbox/webhooks/release`.
async fn release(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Json<Value>> {
    let request: ReleaseRequest = parse_object(&body)?;
    let order = match (request.order.as_deref().unwrap_or("as_held"), request.seed) {
        ("as_held", None) => ReleaseOrder::AsHeld,
        ("reverse", None) => ReleaseOrder::Reverse,
        // Without a seed one is drawn, and the answer shows it, so the order can be repeated.
        ("shuffled", seed) => ReleaseOrder::Shuffled(seed.unwrap_or_else(random_seed)),
        ("as_held" | "reverse", Some(_)) => {
            return Err(ApiError::validation("seed applies only to order shuffled"));
        }
        (other, _) => {
            return Err(ApiError::validation(format!(
                "unknown order {other:?}: as_held, reverse or shuffled"
            )));
        }
    };
    let released = webhooks::release_held(&state, Some(&caller.organization_id), order);
    let mut out = json!({ "released": released });
    if let ReleaseOrder::Shuffled(seed) = order {
        out["seed"] = json!(seed);
    }
    Ok(Json(out))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct UnreachableRequest {
    duration_ms: u64,
}

/// `POST /_sandbox/webhooks/unreachable`.
async fn unreachable(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<Json<Value>> {
    let request: UnreachableRequest = parse_object(&body)?;
    let max = u64::try_from(MAX_UNREACHABLE.as_millis()).unwrap_or(u64::MAX);
    if request.duration_ms > max {
        return Err(ApiError::validation(format!(
            "durationMs may be at most {max}"
        )));
    }
    let duration = Duration::from_millis(request.duration_ms);
    let until = window_end(tokio::time::Instant::now(), duration);
    lock(&state.store)
        .deliveries
        .faults
        .set_unreachable(Some(caller.organization_id), until);
    let now = state.clock.now();
    let ends = i64::try_from(request.duration_ms)
        .ok()
        .and_then(|millis| now.checked_add_signed(chrono::Duration::milliseconds(millis)))
        .unwrap_or(now);
    Ok(Json(
        json!({ "until": timestamp(ends), "durationMs": request.duration_ms }),
    ))
}

/// `GET /_sandbox/webhooks/deliveries`.
async fn list_deliveries(State(state): State<AppState>, caller: Caller) -> Json<Value> {
    let store = lock(&state.store);
    let deliveries: Vec<Value> = store
        .deliveries
        .entries()
        .iter()
        .filter(|d| d.organization_id == caller.organization_id)
        .enumerate()
        .map(|(index, d)| d.to_json(index + 1))
        .collect();
    Json(json!({ "deliveries": deliveries }))
}
