//! Sending: authentication headers, attempts within a timeout and a deadline, retries by one
//! policy ([`retry`]), redirects followed only for reads, and response size limits. Every
//! failure is mapped by [`crate::error::map`]; nothing here decides what an error means.
//!
//! The bottom floor: it knows requests, operations and limits, and nothing of the call layer
//! above it (which reaches it from progenitor's hooks and from the multipart uploads).

use std::{
    future::Future,
    sync::atomic::{AtomicU32, Ordering},
    task::Poll,
    time::{Duration, Instant},
};

use http_body_util::{BodyExt, Limited};
use reqwest::{
    Request, Response, ResponseBuilderExt, StatusCode,
    header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue, LOCATION, USER_AGENT},
};
use tracing::Instrument;

use crate::{
    error::{Error, map},
    observe::{Attempt, Observer},
    operation::Operation,
    options::Limits,
};

pub(crate) mod budget;
#[cfg(feature = "metrics")]
pub(crate) mod metrics;
pub(crate) mod retry;
pub(crate) mod telemetry;
mod timers;

pub(crate) use timers::deadline_after;

pub use retry::RetryPolicy;

/// The header that selects the organization.
const ORGANIZATION_HEADER: HeaderName = HeaderName::from_static("x-organization-id");
/// How many redirects a read follows before giving up.
const MAX_REDIRECTS: u32 = 5;

/// What every request of one client needs: the HTTP client, where and as whom to send, and the
/// limits and retry policy. Built once per client and shared by its clones.
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) authorization: HeaderValue,
    pub(crate) organization_id: Option<HeaderValue>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) retry: RetryPolicy,
    pub(crate) limits: Limits,
    pub(crate) max_response_bytes: usize,
    /// Whether the SDK built the reqwest client (with redirects off, so it follows them itself).
    pub(crate) own_http_client: bool,
    pub(crate) observer: Option<Observer>,
    /// The request budget, when the client has one.
    pub(crate) budget: Option<budget::Budget>,
    /// The base URL's host and port, as spans name them.
    pub(crate) server: telemetry::Server,
    /// The client's instruments.
    #[cfg(feature = "metrics")]
    pub(crate) metrics: metrics::Metrics,
    /// Attempt timers, reused from call to call ([`timers`]).
    pub(crate) timers: timers::Timers,
}

impl Transport {
    /// Adds the headers every request carries. The key is marked sensitive so that reqwest and
    /// any middleware keep it out of their debug output.
    fn authorize(&self, headers: &mut HeaderMap) {
        headers.insert(AUTHORIZATION, self.authorization.clone());
        headers.insert(USER_AGENT, self.user_agent.clone());
        if let Some(org) = &self.organization_id {
            headers.insert(ORGANIZATION_HEADER, org.clone());
        }
    }

    /// Sends a request: attempts, each within the attempt timeout, all within the deadline,
    /// retried as [`RetryPolicy`] decides. A success comes back with its JSON body buffered
    /// (within the size limit), or unread when the operation's body is a file. Anything else is
    /// an [`Error`] naming the operation and the number of attempts.
    ///
    /// `attempts` counts the requests sent, for the caller to read back whatever the outcome;
    /// `request_id` goes with every attempt (`X-Request-Id`) and on the error.
    pub(crate) async fn send(
        &self,
        mut request: Request,
        operation: Operation,
        limits: Limits,
        attempts: &AtomicU32,
        request_id: &str,
    ) -> Result<Response, Error> {
        self.authorize(request.headers_mut());
        if let Ok(id) = HeaderValue::from_bytes(request_id.as_bytes()) {
            request
                .headers_mut()
                .insert(HeaderName::from_static(map::REQUEST_ID_HEADER), id);
        }
        let deadline = deadline_after(limits.deadline).into_std();
        let follows_redirects =
            self.own_http_client && matches!(operation.method(), "GET" | "HEAD");
        let mut attempt = 0u32;
        // The failure a retry is for, returned if the budget has no turn before the deadline.
        let mut previous: Option<Error> = None;
        loop {
            if let Some(budget) = &self.budget
                && budget.admit(deadline).await.is_err()
            {
                let error = previous.unwrap_or_else(|| {
                    map::timed_out(
                        "the call's deadline (the request budget had no turn before it)",
                        limits.deadline,
                    )
                });
                return Err(error
                    .with_operation(operation)
                    .with_attempts(attempt)
                    .with_request_id(request_id));
            }
            attempt += 1;
            attempts.store(attempt, Ordering::Relaxed);
            // A retry, or a redirect to follow, needs a copy made before sending: one copy
            // serves both, and none is made when neither can happen.
            let spare = (attempt <= limits.max_retries || follows_redirects)
                .then(|| request.try_clone())
                .flatten();
            let span = self.server.attempt_span(operation, request_id, attempt);
            let started = Instant::now();
            let remaining = deadline.saturating_duration_since(started);
            let budget = limits.timeout.min(remaining);
            let work = self.within(
                budget,
                self.attempt(operation, request, spare.as_ref(), follows_redirects),
            );
            let outcome = if span.is_disabled() {
                work.await
            } else {
                work.instrument(span.clone()).await
            }
            .unwrap_or_else(|| {
                Err(if budget < limits.timeout {
                    map::timed_out("the call's deadline", limits.deadline)
                } else {
                    map::timed_out("the attempt timeout", limits.timeout)
                })
            });
            let elapsed = started.elapsed();
            span.record("elapsed_ms", elapsed.as_millis() as u64);
            let error = match outcome {
                Ok(response) => {
                    telemetry::record_outcome(&span, Some(response.status()), None);
                    if tracing::dispatcher::has_been_set() {
                        // The call's span is the current one here, outside the attempt's.
                        tracing::Span::current().record(
                            "http.response.status_code",
                            i64::from(response.status().as_u16()),
                        );
                    }
                    self.observe(
                        operation,
                        attempt,
                        Some(response.status()),
                        None,
                        elapsed,
                        None,
                    );
                    return Ok(response);
                }
                Err(error) => error,
            };
            let retry_in = spare.as_ref().and_then(|_| {
                let left = deadline.saturating_duration_since(Instant::now());
                self.retry
                    .delay(operation, &error, attempt, limits.max_retries, left)
            });
            telemetry::record_outcome(&span, error.status(), Some(&error));
            if let (Some(budget), Some(StatusCode::TOO_MANY_REQUESTS), Some(wait)) =
                (&self.budget, error.status(), error.retry_after())
            {
                // gu1 asked the client, not this call, to slow down.
                budget.pause(wait);
            }
            if let Some(delay) = retry_in {
                span.record("retry_in_ms", delay.as_millis() as u64);
            }
            self.observe(
                operation,
                attempt,
                error.status(),
                Some(&error),
                elapsed,
                retry_in,
            );
            match (retry_in, spare) {
                (Some(delay), Some(next)) => {
                    tracing::debug!(parent: &span, delay_ms = delay.as_millis() as u64, "retrying gu1 request");
                    tokio::time::sleep(delay).await;
                    request = next;
                    previous = Some(error);
                }
                _ => {
                    return Err(error
                        .with_operation(operation)
                        .with_attempts(attempt)
                        .with_request_id(request_id));
                }
            }
        }
    }

    /// Runs `work` for at most `budget`: its output, or `None` when the time ran out first.
    async fn within<T>(&self, budget: Duration, work: impl Future<Output = T>) -> Option<T> {
        let mut work = std::pin::pin!(work);
        let mut timer = std::pin::pin!(self.timers.start(budget));
        std::future::poll_fn(|cx| {
            if let Poll::Ready(output) = work.as_mut().poll(cx) {
                return Poll::Ready(Some(output));
            }
            timer.as_mut().poll(cx).map(|()| None)
        })
        .await
    }

    /// Whether calls are measured (feature `metrics`), so the call layer times them.
    pub(crate) fn measures_calls(&self) -> bool {
        cfg!(feature = "metrics")
    }

    /// Records a whole call in the metrics, when the feature is on.
    #[cfg_attr(not(feature = "metrics"), allow(unused_variables))]
    pub(crate) fn record_call(
        &self,
        operation: Operation,
        elapsed: Duration,
        error: Option<&Error>,
    ) {
        #[cfg(feature = "metrics")]
        self.metrics.call(operation, elapsed, error);
    }

    fn observe(
        &self,
        operation: Operation,
        attempt: u32,
        status: Option<StatusCode>,
        error: Option<&Error>,
        elapsed: Duration,
        retry_in: Option<Duration>,
    ) {
        #[cfg(feature = "metrics")]
        self.metrics.attempt(operation, status, error, elapsed);
        if let Some(observer) = &self.observer {
            observer(&Attempt {
                operation,
                attempt,
                status: status.map(|s| s.as_u16()),
                error_kind: error.map(Error::kind),
                elapsed,
                retry_in,
            });
        }
    }

    /// One attempt: the request, the redirects a read may follow (each built from `original`,
    /// the copy made before sending), and the body within limits.
    async fn attempt(
        &self,
        operation: Operation,
        mut request: Request,
        original: Option<&Request>,
        follows_redirects: bool,
    ) -> Result<Response, Error> {
        let api_origin = request.url().origin();
        let mut left_api_origin = false;
        let mut hops = 0;
        loop {
            let response = self
                .http
                .execute(request)
                .await
                .map_err(map::from_reqwest)?;
            let status = response.status();
            if !status.is_redirection() {
                return self.finish(operation, response).await;
            }
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| response.url().join(l).ok());
            let next = (follows_redirects && hops < MAX_REDIRECTS)
                .then(|| original.and_then(Request::try_clone))
                .flatten();
            let (Some(mut next), Some(location)) = (next, location) else {
                let why = if follows_redirects && hops >= MAX_REDIRECTS {
                    "too many redirects"
                } else {
                    "only reads follow redirects: following would change or repeat the request"
                };
                return Err(map::redirect(status, why));
            };
            // The key and organization go to the API's origin only, and once a chain of
            // redirects has left it, not even back there.
            left_api_origin |= location.origin() != api_origin;
            if left_api_origin {
                next.headers_mut().remove(AUTHORIZATION);
                next.headers_mut().remove(ORGANIZATION_HEADER);
            }
            *next.url_mut() = location;
            request = next;
            hops += 1;
        }
    }

    /// Hands back a success (its body buffered unless it is a file) or maps an error answer.
    ///
    /// The body is read here, inside the attempt, so that a connection that drops mid-body is a
    /// retryable network failure rather than a decode error later. The response is taken apart
    /// and put back together around the buffered body: headers are moved, not copied, and the
    /// URL is carried over (rebuilding without it would make reqwest parse a placeholder URL).
    async fn finish(&self, operation: Operation, response: Response) -> Result<Response, Error> {
        let status = response.status();
        if status.is_success() && operation.is_streamed() {
            return Ok(response);
        }
        let limit = self.max_response_bytes;
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(map::too_large(status, limit));
        }
        let url = response.url().clone();
        let (parts, body) = http::Response::from(response).into_parts();
        let body = Limited::new(body, limit)
            .collect()
            .await
            .map_err(|e| map::from_body_error(e, status, limit))?
            .to_bytes();
        if !status.is_success() {
            return Err(map::from_status(status, &parts.headers, &body));
        }
        let body = reqwest::Body::from(body);
        // A builder holding only the URL cannot fail; a failure would only lose the URL.
        let mut rebuilt = match http::Response::builder().url(url).body(()) {
            Ok(head) => head.map(|()| body),
            Err(_) => http::Response::new(body),
        };
        *rebuilt.status_mut() = status;
        *rebuilt.version_mut() = parts.version;
        *rebuilt.headers_mut() = parts.headers;
        Ok(Response::from(rebuilt))
    }
}
