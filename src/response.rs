//! Raw responses: the status, the headers and the request ids of an answer, with its typed body,
//! for any call ([`with_response`]). The call layer leaves each answer's head in a task-local
//! slot while a `with_response` future runs; outside one, nothing is kept.

use std::{
    fmt,
    future::Future,
    sync::{Arc, Mutex},
};

use reqwest::{StatusCode, header::HeaderMap};

use crate::error::{Error, ErrorKind, Result};

/// The head of the last answer a call received.
#[derive(Clone)]
pub(crate) struct Head {
    status: StatusCode,
    headers: HeaderMap,
    request_id: String,
}

type Slot = Arc<Mutex<Option<Head>>>;

tokio::task_local! {
    static SLOT: Slot;
}

/// Keeps an answer's head when a [`with_response`] future is running on this task (the call's
/// request id is read only then).
pub(crate) fn keep<'a>(
    status: StatusCode,
    headers: &HeaderMap,
    request_id: impl FnOnce() -> &'a str,
) {
    let _ = SLOT.try_with(|slot| {
        let head = Head {
            status,
            headers: headers.clone(),
            request_id: request_id().to_owned(),
        };
        *slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(head);
    });
}

/// Runs `call` (any call of this crate, or several) and returns its body with the head of the
/// last answer it received: status, headers and request ids. A failed call returns its error,
/// which carries the status and the request ids already.
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
/// let response = gu1_kyc::with_response(client.validations().get(&id)).await?;
/// println!("{} in request {}", response.status(), response.request_id());
/// if let Some(limit) = response.header("x-ratelimit-remaining") {
///     println!("{limit} requests left");
/// }
/// let validation = response.into_body();
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The call's error; an [`InvalidInput`](crate::ErrorKind::InvalidInput) error when the call
/// succeeded without sending any request (so there is no answer to show).
pub async fn with_response<T>(call: impl Future<Output = Result<T>>) -> Result<Response<T>> {
    let slot = Slot::default();
    let body = SLOT.scope(slot.clone(), call).await?;
    let head = slot
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
        .ok_or_else(|| {
            Error::new(ErrorKind::InvalidInput)
                .with_detail("the call sent no request, so there is no response to show")
        })?;
    Ok(Response { head, body })
}

/// A typed body with the head of the answer it came in, from [`with_response`]. `Debug` shows
/// the headers with the values of those that can carry a credential or a session redacted,
/// and the body as its own `Debug` does (without personal data).
pub struct Response<T> {
    head: Head,
    body: T,
}

impl<T> Response<T> {
    /// The HTTP status.
    ///
    /// ```no_run
    /// # fn demo(response: gu1_kyc::Response<gu1_kyc::types::Validation>) {
    /// assert!(response.status().is_success());
    /// # }
    /// ```
    pub fn status(&self) -> StatusCode {
        self.head.status
    }

    /// Every response header.
    ///
    /// ```no_run
    /// # fn demo(response: gu1_kyc::Response<gu1_kyc::types::Validation>) {
    /// for (name, value) in response.headers() {
    ///     println!("{name}: {} bytes", value.len());
    /// }
    /// # }
    /// ```
    pub fn headers(&self) -> &HeaderMap {
        &self.head.headers
    }

    /// One header's value, when it is there and is text.
    ///
    /// ```no_run
    /// # fn demo(response: gu1_kyc::Response<gu1_kyc::types::Validation>) {
    /// let kind = response.header("content-type");
    /// # }
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.headers.get(name)?.to_str().ok()
    }

    /// The id this client sent with the request (`X-Request-Id`).
    ///
    /// ```no_run
    /// # fn demo(response: gu1_kyc::Response<gu1_kyc::types::Validation>) {
    /// assert!(response.request_id().starts_with("req_"));
    /// # }
    /// ```
    pub fn request_id(&self) -> &str {
        &self.head.request_id
    }

    /// The id the server gave its answer (its `X-Request-Id`), when it gave one.
    ///
    /// ```no_run
    /// # fn demo(response: gu1_kyc::Response<gu1_kyc::types::Validation>) {
    /// let theirs = response.server_request_id();
    /// # }
    /// ```
    pub fn server_request_id(&self) -> Option<&str> {
        crate::error::map::printable_request_id(&self.head.headers)
    }

    /// The typed body.
    ///
    /// ```no_run
    /// # fn demo(response: gu1_kyc::Response<gu1_kyc::types::Validation>) {
    /// println!("{}", response.body().status);
    /// # }
    /// ```
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The typed body, by value.
    ///
    /// ```no_run
    /// # fn demo(response: gu1_kyc::Response<gu1_kyc::types::Validation>) {
    /// let validation = response.into_body();
    /// # }
    /// ```
    pub fn into_body(self) -> T {
        self.body
    }
}

/// Whether a header can carry a credential or a session, so `Debug` hides its value.
fn is_sensitive(name: &str) -> bool {
    const WORDS: [&str; 6] = ["auth", "cookie", "token", "key", "secret", "session"];
    let name = name.to_ascii_lowercase();
    WORDS.iter().any(|word| name.contains(word))
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Headers<'a>(&'a HeaderMap);
        impl fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (name, value) in self.0 {
                    if is_sensitive(name.as_str()) || value.is_sensitive() {
                        map.entry(&name.as_str(), &"[redacted]");
                    } else {
                        map.entry(&name.as_str(), &value.to_str().unwrap_or("[not text]"));
                    }
                }
                map.finish()
            }
        }
        f.debug_struct("Response")
            .field("status", &self.head.status.as_u16())
            .field("headers", &Headers(&self.head.headers))
            .field("request_id", &self.head.request_id)
            .field("body", &self.body)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_values_of_headers_that_can_carry_a_credential() {
        let mut headers = HeaderMap::new();
        headers.insert("set-cookie", "session=abc123".parse().unwrap());
        headers.insert("x-api-key", "gk_live_secret".parse().unwrap());
        headers.insert("www-authenticate", "Bearer realm=gu1".parse().unwrap());
        headers.insert("content-type", "application/json".parse().unwrap());
        let response = Response {
            head: Head {
                status: StatusCode::OK,
                headers,
                request_id: "req_1".into(),
            },
            body: (),
        };
        let shown = format!("{response:?}");
        for secret in ["abc123", "gk_live_secret", "realm=gu1"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("application/json"), "{shown}");
        assert_eq!(response.header("content-type"), Some("application/json"));
    }
}
