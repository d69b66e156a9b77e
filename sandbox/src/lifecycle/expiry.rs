//! Expiry: a `pending` or `in_progress` validation past its `expiresAt` becomes `expired`, with
//! its webhook, when tests move the clock forward and, every half minute, as real time passes.

use std::sync::Arc;
use std::time::Duration;

use uuid::Uuid;

use crate::state::Shared;
use crate::store::Store;
use crate::util::lock;
use crate::wire_enums::ValidationStatus;

/// How often the sandbox looks for validations that expired with the passing of real time.
const SWEEP_EVERY: Duration = Duration::from_secs(30);

/// Expires every `pending` or `in_progress` validation whose `expiresAt` has passed, with its
/// `kyc.validation_expired` webhook, oldest first; returns their ids.
fn expire_due(shared: &Arc<Shared>, store: &mut Store) -> Vec<Uuid> {
    let now = shared.clock.now();
    let mut due: Vec<(u64, Uuid)> = store
        .validations
        .values()
        .filter(|v| {
            matches!(
                v.status,
                ValidationStatus::Pending | ValidationStatus::InProgress
            ) && v.expires_at <= now
        })
        .map(|v| (v.seq, v.id))
        .collect();
    due.sort_unstable();
    due.into_iter()
        .map(|(_, id)| id)
        .filter(|&id| {
            super::advance(
                shared,
                store,
                id,
                &[ValidationStatus::Pending, ValidationStatus::InProgress],
                ValidationStatus::Expired,
            )
        })
        .collect()
}

/// Advances the clock and expires what is now due, under one lock so no request sees a
/// validation past its expiry still open.
pub(crate) fn advance_clock(shared: &Arc<Shared>, by: Duration) -> Vec<Uuid> {
    let mut store = lock(&shared.store);
    shared.clock.advance(by);
    expire_due(shared, &mut store)
}

/// Starts the background sweep that expires validations as real time passes.
pub(crate) fn start_sweeper(shared: &Arc<Shared>) {
    let weak = Arc::downgrade(shared);
    shared.tasks.spawn(async move {
        loop {
            tokio::time::sleep(SWEEP_EVERY).await;
            let Some(shared) = weak.upgrade() else {
                return;
            };
            let mut store = lock(&shared.store);
            expire_due(&shared, &mut store);
        }
    });
}
