//! Stored records rendered as the API's JSON objects.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::state::{Entity, FaceMatch, IdVerification, Validation, timestamp};

/// The provider name every validation carries (the docs' `provider: "Gu1 KYC"`).
pub(crate) const PROVIDER: &str = "Gu1 KYC";

fn optional_time(at: Option<DateTime<Utc>>) -> Value {
    at.map(|t| Value::String(timestamp(t)))
        .unwrap_or(Value::Null)
}

/// A validation as `GET /api/kyc/validations/{id}` returns it.
pub(crate) fn validation(v: &Validation, base_url: &str) -> Value {
    let session_url = v
        .session_id
        .as_ref()
        .map(|s| Value::String(format!("{base_url}/verify/{s}")))
        .unwrap_or(Value::Null);
    let warnings: Vec<&String> = v
        .warnings
        .iter()
        .filter(|w| !v.omit_warnings.contains(w))
        .collect();
    json!({
        "id": v.id.to_string(),
        "entityId": v.entity_id.to_string(),
        "organizationId": v.organization_id,
        "validationSessionId": v.session_id,
        "sessionId": v.session_id,
        "status": v.status,
        "provider": PROVIDER,
        "providerSessionUrl": session_url,
        "isCurrent": v.is_current,
        "decision": v.decision,
        "documentsVerified": v.documents_verified,
        "biometricResult": v.biometric_result,
        "riskAssessment": v.risk_assessment,
        "verifiedFields": v.verified_fields,
        "extractedData": v.extracted_data,
        "warnings": warnings,
        "expiresAt": timestamp(v.expires_at),
        "verifiedAt": optional_time(v.verified_at),
        "metadata": v.metadata,
        "createdAt": timestamp(v.created_at),
        "updatedAt": timestamp(v.updated_at),
    })
}

/// An entity as the Entities API returns it.
pub(crate) fn entity(e: &Entity) -> Value {
    let nationality = e
        .entity_data
        .get("person")
        .and_then(|p| p.get("nationality"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut out = json!({
        "id": e.id.to_string(),
        "externalId": e.external_id,
        "organizationId": e.organization_id,
        "type": e.entity_type,
        "name": e.name,
        "taxId": e.tax_id,
        "countryCode": e.country_code,
        "nationality": nationality,
        "riskScore": 0,
        "riskFactors": [],
        "status": e.status,
        "kycVerified": e.kyc_verified,
        "kycProvider": e.kyc_provider,
        "kycData": {},
        "entityData": e.entity_data,
        "attributes": e.attributes,
        "currentEvaluation": null,
        "createdAt": timestamp(e.created_at),
        "updatedAt": timestamp(e.updated_at),
        "deletedAt": null,
    });
    if let Some(map) = out.as_object_mut() {
        if let Some(is_client) = e.is_client {
            map.insert("isClient".into(), Value::Bool(is_client));
        }
        if let Some(date) = &e.registration_date {
            map.insert("registrationDate".into(), Value::String(date.clone()));
        }
        if let Some(matrix) = &e.risk_matrix_id {
            map.insert("riskMatrixId".into(), Value::String(matrix.clone()));
        }
    }
    out
}

/// The storage path of an ID-verification image.
pub(crate) fn id_verification_path(id: &uuid::Uuid, side: &str, content_type: &str) -> String {
    format!(
        "kyc/id-verification/{id}/{side}.{}",
        extension(content_type)
    )
}

/// The storage path of a face-match image.
pub(crate) fn face_match_path(id: &uuid::Uuid, role: &str, content_type: &str) -> String {
    format!("kyc/face-match/{id}/{role}.{}", extension(content_type))
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/png" => "png",
        "image/webp" => "webp",
        "image/tiff" => "tiff",
        _ => "jpg",
    }
}

/// An ID-verification audit record.
pub(crate) fn id_verification(r: &IdVerification) -> Value {
    json!({
        "id": r.id.to_string(),
        "organizationId": r.organization_id,
        "entityId": r.entity_id.map(|id| id.to_string()),
        "status": r.status,
        "requestId": r.request_id,
        "vendorData": r.vendor_data,
        "errorMessage": null,
        "warnings": r.warnings,
        "extractedData": r.extracted_data,
        "createdAt": timestamp(r.created_at),
        "documentFrontStoragePath": id_verification_path(&r.id, "front", r.front.content_type),
        "documentBackStoragePath": r
            .back
            .as_ref()
            .map(|b| id_verification_path(&r.id, "back", b.content_type)),
        "storageProvider": "local",
    })
}

/// A face-match audit record.
pub(crate) fn face_match(r: &FaceMatch) -> Value {
    json!({
        "id": r.id.to_string(),
        "organizationId": r.organization_id,
        "entityId": r.entity_id.map(|id| id.to_string()),
        "status": r.status,
        "match": r.is_match,
        "score": r.score,
        "requestId": r.request_id,
        "vendorData": r.vendor_data,
        "errorMessage": null,
        "triggeredByUserId": null,
        "createdAt": timestamp(r.created_at),
        "documentStoragePath": face_match_path(&r.id, "document", r.document.content_type),
        "selfieStoragePath": face_match_path(&r.id, "selfie", r.selfie.content_type),
        "storageProvider": "local",
        "threshold": r.threshold,
    })
}
