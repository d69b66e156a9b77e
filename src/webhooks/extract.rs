//! An axum extractor that verifies a delivery over its raw body (feature `axum`).

use axum::{
    body::Bytes,
    extract::{FromRef, FromRequest, Request, rejection::BytesRejection},
    http::StatusCode,
    response::{IntoResponse, Response},
};

use super::{Rejection, SIGNATURE_HEADER, Verifier, WebhookEvent};
use crate::error::Error;

/// A verified KYC webhook event, as an axum extractor (requires the `axum` feature).
///
/// It reads the raw body, checks the `X-Webhook-Signature` header with the [`Verifier`] in the
/// router's state (found with [`FromRef`], so the state can be a `Verifier` or any struct that
/// holds one), and yields the decoded [`WebhookEvent`]. The handler runs only for genuine
/// deliveries; otherwise the request is answered by [`WebhookRejection`]:
///
/// | What | Status |
/// |---|---|
/// | missing, malformed or wrong signature; too old, in the future or undated (with a maximum age) | `401` |
/// | genuine signature, but a body that is not a KYC event | `400` |
/// | the body could not be read (e.g. over axum's body limit) | axum's status, e.g. `413` |
///
/// As it consumes the body, it must be the handler's last argument. The answer never quotes the
/// body, the header or a secret.
///
/// ```no_run
/// use std::time::Duration;
/// use axum::{Router, routing::post};
/// use gu1_kyc::webhooks::{VerifiedWebhook, Verifier, WebhookSecret};
///
/// async fn receive(VerifiedWebhook(event): VerifiedWebhook) -> &'static str {
///     println!("{} is now {}", event.validation_id(), event.status());
///     "ok"
/// }
///
/// # async fn demo() -> std::io::Result<()> {
/// let verifier = Verifier::new([WebhookSecret::new(std::env::var("GU1_WEBHOOK_SECRET").unwrap_or_default())])
///     .max_age(Duration::from_secs(60 * 60));
/// let app: Router = Router::new().route("/webhooks/gu1", post(receive)).with_state(verifier);
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
/// axum::serve(listener, app).await
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct VerifiedWebhook(pub WebhookEvent);

impl<S> FromRequest<S> for VerifiedWebhook
where
    S: Send + Sync,
    Verifier: FromRef<S>,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        // A header that is not visible ASCII cannot be a hex digest: treat it as missing.
        let signature = request
            .headers()
            .get(SIGNATURE_HEADER)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|e| WebhookRejection(Inner::Body(e)))?;
        match verifier.verify(&body, &signature) {
            Ok(event) => Ok(Self(event)),
            Err(error) => {
                let rejection = WebhookRejection::from_error(error);
                tracing::warn!(
                    status = rejection.status().as_u16(),
                    "refused a webhook delivery: {}",
                    rejection
                        .error()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                );
                Err(rejection)
            }
        }
    }
}

/// Why [`VerifiedWebhook`] refused a request, and the answer it sends (requires the `axum`
/// feature): `401` when the delivery did not verify, `400` when it is genuine but unreadable,
/// or axum's own answer when the body could not be read. The response body is a short fixed
/// text.
///
/// ```no_run
/// use axum::response::IntoResponse;
/// use gu1_kyc::webhooks::{Rejection, VerifiedWebhook};
///
/// // Take the result to log or count refusals yourself, then answer as the extractor would.
/// async fn receive(
///     delivery: Result<VerifiedWebhook, gu1_kyc::webhooks::WebhookRejection>,
/// ) -> axum::response::Response {
///     match delivery {
///         Ok(VerifiedWebhook(event)) => format!("ok {}", event.status()).into_response(),
///         Err(refused) => {
///             if refused.rejection() == Some(Rejection::TooOld) {
///                 eprintln!("a stale delivery");
///             }
///             refused.into_response()
///         }
///     }
/// }
/// ```
#[derive(Debug)]
pub struct WebhookRejection(Inner);

#[derive(Debug)]
enum Inner {
    /// Did not verify (kind `Webhook`): 401.
    Refused(Error),
    /// Verified, but not a readable event (kind `Decode`): 400.
    Unreadable(Error),
    /// The body could not be read.
    Body(BytesRejection),
}

impl WebhookRejection {
    fn from_error(error: Error) -> Self {
        if Rejection::of(&error).is_some() {
            Self(Inner::Refused(error))
        } else {
            Self(Inner::Unreadable(error))
        }
    }

    /// The status the request is answered with.
    ///
    /// ```no_run
    /// # fn demo(refused: gu1_kyc::webhooks::WebhookRejection) {
    /// println!("answered {}", refused.status());
    /// # }
    /// ```
    pub fn status(&self) -> StatusCode {
        match &self.0 {
            Inner::Refused(_) => StatusCode::UNAUTHORIZED,
            Inner::Unreadable(_) => StatusCode::BAD_REQUEST,
            Inner::Body(e) => e.status(),
        }
    }

    /// Why the delivery did not verify, when it did not (`None` for a genuine but unreadable
    /// body, or a body that could not be read).
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::Rejection;
    /// # fn demo(refused: gu1_kyc::webhooks::WebhookRejection) {
    /// if let Some(Rejection::BadSignature) = refused.rejection() {
    ///     eprintln!("someone is posting forged webhooks");
    /// }
    /// # }
    /// ```
    pub fn rejection(&self) -> Option<Rejection> {
        self.error().and_then(Rejection::of)
    }

    /// The verification or decoding error, if that is what failed.
    ///
    /// ```no_run
    /// # fn demo(refused: gu1_kyc::webhooks::WebhookRejection) {
    /// if let Some(error) = refused.error() {
    ///     eprintln!("{error}");
    /// }
    /// # }
    /// ```
    pub fn error(&self) -> Option<&Error> {
        match &self.0 {
            Inner::Refused(e) | Inner::Unreadable(e) => Some(e),
            Inner::Body(_) => None,
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        match self.0 {
            Inner::Refused(error) => {
                let text = match Rejection::of(&error) {
                    Some(r) if r.is_signature_failure() => "invalid webhook signature",
                    _ => "webhook refused: outside the accepted age",
                };
                (StatusCode::UNAUTHORIZED, text).into_response()
            }
            Inner::Unreadable(_) => {
                (StatusCode::BAD_REQUEST, "unreadable webhook body").into_response()
            }
            Inner::Body(e) => e.into_response(),
        }
    }
}
