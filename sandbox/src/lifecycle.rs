//! The validation state machine: status changes, the data a completed session carries, the
//! sandbox's test numbers, and a webhook for every change.

use std::sync::Arc;

use serde_json::{Value, json};
use uuid::Uuid;

use crate::render;
use crate::state::{Media, Shared, Store, StoredImage, lock};
use crate::wire_enums::{ValidationStatus, WireEnum};
use crate::{png, webhooks};

/// The test numbers: a normalized tax id that maps to an automatic outcome. Each outcome `N`
/// (1 to 6) has an Argentine DNI `9999000N`, an Argentine CUIT/CUIL `209999000N0` and a
/// Brazilian CPF `99990000N00`.
pub(crate) const TEST_OUTCOMES: [(u8, ValidationStatus); 6] = [
    (1, ValidationStatus::Approved),
    (2, ValidationStatus::Rejected),
    (3, ValidationStatus::InReview),
    (4, ValidationStatus::Abandoned),
    (5, ValidationStatus::Expired),
    (6, ValidationStatus::Cancelled),
];

/// The outcome a normalized tax id selects, if it is a test number.
pub(crate) fn test_outcome(tax_id: &str) -> Option<ValidationStatus> {
    TEST_OUTCOMES.iter().find_map(|&(n, status)| {
        let forms = [
            format!("9999000{n}"),
            format!("209999000{n}0"),
            format!("99990000{n}00"),
        ];
        forms.iter().any(|f| f == tax_id).then_some(status)
    })
}

/// The webhook event type for a status (`pending` is reported as `kyc.validation_created`, the
/// only event the spec documents for it).
pub(crate) fn event_for(status: ValidationStatus) -> String {
    match status {
        ValidationStatus::Pending => "kyc.validation_created".to_string(),
        other => format!("kyc.validation_{}", other.as_str()),
    }
}

/// Moves a validation to `to` if its status is one of `from`, applies what the new status
/// implies, and records the webhook. Returns `false` (and changes nothing) otherwise.
pub(crate) fn advance(
    shared: &Arc<Shared>,
    store: &mut Store,
    id: Uuid,
    from: &[ValidationStatus],
    to: ValidationStatus,
) -> bool {
    if !store
        .validations
        .get(&id)
        .is_some_and(|v| from.contains(&v.status))
    {
        return false;
    }
    set_status(shared, store, id, to);
    emit(shared, store, id);
    true
}

/// Moves a validation to `to` from whatever status it has and applies what the new status
/// implies, without recording a webhook. Returns `false` if there is no such validation.
pub(crate) fn set_status(
    shared: &Arc<Shared>,
    store: &mut Store,
    id: Uuid,
    to: ValidationStatus,
) -> bool {
    let now = shared.clock.now();
    let Some(validation) = store.validations.get_mut(&id) else {
        return false;
    };
    validation.status = to;
    validation.updated_at = now;
    // A validation that ended without approval is no longer its entity's current one.
    let retires = match to {
        ValidationStatus::Approved => {
            validation.verified_at = Some(now);
            false
        }
        ValidationStatus::Rejected
        | ValidationStatus::Cancelled
        | ValidationStatus::Expired
        | ValidationStatus::Abandoned => true,
        ValidationStatus::Pending | ValidationStatus::InProgress | ValidationStatus::InReview => {
            false
        }
    };
    let entity_id = validation.entity_id;
    if retires {
        store.retire(id);
    }
    if to == ValidationStatus::Approved
        && let Some(entity) = store.entities.get_mut(&entity_id)
    {
        entity.kyc_verified = true;
        entity.kyc_provider = Some(render::PROVIDER.to_string());
        entity.updated_at = now;
    }
    true
}

/// Records the webhook for the validation's current status.
pub(crate) fn emit(shared: &Arc<Shared>, store: &mut Store, id: Uuid) {
    let Some(validation) = store.validations.get(&id) else {
        return;
    };
    let status = validation.status;
    let mut payload = render::validation(validation, &shared.config.base_url);
    if matches!(
        status,
        ValidationStatus::Approved | ValidationStatus::Rejected
    ) && let (Some(entity), Some(map)) = (
        store.entities.get(&validation.entity_id),
        payload.as_object_mut(),
    ) {
        map.insert("entity".into(), render::entity(entity));
    }
    webhooks::enqueue(shared, store, id, &event_for(status), payload);
}

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

/// Finishes a session in `in_progress` with the customer's `outcome`: results first, then the
/// status change, so the webhook carries them.
pub(crate) fn finish(
    shared: &Arc<Shared>,
    store: &mut Store,
    id: Uuid,
    outcome: ValidationStatus,
) -> bool {
    let in_progress = store
        .validations
        .get(&id)
        .is_some_and(|v| v.status == ValidationStatus::InProgress);
    if !in_progress {
        return false;
    }
    if matches!(
        outcome,
        ValidationStatus::Approved | ValidationStatus::Rejected | ValidationStatus::InReview
    ) {
        fill_result(store, id, outcome);
    }
    if outcome == ValidationStatus::Cancelled
        && let Some(v) = store.validations.get_mut(&id)
    {
        v.metadata.insert(
            "cancellationReason".into(),
            Value::String("Cancelled by the sandbox test number".into()),
        );
    }
    advance(shared, store, id, &[ValidationStatus::InProgress], outcome)
}

/// Drives a test-number validation: after the outcome delay it moves to `in_progress`, and
/// after another delay to its outcome. A validation cancelled meanwhile is left alone.
pub(crate) fn drive_test_number(shared: &Arc<Shared>, id: Uuid, outcome: ValidationStatus) {
    let task_shared = shared.clone();
    shared.tasks.spawn(async move {
        let shared = task_shared;
        let delay = shared.config.outcome_delay;
        tokio::time::sleep(delay).await;
        {
            let mut store = lock(&shared.store);
            if !advance(
                &shared,
                &mut store,
                id,
                &[ValidationStatus::Pending],
                ValidationStatus::InProgress,
            ) {
                return;
            }
        }
        tokio::time::sleep(delay).await;
        let mut store = lock(&shared.store);
        finish(&shared, &mut store, id, outcome);
    });
}
