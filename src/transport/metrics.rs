//! Metrics through the OpenTelemetry metrics API (feature `metrics`): per attempt, the HTTP
//! client conventions' `http.client.request.duration`; per call, its duration, its attempts and
//! its errors. Attributes are the method, the server, the path template, the status, the
//! operation id and `error.type`: no ID, URL or personal datum, and few values each, as
//! metric attributes must be.

use std::time::Duration;

use opentelemetry::{
    KeyValue,
    metrics::{Counter, Histogram, Meter},
};
use reqwest::StatusCode;

use super::telemetry::{Server, error_type};
use crate::{error::Error, operation::Operation};

/// The conventions' buckets for `http.client.request.duration`, in seconds.
pub(crate) const DURATION_BUCKETS: [f64; 14] = [
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
];

/// The instruments of one client.
pub(crate) struct Metrics {
    request_duration: Histogram<f64>,
    call_duration: Histogram<f64>,
    call_attempts: Counter<u64>,
    call_errors: Counter<u64>,
    server: [KeyValue; 2],
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    pub(crate) fn new(meter: &Meter, server: &Server) -> Self {
        let seconds = |name: &'static str, description: &'static str| {
            meter
                .f64_histogram(name)
                .with_unit("s")
                .with_description(description)
                .with_boundaries(DURATION_BUCKETS.to_vec())
                .build()
        };
        Self {
            request_duration: seconds(
                "http.client.request.duration",
                "Duration of HTTP client requests (one per attempt).",
            ),
            call_duration: seconds(
                "gu1_kyc.client.call.duration",
                "Duration of gu1 KYC calls, all attempts and waits included.",
            ),
            call_attempts: meter
                .u64_counter("gu1_kyc.client.call.attempts")
                .with_unit("{attempt}")
                .with_description("Requests sent for gu1 KYC calls, retries included.")
                .build(),
            call_errors: meter
                .u64_counter("gu1_kyc.client.call.errors")
                .with_unit("{call}")
                .with_description("gu1 KYC calls that failed.")
                .build(),
            server: [
                KeyValue::new("server.address", server.address.clone()),
                KeyValue::new("server.port", i64::from(server.port)),
            ],
        }
    }

    /// One attempt of `operation`, answered `status` or failed with `error`.
    pub(crate) fn attempt(
        &self,
        operation: Operation,
        status: Option<StatusCode>,
        error: Option<&Error>,
        elapsed: Duration,
    ) {
        let mut attributes = Vec::with_capacity(6);
        attributes.push(KeyValue::new("http.request.method", operation.method()));
        attributes.extend(self.server.iter().cloned());
        attributes.push(KeyValue::new("url.template", operation.path()));
        if let Some(status) = status {
            attributes.push(KeyValue::new(
                "http.response.status_code",
                i64::from(status.as_u16()),
            ));
        }
        if let Some(error) = error {
            attributes.push(KeyValue::new("error.type", error_type(status, error)));
        }
        self.request_duration
            .record(elapsed.as_secs_f64(), &attributes);
        self.call_attempts
            .add(1, &[KeyValue::new("gu1_kyc.operation", operation.id())]);
    }

    /// One call of `operation`, which took `elapsed` and failed with `error`, if it did.
    pub(crate) fn call(&self, operation: Operation, elapsed: Duration, error: Option<&Error>) {
        let mut attributes = vec![KeyValue::new("gu1_kyc.operation", operation.id())];
        if let Some(error) = error {
            attributes.push(KeyValue::new(
                "error.type",
                error_type(error.status(), error),
            ));
            self.call_errors.add(1, &attributes);
        }
        self.call_duration
            .record(elapsed.as_secs_f64(), &attributes);
    }
}
