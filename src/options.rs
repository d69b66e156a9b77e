//! Per-call options ([`RequestOptions`]) and the limits they override.

use std::time::Duration;

/// Overrides of the client's timeouts and retries for some calls: set on a handler
/// (`client.validations().with_options(..)`) or on a request builder (`.with_options(..)`).
/// Unset fields keep the client's settings.
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
/// use std::time::Duration;
/// use gu1_kyc::RequestOptions;
/// let quick = RequestOptions::new()
///     .timeout(Duration::from_secs(2))
///     .deadline(Duration::from_secs(5))
///     .max_retries(1);
/// let validation = client.validations().with_options(quick).get(&id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_retries: Option<u32>,
}

impl RequestOptions {
    /// No overrides: the client's settings apply.
    ///
    /// ```
    /// let options = gu1_kyc::RequestOptions::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// How long one attempt may take, up to its response headers (and its whole body for JSON).
    ///
    /// ```
    /// let options = gu1_kyc::RequestOptions::new().timeout(std::time::Duration::from_secs(5));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long the whole call may take, all attempts and waits between them included.
    ///
    /// ```
    /// let options = gu1_kyc::RequestOptions::new().deadline(std::time::Duration::from_secs(10));
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Retries after the first attempt (0 disables them). Retries never repeat a side effect,
    /// whatever this says.
    ///
    /// ```
    /// let options = gu1_kyc::RequestOptions::new().max_retries(0);
    /// ```
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }
}

/// The timeouts and retry count one call runs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limits {
    pub(crate) timeout: Duration,
    pub(crate) deadline: Duration,
    pub(crate) max_retries: u32,
    pub(crate) idle_timeout: Duration,
}

impl Limits {
    /// These limits with a call's overrides applied.
    pub(crate) fn with(&self, options: &RequestOptions) -> Self {
        Self {
            timeout: options.timeout.unwrap_or(self.timeout),
            deadline: options.deadline.unwrap_or(self.deadline),
            max_retries: options.max_retries.unwrap_or(self.max_retries),
            idle_timeout: self.idle_timeout,
        }
    }
}
