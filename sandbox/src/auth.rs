//! API-key authentication: `Authorization: Bearer <key>` selects the organization, and an
//! `X-Organization-Id` header, when sent, must name that same organization.

use std::sync::PoisonError;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// The organization a request acts for, put in the request's extensions by [`require_api_key`].
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// The organization's id.
    pub organization_id: String,
}

/// Middleware that answers 401 unless the request carries a known API key (and, if it sends
/// `X-Organization-Id`, the key's own organization id).
pub(crate) async fn require_api_key(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let Some(organization_id) = organization_for(&state, req.headers()) else {
        return ApiError::unauthorized().into_response();
    };
    req.extensions_mut().insert(Caller { organization_id });
    next.run(req).await
}

/// The organization whose API key (and matching `X-Organization-Id`, if sent) the headers
/// carry.
pub(crate) fn organization_for(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Option<String> {
    let header = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, key) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let key = key.trim();
    let organization_id = state
        .api_keys
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(key)?
        .clone();
    if let Some(claimed) = headers.get("x-organization-id")
        && claimed.to_str().ok()?.trim() != organization_id
    {
        return None;
    }
    Some(organization_id)
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(ApiError::unauthorized)
    }
}
