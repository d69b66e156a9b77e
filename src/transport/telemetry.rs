//! The spans of a call and of each attempt, in OpenTelemetry's HTTP client conventions beside
//! the SDK's own fields, so that `tracing-opentelemetry` exports them as a service team's
//! other HTTP clients: kind client, named `{METHOD} {url.template}`, with the method, the
//! server, the path template, the status, `error.type` and, on retries,
//! `http.request.resend_count`.
//!
//! `url.full` is left out on purpose: a concrete path carries validation, entity and session IDs
//! (and a tax ID or an external ID in a lookup), so only the template (`url.template`) is
//! recorded, and the request id stands in for the concrete request.
//!
//! Numbers the conventions type as integers are recorded as `i64`: `tracing-opentelemetry` turns
//! unsigned values into strings.

use std::{borrow::Cow, fmt};

use reqwest::StatusCode;
use tracing::{Span, field::Empty};

use crate::{
    error::{Error, ErrorKind},
    operation::Operation,
};

/// Where requests go, as the spans name it: the base URL's host and port.
#[derive(Debug, Clone)]
pub(crate) struct Server {
    pub(crate) address: String,
    pub(crate) port: u16,
}

/// `{METHOD} {url.template}`, written straight into the span's name.
struct Name(Operation);

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0.method(), self.0.path())
    }
}

impl Server {
    /// The span of a whole call (all its attempts).
    #[inline]
    pub(crate) fn call_span(&self, operation: Operation, request_id: &str) -> Span {
        tracing::info_span!(
            "gu1_kyc.call",
            otel.name = %Name(operation),
            otel.kind = "client",
            otel.status_code = Empty,
            operation = operation.id(),
            method = operation.method(),
            path = operation.path(),
            request_id,
            http.request.method = operation.method(),
            server.address = %self.address,
            server.port = i64::from(self.port),
            url.template = operation.path(),
            http.response.status_code = Empty,
            error.type = Empty,
            attempts = Empty,
            error_kind = Empty,
            status = Empty,
            elapsed_ms = Empty,
        )
    }

    /// The span of one attempt, `attempt` counting from 1.
    #[inline]
    pub(crate) fn attempt_span(
        &self,
        operation: Operation,
        request_id: &str,
        attempt: u32,
    ) -> Span {
        let span = tracing::debug_span!(
            "gu1_kyc.attempt",
            otel.name = %Name(operation),
            otel.kind = "client",
            otel.status_code = Empty,
            operation = operation.id(),
            request_id,
            attempt,
            http.request.method = operation.method(),
            server.address = %self.address,
            server.port = i64::from(self.port),
            url.template = operation.path(),
            http.request.resend_count = Empty,
            http.response.status_code = Empty,
            error.type = Empty,
            status = Empty,
            error_kind = Empty,
            elapsed_ms = Empty,
            retry_in_ms = Empty,
        );
        if attempt > 1 {
            span.record("http.request.resend_count", i64::from(attempt - 1));
        }
        span
    }
}

/// Records how a call or an attempt ended: the status answered, and for a failure its
/// `error.type` (the status for an answer the SDK refused, else the kind of failure) and the
/// error status.
pub(crate) fn record_outcome(span: &Span, status: Option<StatusCode>, error: Option<&Error>) {
    if span.is_disabled() {
        return;
    }
    if let Some(status) = status {
        span.record("http.response.status_code", i64::from(status.as_u16()));
        span.record("status", status.as_u16());
    }
    if let Some(error) = error {
        span.record("otel.status_code", "ERROR");
        span.record("error_kind", tracing::field::debug(error.kind()));
        span.record("error.type", &*error_type(status, error));
    }
}

/// The conventions' `error.type`: the status of an answer the SDK refused, else a
/// low-cardinality name of the kind of failure.
pub(crate) fn error_type(status: Option<StatusCode>, error: &Error) -> Cow<'static, str> {
    match status {
        Some(status) if !status.is_success() => Cow::Owned(status.as_str().to_owned()),
        _ => Cow::Borrowed(kind_name(error.kind())),
    }
}

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Api => "api",
        ErrorKind::InvalidInput => "invalid_input",
        ErrorKind::Config => "config",
        ErrorKind::Timeout => "timeout",
        ErrorKind::Network => "network",
        ErrorKind::Decode => "decode",
        ErrorKind::BodyTooLarge => "body_too_large",
        ErrorKind::Io => "io",
        ErrorKind::Webhook => "webhook",
        ErrorKind::Redirect => "redirect",
        ErrorKind::Store => "store",
    }
}
