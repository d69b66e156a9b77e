//! The validation lifecycle: status changes and what each implies, the sandbox's test numbers,
//! changes made by hand from tests, a webhook for every change, and (in `expiry`) what the
//! passing of time does. Every change of a validation's status goes through here.

pub(crate) mod expiry;
mod session;

use std::sync::Arc;

use serde_json::Value;
use uuid::Uuid;

use crate::render;
use crate::state::Shared;
use crate::store::Store;
use crate::util::lock;
use crate::webhooks;
use crate::wire_enums::{ValidationStatus, WireEnum};

pub(crate) use session::fill_result;

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

/// A change made by hand, from the test kit or the control API: sets a validation's status
/// (for `organization_id`'s validation only, when given) from whatever it was, filling
/// what a finished session carries for `approved`, `rejected` and `in_review`, and records its
/// webhook when `webhook` is true. Returns the validation as the API renders it.
pub(crate) fn change_status(
    shared: &Arc<Shared>,
    organization_id: Option<&str>,
    id: Uuid,
    status: ValidationStatus,
    webhook: bool,
) -> Option<Value> {
    let mut store = lock(&shared.store);
    let owner = store.validations.get(&id)?.organization_id.clone();
    if organization_id.is_some_and(|own| own != owner) {
        return None;
    }
    if status.decision().is_some() {
        fill_result(&mut store, id, status);
    }
    set_status(shared, &mut store, id, status);
    if webhook {
        emit(shared, &mut store, id);
    }
    let validation = store.validations.get(&id)?;
    Some(render::validation(validation, &shared.config.base_url))
}

/// Records the webhook for a validation's current status again (for `organization_id`'s
/// validation only, when given); returns the event type.
pub(crate) fn refire_webhook(
    shared: &Arc<Shared>,
    organization_id: Option<&str>,
    id: Uuid,
) -> Option<String> {
    let mut store = lock(&shared.store);
    let validation = store.validations.get(&id)?;
    if organization_id.is_some_and(|own| own != validation.organization_id) {
        return None;
    }
    let event = event_for(validation.status);
    emit(shared, &mut store, id);
    Some(event)
}
