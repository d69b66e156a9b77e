//! The drift part of the control API, `/_sandbox/drift`: add, list and clear the caller's
//! drifts, which make an operation's successful answers differ from the spec on purpose.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::{JsonBytes, parse_object};
use crate::faults::drift::{Drift, DriftKind};
use crate::state::AppState;
use crate::util::lock;

/// The drift control routes (the caller adds the API-key check).
pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/_sandbox/drift",
        get(list_drifts).post(add_drift).delete(clear_drifts),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct NewDrift {
    kind: String,
    operation_id: Option<String>,
    property: Option<String>,
    status: Option<u16>,
    times: Option<u32>,
    always: Option<bool>,
    at: Option<String>,
}

impl NewDrift {
    fn into_drift(self) -> Result<Drift, String> {
        const KINDS: &str = "extraProperty, missingProperty, wrongType, null, unknownEnumValue \
                             or undocumentedStatus";
        let operation_id = self.operation_id.ok_or("operationId is required")?;
        let kind = match (self.kind.as_str(), self.property, self.status) {
            ("undocumentedStatus", None, Some(status)) => DriftKind::UndocumentedStatus(status),
            ("undocumentedStatus", None, None) => {
                return Err("kind undocumentedStatus needs status".into());
            }
            ("undocumentedStatus", Some(_), _) => {
                return Err("kind undocumentedStatus takes status, not property".into());
            }
            (name, property, status) => {
                let given = property.is_some();
                let kind = DriftKind::for_property(name, property.unwrap_or_default())
                    .ok_or_else(|| format!("unknown kind {name:?}: {KINDS}"))?;
                if status.is_some() {
                    return Err("status applies only to kind undocumentedStatus".into());
                }
                if !given {
                    return Err(format!("kind {name} needs property"));
                }
                kind
            }
        };
        let mut drift = Drift::of_kind(kind).on(operation_id);
        match (self.times, self.always) {
            (Some(_), Some(true)) => return Err("give times or always, not both".into()),
            (Some(times), _) => drift = drift.times(times),
            (None, _) => {}
        }
        if let Some(at) = self.at {
            drift = drift.at(at);
        }
        match drift.problem() {
            Some(problem) => Err(problem),
            None => Ok(drift),
        }
    }
}

/// `POST /_sandbox/drift`.
async fn add_drift(
    State(state): State<AppState>,
    caller: Caller,
    JsonBytes(body): JsonBytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let request: NewDrift = parse_object(&body)?;
    let drift = request.into_drift().map_err(ApiError::validation)?;
    let id = lock(&state.drifts).push(drift.clone(), Some(caller.organization_id));
    Ok((StatusCode::CREATED, Json(drift.to_json(id))))
}

/// `GET /_sandbox/drift`.
async fn list_drifts(State(state): State<AppState>, caller: Caller) -> Json<Value> {
    let drifts: Vec<Value> = lock(&state.drifts)
        .pending(Some(&caller.organization_id))
        .iter()
        .map(|(id, drift)| drift.to_json(*id))
        .collect();
    Json(json!({ "drifts": drifts }))
}

/// `DELETE /_sandbox/drift`.
async fn clear_drifts(State(state): State<AppState>, caller: Caller) -> StatusCode {
    lock(&state.drifts).clear(Some(&caller.organization_id));
    StatusCode::NO_CONTENT
}
