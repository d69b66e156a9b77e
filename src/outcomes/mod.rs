//! Never miss an outcome: a [`Reconciler`] that finds, by reading the API, the status changes
//! whose webhooks were lost, and hands them to the same handler through the same inbox.
//!
//! Webhooks are the fast path, but deliveries get lost: a receiver down during a deploy, retries
//! that run out, a proxy that drops a request, a secret rotation gone wrong. gu1 documents no
//! retry schedule and no event log to replay. The reconciler closes the gap:
//!
//! 1. **It knows which validations are open**: the inbox's store records each validation's last
//!    known status when an event completes, and when the client creates one
//!    ([`ClientBuilder::store`](crate::ClientBuilder::store)).
//! 2. **Each cycle it finds what changed, at the lowest request cost the API allows.** It walks
//!    the organization's validations in each open status (`pending`, `in_progress`,
//!    `in_review`: `listValidations` filtered by status, 100 a page, pages read concurrently),
//!    compares them with the known open set, and reads (`getValidation`) only the known open
//!    validations the walk did not list: those that left the open statuses.
//! 3. **Each change becomes the event its webhook would have been**, with the same key
//!    (`<validation ID>:<status>`), and goes through the same [`Inbox`]: the application's
//!    handler sees each outcome exactly once, whichever path brought it first.
//!
//! # Cost of a cycle
//!
//! With `N` open validations (`N_s` of them in open status `s`) of which `K` left the open
//! statuses since the last cycle, a cycle sends
//!
//! ```text
//! Σ over the 3 open statuses of max(1, ceil(N_s / 100))  +  K   ≤   ceil(N / 100) + K + 2   (N ≥ 1)
//! ```
//!
//! requests: one walk per open status, each at least one page, and one read per validation that
//! left. A validation that moved between open statuses costs nothing more (its new status is on
//! the page), and neither does an expiry: gu1 expires a validation after 7 days, and the
//! reconciler reads it like any other that left. Retries of a failed request (429s, 5xx) come on
//! top, under the client's rules. All of them go through the [budget](Reconciler::budget).
//!
//! # Guarantees
//!
//! - One cycle at a time per store, across every process sharing it: a cycle takes a lock in
//!   the store ([`LockStore`](crate::store::LockStore)) and a process that finds it held skips
//!   its turn ([`CycleReport::skipped`]).
//! - A walk that fails (after the client's retries) ends the cycle before anything is read or
//!   handled: a validation it did not list is never taken for one that left. The next cycle
//!   comes sooner (the error's `Retry-After`, or a backoff from 1 s doubling up to the interval).
//! - A handler that fails leaves the event unprocessed (the inbox abandons it): the next cycle,
//!   or the next delivery, brings it again.
//! - Stopping ([`Running::stop`]) lets the event in hand finish and handles no other.
//!
//! # Observability
//!
//! Each cycle runs in a `gu1_kyc.reconcile` span whose fields, recorded at its end, are counts
//! only: `open`, `listed`, `changed`, `requests`, `processed`, `duplicates`, `failed`,
//! `skipped`. No validation ID or personal datum is in it.
//!
//! ```no_run
//! # async fn demo(client: gu1_kyc::Client, store: gu1_kyc::store::MemoryStore) {
//! use std::time::Duration;
//! use gu1_kyc::{outcomes::Reconciler, store::Inbox, webhooks::WebhookEvent};
//!
//! async fn on_outcome(event: WebhookEvent) -> Result<(), std::io::Error> {
//!     // The same handler the webhook receiver calls.
//!     Ok(())
//! }
//!
//! let inbox = Inbox::new(store);
//! let running = Reconciler::new(client, inbox)
//!     .every(Duration::from_secs(300))
//!     .budget(60)
//!     .start(on_outcome);
//! // ... on shutdown:
//! running.stop().await;
//! # }
//! ```

mod budget;
mod cycle;

use std::{
    future::Future,
    num::NonZeroU32,
    sync::{Arc, Mutex},
    time::Duration,
};

use tokio::{sync::watch, task::JoinHandle};

use crate::{
    Client,
    error::{ErrorKind, Result},
    store::Inbox,
    webhooks::WebhookEvent,
};
use budget::Budget;

/// What the reconciler calls for each change it finds: the same work a webhook receiver does.
/// Any `Fn(WebhookEvent) -> impl Future<Output = Result<(), E>>` is one.
///
/// ```
/// use gu1_kyc::{outcomes::OutcomeHandler, webhooks::WebhookEvent};
///
/// async fn on_outcome(event: WebhookEvent) -> Result<(), std::io::Error> {
///     println!("{} is now {}", event.validation_id(), event.status());
///     Ok(())
/// }
/// fn takes(_: impl OutcomeHandler) {}
/// takes(on_outcome);
/// ```
pub trait OutcomeHandler: Send + Sync + 'static {
    /// What a failed handling returns. The reconciler counts failures; it does not log the
    /// error, which is yours and may hold personal data.
    type Error: Send;

    /// Handles one event; an error leaves it unprocessed, to come again.
    fn handle(
        &self,
        event: WebhookEvent,
    ) -> impl Future<Output = std::result::Result<(), Self::Error>> + Send;
}

impl<F, Fut, E> OutcomeHandler for F
where
    F: Fn(WebhookEvent) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = std::result::Result<(), E>> + Send,
    E: Send,
{
    type Error = E;

    fn handle(
        &self,
        event: WebhookEvent,
    ) -> impl Future<Output = std::result::Result<(), E>> + Send {
        self(event)
    }
}

/// What one cycle did: counts only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CycleReport {
    /// Another process held the cycle lock: this one did nothing.
    pub skipped: bool,
    /// The open validations the store knew of when the cycle began (`N`).
    pub open: usize,
    /// The validations the walk listed in an open status.
    pub listed: usize,
    /// The validations whose status differed from the one known: listed in another open status,
    /// or read after they left the open statuses with a new one (`K`, for those that left).
    pub changed: usize,
    /// Known open validations the walk did not list, read one by one.
    pub read: usize,
    /// Requests sent (pages and reads; the client's retries not counted).
    pub requests: usize,
    /// Events the handler processed.
    pub processed: usize,
    /// Events the inbox had processed already (their webhook came first) or that a terminal
    /// status superseded.
    pub duplicates: usize,
    /// Events another worker was processing at that moment.
    pub in_flight: usize,
    /// Events whose handling failed (the handler's error, or the store's): they come again.
    pub failed: usize,
    /// Reads that failed, or found no validation: those validations are tried next cycle.
    pub unread: usize,
}

/// Keeps a backend in step with gu1 when webhooks fail (see the [module docs](self)).
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client, inbox: gu1_kyc::store::Inbox) -> gu1_kyc::Result<()> {
/// use gu1_kyc::outcomes::Reconciler;
/// let reconciler = Reconciler::new(client, inbox);
/// let report = reconciler
///     .run_once(|event: gu1_kyc::webhooks::WebhookEvent| async move { Ok::<_, std::io::Error>(()) })
///     .await?;
/// println!("{} changed, {} requests", report.changed, report.requests);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Reconciler {
    client: Client,
    inbox: Inbox,
    every: Duration,
    concurrency: usize,
    adopt: bool,
    cycle_timeout: Duration,
    budget: Arc<Budget>,
}

impl std::fmt::Debug for Reconciler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reconciler")
            .field("every", &self.every)
            .field("concurrency", &self.concurrency)
            .field("adopt", &self.adopt)
            .field("cycle_timeout", &self.cycle_timeout)
            .field("budget_per_minute", &self.budget.per_minute())
            .finish_non_exhaustive()
    }
}

impl Reconciler {
    /// The interval between cycles by default.
    pub const DEFAULT_EVERY: Duration = Duration::from_secs(300);
    /// The request budget by default, in requests per minute.
    pub const DEFAULT_BUDGET: u32 = 60;
    /// Requests in flight at once by default (pages of the walk, then reads).
    pub const DEFAULT_CONCURRENCY: usize = 4;
    /// The longest a cycle may run by default; a longer one is cut short and its lock let go.
    pub const DEFAULT_CYCLE_TIMEOUT: Duration = Duration::from_secs(600);

    /// A reconciler that reads through `client` and hands changes to the handler through
    /// `inbox` (the receiver's inbox, over the store the client records created validations in:
    /// [`ClientBuilder::store`](crate::ClientBuilder::store)).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// use gu1_kyc::{outcomes::Reconciler, store::{Inbox, MemoryStore}};
    /// let reconciler = Reconciler::new(client, Inbox::new(MemoryStore::new()));
    /// # }
    /// ```
    pub fn new(client: Client, inbox: Inbox) -> Self {
        Self {
            client,
            inbox,
            every: Self::DEFAULT_EVERY,
            concurrency: Self::DEFAULT_CONCURRENCY,
            adopt: true,
            cycle_timeout: Self::DEFAULT_CYCLE_TIMEOUT,
            budget: Arc::new(Budget::new(NonZeroU32::new(Self::DEFAULT_BUDGET))),
        }
    }

    /// The interval between the end of a cycle and the start of the next
    /// ([`Self::DEFAULT_EVERY`] by default). An outcome whose webhook was lost reaches the
    /// handler within about this long.
    ///
    /// ```no_run
    /// # fn demo(reconciler: gu1_kyc::outcomes::Reconciler) {
    /// let reconciler = reconciler.every(std::time::Duration::from_secs(60));
    /// # }
    /// ```
    pub fn every(mut self, interval: Duration) -> Self {
        self.every = interval;
        self
    }

    /// At most this many requests a minute ([`Self::DEFAULT_BUDGET`] by default), a minute's
    /// worth at once at most; `0` for no limit. gu1's sandbox allows 100 requests an hour for
    /// everything a key does: leave room for the rest of your application.
    ///
    /// ```no_run
    /// # fn demo(reconciler: gu1_kyc::outcomes::Reconciler) {
    /// let reconciler = reconciler.budget(30);
    /// # }
    /// ```
    pub fn budget(mut self, per_minute: u32) -> Self {
        self.budget = Arc::new(Budget::new(NonZeroU32::new(per_minute)));
        self
    }

    /// Requests in flight at once ([`Self::DEFAULT_CONCURRENCY`] by default, at least 1), and
    /// events handled at once.
    ///
    /// ```no_run
    /// # fn demo(reconciler: gu1_kyc::outcomes::Reconciler) {
    /// let reconciler = reconciler.concurrency(8);
    /// # }
    /// ```
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// Whether a validation the walk lists but the store does not know (created by another
    /// application of the organization, or whose recording failed) is taken in: its status is
    /// handed over as an event and it is watched from then on. On by default.
    ///
    /// ```no_run
    /// # fn demo(reconciler: gu1_kyc::outcomes::Reconciler) {
    /// let reconciler = reconciler.adopt_unknown(false);
    /// # }
    /// ```
    pub fn adopt_unknown(mut self, adopt: bool) -> Self {
        self.adopt = adopt;
        self
    }

    /// The longest a cycle may run ([`Self::DEFAULT_CYCLE_TIMEOUT`] by default); the cycle lock
    /// is taken for this long, so that a process that dies mid-cycle does not hold it for good.
    ///
    /// ```no_run
    /// # fn demo(reconciler: gu1_kyc::outcomes::Reconciler) {
    /// let reconciler = reconciler.cycle_timeout(std::time::Duration::from_secs(120));
    /// # }
    /// ```
    pub fn cycle_timeout(mut self, timeout: Duration) -> Self {
        self.cycle_timeout = timeout;
        self
    }

    /// Runs one cycle now, and says what it did.
    ///
    /// ```no_run
    /// # async fn demo(reconciler: gu1_kyc::outcomes::Reconciler) -> gu1_kyc::Result<()> {
    /// let report = reconciler
    ///     .run_once(|event: gu1_kyc::webhooks::WebhookEvent| async move { Ok::<_, std::io::Error>(()) })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The walk's error when a page could not be read (after the client's retries); a
    /// [`Store`](crate::ErrorKind::Store) error when the store could not be read or locked; a
    /// [`Timeout`](crate::ErrorKind::Timeout) error when the cycle ran past its timeout.
    pub async fn run_once<H: OutcomeHandler>(&self, handler: H) -> Result<CycleReport> {
        let (_stop, stopped) = watch::channel(false);
        cycle::run(self, &handler, &stopped).await
    }

    /// Runs a cycle now and then one every [interval](Self::every), on a task of the current
    /// tokio runtime, until [`Running::stop`].
    ///
    /// ```no_run
    /// # async fn demo(reconciler: gu1_kyc::outcomes::Reconciler) {
    /// let running = reconciler
    ///     .start(|event: gu1_kyc::webhooks::WebhookEvent| async move { Ok::<_, std::io::Error>(()) });
    /// running.stop().await;
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime.
    pub fn start<H: OutcomeHandler>(self, handler: H) -> Running {
        let (stop, stopped) = watch::channel(false);
        let last = Arc::new(Mutex::new(None));
        let task = tokio::spawn(run_forever(self, handler, stopped, last.clone()));
        Running { stop, task, last }
    }
}

/// The loop [`Reconciler::start`] runs.
async fn run_forever<H: OutcomeHandler>(
    reconciler: Reconciler,
    handler: H,
    mut stopped: watch::Receiver<bool>,
    last: Arc<Mutex<Option<LastCycle>>>,
) {
    let mut failures: u32 = 0;
    loop {
        let outcome = cycle::run(&reconciler, &handler, &stopped).await;
        let wait = match &outcome {
            Ok(_) => {
                failures = 0;
                reconciler.every
            }
            Err(error) => {
                failures = failures.saturating_add(1);
                let backoff = Duration::from_secs(1)
                    .saturating_mul(1 << failures.min(16).saturating_sub(1))
                    .min(reconciler.every);
                error
                    .retry_after()
                    .map_or(backoff, |after| after.max(backoff))
            }
        };
        *last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some(outcome.map_err(|error| error.kind()));
        if *stopped.borrow() {
            return;
        }
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            _ = stopped.changed() => return,
        }
    }
}

/// How the last cycle of a [`Running`] reconciler ended: its report, or its error's kind.
pub type LastCycle = std::result::Result<CycleReport, ErrorKind>;

/// A reconciler running on its own task, from [`Reconciler::start`]. Dropping it leaves the
/// task running; [`Running::stop`] ends it.
#[derive(Debug)]
pub struct Running {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    last: Arc<Mutex<Option<LastCycle>>>,
}

impl Running {
    /// How the last cycle went, once one has ended: its report, or the kind of its error
    /// (the error itself was logged with the cycle's span).
    ///
    /// ```no_run
    /// # fn demo(running: gu1_kyc::outcomes::Running) {
    /// if let Some(Ok(report)) = running.last_report() {
    ///     println!("{} open, {} changed", report.open, report.changed);
    /// }
    /// # }
    /// ```
    pub fn last_report(&self) -> Option<LastCycle> {
        self.last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Stops: a cycle under way finishes the event in hand and handles no other, then the task
    /// ends. Returns once it has.
    ///
    /// ```no_run
    /// # async fn demo(running: gu1_kyc::outcomes::Running) {
    /// running.stop().await;
    /// # }
    /// ```
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        // The task ends on its own once it sees the flag; a panic in the handler ends it too.
        let _ = self.task.await;
    }
}
