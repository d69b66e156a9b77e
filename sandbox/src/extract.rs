//! Request parsing that answers bad input with the API's JSON errors instead of axum's plain
//! text rejections: JSON bodies with a size cap, query strings, and ids in paths.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::{ApiError, Missing};
use crate::wire_enums::WireEnum;

/// Largest JSON request body accepted.
pub(crate) const MAX_JSON_BODY: usize = 64 * 1024;

/// Largest multipart request body accepted.
pub(crate) const MAX_MULTIPART_BODY: usize = 12 * 1024 * 1024;

/// Whether a JSON body may come without a JSON `Content-Type`; set on every request by the
/// builder ([`crate::SandboxBuilder::lenient`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lenient(pub bool);

/// The raw body of a JSON request, read up to [`MAX_JSON_BODY`]; an empty body is allowed here
/// and judged by [`parse_json`]. A non-empty body must be declared JSON (`415` otherwise),
/// unless the sandbox is [`Lenient`].
pub(crate) struct JsonBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBytes {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let declared_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json_media_type);
        let lenient = req.extensions().get::<Lenient>().is_some_and(|l| l.0);
        let body = axum::body::to_bytes(req.into_body(), MAX_JSON_BODY)
            .await
            .map_err(|_| {
                ApiError::validation(format!(
                    "Request body is too large or unreadable (at most {} KB)",
                    MAX_JSON_BODY / 1024
                ))
            })?;
        // A body must say it is JSON, as a careful server insists; no body needs no type.
        if !declared_json && !lenient && !body.iter().all(u8::is_ascii_whitespace) {
            return Err(
                ApiError::validation("The request body must be sent as application/json")
                    .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE),
            );
        }
        Ok(JsonBytes(body))
    }
}

/// `application/json`, or a `+json` type, with any parameters (`; charset=utf-8`).
pub(crate) fn is_json_media_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence
            .rsplit_once('+')
            .is_some_and(|(_, suffix)| suffix.eq_ignore_ascii_case("json"))
}

/// [`parse_json`] for a body that must be a JSON object: an array, a string or a number is
/// refused before serde could read an array as a struct's fields in order.
pub(crate) fn parse_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{') {
        return Err(ApiError::validation("Request body must be a JSON object"));
    }
    parse_json(body)
}

/// Parses a JSON body into `T`, answering `VALIDATION_ERROR` with serde's reason on failure.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::validation("Request body must be a JSON object"));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::validation(format!("Invalid request body: {e}")))
}

/// The decoded query string as ordered name/value pairs.
pub(crate) struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let pairs: Vec<(String, String)> = serde_urlencoded_pairs(query)
            .ok_or_else(|| ApiError::validation("The query string is not valid URL encoding"))?;
        Ok(QueryPairs(pairs))
    }
}

/// Decodes `a=1&b=x%2Fy` into pairs; `None` if a value is not valid UTF-8 after decoding.
fn serde_urlencoded_pairs(query: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        out.push((percent_decode(name)?, percent_decode(value)?));
    }
    Some(out)
}

/// Decodes `%XX` escapes and `+` (space) in one query component.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

impl QueryPairs {
    /// The first value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// An integer in `min..=max`, or `default` when absent.
    pub fn int_in(&self, name: &str, min: u64, max: u64, default: u64) -> Result<u64, ApiError> {
        let Some(text) = self.get(name) else {
            return Ok(default);
        };
        let message = format!("{name} must be between {min} and {max}");
        match text.trim().parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::validation(message)),
        }
    }

    /// A boolean (`true` or `false`), if present.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(ApiError::validation(format!(
                "{name} must be true or false"
            ))),
        }
    }

    /// A UUID, if present.
    pub fn uuid(&self, name: &str) -> Result<Option<Uuid>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(text) => Uuid::parse_str(text)
                .map(Some)
                .map_err(|_| ApiError::validation(format!("{name} must be a UUID"))),
        }
    }

    /// The `status` filter parsed into `T`, if present; an unknown value is answered with the
    /// documented "Invalid status value" message listing every value of `T`.
    pub fn status<T: WireEnum>(&self) -> Result<Option<T>, ApiError> {
        match self.get("status") {
            None => Ok(None),
            Some(text) => T::parse(text).map(Some).ok_or_else(|| {
                ApiError::validation(format!(
                    "Invalid status value. Must be one of: {}",
                    T::names()
                ))
            }),
        }
    }
}

/// Parses an id from a path segment; a malformed id names nothing, so it is answered like an
/// unknown one (`not_found`), which is the only client error these operations document.
pub(crate) fn path_uuid(text: &str, not_found: fn() -> ApiError) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text).map_err(|_| not_found())
}

/// A last line of defence: any error response that is not JSON or HTML (an axum rejection that
/// slipped through, a 405) is rewritten into the API's error shape.
pub(crate) async fn json_errors(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("application/json") || content_type.starts_with("text/html") {
        return response;
    }
    let error = match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::method_not_allowed(),
        StatusCode::NOT_FOUND => ApiError::not_found(Missing::Route),
        StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::validation("Request body is too large").with_status(status)
        }
        s if s.is_server_error() => ApiError::internal(s),
        _ => ApiError::validation("The request is invalid").with_status(status),
    };
    error.into_response()
}

/// The JSON 404 for paths that match no route.
pub(crate) async fn route_not_found() -> ApiError {
    ApiError::not_found(Missing::Route)
}

/// The single path parameter of a route, as text. A segment that is not valid UTF-8 names
/// nothing the sandbox stores, so it is answered 404 like any unknown id.
pub(crate) struct PathText(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathText {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(text)| PathText(text))
            .map_err(|_| ApiError::not_found(Missing::Path))
    }
}
