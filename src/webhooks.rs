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
//!   a terminal status ([`ValidationStatus::is_terminal`]) win over an earlier one.
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
//! use gu1_kyc::{ErrorKind, ValidationStatus};
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

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::error::{Error, ErrorKind};
use crate::transport::decode_detail;
use crate::types::{
    Entity, EntityId, EntityType, Sensitive, SensitiveObject, Validation, ValidationId,
    ValidationStatus, WebhookEventType,
};

/// The name of the header that carries the signature, in the lowercase form HTTP libraries use.
///
/// ```
/// assert!(gu1_kyc::webhooks::SIGNATURE_HEADER.eq_ignore_ascii_case("X-Webhook-Signature"));
/// ```
pub const SIGNATURE_HEADER: &str = "x-webhook-signature";

/// The operation name of webhook deliveries in the spec (`x-webhooks`), used in decode errors.
const OPERATION: &str = "kycValidationEvent";

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

fn webhook_error(detail: &str) -> Error {
    Error::new(ErrorKind::Webhook).with_detail(detail)
}

/// Checks that `signature_header` is the HMAC-SHA256 of `raw_body` keyed with `secret`.
///
/// The header is trimmed, may start with `sha256=`, and its hex digest may be in either case. The
/// comparison is constant-time. Prefer [`verify_and_parse`], which also decodes the event.
///
/// # Errors
///
/// An [`Error`] of kind [`ErrorKind::Webhook`] when the header is missing or empty, is not hex,
/// has the wrong length, or does not match the body; also when the secret is empty (an empty key
/// would let anyone sign). The error says which, and never contains the body, the secret or the
/// header.
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
    if secret.0.is_empty() {
        return Err(webhook_error(
            "the webhook secret is empty; configure the secret shown in the gu1 dashboard",
        ));
    }
    let digest = parse_signature(signature_header).map_err(webhook_error)?;
    let mut mac = secret.mac();
    mac.update(raw_body);
    mac.verify_slice(&digest).map_err(|_| {
        webhook_error("the X-Webhook-Signature does not match the body and the webhook secret")
    })
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
/// - Kind [`ErrorKind::Webhook`] when the signature does not verify (see [`verify_signature`]):
///   the request is not from gu1, answer `401`. The body is not parsed.
/// - Kind [`ErrorKind::Decode`] when the signature verifies but the body is not a KYC event
///   this SDK can read (see [`parse_event`]): the request is genuine, so keep the raw body.
///
/// ```
/// use gu1_kyc::webhooks::{self, WebhookSecret};
/// use gu1_kyc::{ValidationStatus, WebhookEventType};
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

/// Decodes an event **without verifying its signature**: for tests, and for replaying bodies that
/// were verified when they arrived. Receivers call [`verify_and_parse`].
///
/// Both documented shapes are accepted, `{event, payload}` and the older `{type, data}`. Unknown
/// fields are ignored and unknown event types decode as [`WebhookEventType::Unknown`].
///
/// # Errors
///
/// An [`Error`] of kind [`ErrorKind::Decode`] when the body is not JSON, or is neither shape. The
/// error gives the position of the problem only: it never quotes the body.
///
/// ```
/// use gu1_kyc::webhooks;
/// let event = webhooks::parse_event(br#"{
///     "event": "kyc.validation_in_progress",
///     "payload": {
///         "id": "550e8400-e29b-41d4-a716-446655440000",
///         "entityId": "123e4567-e89b-12d3-a456-426614174000",
///         "status": "in_progress"
///     }
/// }"#)?;
/// assert_eq!(event.validation_id().as_str(), "550e8400-e29b-41d4-a716-446655440000");
/// assert!(webhooks::parse_event(b"not json").is_err());
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
pub fn parse_event(raw_body: &[u8]) -> Result<WebhookEvent, Error> {
    let decode_error = |detail: String| {
        Error::new(ErrorKind::Decode)
            .with_detail(detail)
            .with_operation(OPERATION)
    };
    let envelope: Envelope = serde_json::from_slice(raw_body)
        .map_err(|e| decode_error(format!("webhook body: {}", decode_detail(&e))))?;
    let event_type = envelope.event.or(envelope.legacy_type).ok_or_else(|| {
        decode_error("webhook body: no `event` (or older `type`) field".to_owned())
    })?;
    let validation = match (envelope.payload, envelope.data) {
        (Some(payload), _) => WebhookValidation::Current {
            validation: Box::new(payload.validation),
            entity: payload.entity.map(Box::new),
        },
        (None, Some(data)) => WebhookValidation::Legacy(data),
        (None, None) => {
            return Err(decode_error(
                "webhook body: no `payload` (or older `data`) field".to_owned(),
            ));
        }
    };
    Ok(WebhookEvent {
        event_type,
        timestamp: envelope.timestamp,
        organization_id: envelope.organization_id,
        validation,
    })
}

/// Both documented bodies in one struct: the shape is chosen after decoding, from which fields
/// are present.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Envelope {
    #[serde(default)]
    event: Option<WebhookEventType>,
    #[serde(default, rename = "type")]
    legacy_type: Option<WebhookEventType>,
    #[serde(default)]
    timestamp: Option<DateTime<Utc>>,
    #[serde(default)]
    organization_id: Option<String>,
    #[serde(default)]
    payload: Option<Payload>,
    #[serde(default)]
    data: Option<LegacyWebhookData>,
}

/// The current body's payload: the validation row, plus the entity on approved and rejected.
#[derive(Deserialize)]
struct Payload {
    #[serde(default)]
    entity: Option<Entity>,
    #[serde(flatten)]
    validation: Validation,
}

/// A KYC webhook event, decoded from either documented body shape.
///
/// `Debug` redacts personal data (names, document numbers, verification URLs).
///
/// ```
/// use gu1_kyc::webhooks;
/// use gu1_kyc::{ValidationStatus, WebhookEventType};
///
/// let event = webhooks::parse_event(br#"{
///     "event": "kyc.validation_rejected",
///     "timestamp": "2025-01-15T10:45:00Z",
///     "organizationId": "org_abc123",
///     "payload": {
///         "id": "550e8400-e29b-41d4-a716-446655440000",
///         "entityId": "123e4567-e89b-12d3-a456-426614174000",
///         "status": "rejected"
///     }
/// }"#)?;
/// assert_eq!(event.event_type, WebhookEventType::ValidationRejected);
/// assert_eq!(event.organization_id.as_deref(), Some("org_abc123"));
/// assert_eq!(event.status(), ValidationStatus::Rejected);
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WebhookEvent {
    /// What happened (`event`, or `type` in the older body).
    pub event_type: WebhookEventType,
    /// When it happened, if the body says (the older body does not).
    pub timestamp: Option<DateTime<Utc>>,
    /// The organization the validation belongs to, if the body says.
    pub organization_id: Option<String>,
    /// The validation the event is about, as the body described it.
    pub validation: WebhookValidation,
}

/// The validation an event is about, in the form the body carried it.
///
/// ```
/// use gu1_kyc::webhooks::{self, WebhookValidation};
/// let event = webhooks::parse_event(br#"{"type":"kyc.validation_expired","data":{
///     "validationId":"550e8400-e29b-41d4-a716-446655440000","status":"expired"}}"#)?;
/// match &event.validation {
///     WebhookValidation::Current { validation, .. } => println!("full row: {validation:?}"),
///     WebhookValidation::Legacy(data) => println!("summary of {}", data.validation_id),
///     _ => {}
/// }
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum WebhookValidation {
    /// The current body (`payload`): the whole validation, with the same fields as the API, and
    /// the whole entity on approved and rejected events.
    #[non_exhaustive]
    Current {
        /// The validation.
        validation: Box<Validation>,
        /// The person entity, on `kyc.validation_approved` and `kyc.validation_rejected`.
        entity: Option<Box<Entity>>,
    },
    /// The older body (`data`): the IDs, the status and an entity summary.
    Legacy(LegacyWebhookData),
}

/// The `data` of the older `{type, data}` body (spec: `LegacyKycWebhookData`).
///
/// ```
/// use gu1_kyc::webhooks::{self, WebhookValidation};
/// let event = webhooks::parse_event(br#"{"type":"kyc.validation_approved","data":{
///     "validationId":"550e8400-e29b-41d4-a716-446655440000",
///     "entity":{"id":"123e4567-e89b-12d3-a456-426614174000","name":"John Doe","type":"person"}}}"#)?;
/// if let WebhookValidation::Legacy(data) = &event.validation {
///     assert!(data.status.is_none());
///     assert!(format!("{data:?}").contains("[redacted]"));
/// }
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LegacyWebhookData {
    /// The validation's ID.
    pub validation_id: ValidationId,
    /// The person entity's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<EntityId>,
    /// A summary of the person entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntitySummary>,
    /// The validation's new status. Documented as always present; when it is missing,
    /// [`WebhookEvent::status`] reads it from the event type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ValidationStatus>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// The four-field entity summary of the older body (spec: `EntitySummary`).
///
/// ```
/// use gu1_kyc::webhooks::{self, WebhookValidation};
/// let event = webhooks::parse_event(br#"{"type":"kyc.validation_approved","data":{
///     "validationId":"550e8400-e29b-41d4-a716-446655440000","status":"approved",
///     "entity":{"id":"123e4567-e89b-12d3-a456-426614174000","externalId":"customer-42",
///               "name":"John Doe","type":"person"}}}"#)?;
/// let summary = event.entity_summary().expect("the older body carries a summary");
/// assert_eq!(summary.external_id.as_deref(), Some("customer-42"));
/// assert_eq!(summary.name.as_ref().map(|n| n.expose().as_str()), Some("John Doe"));
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntitySummary {
    /// The entity's ID.
    pub id: EntityId,
    /// Your own ID for the entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Display name. Personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Sensitive<String>>,
    /// The kind of entity (always `person` for KYC).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<EntityType>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

impl WebhookEvent {
    /// The validation's ID (`payload.id`, or `data.validationId` in the older body).
    ///
    /// ```
    /// # let event = gu1_kyc::webhooks::parse_event(br#"{"type":"kyc.validation_created",
    /// #   "data":{"validationId":"550e8400-e29b-41d4-a716-446655440000","status":"pending"}}"#)?;
    /// let id: &gu1_kyc::ValidationId = event.validation_id();
    /// assert_eq!(id.as_str(), "550e8400-e29b-41d4-a716-446655440000");
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn validation_id(&self) -> &ValidationId {
        match &self.validation {
            WebhookValidation::Current { validation, .. } => &validation.id,
            WebhookValidation::Legacy(data) => &data.validation_id,
        }
    }

    /// The person entity's ID: always present in the current body; in the older body from
    /// `data.entityId` or else `data.entity.id`, and `None` when neither is there.
    ///
    /// ```
    /// # let event = gu1_kyc::webhooks::parse_event(br#"{"type":"kyc.validation_created",
    /// #   "data":{"validationId":"550e8400-e29b-41d4-a716-446655440000",
    /// #           "entityId":"123e4567-e89b-12d3-a456-426614174000","status":"pending"}}"#)?;
    /// if let Some(entity) = event.entity_id() {
    ///     assert_eq!(entity.as_str(), "123e4567-e89b-12d3-a456-426614174000");
    /// }
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn entity_id(&self) -> Option<&EntityId> {
        match &self.validation {
            WebhookValidation::Current { validation, .. } => Some(&validation.entity_id),
            WebhookValidation::Legacy(data) => data
                .entity_id
                .as_ref()
                .or_else(|| data.entity.as_ref().map(|e| &e.id)),
        }
    }

    /// The validation's new status: the body's `status`, or, when the older body omits it, the
    /// status the event type names (`kyc.validation_created` is `pending`).
    ///
    /// ```
    /// use gu1_kyc::ValidationStatus;
    /// let event = gu1_kyc::webhooks::parse_event(br#"{"type":"kyc.validation_cancelled",
    ///     "data":{"validationId":"550e8400-e29b-41d4-a716-446655440000"}}"#)?;
    /// assert_eq!(event.status(), ValidationStatus::Cancelled);
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn status(&self) -> ValidationStatus {
        match &self.validation {
            WebhookValidation::Current { validation, .. } => validation.status.clone(),
            WebhookValidation::Legacy(data) => data
                .status
                .clone()
                .unwrap_or_else(|| status_named_by(&self.event_type)),
        }
    }

    /// The whole validation, when the body is the current shape.
    ///
    /// ```
    /// # let event = gu1_kyc::webhooks::parse_event(br#"{"event":"kyc.validation_in_review",
    /// #   "payload":{"id":"550e8400-e29b-41d4-a716-446655440000",
    /// #              "entityId":"123e4567-e89b-12d3-a456-426614174000","status":"in_review"}}"#)?;
    /// if let Some(validation) = event.validation() {
    ///     println!("warnings: {:?}", validation.warnings);
    /// }
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn validation(&self) -> Option<&Validation> {
        match &self.validation {
            WebhookValidation::Current { validation, .. } => Some(validation),
            WebhookValidation::Legacy(_) => None,
        }
    }

    /// The whole person entity, sent with `kyc.validation_approved` and
    /// `kyc.validation_rejected` in the current body. The older body carries only a summary:
    /// see [`WebhookEvent::entity_summary`].
    ///
    /// ```
    /// # let event = gu1_kyc::webhooks::parse_event(br#"{"event":"kyc.validation_approved",
    /// #   "payload":{"id":"550e8400-e29b-41d4-a716-446655440000",
    /// #              "entityId":"123e4567-e89b-12d3-a456-426614174000","status":"approved",
    /// #              "entity":{"id":"123e4567-e89b-12d3-a456-426614174000","type":"person"}}}"#)?;
    /// if let Some(entity) = event.entity() {
    ///     println!("entity {} is now KYC-verified: {}", entity.id, entity.kyc_verified);
    /// }
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn entity(&self) -> Option<&Entity> {
        match &self.validation {
            WebhookValidation::Current { entity, .. } => entity.as_deref(),
            WebhookValidation::Legacy(_) => None,
        }
    }

    /// The entity summary of the older body, if it has one.
    ///
    /// ```
    /// # let event = gu1_kyc::webhooks::parse_event(br#"{"type":"kyc.validation_approved",
    /// #   "data":{"validationId":"550e8400-e29b-41d4-a716-446655440000","status":"approved",
    /// #           "entity":{"id":"123e4567-e89b-12d3-a456-426614174000","externalId":"customer-42"}}}"#)?;
    /// if let Some(summary) = event.entity_summary() {
    ///     println!("your customer {:?}", summary.external_id);
    /// }
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn entity_summary(&self) -> Option<&EntitySummary> {
        match &self.validation {
            WebhookValidation::Current { .. } => None,
            WebhookValidation::Legacy(data) => data.entity.as_ref(),
        }
    }

    /// A key to de-duplicate deliveries by: `<validation ID>:<status>`. gu1 retries failed
    /// deliveries, so one event can arrive more than once; process each key once. It holds no
    /// personal data.
    ///
    /// ```
    /// # let event = gu1_kyc::webhooks::parse_event(br#"{"type":"kyc.validation_approved",
    /// #   "data":{"validationId":"550e8400-e29b-41d4-a716-446655440000","status":"approved"}}"#)?;
    /// assert_eq!(event.idempotency_key(), "550e8400-e29b-41d4-a716-446655440000:approved");
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn idempotency_key(&self) -> String {
        format!("{}:{}", self.validation_id(), self.status())
    }
}

/// The status an event type announces. An unknown `kyc.validation_<status>` type names an unknown
/// status the same way, so nothing is lost.
fn status_named_by(event_type: &WebhookEventType) -> ValidationStatus {
    match event_type {
        WebhookEventType::ValidationCreated => ValidationStatus::Pending,
        WebhookEventType::ValidationInProgress => ValidationStatus::InProgress,
        WebhookEventType::ValidationInReview => ValidationStatus::InReview,
        WebhookEventType::ValidationApproved => ValidationStatus::Approved,
        WebhookEventType::ValidationRejected => ValidationStatus::Rejected,
        WebhookEventType::ValidationAbandoned => ValidationStatus::Abandoned,
        WebhookEventType::ValidationExpired => ValidationStatus::Expired,
        WebhookEventType::ValidationCancelled => ValidationStatus::Cancelled,
        other => {
            let wire = other.as_str();
            ValidationStatus::from_wire(wire.strip_prefix("kyc.validation_").unwrap_or(wire))
        }
    }
}
