//! The call layer: one [`Call`] per request a handler makes. It builds the generated client around
//! a transport that knows the call's [`Operation`] and options, runs the generated (or multipart)
//! request inside a tracing span, and turns every outcome into this crate's types.

use std::{future::Future, time::Instant};

use progenitor_client::{ByteStream, ResponseValue};
use reqwest::{
    StatusCode,
    header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue},
};
use serde::de::DeserializeOwned;
use tracing::{Instrument, field::Empty};

use crate::{
    client::Client,
    download::Download,
    error::{Error, ErrorBody, Result, map},
    generated,
    operation::Operation,
    options::RequestOptions,
    transport::Transport,
    upload::Form,
};

type Generated<T> = std::result::Result<ResponseValue<T>, progenitor_client::Error<ErrorBody>>;

/// One request to the API, from a handler.
pub(crate) struct Call {
    api: generated::Client,
    transport: Transport,
}

impl Call {
    pub(crate) fn new(client: &Client, operation: Operation, options: RequestOptions) -> Self {
        let settings = client.shared.clone();
        let transport = Transport::new(settings.clone(), operation, options);
        let api = generated::Client::new_with_client(
            &settings.base_url,
            settings.http.clone(),
            transport.clone(),
        );
        Self { api, transport }
    }

    /// The generated client to build this call's request with.
    pub(crate) fn api(&self) -> &generated::Client {
        &self.api
    }

    fn operation(&self) -> Operation {
        self.transport.operation
    }

    /// Awaits a generated call and returns its decoded body. Any 2xx whose body decodes is a
    /// success, including one the spec does not list (a create answered 200 instead of 201
    /// still created the object: calling it an error would invite a duplicate).
    ///
    /// The generated future is boxed here, once: passed down by value through the async layers
    /// below (this one, the span, the caller's `await`), it would otherwise be laid out and
    /// copied at each level, and a call's future would weigh tens of kilobytes.
    pub(crate) fn json<T: DeserializeOwned>(
        &self,
        call: impl Future<Output = Generated<T>>,
    ) -> impl Future<Output = Result<T>> {
        let call = Box::pin(call);
        self.traced(async move {
            match call.await {
                Ok(value) => Ok(value.into_inner()),
                Err(progenitor_client::Error::UnexpectedResponse(response))
                    if response.status().is_success() =>
                {
                    decode(
                        response.status(),
                        &response.bytes().await.unwrap_or_default(),
                    )
                }
                Err(error) => Err(self.failure(error)),
            }
        })
    }

    /// Awaits a generated call whose success body is a file, and returns it as a [`Download`].
    /// The generated future is boxed for the reason [`Call::json`] gives.
    pub(crate) fn download(
        &self,
        call: impl Future<Output = Generated<ByteStream>>,
    ) -> impl Future<Output = Result<Download>> {
        let call = Box::pin(call);
        self.traced(async move {
            match call.await {
                Ok(value) => {
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
                        self.operation(),
                        self.transport.limits().idle_timeout,
                    ))
                }
                Err(error) => Err(self.failure(error)),
            }
        })
    }

    /// Sends a multipart form (or the check that stopped it) and decodes the JSON answer.
    pub(crate) async fn multipart<T: DeserializeOwned>(&self, form: Result<Form>) -> Result<T> {
        let operation = self.operation();
        let form = form.map_err(|e| e.with_operation(operation))?;
        self.traced(async {
            let settings = &self.transport.settings;
            let (boundary, body) = form.encode();
            // The same version header generated operations send, from the same source (the spec).
            let version =
                <generated::Client as progenitor_client::ClientInfo<Transport>>::api_version();
            let request = settings
                .http
                .post(format!("{}{}", settings.base_url, operation.path()))
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
            let response = self.transport.send(request).await?;
            let status = response.status();
            // The transport buffered the body already; reading it cannot fail on the network.
            let body = response
                .bytes()
                .await
                .map_err(|e| map::from_reqwest(e).with_status(status))?;
            decode(status, &body).map_err(|e| self.finished(e))
        })
        .await
    }

    /// The error of a failed generated call: the transport's typed failure when it recorded
    /// one, else what progenitor reports.
    fn failure(&self, error: progenitor_client::Error<ErrorBody>) -> Error {
        let error = self
            .transport
            .take_failure()
            .unwrap_or_else(|| map::from_generated(error));
        self.finished(error)
    }

    fn finished(&self, error: Error) -> Error {
        let attempts = error.attempts().max(self.transport.attempts());
        error
            .with_operation(self.operation())
            .with_attempts(attempts)
    }

    /// Runs `work` inside the call's span and records how it ended.
    async fn traced<T>(&self, work: impl Future<Output = Result<T>>) -> Result<T> {
        let operation = self.operation();
        let span = tracing::info_span!(
            "gu1_kyc.call",
            operation = operation.id(),
            method = operation.method(),
            path = operation.path(),
            attempts = Empty,
            error_kind = Empty,
            status = Empty,
            elapsed_ms = Empty,
        );
        if span.is_disabled() {
            // Nothing listens: skip the span's bookkeeping.
            return work.await;
        }
        let started = Instant::now();
        let outcome = work.instrument(span.clone()).await;
        span.record("elapsed_ms", started.elapsed().as_millis() as u64);
        span.record("attempts", self.transport.attempts());
        if let Err(error) = &outcome {
            span.record("error_kind", tracing::field::debug(error.kind()));
            if let Some(status) = error.status() {
                span.record("status", status.as_u16());
            }
        }
        outcome
    }
}

fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| map::undecodable(status, &e))
}

/// What handlers and request builders carry: the client and the options their calls run with.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ctx<'a> {
    client: &'a Client,
    options: RequestOptions,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self {
            client,
            options: RequestOptions::default(),
        }
    }

    /// The client.
    pub(crate) fn client(&self) -> &'a Client {
        self.client
    }

    /// The same client with other options.
    pub(crate) fn with_options(self, options: RequestOptions) -> Self {
        Self { options, ..self }
    }

    /// A call of `operation` under these options.
    pub(crate) fn call(&self, operation: Operation) -> Call {
        Call::new(self.client, operation, self.options)
    }
}

/// Adds `with_options` to a handler or request builder that holds a `ctx: Ctx`; `$example` is
/// how a doc example obtains one from a client.
macro_rules! with_options {
    ($type:ident, $example:literal) => {
        impl $type<'_> {
            /// Runs the calls made from here with these timeout, deadline and retry overrides.
            ///
            #[doc = concat!(
                "```no_run\n",
                "# fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId, ",
                "id: gu1_kyc::ValidationId, document: gu1_kyc::ImageInput, ",
                "selfie: gu1_kyc::ImageInput) {\n",
                "use std::time::Duration;\n",
                "let options = gu1_kyc::RequestOptions::new().deadline(Duration::from_secs(5));\n",
                "let request = client.", $example, ".with_options(options);\n",
                "# }\n",
                "```"
            )]
            pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
                self.ctx = self.ctx.with_options(options);
                self
            }
        }
    };
}
pub(crate) use with_options;
