//! The sandbox's records: organizations, entities, validations, uploads and media, and the
//! store that holds them.
//!
//! The store lives behind one mutex (in `state.rs`). Handlers take the lock, change what they
//! need and let it go without awaiting anything in between, so every request sees and leaves a
//! consistent store (this is also what keeps "one current validation per entity" true under
//! concurrent creates).
//!
//! The stored records hold personal data (names, tax ids, document images) and secrets (API keys,
//! webhook secrets), so none of them implements `Debug`: nothing can print them by accident.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::deliveries::DeliveryLog;
use crate::wire_enums::{
    EntityStatus, EntityType, FaceMatchStatus, IdVerificationStatus, ValidationStatus,
};

/// One organization and its credentials.
#[derive(Clone)]
pub(crate) struct Organization {
    pub id: String,
    pub webhook_secret: String,
    pub webhook_url: Option<String>,
}

/// A stored entity (the fields the sandbox keeps; the rest are rendered as defaults).
#[derive(Clone)]
pub(crate) struct Entity {
    pub id: Uuid,
    pub seq: u64,
    pub organization_id: String,
    pub entity_type: EntityType,
    pub name: String,
    pub country_code: String,
    pub tax_id: Option<String>,
    pub external_id: Option<String>,
    pub entity_data: Map<String, Value>,
    pub attributes: Map<String, Value>,
    pub is_client: Option<bool>,
    pub registration_date: Option<String>,
    pub risk_matrix_id: Option<String>,
    pub status: EntityStatus,
    pub kyc_verified: bool,
    pub kyc_provider: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A stored KYC validation.
#[derive(Clone)]
pub(crate) struct Validation {
    pub id: Uuid,
    pub seq: u64,
    pub organization_id: String,
    pub entity_id: Uuid,
    pub session_id: Option<String>,
    pub status: ValidationStatus,
    pub is_current: bool,
    pub webhook_url: Option<String>,
    pub omit_warnings: Vec<String>,
    pub decision: Option<Value>,
    pub documents_verified: Vec<Value>,
    pub biometric_result: Option<Value>,
    pub risk_assessment: Option<Value>,
    pub verified_fields: Vec<String>,
    pub extracted_data: Option<Value>,
    pub warnings: Vec<String>,
    pub metadata: Map<String, Value>,
    pub expires_at: DateTime<Utc>,
    pub verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An image kept by the sandbox, with its sniffed content type.
#[derive(Clone)]
pub(crate) struct StoredImage {
    pub content_type: &'static str,
    pub bytes: Arc<Vec<u8>>,
}

/// A stored ID-verification audit record.
#[derive(Clone)]
pub(crate) struct IdVerification {
    pub id: Uuid,
    pub seq: u64,
    pub organization_id: String,
    pub entity_id: Option<Uuid>,
    pub status: IdVerificationStatus,
    pub request_id: String,
    pub vendor_data: Option<String>,
    pub warnings: Vec<String>,
    pub extracted_data: Value,
    pub created_at: DateTime<Utc>,
    pub front: StoredImage,
    pub back: Option<StoredImage>,
}

/// A stored face-match audit record.
#[derive(Clone)]
pub(crate) struct FaceMatch {
    pub id: Uuid,
    pub seq: u64,
    pub organization_id: String,
    pub entity_id: Option<Uuid>,
    pub status: FaceMatchStatus,
    pub is_match: bool,
    pub score: f64,
    pub threshold: f64,
    pub request_id: String,
    pub vendor_data: Option<String>,
    pub created_at: DateTime<Utc>,
    pub document: StoredImage,
    pub selfie: StoredImage,
}

/// A media file of a validation session, addressed by its `kyc/...` key.
#[derive(Clone)]
pub(crate) struct Media {
    pub validation_id: Uuid,
    pub image: StoredImage,
}

/// Everything the sandbox stores.
#[derive(Default)]
pub(crate) struct Store {
    pub organizations: HashMap<String, Organization>,
    pub entities: HashMap<Uuid, Entity>,
    /// Every validation. A validation is made current only by [`Store::add_current`] and stops
    /// being current by [`Store::retire`], which keep the index below in step.
    pub validations: HashMap<Uuid, Validation>,
    /// Each entity's current validation: creating one finds the validation it demotes here
    /// instead of scanning every validation.
    current: HashMap<Uuid, Uuid>,
    pub sessions: HashMap<String, Uuid>,
    pub id_verifications: HashMap<Uuid, IdVerification>,
    pub face_matches: HashMap<Uuid, FaceMatch>,
    pub media: HashMap<String, Media>,
    pub deliveries: DeliveryLog,
    next_seq: u64,
}

impl Store {
    /// Stores a new validation as its entity's current one, demoting the previous one.
    pub fn add_current(&mut self, validation: Validation) {
        let demoted = self.current.insert(validation.entity_id, validation.id);
        if let Some(previous) = demoted.and_then(|id| self.validations.get_mut(&id)) {
            previous.is_current = false;
            previous.updated_at = validation.created_at;
        }
        self.validations.insert(validation.id, validation);
    }

    /// The entity's current validation, if it has one.
    pub fn current_of(&self, entity_id: Uuid) -> Option<&Validation> {
        self.current
            .get(&entity_id)
            .and_then(|id| self.validations.get(id))
    }

    /// The validation stops being its entity's current one.
    pub fn retire(&mut self, id: Uuid) {
        let Some(validation) = self.validations.get_mut(&id) else {
            return;
        };
        validation.is_current = false;
        if self.current.get(&validation.entity_id) == Some(&id) {
            self.current.remove(&validation.entity_id);
        }
    }

    /// A strictly increasing number, so "newest first" is exact even within one millisecond.
    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Adds an organization with its key and secret.
    pub fn add_organization(&mut self, organization: Organization) {
        self.organizations
            .insert(organization.id.clone(), organization);
    }

    /// The organization's entity with this id, if any.
    pub fn entity(&self, organization_id: &str, id: Uuid) -> Option<&Entity> {
        self.entities
            .get(&id)
            .filter(|e| e.organization_id == organization_id)
    }

    /// The organization's validation with this id, if any.
    pub fn validation(&self, organization_id: &str, id: Uuid) -> Option<&Validation> {
        self.validations
            .get(&id)
            .filter(|v| v.organization_id == organization_id)
    }
}
