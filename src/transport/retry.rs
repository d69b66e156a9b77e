//! The one retry policy: what is retried, how long to wait, and when to give up.
//!
//! A failure is retried when [`Error::is_retryable`] says trying again can succeed, and repeating
//! the request cannot repeat a side effect: the operation is safe to repeat (a read, or marked
//! `x-retry-safe` in the spec), the request provably never left (the connection was refused), or
//! the server refused it with 429 (it did nothing). The wait is exponential with full jitter, or
//! what `Retry-After` asked; a wait that would pass the deadline, or a `Retry-After` longer than
//! [`RetryPolicy::max_delay`], ends the call with the error (which carries the asked delay).

use std::time::Duration;

use reqwest::StatusCode;

use crate::{error::Error, operation::Operation};

/// When and how often to retry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retries).
    pub max_retries: u32,
    /// The cap of the first backoff; each retry doubles it. The wait is drawn at random between
    /// zero and the cap ("full jitter"), so that clients that failed together don't retry together.
    pub base_delay: Duration,
    /// The longest backoff, and the longest `Retry-After` the client will wait for.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// How long to wait before attempt `attempt + 1`, or `None` to give up with `error`.
    /// `attempt` counts the attempts made so far (from 1); `left` is the time to the deadline.
    pub(crate) fn delay(
        &self,
        operation: Operation,
        error: &Error,
        attempt: u32,
        max_retries: u32,
        left: Duration,
    ) -> Option<Duration> {
        if attempt > max_retries || !error.is_retryable() {
            return None;
        }
        let repeatable = operation.is_retry_safe()
            || error.was_unsent()
            || error.status() == Some(StatusCode::TOO_MANY_REQUESTS);
        if !repeatable {
            return None;
        }
        let wait = match error.retry_after() {
            Some(asked) if asked > self.max_delay => return None,
            Some(asked) => asked,
            None => self.backoff(attempt, fastrand::f64()),
        };
        (wait < left).then_some(wait)
    }

    /// Full jitter: `unit` (in `[0, 1)`) of the capped exponential delay for this attempt.
    pub(crate) fn backoff(&self, attempt: u32, unit: f64) -> Duration {
        let doublings = attempt.saturating_sub(1).min(30);
        let cap = self
            .base_delay
            .saturating_mul(1u32 << doublings)
            .min(self.max_delay);
        cap.mul_f64(unit.clamp(0.0, 1.0))
    }
}
