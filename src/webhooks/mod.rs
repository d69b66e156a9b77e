//! Webhook signature verification and typed KYC webhook events.
//!
//! gu1 sends a `POST` with a JSON body to your endpoint whenever a validation changes status, and
//! signs the body: the `X-Webhook-Signature` header carries the HMAC-SHA256 of the **raw request
//! body**, keyed with the webhook secret from the gu1 dashboard.
//!
//! What a receiver must do:
//!
//! - **Verify over the raw bytes, before parsing.** Re-serialized JSON differs from what was signed
//!   (key order, spacing, number formats), so hand [`verify_and_parse`] the body exactly as it
//!   arrived. A body that does not verify is not from gu1: answer `401` and ignore it.
//! - **Answer `200` within 30 seconds.** Do the slow work (reading the validation, updating your
//!   records, emailing the customer) after answering, for example from a queue.
//! - **Expect repeats.** gu1 retries deliveries that failed or timed out, so the same event can
//!   arrive more than once, and events for one validation can arrive out of order. Handle them
//!   idempotently, keyed by validation ID and status ([`WebhookEvent::idempotency_key`]), and let
//!   a terminal status ([`ValidationStatus::is_terminal`](crate::types::ValidationStatus::is_terminal)) win over an earlier one.
//!
//! The building blocks beyond the single-secret functions:
//!
//! - [`Verifier`] holds one or more secrets (rotate without dropping deliveries) and, opt-in, a
//!   maximum age checked against the signed `timestamp`, with the clock injectable
//!   ([`Verifier::verify_at`]). Refusals are errors of kind `Webhook` whose [`Rejection`] says
//!   "too old" or "bad signature".
//! - [`Inbox`](crate::store::Inbox) processes each event once and lets a terminal status win
//!   over a late earlier one, across every replica when its store is shared, and without losing
//!   an event whose worker died mid-processing (leases; see [`store`](crate::store)).
//! - With the `axum` feature, `VerifiedWebhook` is an extractor that does all of the above over
//!   the raw body and answers `401` for anything that does not verify. The crate's
//!   `webhook_receiver` example is a complete receiver:
//!   `cargo run --example webhook_receiver --features axum`.
//!
//! The digest encoding is the spec's documented reading: gu1's documentation shows that the body
//! is signed with HMAC-SHA256 but not how the digest is written. The spec (`x-webhooks` in
//! `openapi/gu1-kyc.yaml`) reads it as lowercase hex, optionally prefixed with `sha256=`; this
//! module accepts either hex case and the prefix, and compares in constant time.
//!
//! Two body shapes are documented and both are accepted: the current `{event, timestamp,
//! organizationId, payload}`, whose payload is the whole validation (plus the whole entity on
//! approved and rejected events), and the older `{type, data}`, whose data carries only the IDs,
//! the status and a four-field entity summary. [`WebhookEvent`] answers the common questions the
//! same way for both.
//!
//! A complete receiver, independent of any web framework:
//!
//! ```no_run
//! use gu1_kyc::webhooks::{self, WebhookSecret};
//! use gu1_kyc::{ErrorKind, types::ValidationStatus};
//!
//! /// Returns the HTTP status to answer with.
//! fn handle(headers_signature: Option<&str>, body: &[u8]) -> u16 {
//!     let secret = WebhookSecret::new(std::env::var("GU1_WEBHOOK_SECRET").unwrap_or_default());
//!     let event = match webhooks::verify_and_parse(
//!         &secret,
//!         body,
//!         headers_signature.unwrap_or_default(),
//!     ) {
//!         Ok(event) => event,
//!         // Not signed by gu1: refuse it. The error names what was wrong, never the body.
//!         Err(e) if e.kind() == ErrorKind::Webhook => {
//!             eprintln!("rejected a webhook: {e}");
//!             return 401;
//!         }
//!         // Signed by gu1 but not in a shape this SDK knows: keep the raw body to replay later.
//!         Err(e) => {
//!             eprintln!("could not read a genuine webhook: {e}");
//!             return 500;
//!         }
//!     };
//!
//!     let key = event.idempotency_key();
//!     if already_processed(&key) {
//!         return 200;
//!     }
//!     match event.status() {
//!         ValidationStatus::Approved => println!("{} verified", event.validation_id()),
//!         ValidationStatus::Rejected => println!("{} failed", event.validation_id()),
//!         ValidationStatus::InReview => println!("{} needs a compliance decision", event.validation_id()),
//!         other => println!("{} is now {other}", event.validation_id()),
//!     }
//!     remember_processed(key);
//!     200
//! }
//! # fn already_processed(_: &str) -> bool { false }
//! # fn remember_processed(_: String) {}
//! ```

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::Error;

mod event;
#[cfg(feature = "axum")]
mod extract;
mod verifier;

pub use event::{
    EntitySummary, EventOrigin, LegacyWebhookData, WebhookEvent, WebhookValidation, parse_event,
};
#[cfg(feature = "axum")]
pub use extract::{VerifiedWebhook, WebhookRejection};
pub use verifier::{DEFAULT_CLOCK_SKEW, Rejection, Verifier};

/// The name of the header that carries the signature, in the lowercase form HTTP libraries use.
///
/// ```
/// assert!(gu1_kyc::webhooks::SIGNATURE_HEADER.eq_ignore_ascii_case("X-Webhook-Signature"));
/// ```
pub const SIGNATURE_HEADER: &str = "x-webhook-signature";

/// The optional prefix some senders put before the hex digest.
const DIGEST_PREFIX: &str = "sha256=";

/// The length of an HMAC-SHA256 digest in bytes.
const DIGEST_LEN: usize = 32;

type HmacSha256 = Hmac<Sha256>;

/// The webhook signing secret, from the gu1 dashboard (Settings → Webhooks).
///
/// `Debug` prints `[redacted]` and there is no `Display`, so the secret can't end up in a log by
/// accident.
///
/// ```
/// use gu1_kyc::webhooks::WebhookSecret;
/// let secret = WebhookSecret::new("whsec_example");
/// assert_eq!(format!("{secret:?}"), "WebhookSecret([redacted])");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// Wraps the secret exactly as given: no trimming, so a secret read from a file should be
    /// trimmed by the caller.
    ///
    /// ```
    /// use gu1_kyc::webhooks::WebhookSecret;
    /// let from_env = std::env::var("GU1_WEBHOOK_SECRET").unwrap_or_default();
    /// let secret = WebhookSecret::new(from_env.trim());
    /// # let _ = secret;
    /// ```
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC accepts keys of any length (long keys are hashed first), so this can't fail.
        HmacSha256::new_from_slice(self.0.as_bytes()).expect("HMAC accepts keys of any length")
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret([redacted])")
    }
}

/// Checks that `signature_header` is the HMAC-SHA256 of `raw_body` keyed with `secret`.
///
/// The header is trimmed, may start with `sha256=`, and its hex digest may be in either case. The
/// comparison is constant-time. Prefer [`verify_and_parse`], which also decodes the event.
///
/// # Errors
///
/// An [`Error`] of kind [`ErrorKind::Webhook`](crate::ErrorKind::Webhook) when the header is
/// missing or empty, is not hex, has the wrong length, or does not match the body; also when the
/// secret is empty (an empty key would let anyone sign). The error says which, and never contains
/// the body, the secret or the header; [`Rejection::of`] gives the reason as a type.
///
/// To accept several secrets while rotating, or to refuse old deliveries, use a [`Verifier`]:
/// this function is `Verifier::new([secret]).verify_signature(..)`.
///
/// ```
/// use gu1_kyc::webhooks::{self, WebhookSecret};
/// let secret = WebhookSecret::new("whsec_example");
/// let body = br#"{"event":"kyc.validation_created"}"#;
/// let header = webhooks::sign(&secret, body);
/// assert!(webhooks::verify_signature(&secret, body, &header).is_ok());
/// assert!(webhooks::verify_signature(&secret, b"{}", &header).is_err());
/// ```
pub fn verify_signature(
    secret: &WebhookSecret,
    raw_body: &[u8],
    signature_header: &str,
) -> Result<(), Error> {
    Verifier::new([secret.clone()]).verify_signature(raw_body, signature_header)
}

/// Reads the digest out of the header, or says what is wrong with it without quoting it.
fn parse_signature(header: &str) -> Result<[u8; DIGEST_LEN], &'static str> {
    let header = header.trim();
    if header.is_empty() {
        return Err("the X-Webhook-Signature header is missing or empty");
    }
    let hex = match header.get(..DIGEST_PREFIX.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(DIGEST_PREFIX) => {
            &header[DIGEST_PREFIX.len()..]
        }
        _ => header,
    };
    if hex.is_empty() {
        return Err("the X-Webhook-Signature header has no digest after `sha256=`");
    }
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("the X-Webhook-Signature is not hexadecimal");
    }
    if hex.len() % 2 != 0 {
        return Err("the X-Webhook-Signature has an odd number of hex digits");
    }
    if hex.len() != DIGEST_LEN * 2 {
        return Err("the X-Webhook-Signature has the wrong length: HMAC-SHA256 is 64 hex digits");
    }
    let mut digest = [0u8; DIGEST_LEN];
    for (byte, pair) in digest.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
        *byte = (hex_value(pair[0]) << 4) | hex_value(pair[1]);
    }
    Ok(digest)
}

/// The value of one hex digit; callers check `is_ascii_hexdigit` first.
fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => 0,
    }
}

/// The signature gu1 sends for `raw_body`: the lowercase hex HMAC-SHA256 keyed with `secret`. For
/// your own tests and local tools; receivers call [`verify_and_parse`].
///
/// ```
/// use gu1_kyc::webhooks::{self, WebhookSecret};
/// let signature = webhooks::sign(&WebhookSecret::new("whsec_example"), b"{}");
/// assert_eq!(signature.len(), 64);
/// assert!(signature.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
/// ```
pub fn sign(secret: &WebhookSecret, raw_body: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut mac = secret.mac();
    mac.update(raw_body);
    let digest = mac.finalize().into_bytes();
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

/// Verifies the signature over the raw body, then decodes the event. This is the call a webhook
/// receiver makes.
///
/// # Errors
///
/// - Kind [`ErrorKind::Webhook`](crate::ErrorKind::Webhook) when the signature does not verify
///   (see [`verify_signature`]): the request is not from gu1, answer `401`. The body is not
///   parsed.
/// - Kind [`ErrorKind::Decode`](crate::ErrorKind::Decode) when the signature verifies but the
///   body is not a KYC event this SDK can read (see [`parse_event`]): the request is genuine, so
///   keep the raw body.
///
/// No age is checked: [`Verifier::max_age`] refuses deliveries replayed later.
///
/// ```
/// use gu1_kyc::webhooks::{self, WebhookSecret};
/// use gu1_kyc::types::{ValidationStatus, WebhookEventType};
///
/// let secret = WebhookSecret::new("whsec_example");
/// let body = br#"{"type":"kyc.validation_approved","data":{
///     "validationId":"550e8400-e29b-41d4-a716-446655440000","status":"approved"}}"#;
/// let header = webhooks::sign(&secret, body);
///
/// let event = webhooks::verify_and_parse(&secret, body, &header)?;
/// assert_eq!(event.event_type, WebhookEventType::ValidationApproved);
/// assert_eq!(event.status(), ValidationStatus::Approved);
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
pub fn verify_and_parse(
    secret: &WebhookSecret,
    raw_body: &[u8],
    signature_header: &str,
) -> Result<WebhookEvent, Error> {
    verify_signature(secret, raw_body, signature_header)?;
    parse_event(raw_body)
}
