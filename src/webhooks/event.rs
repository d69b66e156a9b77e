//! Typed KYC webhook events, in both documented body shapes.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::map::decode_detail;
use crate::error::{Error, ErrorKind};
use crate::types::{
    Entity, EntityId, EntityType, Sensitive, SensitiveObject, Validation, ValidationId,
    ValidationStatus, WebhookEventType,
};

/// Decodes an event **without verifying its signature**: for tests, and for replaying bodies that
/// were verified when they arrived. Receivers call [`verify_and_parse`](super::verify_and_parse).
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
        // A webhook is not an API operation: the error names none, and its kind says enough.
        Error::new(ErrorKind::Decode).with_detail(detail)
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
        origin: EventOrigin::Webhook,
    })
}

/// Where a [`WebhookEvent`] came from: both paths carry the same key and go through the same
/// inbox, so a handler sees each outcome once whichever brought it first.
///
/// ```
/// # let event = gu1_kyc::webhooks::parse_event(br#"{"type":"kyc.validation_expired","data":{
/// #     "validationId":"550e8400-e29b-41d4-a716-446655440000","status":"expired"}}"#)?;
/// use gu1_kyc::webhooks::EventOrigin;
/// assert_eq!(event.origin, EventOrigin::Webhook);
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventOrigin {
    /// A webhook delivery (or a body given to [`parse_event`]).
    Webhook,
    /// The [reconciler](crate::outcomes::Reconciler), which found the change by reading the
    /// API: the event carries the validation as the API returned it, and no entity.
    Reconciler,
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
/// use gu1_kyc::types::{ValidationStatus, WebhookEventType};
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
    /// Whether a webhook delivery or the reconciler brought the event.
    pub origin: EventOrigin,
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
/// assert_eq!(summary.external_id.as_ref().map(|e| e.expose().as_str()), Some("customer-42"));
/// assert_eq!(summary.name.as_ref().map(|n| n.expose().as_str()), Some("John Doe"));
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntitySummary {
    /// The entity's ID.
    pub id: EntityId,
    /// Your own ID for the entity (redacted in `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<Sensitive<String>>,
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
    /// The event a webhook would have carried for `validation` reaching its current status,
    /// found by reading the API: the current body's shape, without the entity.
    pub(crate) fn reconciled(validation: Validation) -> Self {
        let event_type = match &validation.status {
            ValidationStatus::Pending => WebhookEventType::ValidationCreated,
            status => WebhookEventType::from_wire(&format!("kyc.validation_{status}")),
        };
        Self {
            event_type,
            timestamp: validation.updated_at,
            organization_id: validation.organization_id.clone(),
            validation: WebhookValidation::Current {
                validation: Box::new(validation),
                entity: None,
            },
            origin: EventOrigin::Reconciler,
        }
    }

    /// The validation's ID (`payload.id`, or `data.validationId` in the older body).
    ///
    /// ```
    /// # let event = gu1_kyc::webhooks::parse_event(br#"{"type":"kyc.validation_created",
    /// #   "data":{"validationId":"550e8400-e29b-41d4-a716-446655440000","status":"pending"}}"#)?;
    /// let id: &gu1_kyc::types::ValidationId = event.validation_id();
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
    /// use gu1_kyc::types::ValidationStatus;
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
    ///     let _your_customer = summary.external_id.as_ref().map(|e| e.expose());
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
