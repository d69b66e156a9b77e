//! API errors, always rendered as `{"error": CODE, "message": text}`.
//!
//! Each documented error code has one constructor here, and handlers build errors only through
//! them, so a code is always answered with the same status and, where the documentation gives
//! one, the same message.

use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

/// The objects a `NOT_FOUND` answer can name, each with the message its operations document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// A validation, or one in another organization.
    Validation,
    /// An entity, on the operations that document `NOT_FOUND` rather than `ENTITY_NOT_FOUND`
    /// for it (the entity lookups, an entity's history and its KYC status; spec decision D6).
    Entity,
    /// The entity exists but has no current validation.
    CurrentValidation,
    /// An ID-verification or face-match record.
    Verification,
    /// An image a record did not store (an ID verification without a back side).
    Image,
    /// A session media key that the validation does not have.
    Media,
    /// A path that matches no route.
    Route,
    /// A path parameter that names nothing the sandbox could store (not valid UTF-8).
    Path,
}

impl Missing {
    fn message(self) -> &'static str {
        match self {
            Missing::Validation => "Validation not found",
            Missing::Entity => "Entity not found",
            Missing::CurrentValidation => "No current validation found for this entity",
            Missing::Verification => "Verification not found",
            Missing::Image => "Image not found",
            Missing::Media => "Media not found",
            Missing::Route => "Route not found",
            Missing::Path => "Not found",
        }
    }
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// The same error answered with another status. Used only when rewriting a rejection that
    /// already chose its status (a 413 or 415 from axum), so the status the client sees stays
    /// the one the HTTP layer meant.
    pub fn with_status(self, status: StatusCode) -> ApiError {
        ApiError { status, ..self }
    }

    /// 401 `UNAUTHORIZED` with the documented message.
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "Invalid or missing API key",
        )
    }

    /// 400 `VALIDATION_ERROR`: a JSON body or query value that does not match the schema.
    pub fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message)
    }

    /// 400 `INVALID_REQUEST`: a multipart upload that is malformed or misses an image.
    pub fn invalid_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "INVALID_REQUEST", message)
    }

    /// 404 `NOT_FOUND`, naming what is missing with its documented message.
    pub fn not_found(missing: Missing) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "NOT_FOUND", missing.message())
    }

    /// 404 `ENTITY_NOT_FOUND` "Entity not found", on the operations that document this code
    /// (creating a validation and reading an entity's current one).
    pub fn entity_not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "ENTITY_NOT_FOUND",
            "Entity not found",
        )
    }

    /// 400 `INVALID_ENTITY_TYPE`: a KYC validation asked for an entity that is not a person.
    pub fn invalid_entity_type() -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_ENTITY_TYPE",
            "KYC validation is only available for person entities",
        )
    }

    /// 400 `KYC_NOT_CONFIGURED`: the integration code names no integration of the organization.
    pub fn kyc_not_configured() -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "KYC_NOT_CONFIGURED",
            "KYC integration is not configured for this organization. Please contact your administrator.",
        )
    }

    /// 400 `NO_SESSION_ID`: a sync of a validation that has no provider session.
    pub fn no_session_id() -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "NO_SESSION_ID",
            "Validation has no provider session to sync",
        )
    }

    /// 400 `INVALID_STATUS`: the validation's status does not allow the decision.
    pub fn invalid_status(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "INVALID_STATUS", message)
    }

    /// 400 `INVALID_REASON`: a decision's reason is missing or shorter than 5 characters.
    pub fn invalid_reason() -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "INVALID_REASON",
            "Reason must be at least 5 characters",
        )
    }

    /// 400 `INVALID_TAX_ID`: a tax id that breaks the country's rules.
    pub fn invalid_tax_id(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "INVALID_TAX_ID", message)
    }

    /// 409 `DUPLICATE_TAX_ID`: another entity of the organization has this tax id.
    pub fn duplicate_tax_id() -> ApiError {
        ApiError::new(
            StatusCode::CONFLICT,
            "DUPLICATE_TAX_ID",
            "An entity with this taxId already exists",
        )
    }

    /// 409 `DUPLICATE_EXTERNAL_ID`: another entity of the organization has this external id.
    pub fn duplicate_external_id() -> ApiError {
        ApiError::new(
            StatusCode::CONFLICT,
            "DUPLICATE_EXTERNAL_ID",
            "An entity with this externalId already exists",
        )
    }

    /// 405 `METHOD_NOT_ALLOWED`: the path exists but not with this method. The code is the
    /// sandbox's own; the API documents no body for this case.
    pub fn method_not_allowed() -> ApiError {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "This method is not allowed on this path",
        )
    }

    /// 414 `URI_TOO_LONG`: the request target is longer than the sandbox reads. The code is the
    /// sandbox's own (the API's error codes are an open set); the message states the limit and
    /// never repeats the URI, which can carry personal data in its query.
    pub fn uri_too_long(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::URI_TOO_LONG,
            "URI_TOO_LONG",
            format!("The request URI is longer than {limit} bytes"),
        )
    }

    /// 431 `HEADERS_TOO_LARGE`: the request head breaks a limit, which `message` states (never a
    /// header's name or value). The code is the sandbox's own.
    pub fn headers_too_large(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "HEADERS_TOO_LARGE",
            message,
        )
    }

    /// 408 `REQUEST_TIMEOUT`: the request head was not complete within `limit`. The code is the
    /// sandbox's own.
    pub fn request_timeout(limit: std::time::Duration) -> ApiError {
        let limit = if limit.subsec_millis() == 0 && limit.as_secs() > 0 {
            format!("{} s", limit.as_secs())
        } else {
            format!("{} ms", limit.as_millis())
        };
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "REQUEST_TIMEOUT",
            format!("The request head was not received within {limit}"),
        )
    }

    /// A 5xx `INTERNAL_ERROR` with the status the server chose. The code is the sandbox's own;
    /// the API documents no body for this case.
    pub fn internal(status: StatusCode) -> ApiError {
        ApiError::new(status, "INTERNAL_ERROR", "The sandbox failed to answer")
    }
}

impl ApiError {
    /// The JSON body: `{"error": CODE, "message": TEXT}`.
    pub fn body(&self) -> String {
        json!({ "error": self.code, "message": self.message }).to_string()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body();
        (self.status, [(CONTENT_TYPE, "application/json")], body).into_response()
    }
}

/// The result type of API handlers.
pub(crate) type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_entity_has_two_documented_codes_with_one_message() {
        // Creating a validation documents ENTITY_NOT_FOUND; the entity lookups document
        // NOT_FOUND. Both say the same thing, so a client can show either message.
        let specific = ApiError::entity_not_found();
        let generic = ApiError::not_found(Missing::Entity);
        assert_eq!(
            (specific.status, specific.code),
            (StatusCode::NOT_FOUND, "ENTITY_NOT_FOUND")
        );
        assert_eq!(
            (generic.status, generic.code),
            (StatusCode::NOT_FOUND, "NOT_FOUND")
        );
        assert_eq!(specific.message, generic.message);
    }

    #[test]
    fn a_rewritten_rejection_keeps_its_status() {
        let error = ApiError::validation("The request is invalid")
            .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(
            (error.status, error.code),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, "VALIDATION_ERROR")
        );
    }
}
