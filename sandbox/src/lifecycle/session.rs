//! What a finished session carries: the provider's decision, the extracted data, the checks'
//! results and the session's media, made up from the entity so that they look like its own.

use std::sync::Arc;

use serde_json::{Value, json};
use uuid::Uuid;

use crate::png;
use crate::store::{Media, Store, StoredImage};
use crate::wire_enums::ValidationStatus;

/// Fills what the provider reports when the customer finishes the flow with `outcome`
/// (`approved`, `rejected` or `in_review`): the decision, extracted data and session media.
pub(crate) fn fill_result(store: &mut Store, id: Uuid, outcome: ValidationStatus) {
    // Only a finished session carries a decision; other statuses have nothing to fill.
    let Some(decision_status) = outcome.decision() else {
        return;
    };
    let Some(validation) = store.validations.get(&id) else {
        return;
    };
    let Some(entity) = store.entities.get(&validation.entity_id) else {
        return;
    };
    let person = entity
        .entity_data
        .get("person")
        .cloned()
        .unwrap_or(json!({}));
    let text = |key: &str| person.get(key).and_then(Value::as_str).map(str::to_string);
    let mut names = entity.name.splitn(2, ' ');
    let first = text("firstName").unwrap_or_else(|| names.next().unwrap_or("").to_string());
    let last = text("lastName").unwrap_or_else(|| names.next().unwrap_or("").to_string());
    let birth = text("dateOfBirth").unwrap_or_else(|| "1990-01-15".to_string());
    let number = entity
        .tax_id
        .clone()
        .unwrap_or_else(|| "AB123456".to_string());
    let country = entity.country_code.clone();
    let base = format!("kyc/{}/{}", validation.organization_id, validation.id);
    let front_key = format!("{base}/front.png");
    let selfie_key = format!("{base}/selfie.png");
    let warnings = match outcome {
        ValidationStatus::Approved => vec![],
        ValidationStatus::Rejected => vec!["COULD_NOT_RECOGNIZE_DOCUMENT".to_string()],
        _ => vec!["POSSIBLE_DUPLICATED_USER".to_string()],
    };
    let full_name = format!("{first} {last}").trim().to_string();
    let decision = json!({
        "status": decision_status,
        "features": ["id_verification", "liveness", "face_match"],
        "id_verification": {
            "status": decision_status,
            "document_type": "Identity Card",
            "document_number": number,
            "full_name": full_name,
            "first_name": first,
            "last_name": last,
            "date_of_birth": birth,
            "issuing_state": country,
            "front_image": front_key,
            "portrait_image": selfie_key,
        },
        "liveness": { "status": decision_status, "reference_image": selfie_key },
        "face_match": { "status": decision_status, "score": if outcome == ValidationStatus::Rejected { 12.5 } else { 94.2 } },
    });
    let extracted = json!({
        "firstName": first,
        "lastName": last,
        "fullName": full_name,
        "dateOfBirth": birth,
        "documentType": "Identity Card",
        "documentNumber": number,
        "issuingCountry": country,
        "nationality": country,
    });
    let seed = validation.id.as_bytes()[0];
    let media = [
        (
            front_key,
            png::solid(48, 30, [40, 90, 160].map(|c| c ^ seed)),
        ),
        (
            selfie_key,
            png::solid(32, 32, [200, 160, 120].map(|c| c ^ seed)),
        ),
    ];
    for (key, bytes) in media {
        store.media.insert(
            key,
            Media {
                validation_id: id,
                image: StoredImage {
                    content_type: "image/png",
                    bytes: Arc::new(bytes),
                },
            },
        );
    }
    if let Some(v) = store.validations.get_mut(&id) {
        v.decision = Some(decision);
        v.extracted_data = Some(extracted);
        v.warnings = warnings;
        v.documents_verified = vec![json!({ "type": "Identity Card", "country": country })];
        v.biometric_result = Some(json!({
            "liveness": if outcome == ValidationStatus::Rejected { "failed" } else { "passed" },
            "faceMatch": if outcome == ValidationStatus::Rejected { "failed" } else { "passed" },
        }));
        v.risk_assessment = Some(json!({
            "level": if outcome == ValidationStatus::Approved { "low" } else { "medium" },
        }));
        v.verified_fields = if outcome == ValidationStatus::Rejected {
            vec![]
        } else {
            ["firstName", "lastName", "dateOfBirth", "documentNumber"]
                .map(str::to_string)
                .to_vec()
        };
    }
}
