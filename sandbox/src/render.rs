//! Stored records rendered as the API's JSON objects.

use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::wire_enums::ValidationStatus;

use crate::store::{Entity, FaceMatch, IdVerification, Validation};
use crate::util::timestamp;

/// The provider name every validation carries (the docs' `provider: "Gu1 KYC"`).
pub(crate) const PROVIDER: &str = "Gu1 KYC";

/// A validation as `GET /api/kyc/validations/{id}` returns it, borrowed from the store: it
/// serializes straight to the response body, with no JSON tree built in between.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ValidationView<'a> {
    id: Uuid,
    entity_id: Uuid,
    organization_id: &'a str,
    validation_session_id: Option<&'a str>,
    session_id: Option<&'a str>,
    status: ValidationStatus,
    provider: &'static str,
    provider_session_url: Option<String>,
    is_current: bool,
    decision: Option<&'a Value>,
    documents_verified: &'a [Value],
    biometric_result: Option<&'a Value>,
    risk_assessment: Option<&'a Value>,
    verified_fields: &'a [String],
    extracted_data: Option<&'a Value>,
    warnings: Vec<&'a str>,
    expires_at: String,
    verified_at: Option<String>,
    metadata: &'a Map<String, Value>,
    created_at: String,
    updated_at: String,
}

/// The view of a validation that the API's JSON object is made from.
pub(crate) fn validation_view<'a>(v: &'a Validation, base_url: &str) -> ValidationView<'a> {
    ValidationView {
        id: v.id,
        entity_id: v.entity_id,
        organization_id: &v.organization_id,
        validation_session_id: v.session_id.as_deref(),
        session_id: v.session_id.as_deref(),
        status: v.status,
        provider: PROVIDER,
        provider_session_url: v
            .session_id
            .as_ref()
            .map(|s| format!("{base_url}/verify/{s}")),
        is_current: v.is_current,
        decision: v.decision.as_ref(),
        documents_verified: &v.documents_verified,
        biometric_result: v.biometric_result.as_ref(),
        risk_assessment: v.risk_assessment.as_ref(),
        verified_fields: &v.verified_fields,
        extracted_data: v.extracted_data.as_ref(),
        warnings: v
            .warnings
            .iter()
            .filter(|w| !v.omit_warnings.contains(w))
            .map(String::as_str)
            .collect(),
        expires_at: timestamp(v.expires_at),
        verified_at: v.verified_at.map(timestamp),
        metadata: &v.metadata,
        created_at: timestamp(v.created_at),
        updated_at: timestamp(v.updated_at),
    }
}

/// A validation as a JSON value, for the places that embed or amend it (webhook payloads,
/// pages of validations).
pub(crate) fn validation(v: &Validation, base_url: &str) -> Value {
    serde_json::to_value(validation_view(v, base_url)).expect("a validation serializes")
}

/// A validation as a `200 OK` JSON response body.
pub(crate) fn validation_response(v: &Validation, base_url: &str) -> Response {
    let body = serde_json::to_vec(&validation_view(v, base_url)).expect("a validation serializes");
    ([(CONTENT_TYPE, "application/json")], body).into_response()
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
