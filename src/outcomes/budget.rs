//! The reconciler's request budget: a token bucket shared by its cycles, so that however many
//! validations it checks, it never sends more than so many requests a minute.

use std::{num::NonZeroU32, time::Duration};

use tokio::{sync::Mutex, time::Instant};

/// Requests per minute, with a burst of at most one minute's worth.
#[derive(Debug)]
pub(super) struct Budget {
    per_minute: Option<NonZeroU32>,
    bucket: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Budget {
    /// `per_minute` requests a minute; `None` for no limit.
    pub(super) fn new(per_minute: Option<NonZeroU32>) -> Self {
        Self {
            per_minute,
            bucket: Mutex::new(Bucket {
                tokens: per_minute.map_or(0.0, |n| f64::from(n.get())),
                at: Instant::now(),
            }),
        }
    }

    /// The limit, if there is one.
    pub(super) fn per_minute(&self) -> Option<NonZeroU32> {
        self.per_minute
    }

    /// Waits until one more request fits in the budget, and spends it. Waiters are served in
    /// the order they came (the bucket's lock is fair and held while waiting).
    pub(super) async fn spend(&self) {
        let Some(per_minute) = self.per_minute else {
            return;
        };
        let capacity = f64::from(per_minute.get());
        let per_second = capacity / 60.0;
        let mut bucket = self.bucket.lock().await;
        loop {
            let now = Instant::now();
            let earned = now.duration_since(bucket.at).as_secs_f64() * per_second;
            bucket.tokens = (bucket.tokens + earned).min(capacity);
            bucket.at = now;
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                return;
            }
            let missing = (1.0 - bucket.tokens) / per_second;
            tokio::time::sleep(Duration::from_secs_f64(missing.max(0.001))).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_minutes_worth_goes_at_once_then_one_at_a_time_at_the_rate() {
        let budget = Budget::new(NonZeroU32::new(60));
        let started = Instant::now();
        for _ in 0..60 {
            budget.spend().await;
        }
        assert_eq!(started.elapsed(), Duration::ZERO, "the burst did not wait");
        for _ in 0..30 {
            budget.spend().await;
        }
        // 30 more at one a second.
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_secs(29) && waited <= Duration::from_secs(31),
            "{waited:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn no_limit_never_waits() {
        let budget = Budget::new(None);
        let started = Instant::now();
        for _ in 0..10_000 {
            budget.spend().await;
        }
        assert_eq!(started.elapsed(), Duration::ZERO);
    }
}
