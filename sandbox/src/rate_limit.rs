//! The sandbox's rate limit (off unless set): per organization, at most N requests a period
//! with bursts of up to N (a token bucket: governor's GCRA), answered beyond it with 429, the
//! API's error body and a `Retry-After` in whole seconds, as gu1 documents for its sandbox
//! (100 requests an hour). A client that spreads its requests evenly at the same rate is never
//! refused.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};

use crate::util::lock;

type Limiter = RateLimiter<NotKeyed, InMemoryState, DefaultClock>;

/// Each organization's bucket, made on its first request.
#[derive(Debug)]
pub(crate) struct RateLimits {
    quota: Quota,
    clock: DefaultClock,
    buckets: Mutex<HashMap<String, Limiter>>,
}

impl RateLimits {
    /// `requests` every `period`, bursts of up to `requests`; `None` when that is not a rate.
    pub(crate) fn new(requests: u32, period: Duration) -> Option<Self> {
        let burst = NonZeroU32::new(requests)?;
        let interval = period / requests;
        // governor counts in u64 nanoseconds: slower than one a year is not a rate it can hold.
        if interval > Duration::from_secs(365 * 24 * 60 * 60) {
            return None;
        }
        let quota = Quota::with_period(interval)?.allow_burst(burst);
        Some(Self {
            quota,
            clock: DefaultClock::default(),
            buckets: Mutex::new(HashMap::new()),
        })
    }

    /// Takes a request of `organization_id` from its bucket; `Err` with how long to wait when
    /// the bucket is empty.
    pub(crate) fn take(&self, organization_id: &str) -> Result<(), Duration> {
        let mut buckets = lock(&self.buckets);
        let bucket = buckets
            .entry(organization_id.to_string())
            .or_insert_with(|| RateLimiter::direct_with_clock(self.quota, self.clock.clone()));
        bucket
            .check()
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

/// A wait as `Retry-After` says it: whole seconds, at least one.
pub(crate) fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_per_organization_refuses_beyond_its_burst() {
        let limits = RateLimits::new(3, Duration::from_secs(60)).expect("a rate");
        for _ in 0..3 {
            assert!(limits.take("org-a").is_ok());
        }
        let wait = limits.take("org-a").expect_err("the bucket is empty");
        assert!(
            wait > Duration::from_secs(10) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert!(
            limits.take("org-b").is_ok(),
            "another organization has its own bucket"
        );
        assert!(RateLimits::new(0, Duration::from_secs(1)).is_none());
        assert!(RateLimits::new(1, Duration::MAX).is_none());
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::from_secs(2)), 2);
        assert_eq!(retry_after_seconds(Duration::from_millis(2_100)), 3);
    }
}
