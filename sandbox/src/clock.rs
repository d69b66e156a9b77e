//! The sandbox's clock: real time plus an offset that tests move forward, and the expiry it
//! drives (a `pending` or `in_progress` validation past its `expiresAt` becomes `expired`).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::lifecycle;
use crate::state::{Shared, Store, lock};
use crate::wire_enums::ValidationStatus;

/// The furthest the clock can be ahead of real time: a hundred years (365-day years).
pub(crate) const MAX_OFFSET: chrono::Duration = chrono::Duration::days(36_500);

/// How often the sandbox looks for validations that expired with the passing of real time.
const SWEEP_EVERY: Duration = Duration::from_secs(30);

/// Real time shifted by however far tests have advanced it.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset: Mutex<chrono::Duration>,
}

impl Clock {
    /// The sandbox's current time.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + *lock(&self.offset)
    }

    /// How far the clock is ahead of real time.
    pub fn offset(&self) -> chrono::Duration {
        *lock(&self.offset)
    }

    /// Moves the clock forward by `by`, at most to [`MAX_OFFSET`] ahead of real time.
    pub fn advance(&self, by: Duration) {
        let by = chrono::Duration::from_std(by).unwrap_or(MAX_OFFSET);
        let mut offset = lock(&self.offset);
        *offset = offset
            .checked_add(&by)
            .unwrap_or(MAX_OFFSET)
            .min(MAX_OFFSET);
    }
}

/// Expires every `pending` or `in_progress` validation whose `expiresAt` has passed, with its
/// `kyc.validation_expired` webhook, oldest first; returns their ids.
pub(crate) fn expire_due(shared: &Arc<Shared>, store: &mut Store) -> Vec<Uuid> {
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
            lifecycle::advance(
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
pub(crate) fn advance(shared: &Arc<Shared>, by: Duration) -> Vec<Uuid> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward_by_that_much() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(7 * 24 * 3600));
        let after = clock.now();
        assert!(after - before >= chrono::Duration::days(7));
        assert!(after - before < chrono::Duration::days(7) + chrono::Duration::seconds(5));
        assert_eq!(clock.offset(), chrono::Duration::days(7));
        clock.advance(Duration::MAX);
        assert_eq!(clock.offset(), MAX_OFFSET);
        assert!(clock.now() > before);
    }
}
