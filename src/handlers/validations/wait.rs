//! Waiting for a validation's outcome by polling: the fallback when webhooks are not available.

use std::time::{Duration, Instant};

use crate::{
    error::{Result, map},
    handlers::ctx::{Ctx, with_options},
    types::{Validation, ValidationId, ValidationStatus},
};

/// Polls a validation until it has an outcome; from
/// [`Validations::wait_for_outcome`](super::Validations::wait_for_outcome).
///
/// An outcome is a terminal status (approved, rejected, expired, abandoned, cancelled) or
/// `in_review` (a person must decide). The pause between polls starts at the minimum interval
/// and doubles up to the maximum, each drawn at random between half and all of it so that many
/// waiters don't poll together. With the defaults (2 s doubling to 30 s), a customer who finishes
/// after 5 minutes costs about 14 requests, and a 15-minute wait at most 35.
#[derive(Clone, Debug)]
#[must_use = "a wait does nothing until you call send()"]
pub struct WaitForOutcome<'a> {
    ctx: Ctx<'a>,
    id: ValidationId,
    wait: Duration,
    min_interval: Duration,
    max_interval: Duration,
}

impl<'a> WaitForOutcome<'a> {
    /// How long it waits by default.
    pub const DEFAULT_WAIT: Duration = Duration::from_secs(15 * 60);
    /// The first pause between two polls by default; it doubles up to
    /// [`Self::DEFAULT_MAX_POLL_INTERVAL`].
    pub const DEFAULT_MIN_POLL_INTERVAL: Duration = Duration::from_secs(2);
    /// The longest pause between two polls by default.
    pub const DEFAULT_MAX_POLL_INTERVAL: Duration = Duration::from_secs(30);

    pub(super) fn new(ctx: Ctx<'a>, id: &ValidationId) -> Self {
        Self {
            ctx,
            id: id.clone(),
            wait: Self::DEFAULT_WAIT,
            min_interval: Self::DEFAULT_MIN_POLL_INTERVAL,
            max_interval: Self::DEFAULT_MAX_POLL_INTERVAL,
        }
    }

    /// How long to wait in all (15 minutes by default).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// let wait = client.validations().wait_for_outcome(&id).timeout(std::time::Duration::from_secs(600));
    /// # }
    /// ```
    pub fn timeout(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    /// The bounds of the pause between two polls (2 s and 30 s by default).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) {
    /// use std::time::Duration;
    /// let wait = client
    ///     .validations()
    ///     .wait_for_outcome(&id)
    ///     .poll_interval(Duration::from_secs(5), Duration::from_secs(60));
    /// # }
    /// ```
    pub fn poll_interval(mut self, min: Duration, max: Duration) -> Self {
        self.min_interval = min;
        self.max_interval = max.max(min);
        self
    }

    /// Polls until the validation has an outcome and returns it.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// match client.validations().wait_for_outcome(&id).send().await {
    ///     Ok(validation) => println!("outcome: {}", validation.status),
    ///     Err(e) if e.is_timeout() => println!("still {:?}", e.last_status()),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Timeout`](crate::ErrorKind::Timeout) error whose
    /// [`last_status`](crate::Error::last_status) is the last status seen, when the time runs
    /// out; the read's error when it fails for a reason a retry cannot fix (a temporary failure
    /// is polled through).
    pub async fn send(&self) -> Result<Validation> {
        let deadline = crate::transport::deadline_after(self.wait).into_std();
        let mut interval = self.min_interval;
        let mut last: Option<ValidationStatus> = None;
        loop {
            match super::Validations::new(self.ctx).get(&self.id).await {
                Ok(validation) if has_outcome(&validation.status) => return Ok(validation),
                Ok(validation) => last = Some(validation.status),
                Err(error) if error.is_retryable() && Instant::now() < deadline => {}
                Err(error) => return Err(error),
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(
                    map::timed_out("the wait for an outcome", self.wait).with_last_status(last)
                );
            }
            let pause = interval.mul_f64(0.5 + fastrand::f64() / 2.0);
            tokio::time::sleep(pause.min(left)).await;
            interval = interval.saturating_mul(2).min(self.max_interval);
        }
    }
}

with_options!(WaitForOutcome, "validations().wait_for_outcome(&id)");

/// Whether waiting can stop: the status is final, or a person must decide.
fn has_outcome(status: &ValidationStatus) -> bool {
    status.is_terminal() || *status == ValidationStatus::InReview
}
