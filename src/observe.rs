//! What the client reports of each attempt, for metrics and retry counters.

use std::{sync::Arc, time::Duration};

use crate::{error::ErrorKind, operation::Operation};

/// The function [`ClientBuilder::on_attempt`](crate::ClientBuilder::on_attempt) installs.
pub(crate) type Observer = Arc<dyn Fn(&Attempt) + Send + Sync>;

/// One request the client sent, as [`ClientBuilder::on_attempt`](crate::ClientBuilder::on_attempt)
/// reports it. It holds no URL, header or body: nothing personal.
///
/// ```
/// use std::sync::{Arc, atomic::{AtomicU64, Ordering}};
/// let retries = Arc::new(AtomicU64::new(0));
/// let counter = retries.clone();
/// let client = gu1_kyc::Client::builder()
///     .api_key("gk_sandbox_...")
///     .on_attempt(move |attempt| {
///         if attempt.retry_in.is_some() {
///             counter.fetch_add(1, Ordering::Relaxed);
///         }
///     })
///     .build()?;
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attempt {
    /// The operation.
    pub operation: Operation,
    /// Which attempt of the call this was, from 1.
    pub attempt: u32,
    /// The HTTP status, when an answer arrived.
    pub status: Option<u16>,
    /// What went wrong, when it failed.
    pub error_kind: Option<ErrorKind>,
    /// How long the attempt took.
    pub elapsed: Duration,
    /// When the client will try again, after this wait; `None` when this was the last attempt.
    pub retry_in: Option<Duration>,
}
