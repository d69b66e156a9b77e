//! The request log: every request the sandbox received, by operation and route template, with
//! its status and timing, and the fault or drifts that changed its answer, for tests to assert on
//! ("exactly one create was sent"). The fault middleware, which sees every request and how it
//! was answered, writes the entries.
//!
//! It never holds a concrete path (a path can carry a tax id or an external id), a query string,
//! a header or a body: only names the spec defines and numbers.

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::util::{survives_clear, timestamp};

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
    /// The drifts that changed its answer (`extraProperty`, `missingProperty`, `wrongType`,
    /// `null`, `unknownEnumValue`, `undocumentedStatus`), in the order they applied; empty for
    /// an answer as the spec says.
    pub drifts: Vec<String>,
    /// When it arrived, by the sandbox's clock.
    pub received_at: DateTime<Utc>,
    /// The client's `X-Request-Id`, when it sent a printable one of at most 128 characters.
    pub request_id: Option<String>,
    /// The `X-Request-Id` the sandbox answered with (`sbx_` and 32 hex digits).
    pub server_request_id: String,
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
            "drifts": self.drifts,
            "receivedAt": timestamp(self.received_at),
            "requestId": self.request_id,
            "serverRequestId": self.server_request_id,
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
    /// Keeps an entry, numbered next (whatever `sequence` it came with), forgetting the oldest
    /// when full.
    pub fn record(&mut self, mut entry: RecordedRequest) {
        self.next_sequence += 1;
        entry.sequence = self.next_sequence;
        self.push(entry);
    }

    /// Keeps an entry as it is, forgetting the oldest when full.
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
        self.entries
            .retain(|e| survives_clear(organization_id, e.organization_id.as_deref()));
    }
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
            drifts: Vec::new(),
            received_at: Utc::now(),
            request_id: Some("req_0123".into()),
            server_request_id: "sbx_0123".into(),
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
