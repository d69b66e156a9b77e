//! Response models that stand in for the spec's schemas of the same meaning.
//!
//! Every field that can hold personal data is a [`Sensitive`], so `Debug` never prints it. Fields
//! the spec does not list are kept in `extra` (also redacted), so nothing the server sends is lost.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    DecisionStatus, EntityId, EntityStatus, EntityType, FaceMatchId, FaceMatchStatus,
    IdVerificationId, IdVerificationStatus, Sensitive, StorageProvider, ValidationId,
    ValidationStatus, WarningCode,
};

/// A JSON object whose content can hold personal data.
pub type SensitiveObject = Sensitive<Map<String, Value>>;

/// A KYC validation: a hosted verification session for one person entity (spec: `KycValidation`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Validation {
    /// The validation's ID.
    pub id: ValidationId,
    /// The verified person entity.
    pub entity_id: EntityId,
    /// The organization that owns the validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The provider session's ID (some responses call it `sessionId`; see [`Validation::session_id`]).
    /// Redacted in `Debug`: the hosted page lives at `{base}/verify/{session}`, so the session ID
    /// is as good as the verification URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_session_id: Option<Sensitive<String>>,
    /// The provider session's ID under its older name (redacted in `Debug` too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<Sensitive<String>>,
    /// The validation's status.
    pub status: ValidationStatus,
    /// The provider's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The hosted verification URL for the customer (absent for sandbox mocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_session_url: Option<Sensitive<String>>,
    /// Whether this is the entity's current validation.
    #[serde(default)]
    pub is_current: bool,
    /// The provider's decision, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The verified documents, once completed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents_verified: Vec<Sensitive<Value>>,
    /// Biometric results, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometric_result: Option<Sensitive<Value>>,
    /// Risk assessment, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_assessment: Option<Sensitive<Value>>,
    /// The verified fields (names such as `firstName`; some responses send objects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verified_fields: Vec<Value>,
    /// Personal data read from the document, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_data: Option<ExtractedData>,
    /// Risk and warning codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningCode>,
    /// When the verification URL stops working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// When the verification completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<DateTime<Utc>>,
    /// Your metadata plus keys gu1 writes (`integrationCode`, decision reasons, ...).
    #[serde(default)]
    pub metadata: SensitiveObject,
    /// When the validation was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// When the validation last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

impl Validation {
    /// The provider session's ID, whichever name the response used.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// let validation = client.validations().get(&id).await?;
    /// let has_session = validation.session_id().is_some();
    /// # Ok(()) }
    /// ```
    pub fn session_id(&self) -> Option<&str> {
        self.validation_session_id
            .as_ref()
            .or(self.session_id.as_ref())
            .map(|id| id.expose().as_str())
    }

    /// The URL to send to the customer, if the validation has one. Treat it as a secret: whoever
    /// has it can complete the verification.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// if let Some(url) = client.validations().get(&id).await?.verification_url() {
    ///     // Send `url` to the customer only.
    ///     let _ = url;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn verification_url(&self) -> Option<&str> {
        self.provider_session_url
            .as_ref()
            .map(|url| url.expose().as_str())
    }

    /// The names of the verified fields, skipping entries that are not plain names.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// let validation = client.validations().get(&id).await?;
    /// let names: Vec<&str> = validation.verified_field_names().collect();
    /// # Ok(()) }
    /// ```
    pub fn verified_field_names(&self) -> impl Iterator<Item = &str> {
        self.verified_fields.iter().filter_map(Value::as_str)
    }
}

/// The provider's decision on a validation (spec: `Decision`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Decision {
    /// The decision, capitalised on the wire (`Approved`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DecisionStatus>,
    /// The checks that ran (`id_verification`, `liveness`, `face_match`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// The document check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_verification: Option<DecisionIdVerification>,
    /// The liveness check: its decision and what it used (spec: `DecisionCheck`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness: Option<Sensitive<Value>>,
    /// The face match: its decision and score (spec: `DecisionCheck`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_match: Option<Sensitive<Value>>,
    /// Everything else the provider reported (media keys, other checks).
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

impl Decision {
    /// A check of the decision other than the document check, by name: `liveness`,
    /// `face_match`, or one the provider adds; its object as reported.
    ///
    /// ```
    /// let decision: gu1_kyc::types::Decision = serde_json::from_value(serde_json::json!({
    ///     "features": ["liveness", "aml"],
    ///     "liveness": {"status": "Approved"},
    ///     "aml": {"status": "Declined"}
    /// })).unwrap();
    /// assert_eq!(decision.check("liveness").unwrap()["status"], "Approved");
    /// assert_eq!(decision.check("aml").unwrap()["status"], "Declined");
    /// assert!(decision.check("face_match").is_none());
    /// ```
    pub fn check(&self, name: &str) -> Option<&Value> {
        match name {
            "liveness" => self.liveness.as_ref().map(Sensitive::expose),
            "face_match" => self.face_match.as_ref().map(Sensitive::expose),
            other => self.extra.expose().get(other),
        }
    }

    /// Every check other than the document check, with its name: `liveness` and `face_match`
    /// first, then the objects among the other fields, in the order the answer gave them.
    pub fn checks(&self) -> impl Iterator<Item = (&str, &Value)> {
        let typed = [
            ("liveness", &self.liveness),
            ("face_match", &self.face_match),
        ]
        .into_iter()
        .filter_map(|(name, check)| check.as_ref().map(|c| (name, c.expose())));
        let others = self
            .extra
            .expose()
            .iter()
            .filter(|(_, value)| value.is_object())
            .map(|(name, value)| (name.as_str(), value));
        typed.chain(others)
    }
}

/// The document check inside a decision (spec: `DecisionIdVerification`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct DecisionIdVerification {
    /// The check's decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DecisionStatus>,
    /// The document's type (`Passport`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// The document's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<Sensitive<String>>,
    /// The holder's full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<Sensitive<String>>,
    /// The holder's date of birth (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<Sensitive<String>>,
    /// The holder's given names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<Sensitive<String>>,
    /// The holder's family names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<Sensitive<String>>,
    /// The issuing country's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_state: Option<String>,
    /// The document's front: a `kyc/...` storage key for
    /// [`Validations::media`](crate::Validations::media), or in older rows a short-lived URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub front_image: Option<Sensitive<String>>,
    /// The portrait cut from the document, as a storage key or a short-lived URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portrait_image: Option<Sensitive<String>>,
    /// Everything else the check reported.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// Personal data read from a document (spec: `ExtractedData`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ExtractedData {
    /// Given names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<Sensitive<String>>,
    /// Family names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<Sensitive<String>>,
    /// Full name as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<Sensitive<String>>,
    /// Date of birth (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<Sensitive<String>>,
    /// The document's type (`Passport`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// The document's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<Sensitive<String>>,
    /// The document's expiry date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<Sensitive<String>>,
    /// The issuing country's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_country: Option<String>,
    /// The holder's nationality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<Sensitive<String>>,
    /// The printed address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Sensitive<String>>,
    /// The machine-readable zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrz: Option<Sensitive<String>>,
    /// Document keys that are not promoted to fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_fields: Option<SensitiveObject>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// A summary of an entity's KYC state (spec: `EntityKycStatus`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntityKycStatus {
    /// The entity.
    pub entity_id: EntityId,
    /// Whether the entity has any validation.
    pub has_kyc: bool,
    /// Whether the entity is currently verified.
    pub is_verified: bool,
    /// The current validation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_validation: Option<CurrentValidationSummary>,
    /// When the entity was last verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_verified_at: Option<DateTime<Utc>>,
    /// When the verification stops counting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    /// Whether the entity should be verified again.
    #[serde(default)]
    pub needs_reverification: bool,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// The current validation inside an [`EntityKycStatus`] (spec: `CurrentValidationSummary`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CurrentValidationSummary {
    /// The validation's ID.
    pub id: ValidationId,
    /// Its status.
    pub status: ValidationStatus,
    /// When it completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<DateTime<Utc>>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// The stored audit record of an ID verification (spec: `IdVerificationRecord`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IdVerificationRecord {
    /// The record's ID.
    pub id: IdVerificationId,
    /// The owning organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The linked person entity, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<EntityId>,
    /// The outcome.
    pub status: IdVerificationStatus,
    /// The provider request's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Your reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_data: Option<Sensitive<String>>,
    /// Why the verification failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<Sensitive<String>>,
    /// Warning codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningCode>,
    /// Data read from the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_data: Option<ExtractedData>,
    /// When the verification ran.
    pub created_at: DateTime<Utc>,
    /// Storage path of the front image, if stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_front_storage_path: Option<String>,
    /// Storage path of the back image, if stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_back_storage_path: Option<String>,
    /// Where the images are stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_provider: Option<StorageProvider>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// The stored audit record of a face match (spec: `FaceMatchRecord`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FaceMatchRecord {
    /// The record's ID.
    pub id: FaceMatchId,
    /// The owning organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The linked person entity, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<EntityId>,
    /// The outcome.
    pub status: FaceMatchStatus,
    /// Whether the score reached the threshold.
    #[serde(default, rename = "match")]
    pub is_match: bool,
    /// Similarity, 0-100; absent when the comparison failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The provider request's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Your reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_data: Option<Sensitive<String>>,
    /// Why the comparison failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<Sensitive<String>>,
    /// The dashboard user who ran it, if not an API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triggered_by_user_id: Option<String>,
    /// When the comparison ran.
    pub created_at: DateTime<Utc>,
    /// Storage path of the document image, if stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_storage_path: Option<String>,
    /// Storage path of the selfie, if stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selfie_storage_path: Option<String>,
    /// Where the images are stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_provider: Option<StorageProvider>,
    /// The threshold in force at the time of the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// An entity of the organization (spec: `Entity`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Entity {
    /// The entity's ID.
    pub id: EntityId,
    /// Your own ID for it. Redacted in `Debug`: it often is, or contains, your customer's
    /// identifier in your systems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<Sensitive<String>>,
    /// The owning organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The kind of entity.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Sensitive<String>>,
    /// Normalized tax ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<Sensitive<String>>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Nationality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<Sensitive<String>>,
    /// Risk score, 0-100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_score: Option<f64>,
    /// The factors behind the risk score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk_factors: Vec<Sensitive<Value>>,
    /// Lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EntityStatus>,
    /// Whether the entity passed KYC.
    #[serde(default)]
    pub kyc_verified: bool,
    /// The KYC provider's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kyc_provider: Option<String>,
    /// KYC data copied onto the entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kyc_data: Option<SensitiveObject>,
    /// Typed data by kind (`person`: names, date of birth, address, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_data: Option<Sensitive<Value>>,
    /// Free key/value attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<SensitiveObject>,
    /// The latest rules evaluation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_evaluation: Option<Sensitive<Value>>,
    /// When the entity was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// When the entity last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    /// When the entity was deleted, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// The outcome of a document upload (spec: `IdVerificationResult`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IdVerificationResult {
    /// The stored record's ID, for [`IdVerifications::get`](crate::IdVerifications::get).
    pub verification_id: IdVerificationId,
    /// The outcome (capitalised on the wire: `Approved`).
    pub status: IdVerificationStatus,
    /// Data read from the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extracted_data: Option<ExtractedData>,
    /// Warning codes raised by the check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningCode>,
    /// The provider request's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Your reference, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_data: Option<Sensitive<String>>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}

/// The outcome of a face match (spec: `FaceMatchResult`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FaceMatchResult {
    /// Whether the score reached the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Similarity, 0-100.
    pub score: f64,
    /// The outcome.
    pub status: FaceMatchStatus,
    /// The stored record's ID, for [`FaceMatches::get`](crate::FaceMatches::get).
    pub verification_id: FaceMatchId,
    /// The threshold in force for this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_decline_threshold: Option<f64>,
    /// The provider request's ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Warning codes raised by the comparison.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningCode>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: SensitiveObject,
}
