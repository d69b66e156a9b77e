//! The call layer: one [`Call`] per request a handler makes. It builds the generated client around
//! the call's state ([`hooks::CallState`]: the operation, its limits, the transport), runs the
//! generated (or multipart) request inside a tracing span, and turns every outcome into this
//! crate's types. Below it is the transport; above it, the handlers, which reach it through a
//! [`Context`] and never see the transport.

use std::{future::Future, sync::Arc, time::Instant};

use progenitor_client::{ByteStream, ResponseValue};
use reqwest::{
    StatusCode,
    header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue},
};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::{
    download::Download,
    error::{Error, ErrorBody, Result, map},
    generated,
    operation::Operation,
    options::RequestOptions,
    response,
    transport::{Transport, telemetry},
    upload::Form,
};

pub(crate) mod hooks;

use hooks::CallState;

type Generated<T> = std::result::Result<ResponseValue<T>, progenitor_client::Error<ErrorBody>>;

/// What the call layer keeps per client: the transport every call sends through. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Context {
    transport: Arc<Transport>,
}

impl Context {
    pub(crate) fn new(transport: Transport) -> Self {
        Self {
            transport: Arc::new(transport),
        }
    }

    /// The base URL requests go to.
    pub(crate) fn base_url(&self) -> &str {
        &self.transport.base_url
    }

    /// Whether an organization ID is sent (for `Debug`, which does not show it).
    pub(crate) fn has_organization(&self) -> bool {
        self.transport.organization_id.is_some()
    }

    /// The deadline of one call under `options`.
    pub(crate) fn deadline(&self, options: &RequestOptions) -> std::time::Duration {
        self.transport.limits.with(options).deadline
    }

    /// A call under `options`.
    pub(crate) fn call(&self, options: RequestOptions) -> Call {
        let limits = self.transport.limits.with(&options);
        let state = CallState::new(self.transport.clone(), limits);
        let api = generated::Client::new_with_client(
            &self.transport.base_url,
            self.transport.http.clone(),
            state.clone(),
        );
        Call { api, state }
    }
}

/// A request progenitor generated, ready to send: which operation it is and what its success
/// body decodes to. `build.rs` implements it for every generated builder, so a handler names an
/// operation once, by the builder it calls.
pub(crate) trait Request {
    /// The success body.
    type Body;
    /// The operation the request is.
    const OPERATION: Operation;
    /// Sends it (the builder's own `send`).
    fn send(self) -> impl Future<Output = Generated<Self::Body>> + Send;
}

/// One request to the API, from a handler.
pub(crate) struct Call {
    api: generated::Client,
    state: CallState,
}

impl Call {
    /// The generated client to build this call's request with.
    pub(crate) fn api(&self) -> &generated::Client {
        &self.api
    }

    /// Awaits a generated call and returns its decoded body. Any 2xx whose body decodes is a
    /// success, including one the spec does not list (a create answered 200 instead of 201
    /// still created the object: calling it an error would invite a duplicate).
    ///
    /// The generated future is boxed here, once: passed down by value through the async layers
    /// below (this one, the span, the caller's `await`), it would otherwise be laid out and
    /// copied at each level, and a call's future would weigh tens of kilobytes.
    pub(crate) fn json<R>(&self, request: R) -> impl Future<Output = Result<R::Body>>
    where
        R: Request,
        R::Body: DeserializeOwned,
    {
        let operation = R::OPERATION;
        self.state.set_operation(operation);
        let call = Box::pin(request.send());
        self.traced(operation, async move {
            match call.await {
                Ok(value) => {
                    response::keep(value.status(), value.headers(), || self.state.request_id());
                    Ok(value.into_inner())
                }
                Err(progenitor_client::Error::UnexpectedResponse(response))
                    if response.status().is_success() =>
                {
                    response::keep(response.status(), response.headers(), || {
                        self.state.request_id()
                    });
                    decode(
                        response.status(),
                        &response.bytes().await.unwrap_or_default(),
                    )
                }
                Err(error) => Err(self.failure(operation, error)),
            }
        })
    }

    /// Awaits a generated call whose success body is a file, and returns it as a [`Download`].
    /// The generated future is boxed for the reason [`Call::json`] gives.
    pub(crate) fn download<R>(&self, request: R) -> impl Future<Output = Result<Download>>
    where
        R: Request<Body = ByteStream>,
    {
        let operation = R::OPERATION;
        self.state.set_operation(operation);
        let call = Box::pin(request.send());
        self.traced(operation, async move {
            match call.await {
                Ok(value) => {
                    response::keep(value.status(), value.headers(), || self.state.request_id());
                    let content_type = value
                        .headers()
                        .get(CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    let length = value.content_length();
                    Ok(Download::new(
                        content_type,
                        length,
                        value.into_inner_stream(),
                        operation,
                        self.state.limits().idle_timeout,
                    ))
                }
                Err(error) => Err(self.failure(operation, error)),
            }
        })
    }

    /// Sends a multipart form of `operation` (or the check that stopped it) and decodes the JSON
    /// answer. The two uploads are not generated, so the handler names their operation here.
    pub(crate) async fn multipart<T: DeserializeOwned>(
        &self,
        operation: Operation,
        form: Result<Form>,
    ) -> Result<T> {
        self.state.set_operation(operation);
        let form = form.map_err(|e| e.with_operation(operation))?;
        self.traced(operation, async {
            let transport = self.state.transport();
            let (boundary, body) = form.encode();
            // The same version header generated operations send, from the same source (the spec).
            let version =
                <generated::Client as progenitor_client::ClientInfo<CallState>>::api_version();
            let request = transport
                .http
                .post(format!("{}{}", transport.base_url, operation.path()))
                .header(
                    HeaderName::from_static("api-version"),
                    HeaderValue::from_static(version),
                )
                .header(ACCEPT, HeaderValue::from_static("application/json"))
                .header(
                    CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(body)
                .build()
                .map_err(|e| map::from_reqwest(e).with_operation(operation))?;
            let answer = self.state.send(request, operation).await?;
            let status = answer.status();
            response::keep(status, answer.headers(), || self.state.request_id());
            let response = answer;
            // The transport buffered the body already; reading it cannot fail on the network.
            let body = response
                .bytes()
                .await
                .map_err(|e| map::from_reqwest(e).with_status(status))?;
            decode(status, &body).map_err(|e| self.finished(operation, e))
        })
        .await
    }

    /// The error of a failed generated call: the transport's typed failure when it recorded
    /// one, else what progenitor reports.
    fn failure(&self, operation: Operation, error: progenitor_client::Error<ErrorBody>) -> Error {
        let error = self
            .state
            .take_failure()
            .unwrap_or_else(|| hooks::from_generated(error));
        self.finished(operation, error)
    }

    fn finished(&self, operation: Operation, error: Error) -> Error {
        let attempts = error.attempts().max(self.state.attempts());
        let error = error.with_operation(operation).with_attempts(attempts);
        // Only a call that reached the network has an id gu1 could know.
        if attempts > 0 {
            error.with_request_id(self.state.request_id())
        } else {
            error
        }
    }

    /// Runs `work` inside the call's span and records how it ended.
    async fn traced<T>(
        &self,
        operation: Operation,
        work: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        let span = self
            .state
            .transport()
            .server
            .call_span(operation, self.state.request_id());
        let transport = self.state.transport();
        if span.is_disabled() && !transport.measures_calls() {
            // Nothing listens: skip the bookkeeping.
            return work.await;
        }
        let started = Instant::now();
        let outcome = if span.is_disabled() {
            work.await
        } else {
            work.instrument(span.clone()).await
        };
        let elapsed = started.elapsed();
        transport.record_call(operation, elapsed, outcome.as_ref().err());
        span.record("elapsed_ms", elapsed.as_millis() as u64);
        span.record("attempts", self.state.attempts());
        if let Err(error) = &outcome {
            telemetry::record_outcome(&span, error.status(), Some(error));
        }
        outcome
    }
}

fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| map::undecodable(status, &e))
}
