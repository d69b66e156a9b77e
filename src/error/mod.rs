//! One error type you can ask questions of: what failed, whether to retry, and what to do.
//!
//! `Display` says what happened and what to do. It never prints a response body, a server message
//! (which can echo personal data), a URL carrying personal data, or a key: ask
//! [`Error::message`] for the server's text when you decide to show it.

use std::{fmt, time::Duration};

use reqwest::StatusCode;
use serde::{Deserialize, Serialize};

use crate::{
    operation::Operation,
    types::{ValidationStatus, enums::open_enum},
};

pub(crate) mod map;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

open_enum!(
    /// The machine-readable code of an API error (`error` in the body). Open: codes the SDK does
    /// not know arrive as `Unknown`.
    ///
    /// ```
    /// use gu1_kyc::ErrorCode;
    /// assert_eq!(ErrorCode::from_wire("ENTITY_NOT_FOUND"), ErrorCode::EntityNotFound);
    /// assert_eq!(ErrorCode::from_wire("NEW_CODE").as_str(), "NEW_CODE");
    /// ```
    ErrorCode {
        /// The API key is missing or invalid, or the organization context is.
        Unauthorized = "UNAUTHORIZED",
        /// The object does not exist in this organization.
        NotFound = "NOT_FOUND",
        /// The entity does not exist in this organization.
        EntityNotFound = "ENTITY_NOT_FOUND",
        /// KYC validations are only for `person` entities.
        InvalidEntityType = "INVALID_ENTITY_TYPE",
        /// The organization has no KYC integration configured.
        KycNotConfigured = "KYC_NOT_CONFIGURED",
        /// A parameter or body field is invalid.
        ValidationError = "VALIDATION_ERROR",
        /// The validation's status does not allow this action.
        InvalidStatus = "INVALID_STATUS",
        /// The reason is shorter than 5 characters.
        InvalidReason = "INVALID_REASON",
        /// The validation has no provider session to sync.
        NoSessionId = "NO_SESSION_ID",
        /// The integration's credentials are not configured.
        NotConfigured = "NOT_CONFIGURED",
        /// The integration is not enabled.
        NotEnabled = "NOT_ENABLED",
        /// Images are missing or invalid.
        InvalidRequest = "INVALID_REQUEST",
        /// Quota or credits are used up.
        QuotaExceeded = "QUOTA_EXCEEDED",
        /// The service is temporarily unavailable.
        ServiceUnavailable = "SERVICE_UNAVAILABLE",
        /// The verification failed unexpectedly.
        VerificationFailed = "VERIFICATION_FAILED",
        /// The tax ID is not valid for the country.
        InvalidTaxId = "INVALID_TAX_ID",
        /// Another entity already has this tax ID.
        DuplicateTaxId = "DUPLICATE_TAX_ID",
        /// Another entity already has this external ID.
        DuplicateExternalId = "DUPLICATE_EXTERNAL_ID",
        /// Too many requests.
        RateLimited = "RATE_LIMITED",
    }
);

/// The body of an API error, `{"error": CODE, "message": text}` (spec: `Error`). Lenient: either
/// field may be missing.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorBody {
    /// The error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorCode>,
    /// The server's explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl fmt::Debug for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorBody")
            .field("error", &self.error)
            .field("message", &self.message.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// What kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The API answered with an error status (see [`Error::status`] and [`Error::code`]).
    Api,
    /// The caller's input failed a documented check; nothing was sent.
    InvalidInput,
    /// The client is misconfigured (a missing environment variable, a bad base URL, ...).
    Config,
    /// The request timed out.
    Timeout,
    /// The connection could not be made, or dropped before a response.
    Network,
    /// A response arrived but could not be decoded.
    Decode,
    /// A response body was larger than the configured limit.
    BodyTooLarge,
    /// A local file could not be read or written.
    Io,
    /// A webhook's signature or body did not verify.
    Webhook,
    /// The server answered with a redirect the client does not follow: any redirect of a call
    /// that is not a read (following it would turn it into a different request), or too many.
    Redirect,
    /// A shared store (the locks of the idempotent helpers) failed; its error is the source.
    Store,
}

/// The error of every fallible call in this crate. Boxed, so that `Result<T, Error>` stays small.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    operation: Option<Operation>,
    attempts: u32,
    /// The request provably never reached the server (the connection was refused).
    unsent: bool,
    /// The last status a wait saw before it timed out.
    last_status: Option<ValidationStatus>,
    status: Option<StatusCode>,
    body: ErrorBody,
    retry_after: Option<Duration>,
    detail: Option<String>,
    /// The id this client sent with every attempt of the call.
    request_id: Option<String>,
    /// The id the server answered with (`X-Request-Id`), when it sent one.
    server_request_id: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Self(Box::new(Inner {
            kind,
            operation: None,
            attempts: 0,
            unsent: false,
            last_status: None,
            status: None,
            body: ErrorBody::default(),
            retry_after: None,
            detail: None,
            request_id: None,
            server_request_id: None,
            source: None,
        }))
    }

    pub(crate) fn invalid_input(detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput).with_detail(detail)
    }

    pub(crate) fn config(detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config).with_detail(detail)
    }

    pub(crate) fn api(status: StatusCode, body: ErrorBody) -> Self {
        let mut error = Self::new(ErrorKind::Api);
        error.0.status = Some(status);
        error.0.body = body;
        error
    }

    pub(crate) fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.0.detail = Some(detail.into());
        self
    }

    pub(crate) fn with_operation(mut self, operation: Operation) -> Self {
        self.0.operation.get_or_insert(operation);
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.0.attempts = attempts;
        self
    }

    pub(crate) fn with_last_status(mut self, status: Option<ValidationStatus>) -> Self {
        self.0.last_status = status;
        self
    }

    pub(crate) fn unsent(mut self) -> Self {
        self.0.unsent = true;
        self
    }

    /// Whether the request provably never reached the server, so that sending it again cannot
    /// repeat a side effect.
    pub(crate) fn was_unsent(&self) -> bool {
        self.0.unsent
    }

    pub(crate) fn with_status(mut self, status: StatusCode) -> Self {
        self.0.status = Some(status);
        self
    }

    /// Names the call's request id, unless one is named already.
    pub(crate) fn with_request_id(mut self, id: &str) -> Self {
        if self.0.request_id.is_none() {
            self.0.request_id = Some(id.to_owned());
        }
        self
    }

    pub(crate) fn with_server_request_id(mut self, id: Option<String>) -> Self {
        self.0.server_request_id = id;
        self
    }

    pub(crate) fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.0.retry_after = retry_after;
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.0.source = Some(Box::new(source));
        self
    }

    /// What kind of failure this is.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// use gu1_kyc::ErrorKind;
    /// match client.validations().get(&id).await {
    ///     Err(e) if e.kind() == ErrorKind::Timeout => eprintln!("slow network: {e}"),
    ///     other => drop(other),
    /// }
    /// # }
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The HTTP status, when a response arrived.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     println!("status: {:?}", e.status());
    /// }
    /// # }
    /// ```
    pub fn status(&self) -> Option<StatusCode> {
        self.0.status
    }

    /// The API's error code, when the body carried one.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// use gu1_kyc::ErrorCode;
    /// if let Err(e) = client.validations().create(&entity).send().await {
    ///     if e.code() == Some(&ErrorCode::InvalidEntityType) {
    ///         eprintln!("KYC is only for person entities");
    ///     }
    /// }
    /// # }
    /// ```
    pub fn code(&self) -> Option<&ErrorCode> {
        self.0.body.error.as_ref()
    }

    /// The server's own explanation, when it sent one. It can echo what you sent: keep it out
    /// of logs that must not hold personal data.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     let _shown_to_an_operator = e.message();
    /// }
    /// # }
    /// ```
    pub fn message(&self) -> Option<&str> {
        self.0.body.message.as_deref()
    }

    /// The operation that failed, when known (its [`Operation::id`] is the spec's
    /// `operationId`).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// use gu1_kyc::Operation;
    /// if let Err(e) = client.validations().get(&id).await {
    ///     assert_eq!(e.operation(), Some(Operation::GetValidation));
    /// }
    /// # }
    /// ```
    pub fn operation(&self) -> Option<Operation> {
        self.0.operation
    }

    /// How many requests were sent for this call, retries included (0 when it failed before
    /// sending, e.g. on invalid input).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     eprintln!("gave up after {} attempts: {e}", e.attempts());
    /// }
    /// # }
    /// ```
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }

    /// The last status a [`wait_for_outcome`](crate::Validations::wait_for_outcome) saw before
    /// its time ran out.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().wait_for_outcome(&id).send().await {
    ///     println!("gave up while it was {:?}", e.last_status());
    /// }
    /// # }
    /// ```
    pub fn last_status(&self) -> Option<&ValidationStatus> {
        self.0.last_status.as_ref()
    }

    /// The id this client sent in the `X-Request-Id` header of every attempt of the call
    /// (`req_` and 32 hex digits), when the call reached the network. Quote it (and
    /// [`Self::server_request_id`], when there is one) to gu1 support; it is on the call's and
    /// attempts' spans too.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     eprintln!("request {} failed", e.request_id().unwrap_or("(not sent)"));
    /// }
    /// # }
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The id the server gave its answer (its `X-Request-Id` header), when it gave one.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     if let Some(theirs) = e.server_request_id() { eprintln!("gu1's id: {theirs}"); }
    /// }
    /// # }
    /// ```
    pub fn server_request_id(&self) -> Option<&str> {
        self.0.server_request_id.as_deref()
    }

    /// How long the server asked to wait before retrying (`Retry-After`), when it said.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     if let Some(wait) = e.retry_after() { tokio::time::sleep(wait).await; }
    /// }
    /// # }
    /// ```
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }

    /// Whether trying the same call again later can succeed: timeouts, dropped connections,
    /// and 408, 429, 500, 502, 503 and 504 answers. The client already retried such failures where it was safe
    /// (the same rule decides its own retries); this tells what to do with the ones that remain.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     if e.is_retryable() { /* schedule a later attempt */ }
    /// }
    /// # }
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self.0.kind {
            ErrorKind::Timeout | ErrorKind::Network => true,
            // A 501 or 505 will not change on retry; the rest of 5xx are not used as temporary.
            ErrorKind::Api => self
                .0
                .status
                .is_some_and(|s| matches!(s.as_u16(), 408 | 429 | 500 | 502 | 503 | 504)),
            _ => false,
        }
    }

    /// Whether the object (validation, entity, record, image) does not exist in this
    /// organization.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// match client.validations().current(&entity).await {
    ///     Err(e) if e.is_not_found() => println!("no current validation"),
    ///     other => drop(other),
    /// }
    /// # }
    /// ```
    pub fn is_not_found(&self) -> bool {
        self.0.kind == ErrorKind::Api && self.0.status == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the API key (or organization) was refused.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     if e.is_unauthorized() { eprintln!("check GU1_API_KEY"); }
    /// }
    /// # }
    /// ```
    pub fn is_unauthorized(&self) -> bool {
        self.0.kind == ErrorKind::Api && self.0.status == Some(StatusCode::UNAUTHORIZED)
    }

    /// Whether the request timed out.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// if let Err(e) = client.validations().get(&id).await {
    ///     if e.is_timeout() { eprintln!("raise the timeout with ClientBuilder::timeout"); }
    /// }
    /// # }
    /// ```
    pub fn is_timeout(&self) -> bool {
        self.0.kind == ErrorKind::Timeout
    }

    fn advice(&self) -> &'static str {
        if let Some(code) = self.code() {
            match code {
                ErrorCode::Unauthorized => return "check the API key and the organization ID",
                ErrorCode::EntityNotFound => {
                    return "create the person entity first, or check its ID";
                }
                ErrorCode::InvalidEntityType => {
                    return "KYC validations need an entity of type person";
                }
                ErrorCode::KycNotConfigured | ErrorCode::NotConfigured | ErrorCode::NotEnabled => {
                    return "enable and configure the integration in the gu1 dashboard's KYC settings";
                }
                ErrorCode::InvalidStatus => {
                    return "read the validation's status: approve and reject need in_review";
                }
                ErrorCode::InvalidReason => return "give a reason of at least 5 characters",
                ErrorCode::NoSessionId => return "this validation has no provider session to sync",
                ErrorCode::QuotaExceeded => {
                    return "add credits or raise the quota for the organization";
                }
                ErrorCode::DuplicateTaxId => {
                    return "look the entity up by tax ID instead of creating it";
                }
                _ => {}
            }
        }
        match (self.0.kind, self.0.status.map(|s| s.as_u16())) {
            (ErrorKind::Api, Some(401)) => "check the API key and the organization ID",
            (ErrorKind::Api, Some(403)) => "the API key lacks a permission for this call",
            (ErrorKind::Api, Some(404)) => "check the ID and that it belongs to this organization",
            (ErrorKind::Api, Some(409)) => "the object already exists",
            (ErrorKind::Api, Some(429)) => "slow down and retry after the delay the server gave",
            (ErrorKind::Api, Some(s)) if s >= 500 => "a temporary server problem: retry later",
            (ErrorKind::Api, _) => "check the request against the API reference",
            (ErrorKind::InvalidInput, _) => "fix the input; nothing was sent",
            (ErrorKind::Config, _) => "fix the client configuration",
            (ErrorKind::Timeout, _) => "retry, or raise the timeout",
            (ErrorKind::Network, _) => "check connectivity to the API and retry",
            (ErrorKind::Decode, _) => {
                "the response did not match the API contract; report it with the operation name"
            }
            (ErrorKind::BodyTooLarge, _) => {
                "raise ClientBuilder::max_response_bytes if this is expected"
            }
            (ErrorKind::Io, _) => "check the file path and permissions",
            (ErrorKind::Webhook, _) => "reject the request: it is not a genuine gu1 webhook",
            (ErrorKind::Redirect, _) => {
                "check the base URL: the API answered with a redirect the client does not follow"
            }
            (ErrorKind::Store, _) => "check that the shared store (PostgreSQL, Redis) is reachable",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.0.kind {
            ErrorKind::Api => "the gu1 API refused the request",
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::Config => "invalid client configuration",
            ErrorKind::Timeout => "the request timed out",
            ErrorKind::Network => "the connection to the gu1 API failed",
            ErrorKind::Decode => "the response could not be decoded",
            ErrorKind::BodyTooLarge => "the response body is too large",
            ErrorKind::Io => "a local file operation failed",
            ErrorKind::Webhook => "the webhook did not verify",
            ErrorKind::Redirect => "the API answered with a redirect that was not followed",
            ErrorKind::Store => "a shared store failed",
        };
        f.write_str(what)?;
        if let Some(operation) = self.0.operation {
            write!(f, " ({operation})")?;
        }
        if let Some(status) = self.0.status {
            write!(f, ": HTTP {}", status.as_u16())?;
        }
        if let Some(code) = self.code() {
            write!(f, " {code}")?;
        }
        if let Some(detail) = &self.0.detail {
            write!(f, ": {detail}")?;
        }
        write!(f, "; {}", self.advice())?;
        match (&self.0.request_id, &self.0.server_request_id) {
            (Some(ours), Some(theirs)) if ours != theirs => write!(
                f,
                " (to gu1 support, quote request id {theirs}; this client's id {ours})"
            ),
            (Some(ours), _) => write!(f, " (to gu1 support, quote request id {ours})"),
            (None, Some(theirs)) => write!(f, " (to gu1 support, quote request id {theirs})"),
            (None, None) => Ok(()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("operation", &self.0.operation.map(Operation::id))
            .field("attempts", &self.0.attempts)
            .field("status", &self.0.status.map(|s| s.as_u16()))
            .field("code", &self.code())
            .field("detail", &self.0.detail)
            .field("request_id", &self.0.request_id)
            .field("server_request_id", &self.0.server_request_id)
            .field("retry_after", &self.0.retry_after)
            .field("last_status", &self.0.last_status)
            .finish_non_exhaustive()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}
