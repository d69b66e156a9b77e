//! The one place where every request passes: authentication headers, retries that never repeat
//! a side effect, response size limits, and the mapping of transport failures to [`Error`].
//!
//! Generated operations reach it through progenitor's `ClientHooks`; hand-written operations
//! (multipart uploads) call [`Transport::execute`] directly, so both behave the same.

use std::time::Duration;

use bytes::Bytes;
use reqwest::{
    Method, Request, Response, StatusCode,
    header::{
        AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER, USER_AGENT,
    },
};

use crate::error::{Error, ErrorBody, ErrorKind};
use crate::generated;

/// The header on a rebuilt error response whose original body was not JSON.
const NON_JSON_MARKER: &str = "x-gu1-kyc-non-json-body";
/// The message of the hook error that reports an oversized body.
const TOO_LARGE_MARKER: &str = "gu1-kyc: response body over the limit";
/// The header that selects the organization.
pub(crate) const ORGANIZATION_HEADER: &str = "x-organization-id";

/// Operations whose success body is a file, streamed instead of buffered.
const STREAMED_OPERATIONS: &[&str] = &[
    "get_validation_media",
    "get_id_verification_front_image",
    "get_id_verification_back_image",
    "get_face_match_document_image",
    "get_face_match_selfie_image",
];

/// Operations with side effects that are nonetheless safe to repeat (a sync only refreshes).
const REPEATABLE_POSTS: &[&str] = &["sync_validation"];

/// When and how often to retry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retries).
    pub max_retries: u32,
    /// The first backoff; each retry doubles it.
    pub base_delay: Duration,
    /// The longest backoff, and the longest `Retry-After` the client will honour.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
        }
    }
}

/// Per-client settings every request needs.
#[derive(Clone)]
pub(crate) struct Transport {
    pub(crate) authorization: HeaderValue,
    pub(crate) organization_id: Option<HeaderValue>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_bytes: usize,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("authorization", &"[redacted]")
            .field("organization_id", &self.organization_id.is_some())
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// Adds the headers every request carries. The key is marked sensitive so that reqwest and
    /// any middleware keep it out of their debug output.
    pub(crate) fn authorize(&self, headers: &mut HeaderMap) {
        headers.insert(AUTHORIZATION, self.authorization.clone());
        headers.insert(USER_AGENT, self.user_agent.clone());
        if let Some(org) = &self.organization_id {
            headers.insert(HeaderName::from_static(ORGANIZATION_HEADER), org.clone());
        }
    }

    /// Sends a request with retries, then buffers a JSON body within the size limit.
    ///
    /// A retry happens only when repeating cannot duplicate a side effect: the connection was
    /// never made, the server answered 429 (it did nothing), or the operation is a read (or a
    /// sync) and the failure was a timeout, a dropped connection, or a 502/503/504.
    pub(crate) async fn execute(
        &self,
        client: &reqwest::Client,
        request: Request,
        operation: &str,
    ) -> reqwest::Result<Response> {
        let repeatable = matches!(*request.method(), Method::GET | Method::HEAD)
            || REPEATABLE_POSTS.contains(&operation);
        let mut attempt = 0;
        let mut request = request;
        loop {
            // A retry needs a copy made before sending; none is made once retries are spent.
            let spare = if attempt < self.retry.max_retries {
                request.try_clone()
            } else {
                None
            };
            let outcome = client.execute(request).await;
            let retry_in = match &outcome {
                Err(e) if e.is_connect() || (repeatable && (e.is_timeout() || e.is_request())) => {
                    Some(self.backoff(attempt, None))
                }
                Ok(response) if retryable_status(response.status(), repeatable) => {
                    Some(self.backoff(attempt, retry_after(response.headers())))
                }
                _ => None,
            };
            match (retry_in, spare) {
                (Some(delay), Some(next)) => {
                    tracing::debug!(
                        operation,
                        attempt,
                        delay_ms = delay.as_millis() as u64,
                        "retrying gu1 request"
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                    request = next;
                }
                _ => {
                    let response = outcome?;
                    let streamed =
                        response.status().is_success() && STREAMED_OPERATIONS.contains(&operation);
                    return if streamed {
                        Ok(response)
                    } else {
                        self.buffer(response).await
                    };
                }
            }
        }
    }

    fn backoff(&self, attempt: u32, server_asked: Option<Duration>) -> Duration {
        if let Some(asked) = server_asked {
            return asked.min(self.retry.max_delay);
        }
        let exponential = self.retry.base_delay.saturating_mul(1 << attempt.min(16));
        // Spread retries of concurrent callers; the clock's sub-second noise is jitter enough.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let jitter = exponential.mul_f64(f64::from(nanos % 1000) / 4000.0);
        (exponential + jitter).min(self.retry.max_delay)
    }

    /// Reads the body within the limit and hands back an equivalent response. An error body that
    /// is not JSON (an HTML page from a proxy) is replaced by `{}` and marked, so the status
    /// survives decoding.
    async fn buffer(&self, mut response: Response) -> reqwest::Result<Response> {
        let status = response.status();
        let mut headers = response.headers().clone();
        let version = response.version();
        let too_large = |headers: &mut HeaderMap| {
            headers.insert(
                HeaderName::from_static(TOO_LARGE_HEADER),
                HeaderValue::from(self.max_response_bytes),
            );
        };
        let mut body = Vec::new();
        if response
            .content_length()
            .is_some_and(|n| n > self.max_response_bytes as u64)
        {
            too_large(&mut headers);
        } else {
            while let Some(chunk) = response.chunk().await? {
                if body.len() + chunk.len() > self.max_response_bytes {
                    too_large(&mut headers);
                    body.clear();
                    break;
                }
                body.extend_from_slice(&chunk);
            }
        }
        if !status.is_success()
            && !headers.contains_key(TOO_LARGE_HEADER)
            && serde_json::from_slice::<ErrorBody>(&body).is_err()
        {
            headers.insert(
                HeaderName::from_static(NON_JSON_MARKER),
                HeaderValue::from(body.len()),
            );
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            body = b"{}".to_vec();
        }
        let mut rebuilt = http::Response::new(reqwest::Body::from(Bytes::from(body)));
        *rebuilt.status_mut() = status;
        *rebuilt.version_mut() = version;
        *rebuilt.headers_mut() = headers;
        Ok(Response::from(rebuilt))
    }
}

/// The header set on a rebuilt response whose body was over the limit (the body is dropped).
const TOO_LARGE_HEADER: &str = "x-gu1-kyc-body-too-large";

fn retryable_status(status: StatusCode, repeatable: bool) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS
        || (repeatable
            && matches!(
                status,
                StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            ))
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

impl progenitor_client::ClientHooks<Transport> for generated::Client {
    async fn pre<E>(
        &self,
        request: &mut Request,
        _info: &progenitor_client::OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        use progenitor_client::ClientInfo;
        self.inner().authorize(request.headers_mut());
        Ok(())
    }

    async fn post<E>(
        &self,
        result: &reqwest::Result<Response>,
        _info: &progenitor_client::OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        match result {
            Ok(response) if response.headers().contains_key(TOO_LARGE_HEADER) => Err(
                progenitor_client::Error::Custom(TOO_LARGE_MARKER.to_owned()),
            ),
            _ => Ok(()),
        }
    }

    async fn exec(
        &self,
        request: Request,
        info: &progenitor_client::OperationInfo,
    ) -> reqwest::Result<Response> {
        use progenitor_client::ClientInfo;
        self.inner()
            .execute(self.client(), request, info.operation_id)
            .await
    }
}

/// Maps a reqwest failure to an [`Error`], dropping the URL (it can carry a tax ID or an
/// external ID in its path).
pub(crate) fn from_reqwest(error: reqwest::Error) -> Error {
    let kind = if error.is_timeout() {
        ErrorKind::Timeout
    } else if error.is_decode() {
        ErrorKind::Decode
    } else if error.is_builder() {
        ErrorKind::Config
    } else {
        ErrorKind::Network
    };
    let status = error.status();
    let mut mapped = Error::new(kind).with_source(error.without_url());
    if let Some(status) = status {
        mapped = mapped.with_status(status);
    }
    mapped
}

/// Maps an API answer with an error status to an [`Error`].
pub(crate) fn from_error_response(
    status: StatusCode,
    headers: &HeaderMap,
    body: ErrorBody,
) -> Error {
    if headers.contains_key(TOO_LARGE_HEADER) {
        return Error::new(ErrorKind::BodyTooLarge).with_status(status);
    }
    let mut error = Error::api(status, body).with_retry_after(retry_after(headers));
    if headers.contains_key(NON_JSON_MARKER) {
        error = error.with_detail("the error body was not the documented {error, message} JSON");
    }
    error
}

/// Reads and maps a response the spec does not list for the operation (e.g. a 502 from a proxy).
pub(crate) async fn from_unexpected(response: Response) -> Error {
    let status = response.status();
    let headers = response.headers().clone();
    let body = match response.bytes().await {
        Ok(bytes) => serde_json::from_slice::<ErrorBody>(&bytes).unwrap_or_default(),
        Err(e) => return from_reqwest(e).with_status(status),
    };
    if status.is_success() {
        return Error::new(ErrorKind::Decode)
            .with_status(status)
            .with_detail("the API answered with a success status the contract does not list");
    }
    from_error_response(status, &headers, body)
}

/// Describes a JSON decoding failure by position and category only: serde's own message can
/// quote the offending value, which may be personal data.
pub(crate) fn decode_detail(error: &serde_json::Error) -> String {
    let category = match error.classify() {
        serde_json::error::Category::Io => "an I/O failure",
        serde_json::error::Category::Syntax => "malformed JSON",
        serde_json::error::Category::Data => "a value of the wrong type or shape",
        serde_json::error::Category::Eof => "a truncated body",
    };
    format!(
        "{category} at line {} column {}",
        error.line(),
        error.column()
    )
}

/// Maps any failure of a generated operation to an [`Error`] naming the operation.
pub(crate) async fn from_generated(
    error: progenitor_client::Error<ErrorBody>,
    operation: &'static str,
) -> Error {
    use progenitor_client::Error as G;
    let mapped = match error {
        G::InvalidRequest(detail) => Error::invalid_input(detail),
        G::CommunicationError(e) | G::InvalidUpgrade(e) | G::ResponseBodyError(e) => {
            from_reqwest(e)
        }
        G::ErrorResponse(value) => {
            let status = value.status();
            let headers = value.headers().clone();
            from_error_response(status, &headers, value.into_inner())
        }
        G::InvalidResponsePayload(_, e) => {
            Error::new(ErrorKind::Decode).with_detail(decode_detail(&e))
        }
        G::UnexpectedResponse(response) => from_unexpected(response).await,
        G::Custom(message) if message == TOO_LARGE_MARKER => Error::new(ErrorKind::BodyTooLarge),
        G::Custom(message) => Error::new(ErrorKind::Network).with_detail(message),
    };
    mapped.with_operation(operation)
}
