//! [`Inbox`]: what a receiver holds, over any [`InboxStore`].

use std::{fmt, future::Future, sync::Arc, time::Duration};

use super::{Begin, EventKey, InboxStore, Lease, StoreError};
use crate::webhooks::WebhookEvent;

/// Processes each webhook event once across every replica of a receiver, over a store
/// ([`MemoryStore`](super::MemoryStore) in one process; PostgreSQL or Redis when shared).
///
/// Cheap to clone. [`Inbox::handle`] is the whole protocol in one call: begin, run your handler
/// under a lease, complete on success, abandon on failure, and say which HTTP status to answer.
///
/// ```no_run
/// # async fn demo(event: gu1_kyc::webhooks::WebhookEvent) {
/// use gu1_kyc::store::{Inbox, MemoryStore};
///
/// let inbox = Inbox::new(MemoryStore::new());
/// let handled = inbox
///     .handle(&event, |event| async move {
///         // Update your records; an error here makes gu1 deliver the event again.
///         Ok::<_, std::io::Error>(())
///     })
///     .await;
/// let status = handled.http_status(); // 200, or 503/500 so that gu1 retries
/// # }
/// ```
#[derive(Clone)]
pub struct Inbox {
    store: Arc<dyn InboxStore>,
    lease_for: Duration,
}

impl Inbox {
    /// How long a lease lasts by default: longer than a handler should take (gu1 waits 30 s for
    /// an answer), short enough that a dead worker's event is soon processed elsewhere.
    pub const DEFAULT_LEASE: Duration = Duration::from_secs(60);

    /// An inbox over `store`.
    ///
    /// ```
    /// let inbox = gu1_kyc::store::Inbox::new(gu1_kyc::store::MemoryStore::new());
    /// ```
    pub fn new(store: impl InboxStore + 'static) -> Self {
        Self::from_arc(Arc::new(store))
    }

    /// An inbox over a shared store.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use gu1_kyc::store::{Inbox, InboxStore, MemoryStore};
    /// let store: Arc<dyn InboxStore> = Arc::new(MemoryStore::new());
    /// let inbox = Inbox::from_arc(store);
    /// ```
    pub fn from_arc(store: Arc<dyn InboxStore>) -> Self {
        Self {
            store,
            lease_for: Self::DEFAULT_LEASE,
        }
    }

    /// How long a lease lasts ([`Self::DEFAULT_LEASE`] by default).
    ///
    /// ```
    /// # use gu1_kyc::store::{Inbox, MemoryStore};
    /// let inbox = Inbox::new(MemoryStore::new()).lease_for(std::time::Duration::from_secs(20));
    /// ```
    pub fn lease_for(mut self, lease_for: Duration) -> Self {
        self.lease_for = lease_for;
        self
    }

    /// The store under the inbox.
    pub(crate) fn store(&self) -> &Arc<dyn InboxStore> {
        &self.store
    }

    /// Decides what to do with `event` (see the [module docs](super) for the rules).
    ///
    /// ```no_run
    /// # async fn demo(inbox: gu1_kyc::store::Inbox, event: gu1_kyc::webhooks::WebhookEvent) -> Result<(), gu1_kyc::store::StoreError> {
    /// use gu1_kyc::store::Begin;
    /// match inbox.begin(&event).await? {
    ///     Begin::Process(lease) => {
    ///         // ... process, then:
    ///         inbox.complete(&lease).await?;
    ///     }
    ///     Begin::Duplicate | Begin::Superseded => {} // answer 200
    ///     Begin::InFlight => {}                      // answer 503
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The store's, when it cannot answer: answer `503`.
    pub async fn begin(&self, event: &WebhookEvent) -> Result<Begin, StoreError> {
        self.begin_key(&EventKey::of(event)).await
    }

    /// [`Self::begin`] for an event known by its key (from another source than a delivery).
    ///
    /// ```no_run
    /// # async fn demo(inbox: gu1_kyc::store::Inbox, key: gu1_kyc::store::EventKey) -> Result<(), gu1_kyc::store::StoreError> {
    /// let begun = inbox.begin_key(&key).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The store's, when it cannot answer.
    pub async fn begin_key(&self, key: &EventKey) -> Result<Begin, StoreError> {
        self.store.begin(key, self.lease_for).await
    }

    /// Records a leased event as processed.
    ///
    /// ```no_run
    /// # async fn demo(inbox: gu1_kyc::store::Inbox, lease: gu1_kyc::store::Lease) -> Result<(), gu1_kyc::store::StoreError> {
    /// inbox.complete(&lease).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The store's; [`LeaseLost`](super::StoreErrorKind::LeaseLost) when the lease expired and
    /// another worker took the event over.
    pub async fn complete(&self, lease: &Lease) -> Result<(), StoreError> {
        self.store.complete(lease).await
    }

    /// Gives a leased event up, so that its next delivery is processed.
    ///
    /// ```no_run
    /// # async fn demo(inbox: gu1_kyc::store::Inbox, lease: gu1_kyc::store::Lease) -> Result<(), gu1_kyc::store::StoreError> {
    /// inbox.abandon(&lease).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The store's; [`LeaseLost`](super::StoreErrorKind::LeaseLost) when the lease is no longer
    /// the holder's.
    pub async fn abandon(&self, lease: &Lease) -> Result<(), StoreError> {
        self.store.abandon(lease).await
    }

    /// Runs `handler` for `event` if it is to be processed, under a lease: completes the event
    /// when the handler succeeds, abandons it when the handler fails. Says what happened and
    /// which status to answer gu1 with.
    ///
    /// ```no_run
    /// # async fn demo(inbox: gu1_kyc::store::Inbox, event: gu1_kyc::webhooks::WebhookEvent) {
    /// let handled = inbox
    ///     .handle(&event, |event| async move { Ok::<_, std::io::Error>(()) })
    ///     .await;
    /// assert!(matches!(handled.http_status(), 200 | 500 | 503));
    /// # }
    /// ```
    pub async fn handle<'e, F, Fut, E>(&self, event: &'e WebhookEvent, handler: F) -> Handled<E>
    where
        F: FnOnce(&'e WebhookEvent) -> Fut,
        Fut: Future<Output = Result<(), E>>,
    {
        let lease = match self.begin(event).await {
            Ok(Begin::Process(lease)) => lease,
            Ok(other) => return Handled::Skipped(other),
            Err(error) => return Handled::StoreFailed(error),
        };
        match handler(event).await {
            Ok(()) => match self.complete(&lease).await {
                Ok(()) => Handled::Processed,
                Err(error) => Handled::StoreFailed(error),
            },
            Err(error) => {
                // The next delivery is processed either way: now if the abandon works, after
                // the lease expires if it does not.
                let _ = self.abandon(&lease).await;
                Handled::Failed(error)
            }
        }
    }
}

impl fmt::Debug for Inbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inbox")
            .field("lease_for", &self.lease_for)
            .finish_non_exhaustive()
    }
}

/// What [`Inbox::handle`] did.
#[derive(Debug)]
#[non_exhaustive]
pub enum Handled<E> {
    /// The handler ran and succeeded, and the event is recorded as processed.
    Processed,
    /// The handler did not run: the event is a duplicate, superseded, or in flight elsewhere.
    Skipped(Begin),
    /// The handler failed; the event was given up, so that its next delivery is processed.
    Failed(E),
    /// The store could not answer (before the handler, or when recording its success).
    StoreFailed(StoreError),
}

impl<E> Handled<E> {
    /// The status to answer gu1 with: `200` when the event is dealt with (processed, a
    /// duplicate, superseded), `503` when it must come again (in flight elsewhere, or the store
    /// failed), `500` when the handler failed.
    ///
    /// ```
    /// use gu1_kyc::store::{Begin, Handled};
    /// assert_eq!(Handled::<()>::Processed.http_status(), 200);
    /// assert_eq!(Handled::<()>::Skipped(Begin::Duplicate).http_status(), 200);
    /// assert_eq!(Handled::<()>::Skipped(Begin::InFlight).http_status(), 503);
    /// assert_eq!(Handled::Failed(()).http_status(), 500);
    /// ```
    pub fn http_status(&self) -> u16 {
        match self {
            Self::Processed | Self::Skipped(Begin::Duplicate | Begin::Superseded) => 200,
            Self::Skipped(_) | Self::StoreFailed(_) => 503,
            Self::Failed(_) => 500,
        }
    }
}
