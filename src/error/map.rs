//! Every way a call can fail, mapped to [`Error`] in one place: the transport's failures, the
//! API's error answers, bodies that don't decode, and what the generated client reports. The
//! transport and the call layer only ever build errors through these functions.

use std::time::{Duration, SystemTime};

use reqwest::{
    StatusCode,
    header::{HeaderMap, RETRY_AFTER},
};

use super::{Error, ErrorBody, ErrorKind};

/// Maps a reqwest failure, dropping the URL (it can carry a tax ID or an external ID).
///
/// reqwest labels a failure while reading a body as a decode error; this crate decodes JSON
/// itself (with serde), so such a failure is a connection that dropped mid-body: a network error,
/// retryable, not a contract mismatch.
pub(crate) fn from_reqwest(error: reqwest::Error) -> Error {
    let (kind, detail) = if error.is_timeout() {
        (ErrorKind::Timeout, None)
    } else if error.is_builder() {
        (ErrorKind::Config, None)
    } else if error.is_redirect() {
        (ErrorKind::Redirect, Some("too many redirects"))
    } else if error.is_body() || error.is_decode() {
        (
            ErrorKind::Network,
            Some("the connection failed while the response body was arriving"),
        )
    } else {
        (ErrorKind::Network, None)
    };
    let unsent = error.is_connect();
    let status = error.status();
    let mut mapped = Error::new(kind).with_source(error.without_url());
    if let Some(detail) = detail {
        mapped = mapped.with_detail(detail);
    }
    if let Some(status) = status {
        mapped = mapped.with_status(status);
    }
    if unsent { mapped.unsent() } else { mapped }
}

/// Maps an answer with an error status and its (already size-limited) body. A body that is not
/// the documented `{error, message}` JSON (an HTML page from a proxy) keeps the status.
pub(crate) fn from_status(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let parsed = serde_json::from_slice::<ErrorBody>(body);
    let well_formed = parsed.is_ok();
    let mut error = Error::api(status, parsed.unwrap_or_default())
        .with_retry_after(retry_after(headers, SystemTime::now()))
        .with_server_request_id(server_request_id(headers));
    if !well_formed {
        error = error.with_detail("the error body was not the documented {error, message} JSON");
    }
    error
}

/// A body over the configured limit; the body itself was dropped unread.
pub(crate) fn too_large(status: StatusCode, limit: usize) -> Error {
    Error::new(ErrorKind::BodyTooLarge)
        .with_status(status)
        .with_detail(format!("over the limit of {limit} bytes"))
}

/// A failure while reading a body within `limit`: the limit passed, or the connection failed.
pub(crate) fn from_body_error(
    error: Box<dyn std::error::Error + Send + Sync>,
    status: StatusCode,
    limit: usize,
) -> Error {
    if error.is::<http_body_util::LengthLimitError>() {
        return too_large(status, limit);
    }
    match error.downcast::<reqwest::Error>() {
        Ok(error) => from_reqwest(*error).with_status(status),
        Err(_) => Error::new(ErrorKind::Network)
            .with_status(status)
            .with_detail("the connection failed while the response body was arriving"),
    }
}

/// A redirect the client did not follow. The location is left out: it can carry personal data.
pub(crate) fn redirect(status: StatusCode, why: &'static str) -> Error {
    Error::new(ErrorKind::Redirect)
        .with_status(status)
        .with_detail(why)
}

/// The call's deadline passed (across attempts) or one attempt took longer than its timeout.
pub(crate) fn timed_out(what: &'static str, limit: Duration) -> Error {
    Error::new(ErrorKind::Timeout).with_detail(format!("{what} of {limit:?} passed"))
}

/// A success body that does not decode as the documented type.
pub(crate) fn undecodable(status: StatusCode, error: &serde_json::Error) -> Error {
    Error::new(ErrorKind::Decode)
        .with_status(status)
        .with_detail(decode_detail(error))
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

/// How long the server asked to wait: `Retry-After` as whole seconds or as an HTTP date
/// (RFC 9110 §10.2.3), measured from `now`. A date in the past asks for no wait.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The header a request id travels in, both ways.
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";

/// The server's request id, when its answer names one that is printable and short (it is shown
/// in messages, so nothing else is taken).
pub(crate) fn server_request_id(headers: &HeaderMap) -> Option<String> {
    printable_request_id(headers).map(str::to_owned)
}

/// [`server_request_id`], borrowed.
pub(crate) fn printable_request_id(headers: &HeaderMap) -> Option<&str> {
    let id = headers.get(REQUEST_ID_HEADER)?.to_str().ok()?;
    let printable = !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic());
    printable.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn retry_after_reads_whole_seconds() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(
            retry_after(&headers("7"), now),
            Some(Duration::from_secs(7))
        );
    }

    #[test]
    fn retry_after_reads_an_http_date_relative_to_now() {
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 seconds after the epoch.
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777 - 90);
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:49:37 GMT"), now),
            Some(Duration::from_secs(90))
        );
    }

    #[test]
    fn retry_after_in_the_past_asks_for_no_wait() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777 + 5);
        assert_eq!(
            retry_after(&headers("Sun, 06 Nov 1994 08:49:37 GMT"), now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn retry_after_ignores_what_it_cannot_read() {
        assert_eq!(retry_after(&headers("soon"), SystemTime::now()), None);
    }
}
