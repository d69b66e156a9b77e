//! The client's request budget ([`ClientBuilder::rate_limit`](crate::ClientBuilder::rate_limit)):
//! at most so many requests a period, spread evenly, shared by every clone of a client and every
//! concurrent call and page walk; and a pause of the whole client when gu1 answers 429 with a
//! `Retry-After`.
//!
//! The pacing is governor's GCRA with a burst of one: one request every `period / requests`, so
//! no window of one period ever holds more than `requests` (+1 at its edge). A server that
//! allows bursts (a token bucket of the same rate) never refuses such a client.

use std::{
    num::NonZeroU32,
    sync::Mutex,
    time::{Duration, Instant},
};

use governor::{
    Quota, RateLimiter,
    clock::{Clock, DefaultClock},
    state::{InMemoryState, NotKeyed},
};

/// The slowest pace a budget takes: one request a year.
const MAX_INTERVAL: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// A budget's pacing, and when a 429 lets the client send again.
pub(crate) struct Budget {
    limiter: RateLimiter<NotKeyed, InMemoryState, DefaultClock>,
    clock: DefaultClock,
    paused_until: Mutex<Option<Instant>>,
}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget").finish_non_exhaustive()
    }
}

impl Budget {
    /// At most `requests` every `period`; `None` when that is not a rate (zero requests, a
    /// period too short to divide, or slower than one request a year, which governor's
    /// nanosecond clock cannot hold for long).
    pub(crate) fn new(requests: u32, period: Duration) -> Option<Self> {
        let requests = NonZeroU32::new(requests)?;
        let interval = period / requests.get();
        if interval > MAX_INTERVAL {
            return None;
        }
        let quota = Quota::with_period(interval)?;
        let clock = DefaultClock::default();
        Some(Self {
            limiter: RateLimiter::direct_with_clock(quota, clock.clone()),
            clock,
            paused_until: Mutex::new(None),
        })
    }

    /// Waits for the next request's turn. `Err` with the wait it would take when that turn
    /// comes after `deadline`: the call's deadline counts the wait.
    pub(crate) async fn admit(&self, deadline: Instant) -> Result<(), Duration> {
        loop {
            let now = Instant::now();
            let paused = *self
                .paused_until
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let wait = match paused {
                Some(until) if until > now => until - now,
                _ => match self.limiter.check() {
                    Ok(()) => return Ok(()),
                    Err(not_until) => not_until.wait_time_from(self.clock.now()),
                },
            };
            // A wait past what an `Instant` can hold is past any deadline too.
            if now.checked_add(wait).is_none_or(|turn| turn > deadline) {
                return Err(wait);
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// Holds every request of the client back for `wait` (a 429's `Retry-After`).
    pub(crate) fn pause(&self, wait: Duration) {
        // The wait comes from a server's header: an absurd one pauses for a day, not forever,
        // and cannot overflow the clock.
        let wait = wait.min(Duration::from_secs(24 * 60 * 60));
        let Some(until) = Instant::now().checked_add(wait) else {
            return;
        };
        let mut paused = self
            .paused_until
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if paused.is_none_or(|current| current < until) {
            *paused = Some(until);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_needs_requests_and_a_period_to_divide() {
        assert!(Budget::new(0, Duration::from_secs(1)).is_none());
        assert!(Budget::new(10, Duration::ZERO).is_none());
        assert!(Budget::new(10, Duration::from_secs(1)).is_some());
    }

    #[tokio::test]
    async fn requests_are_spread_evenly_and_a_wait_past_the_deadline_is_refused() {
        let budget = Budget::new(20, Duration::from_secs(1)).expect("a rate");
        let far = Instant::now() + Duration::from_secs(10);
        let started = Instant::now();
        for _ in 0..5 {
            budget.admit(far).await.expect("within the deadline");
        }
        // One at once, then one every 50 ms.
        assert!(
            started.elapsed() >= Duration::from_millis(190),
            "{:?}",
            started.elapsed()
        );
        let soon = Instant::now() + Duration::from_millis(1);
        let wait = budget
            .admit(soon)
            .await
            .expect_err("the next turn is later");
        assert!(wait > Duration::from_millis(1));
    }

    #[tokio::test]
    async fn absurd_waits_neither_panic_nor_block_past_the_deadline() {
        assert!(
            Budget::new(1, Duration::MAX).is_none(),
            "slower than one a year"
        );
        let budget = Budget::new(1, MAX_INTERVAL).expect("one a year");
        let deadline = Instant::now() + Duration::from_secs(1);
        budget.admit(deadline).await.expect("the first turn is now");
        assert!(
            budget.admit(deadline).await.is_err(),
            "the next is past any deadline"
        );
        let other = Budget::new(10, Duration::from_secs(1)).expect("a rate");
        other.pause(Duration::from_secs(u64::MAX));
        let wait = other.admit(deadline).await.expect_err("paused for a day");
        assert!(wait <= Duration::from_secs(24 * 60 * 60), "{wait:?}");
    }

    #[tokio::test]
    async fn a_pause_holds_every_request_back() {
        let budget = Budget::new(1_000, Duration::from_secs(1)).expect("a rate");
        budget.pause(Duration::from_millis(200));
        let started = Instant::now();
        budget
            .admit(Instant::now() + Duration::from_secs(5))
            .await
            .expect("within the deadline");
        assert!(started.elapsed() >= Duration::from_millis(190));
        // A shorter pause does not shorten a longer one.
        budget.pause(Duration::from_millis(300));
        budget.pause(Duration::from_millis(10));
        let wait = budget
            .admit(Instant::now() + Duration::from_millis(100))
            .await
            .expect_err("paused for longer");
        assert!(wait >= Duration::from_millis(250), "{wait:?}");
    }
}
