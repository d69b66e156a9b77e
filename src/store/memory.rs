//! The in-memory backend: one process, nothing kept across restarts.

use std::{
    collections::HashMap,
    fmt,
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant, SystemTime},
};

use super::keyed::{self, KeyedLocks};
use super::{
    Begin, BoxFuture, EventKey, HeldLock, InboxStore, Lease, LockGuard, LockStore, StoreError,
    StoreErrorKind,
};
use crate::types::{ValidationId, ValidationStatus};

/// An inbox and locks in this process's memory: for tests, examples and a receiver that runs as
/// one process. What it holds is lost on restart and grows with the number of validations; the
/// PostgreSQL and Redis backends are the shared, durable forms of the same rules.
///
/// Cheap to clone: clones share the same state. `Debug` shows counts, not keys.
///
/// ```
/// # async fn demo() -> Result<(), gu1_kyc::store::StoreError> {
/// use gu1_kyc::store::{Begin, EventKey, InboxStore, MemoryStore};
/// use gu1_kyc::types::{ValidationId, ValidationStatus};
/// use std::time::Duration;
///
/// let store = MemoryStore::new();
/// let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000").unwrap();
/// let key = EventKey::new(&id, ValidationStatus::Approved);
/// let Begin::Process(lease) = store.begin(&key, Duration::from_secs(60)).await? else {
///     unreachable!("the first delivery is processed");
/// };
/// store.complete(&lease).await?;
/// assert_eq!(store.begin(&key, Duration::from_secs(60)).await?, Begin::Duplicate);
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
pub struct MemoryStore {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    state: Mutex<State>,
    locks: KeyedLocks<String>,
}

/// The events and the validations' last known statuses, changed together under one lock.
#[derive(Default)]
struct State {
    /// By validation ID, then by status.
    events: HashMap<String, HashMap<String, Entry>>,
    /// Each validation's last known status; a terminal one is final.
    known: HashMap<ValidationId, ValidationStatus>,
}

impl State {
    fn record(&mut self, validation_id: &ValidationId, status: &ValidationStatus) {
        let closed = self
            .known
            .get(validation_id)
            .is_some_and(ValidationStatus::is_terminal);
        if !closed {
            self.known.insert(validation_id.clone(), status.clone());
        }
    }
}

/// One event's state.
enum Entry {
    Leased { token: String, until: Instant },
    Done,
}

impl MemoryStore {
    /// An empty store.
    ///
    /// ```
    /// let store = gu1_kyc::store::MemoryStore::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Every change is a statement or two on the maps that leaves them consistent, so a
        // panic elsewhere cannot leave half of one.
        self.inner
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn begin_now(&self, key: &EventKey, lease_for: Duration) -> Begin {
        let now = Instant::now();
        let mut state = self.state();
        let statuses = state
            .events
            .entry(key.validation_id().to_string())
            .or_default();
        match statuses.get(key.status().as_str()) {
            Some(Entry::Done) => return Begin::Duplicate,
            Some(Entry::Leased { until, .. }) if *until > now => return Begin::InFlight,
            _ => {}
        }
        let terminal_recorded = statuses
            .keys()
            .any(|status| ValidationStatus::from_wire(status).is_terminal());
        if terminal_recorded && !key.is_terminal() {
            // A lease that expired on this event is over: nothing is left in flight.
            statuses.remove(key.status().as_str());
            return Begin::Superseded;
        }
        let token = Lease::new_token();
        statuses.insert(
            key.status().as_str().to_owned(),
            Entry::Leased {
                token: token.clone(),
                until: now + lease_for,
            },
        );
        let expires_at = SystemTime::now()
            .checked_add(lease_for)
            .unwrap_or(SystemTime::UNIX_EPOCH + Duration::from_secs(u32::MAX.into()));
        Begin::Process(Lease::new(key.clone(), token, expires_at))
    }

    /// Applies `change` to the leased event when `lease` still holds it.
    fn with_lease(
        &self,
        lease: &Lease,
        change: impl FnOnce(&mut HashMap<String, Entry>, &str),
    ) -> Result<(), StoreError> {
        let mut state = self.state();
        let events = &mut state.events;
        let validation = lease.key().validation_id().to_string();
        let status = lease.key().status().as_str();
        let statuses = events.get_mut(&validation);
        let held = statuses.as_ref().is_some_and(|statuses| {
            matches!(statuses.get(status), Some(Entry::Leased { token, .. }) if token == lease.token())
        });
        match statuses {
            Some(statuses) if held => {
                change(statuses, status);
                if statuses.is_empty() {
                    events.remove(&validation);
                }
                Ok(())
            }
            _ => Err(StoreError::new(
                StoreErrorKind::LeaseLost,
                "the event is no longer leased by this holder",
            )),
        }
    }
}

impl InboxStore for MemoryStore {
    fn begin<'a>(
        &'a self,
        key: &'a EventKey,
        lease_for: Duration,
    ) -> BoxFuture<'a, Result<Begin, StoreError>> {
        Box::pin(async move { Ok(self.begin_now(key, lease_for)) })
    }

    fn complete<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.with_lease(lease, |statuses, status| {
                statuses.insert(status.to_owned(), Entry::Done);
            })?;
            let key = lease.key();
            self.state().record(key.validation_id(), key.status());
            Ok(())
        })
    }

    fn abandon<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.with_lease(lease, |statuses, status| {
                statuses.remove(status);
            })
        })
    }

    fn record_status<'a>(
        &'a self,
        validation_id: &'a ValidationId,
        status: &'a ValidationStatus,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.state().record(validation_id, status);
            Ok(())
        })
    }

    fn open_validations(
        &self,
    ) -> BoxFuture<'_, Result<Vec<(ValidationId, ValidationStatus)>, StoreError>> {
        Box::pin(async move {
            Ok(self
                .state()
                .known
                .iter()
                .filter(|(_, status)| !status.is_terminal())
                .map(|(id, status)| (id.clone(), status.clone()))
                .collect())
        })
    }
}

impl LockStore for MemoryStore {
    fn acquire<'a>(
        &'a self,
        key: &'a str,
        _ttl: Duration,
        wait: Duration,
    ) -> BoxFuture<'a, Result<LockGuard, StoreError>> {
        Box::pin(async move {
            // In one process a holder that dies drops its guard, so no expiry is needed.
            let held = tokio::time::timeout(wait, self.inner.locks.lock(&key.to_owned()))
                .await
                .map_err(|_| {
                    StoreError::new(
                        StoreErrorKind::Contended,
                        format!("the lock was held for longer than {wait:?}"),
                    )
                })?;
            Ok(LockGuard::new(Held(Some(held))))
        })
    }
}

/// A lock held in this process; released when dropped.
struct Held(Option<keyed::Held<String>>);

impl HeldLock for Held {
    fn release(mut self: Box<Self>) -> BoxFuture<'static, Result<(), StoreError>> {
        drop(self.0.take());
        Box::pin(async { Ok(()) })
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryStore")
            .field("validations", &self.state().known.len())
            .finish_non_exhaustive()
    }
}
