//! Typed IDs, open enums, redacting wrappers and the response models.

pub(crate) mod enums;
mod ids;
mod models;
mod redact;

pub use enums::{
    DecisionStatus, EntityStatus, EntityType, FaceMatchStatus, IdVerificationStatus,
    StorageProvider, ValidationStatus, WarningCode, WebhookEventType,
};
pub use ids::{EntityId, FaceMatchId, IdVerificationId, ValidationId};
pub use models::{
    CurrentValidationSummary, Decision, DecisionIdVerification, Entity, EntityKycStatus,
    ExtractedData, FaceMatchRecord, FaceMatchResult, IdVerificationRecord, IdVerificationResult,
    SensitiveObject, Validation,
};
pub use redact::{REDACTED, Sensitive, to_redacted_json};
