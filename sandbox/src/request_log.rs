//! The request log: every request the sandbox received, by operation and route template, with
//! its status and timing, for tests to assert on ("exactly one create was sent").
//!
//! It never holds a concrete path (a path can carry a tax id or an external id), a query string,
//! a header or a body: only names the spec defines and numbers.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::state::{AppState, lock, timestamp};
use crate::{auth, control, faults, operations};

/// How many requests the log keeps; older ones are forgotten first.
pub const REQUEST_LOG_CAPACITY: usize = 10_000;

/// One request the sandbox received, as the request log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Its position among every request the sandbox received, from 1.
    pub sequence: u64,
    /// The spec's `operationId`, e.g. `createValidation`; `None` for the hosted page and for
    /// paths that match no route.
    pub operation_id: Option<String>,
    /// The HTTP method, e.g. `POST`.
    pub method: String,
    /// The route template that matched, e.g. `/api/kyc/validations/{id}` (never the concrete
    /// path); `None` when no route matched.
    pub path_template: Option<String>,
    /// The status answered; `None` when a fault dropped the connection.
    pub status: Option<u16>,
    /// From receiving the request to having the status and headers ready (for a slow-body
    /// fault, the body arrives later).
    pub duration: Duration,
    /// The organization whose API key the request carried, if it carried a valid one.
    pub organization_id: Option<String>,
    /// The injected fault that answered it (`status`, `delay`, `drop_connection`,
    /// `slow_body`), if one did.
    pub fault: Option<String>,
    /// When it arrived, by the sandbox's clock.
    pub received_at: DateTime<Utc>,
}

impl RecordedRequest {
    /// The entry as the control API shows it.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "sequence": self.sequence,
            "operationId": self.operation_id,
            "method": self.method,
            "pathTemplate": self.path_template,
            "status": self.status,
            "durationMs": self.duration.as_secs_f64() * 1000.0,
            "organizationId": self.organization_id,
            "fault": self.fault,
            "receivedAt": timestamp(self.received_at),
        })
    }
}

/// The last [`REQUEST_LOG_CAPACITY`] requests.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: VecDeque<RecordedRequest>,
    next_sequence: u64,
}

impl RequestLog {
    /// The next sequence number.
    fn sequence(&mut self) -> u64 {
        self.next_sequence += 1;
        self.next_sequence
    }

    /// Keeps an entry, forgetting the oldest when full.
    fn push(&mut self, entry: RecordedRequest) {
        if self.entries.len() == REQUEST_LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Every entry (`None`), or an organization's, oldest first.
    pub fn entries(&self, organization_id: Option<&str>) -> Vec<RecordedRequest> {
        self.entries
            .iter()
            .filter(|e| {
                organization_id.is_none() || e.organization_id.as_deref() == organization_id
            })
            .cloned()
            .collect()
    }

    /// Forgets every entry (`None`), or an organization's.
    pub fn clear(&mut self, organization_id: Option<&str>) {
        match organization_id {
            None => self.entries.clear(),
            Some(own) => self
                .entries
                .retain(|e| e.organization_id.as_deref() != Some(own)),
        }
    }
}

/// Middleware around every route: answers with an injected fault when one applies, and
/// records the request. The control endpoints are neither faulted nor recorded.
pub(crate) async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
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
    let fault = operation.and_then(|op| lock(&state.faults).take(op, organization_id.as_deref()));
    let fault_name = fault.as_ref().map(|kind| kind.name().to_string());
    let (response, status) = match fault {
        Some(kind) => faults::apply(kind, req, next).await,
        None => {
            let response = next.run(req).await;
            let status = response.status().as_u16();
            (response, Some(status))
        }
    };
    let duration = started.elapsed();
    let mut log = lock(&state.requests);
    let sequence = log.sequence();
    log.push(RecordedRequest {
        sequence,
        operation_id: operation.map(str::to_string),
        method,
        path_template: template,
        status,
        duration,
        organization_id,
        fault: fault_name,
        received_at,
    });
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(sequence: u64, organization_id: Option<&str>) -> RecordedRequest {
        RecordedRequest {
            sequence,
            operation_id: Some("getEntityByTaxId".into()),
            method: "GET".into(),
            path_template: Some("/entities/by-tax-id/{taxId}".into()),
            status: Some(404),
            duration: Duration::from_millis(3),
            organization_id: organization_id.map(str::to_string),
            fault: None,
            received_at: Utc::now(),
        }
    }

    #[test]
    fn the_log_is_bounded_and_cleared_per_organization() {
        let mut log = RequestLog::default();
        for n in 0..REQUEST_LOG_CAPACITY as u64 + 5 {
            log.push(entry(n, Some(if n % 2 == 0 { "a" } else { "b" })));
        }
        assert_eq!(log.entries(None).len(), REQUEST_LOG_CAPACITY);
        assert_eq!(log.entries(None)[0].sequence, 5);
        log.clear(Some("a"));
        assert!(
            log.entries(None)
                .iter()
                .all(|e| e.organization_id.as_deref() == Some("b"))
        );
        log.clear(None);
        assert!(log.entries(None).is_empty());
    }

    #[test]
    fn the_json_form_has_the_template_and_no_concrete_path() {
        let shown = entry(1, None).to_json();
        assert_eq!(shown["pathTemplate"], "/entities/by-tax-id/{taxId}");
        assert_eq!(shown["operationId"], "getEntityByTaxId");
        assert_eq!(shown["durationMs"], 3.0);
    }
}
