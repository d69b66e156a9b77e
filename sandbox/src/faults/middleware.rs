//! The fault-injection middleware: the outermost layer of the router, it answers a request with
//! the next fault waiting for its operation and caller, if there is one, tells the drift
//! middleware inside it which operation and caller a request is, and records every API request
//! in the request log, since it is the layer that sees how each was answered.

use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use super::FaultKind;
use super::drift::{ApiCall, Drifted};
use crate::request_log::RecordedRequest;
use crate::state::AppState;
use crate::util::{lock, random_hex};
use crate::{auth, control, operations};

/// The largest body a slow-body fault trickles (the largest the sandbox answers is an image).
const MAX_SLOW_BODY: usize = 16 * 1024 * 1024;

/// How many pieces a slow body is cut into, at most.
const SLOW_BODY_PIECES: usize = 16;

/// The middleware around every route: answers with the next injected fault that applies, if
/// one does, and records the request in the request log with how it was answered (the fault,
/// and the drifts that changed the answer). The control endpoints are neither faulted, drifted
/// nor recorded.
pub(crate) async fn inject(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let template = req
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_string());
    let control_path = match &template {
        Some(template) => template.starts_with(control::PREFIX),
        None => req.uri().path().starts_with(control::PREFIX),
    };
    if control_path {
        return next.run(req).await;
    }
    let started = Instant::now();
    let received_at = state.clock.now();
    let method = req.method().as_str().to_string();
    let operation = template
        .as_deref()
        .and_then(|template| operations::operation_id(&method, template));
    let organization_id = auth::organization_for(&state, req.headers());
    if let Some(operation_id) = operation {
        req.extensions_mut().insert(ApiCall {
            operation_id,
            organization_id: organization_id.clone(),
        });
    }
    let request_id = client_request_id(req.headers());
    let server_request_id = format!("sbx_{}", random_hex(32));
    let limited = match (&state.rate_limits, &organization_id) {
        (Some(limits), Some(organization)) => limits.take(organization).err(),
        _ => None,
    };
    let fault = match limited {
        Some(_) => None,
        None => operation.and_then(|op| lock(&state.faults).take(op, organization_id.as_deref())),
    };
    let fault_name = fault.as_ref().map(|kind| kind.name().to_string());
    let (mut response, status) = match (limited, fault) {
        (Some(wait), _) => (rate_limited(wait), Some(429)),
        (None, Some(kind)) => apply(kind, req, next).await,
        (None, None) => {
            let response = next.run(req).await;
            let status = response.status().as_u16();
            (response, Some(status))
        }
    };
    // Every answer names itself, as servers do, for a client to quote.
    if let Ok(value) = HeaderValue::from_str(&server_request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    let duration = started.elapsed();
    let drifts = response
        .extensions()
        .get::<Drifted>()
        .map(|drifted| drifted.0.iter().map(|kind| kind.to_string()).collect())
        .unwrap_or_default();
    lock(&state.requests).record(RecordedRequest {
        sequence: 0,
        operation_id: operation.map(str::to_string),
        method,
        path_template: template,
        status,
        duration,
        organization_id,
        fault: fault_name,
        drifts,
        received_at,
        request_id,
        server_request_id,
    });
    response
}

/// The answer beyond the rate limit: 429, the API's error body and when to come back.
fn rate_limited(wait: std::time::Duration) -> Response {
    let seconds = crate::rate_limit::retry_after_seconds(wait);
    let body = serde_json::json!({
        "error": "RATE_LIMITED",
        "message": format!("Too many requests for this organization; retry in {seconds} s"),
    });
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (CONTENT_TYPE, "application/json".to_string()),
            (axum::http::header::RETRY_AFTER, seconds.to_string()),
        ],
        body.to_string(),
    )
        .into_response()
}

/// The header a request id travels in, both ways.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The client's request id, when it sent one that is printable and short (anything else is not
/// an id, and is not kept).
fn client_request_id(headers: &axum::http::HeaderMap) -> Option<String> {
    let id = headers.get(REQUEST_ID)?.to_str().ok()?;
    let printable = !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic());
    printable.then(|| id.to_owned())
}

/// Answers `req` as the fault says; returns the response and the status the client gets
/// (`None` when the connection is dropped).
async fn apply(kind: FaultKind, req: Request, next: Next) -> (Response, Option<u16>) {
    match kind {
        FaultKind::Status {
            status,
            headers,
            body,
        } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let mut response = (
                status,
                [(CONTENT_TYPE, "application/json")],
                body.to_string(),
            )
                .into_response();
            for (name, value) in headers {
                if let (Ok(name), Ok(value)) =
                    (HeaderName::try_from(name), HeaderValue::try_from(value))
                {
                    response.headers_mut().insert(name, value);
                }
            }
            (response, Some(status.as_u16()))
        }
        FaultKind::Delay(wait) => {
            tokio::time::sleep(wait).await;
            let response = next.run(req).await;
            let status = response.status().as_u16();
            (response, Some(status))
        }
        FaultKind::DropConnection => {
            drop(req);
            // A body that fails before its first byte makes the server close the connection
            // without writing the status line.
            let failing = stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped"))
            });
            let response = Response::new(Body::from_stream(failing));
            (response, None)
        }
        FaultKind::SlowBody(over) => {
            let response = next.run(req).await;
            let status = response.status().as_u16();
            let (parts, body) = response.into_parts();
            let bytes = match axum::body::to_bytes(body, MAX_SLOW_BODY).await {
                Ok(bytes) => bytes,
                Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR.into_response(), Some(500)),
            };
            let size = bytes.len().div_ceil(SLOW_BODY_PIECES).max(1);
            let pieces: Vec<Bytes> = (0..bytes.len())
                .step_by(size)
                .map(|start| bytes.slice(start..(start + size).min(bytes.len())))
                .collect();
            let pause = over / (pieces.len().max(1) as u32);
            let trickle = stream::unfold(pieces.into_iter(), move |mut rest| async move {
                let piece = rest.next()?;
                tokio::time::sleep(pause).await;
                Some((Ok::<Bytes, std::io::Error>(piece), rest))
            });
            (
                Response::from_parts(parts, Body::from_stream(trickle)),
                Some(status),
            )
        }
    }
}
