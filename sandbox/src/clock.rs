//! The sandbox's clock: real time plus an offset that tests move forward. It only keeps time;
//! what the passing of time does to validations is in `lifecycle/expiry.rs`.

use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::util::lock;

/// The furthest the clock can be ahead of real time: a hundred years (365-day years).
pub(crate) const MAX_OFFSET: chrono::Duration = chrono::Duration::days(36_500);

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
