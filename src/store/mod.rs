//! Shared state that holds across replicas and restarts: an inbox that processes each webhook
//! event once ([`Inbox`]) and keyed locks for the idempotent helpers ([`LockStore`]), behind one
//! async, fallible seam with a backend per store.
//!
//! | Backend | Feature | For |
//! |---|---|---|
//! | [`MemoryStore`] | always | tests, examples, one process |
//! | `PostgresStore` | `postgres` | replicas sharing a database (on `sqlx`); a transactional form that commits your effect with the inbox's record |
//! | `RedisStore` | `redis` | replicas sharing a Redis (on the `redis` crate's connection manager) |
//!
//! Every backend passes the same [`conformance`] suite, which you can run against a store of
//! your own.
//!
//! # The inbox's rules
//!
//! An event is keyed by validation and status ([`EventKey`], the same key as
//! [`WebhookEvent::idempotency_key`](crate::webhooks::WebhookEvent::idempotency_key)).
//! [`InboxStore::begin`] answers, in one atomic step:
//!
//! - [`Begin::Duplicate`]: this event was processed (completed) before. Answer `200`.
//! - [`Begin::InFlight`]: another worker holds an unexpired lease on it. Answer `503`, so that
//!   gu1 delivers it again later; by then it is done (a duplicate) or its holder died (and the
//!   lease expired).
//! - [`Begin::Superseded`]: a terminal status of this validation is already recorded and this
//!   event carries a non-terminal one: it came late, out of order. Answer `200`.
//! - [`Begin::Process`]: process it, under a [`Lease`] that expires after the inbox's lease
//!   time; then [`complete`](InboxStore::complete) it (answer `200`) or
//!   [`abandon`](InboxStore::abandon) it (answer `5xx`, and the next delivery is processed).
//!
//! A store that cannot answer returns a [`StoreError`]: answer `503`, and gu1 retries. An event is
//! acknowledged only once it is completed, so none is both lost and acknowledged: a worker that
//! dies mid-processing leaves a lease that expires, and the next delivery is processed.

use std::{fmt, future::Future, pin::Pin, time::SystemTime};

use crate::types::{ValidationId, ValidationStatus};

pub mod conformance;
mod inbox;
mod keyed;
mod locks;
mod memory;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "redis")]
mod redis;

pub use inbox::{Handled, Inbox};
pub(crate) use locks::lock_key;
pub use locks::{HeldLock, LockGuard, LockStore};
pub use memory::MemoryStore;
#[cfg(feature = "postgres")]
pub use postgres::{MIGRATION as POSTGRES_MIGRATION, PostgresStore};
#[cfg(feature = "redis")]
pub use redis::RedisStore;

/// A boxed future, the return type of the store traits' methods (they are used as trait objects).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What identifies one event in an inbox: a validation and the status it reached.
///
/// `Debug` and `Display` show the status only.
///
/// ```
/// use gu1_kyc::{store::EventKey, types::{ValidationId, ValidationStatus}};
/// let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
/// let key = EventKey::new(&id, ValidationStatus::Approved);
/// assert_eq!(key.as_str(), "550e8400-e29b-41d4-a716-446655440000:approved");
/// assert!(key.is_terminal());
/// # Ok::<(), gu1_kyc::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EventKey {
    validation_id: ValidationId,
    status: ValidationStatus,
    key: String,
}

impl EventKey {
    /// The key of `validation_id` reaching `status`.
    ///
    /// ```
    /// # use gu1_kyc::{store::EventKey, types::{ValidationId, ValidationStatus}};
    /// # let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
    /// let key = EventKey::new(&id, ValidationStatus::InReview);
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn new(validation_id: &ValidationId, status: ValidationStatus) -> Self {
        let key = format!("{validation_id}:{status}");
        Self {
            validation_id: validation_id.clone(),
            status,
            key,
        }
    }

    /// The key of a webhook event.
    ///
    /// ```no_run
    /// # fn demo(event: &gu1_kyc::webhooks::WebhookEvent) {
    /// let key = gu1_kyc::store::EventKey::of(event);
    /// assert_eq!(key.as_str(), event.idempotency_key());
    /// # }
    /// ```
    pub fn of(event: &crate::webhooks::WebhookEvent) -> Self {
        Self::new(event.validation_id(), event.status())
    }

    /// The validation.
    ///
    /// ```
    /// # use gu1_kyc::{store::EventKey, types::{ValidationId, ValidationStatus}};
    /// # let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
    /// assert_eq!(EventKey::new(&id, ValidationStatus::Approved).validation_id(), &id);
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn validation_id(&self) -> &ValidationId {
        &self.validation_id
    }

    /// The status.
    ///
    /// ```
    /// # use gu1_kyc::{store::EventKey, types::{ValidationId, ValidationStatus}};
    /// # let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
    /// assert_eq!(EventKey::new(&id, ValidationStatus::Approved).status(), &ValidationStatus::Approved);
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn status(&self) -> &ValidationStatus {
        &self.status
    }

    /// Whether the status is terminal: a terminal event supersedes the later non-terminal ones.
    ///
    /// ```
    /// # use gu1_kyc::{store::EventKey, types::{ValidationId, ValidationStatus}};
    /// # let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
    /// assert!(!EventKey::new(&id, ValidationStatus::InReview).is_terminal());
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn is_terminal(&self) -> bool {
        self.status.is_terminal()
    }

    /// `<validation ID>:<status>`, as [`WebhookEvent::idempotency_key`](crate::webhooks::WebhookEvent::idempotency_key).
    ///
    /// ```
    /// # use gu1_kyc::{store::EventKey, types::{ValidationId, ValidationStatus}};
    /// # let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
    /// let key = EventKey::new(&id, ValidationStatus::Expired);
    /// assert!(key.as_str().ends_with(":expired"));
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.key
    }
}

impl fmt::Debug for EventKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventKey")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// What [`InboxStore::begin`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a begun event must be completed or abandoned"]
pub enum Begin {
    /// Process the event; the lease is yours until it expires.
    Process(Lease),
    /// The event was processed before (a retry or a replay). Ignore it.
    Duplicate,
    /// A terminal status of the validation is recorded and this event's status is not terminal:
    /// it came late. Ignore it: the terminal status wins.
    Superseded,
    /// Another worker holds an unexpired lease on the event. Answer with a 5xx so that it is
    /// delivered again later.
    InFlight,
}

impl Begin {
    /// The lease, when the event is to be processed.
    ///
    /// ```
    /// assert!(gu1_kyc::store::Begin::Duplicate.lease().is_none());
    /// ```
    pub fn lease(&self) -> Option<&Lease> {
        match self {
            Self::Process(lease) => Some(lease),
            _ => None,
        }
    }
}

/// The right to process one event until [`expires_at`](Self::expires_at), proven by a token
/// only its holder knows: [`InboxStore::complete`] and [`InboxStore::abandon`] act only for the
/// current holder.
///
/// `Debug` shows the status and the expiry, not the validation or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Lease {
    key: EventKey,
    token: String,
    expires_at: SystemTime,
}

impl Lease {
    /// A lease on `key` proven by `token`, until `expires_at`: for store implementations.
    ///
    /// ```
    /// # use gu1_kyc::{store::{EventKey, Lease}, types::{ValidationId, ValidationStatus}};
    /// # let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
    /// let key = EventKey::new(&id, ValidationStatus::Approved);
    /// let lease = Lease::new(key, Lease::new_token(), std::time::SystemTime::now());
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn new(key: EventKey, token: String, expires_at: SystemTime) -> Self {
        Self {
            key,
            token,
            expires_at,
        }
    }

    /// A fresh random token (128 bits, hex): what a store hands out with a lease.
    ///
    /// ```
    /// let token = gu1_kyc::store::Lease::new_token();
    /// assert_eq!(token.len(), 32);
    /// assert_ne!(token, gu1_kyc::store::Lease::new_token());
    /// ```
    pub fn new_token() -> String {
        format!("{:032x}", fastrand::u128(..))
    }

    /// The event the lease is on.
    ///
    /// ```no_run
    /// # fn demo(lease: gu1_kyc::store::Lease) {
    /// println!("processing a {} event", lease.key().status());
    /// # }
    /// ```
    pub fn key(&self) -> &EventKey {
        &self.key
    }

    /// The token that proves the lease.
    ///
    /// ```no_run
    /// # fn demo(lease: gu1_kyc::store::Lease) {
    /// let token: &str = lease.token();
    /// # }
    /// ```
    pub fn token(&self) -> &str {
        &self.token
    }

    /// When the lease ends: after it, another delivery of the event may be processed.
    ///
    /// ```no_run
    /// # fn demo(lease: gu1_kyc::store::Lease) {
    /// let left = lease.expires_at().duration_since(std::time::SystemTime::now());
    /// # }
    /// ```
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }
}

impl fmt::Debug for Lease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lease")
            .field("status", &self.key.status)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Why a store could not answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StoreErrorKind {
    /// The store is down, unreachable or timed out: answer `503` and let gu1 retry.
    Unavailable,
    /// The lease is no longer this holder's: it expired and another worker took the event over,
    /// or the event was completed or abandoned already.
    LeaseLost,
    /// The store holds or answered something this SDK does not understand (a schema not
    /// migrated, a value of another version).
    Corrupt,
    /// A lock was held by someone else for longer than the caller would wait.
    Contended,
}

/// A store's failure: its kind, what happened (no key, validation or token), and the cause.
pub struct StoreError {
    kind: StoreErrorKind,
    detail: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl StoreError {
    /// An error of `kind`, saying what happened (with no key, validation or token in it).
    ///
    /// ```
    /// use gu1_kyc::store::{StoreError, StoreErrorKind};
    /// let error = StoreError::new(StoreErrorKind::Unavailable, "the connection pool timed out");
    /// assert_eq!(error.kind(), StoreErrorKind::Unavailable);
    /// ```
    pub fn new(kind: StoreErrorKind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
            source: None,
        }
    }

    /// The same error with its cause. The cause's `Display` is not shown by this error's.
    ///
    /// ```
    /// use gu1_kyc::store::{StoreError, StoreErrorKind};
    /// let io = std::io::Error::other("connection refused");
    /// let error = StoreError::new(StoreErrorKind::Unavailable, "no connection").with_source(io);
    /// assert!(std::error::Error::source(&error).is_some());
    /// ```
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The kind.
    ///
    /// ```
    /// # use gu1_kyc::store::{StoreError, StoreErrorKind};
    /// assert_eq!(StoreError::new(StoreErrorKind::LeaseLost, "x").kind(), StoreErrorKind::LeaseLost);
    /// ```
    pub fn kind(&self) -> StoreErrorKind {
        self.kind
    }

    /// Whether the store could not answer (and the caller should answer `503`).
    ///
    /// ```
    /// # use gu1_kyc::store::{StoreError, StoreErrorKind};
    /// assert!(StoreError::new(StoreErrorKind::Unavailable, "x").is_unavailable());
    /// ```
    pub fn is_unavailable(&self) -> bool {
        self.kind == StoreErrorKind::Unavailable
    }
}

impl fmt::Debug for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreError")
            .field("kind", &self.kind)
            .field("detail", &self.detail)
            .field("source", &self.source.as_ref().map(|_| "[not shown]"))
            .finish()
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            StoreErrorKind::Unavailable => "the store is unavailable",
            StoreErrorKind::LeaseLost => "the lease was lost",
            StoreErrorKind::Corrupt => "the store answered something unexpected",
            StoreErrorKind::Contended => "the lock is held elsewhere",
        };
        write!(f, "{what}: {}", self.detail)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A store of webhook events: the seam each backend implements. See the [module
/// docs](self) for the rules, and run the [`conformance`] suite against an implementation.
///
/// Beside the events, the store keeps each validation's last known status: what
/// [`complete`](Self::complete) and [`record_status`](Self::record_status) wrote, a terminal
/// status for good. [`open_validations`](Self::open_validations) reads the validations whose
/// last status is not terminal: the outcomes still awaited, which the
/// [reconciler](crate::outcomes::Reconciler) checks with gu1. A store is also a [`LockStore`]:
/// the reconciler's cycles take a lock in the store they reconcile.
pub trait InboxStore: LockStore + Send + Sync {
    /// Decides, in one atomic step, what to do with the event `key`, taking a lease of
    /// `lease_for` when the answer is [`Begin::Process`]. Of concurrent calls for one event, at
    /// most one gets `Process`.
    fn begin<'a>(
        &'a self,
        key: &'a EventKey,
        lease_for: std::time::Duration,
    ) -> BoxFuture<'a, Result<Begin, StoreError>>;

    /// Records the leased event as processed: every later delivery is a [`Begin::Duplicate`].
    /// In the same step, records the event's status as its validation's last known status, as
    /// [`record_status`](Self::record_status) does. A [`LeaseLost`](StoreErrorKind::LeaseLost)
    /// error when the lease is no longer the holder's.
    fn complete<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Gives the leased event up: the next delivery of it is processed. A
    /// [`LeaseLost`](StoreErrorKind::LeaseLost) error when the lease is no longer the holder's.
    fn abandon<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Records `status` as the validation's last known status, unless a terminal status is
    /// recorded for it already (a terminal status is final). A validation with a non-terminal
    /// status is open: [`open_validations`](Self::open_validations) lists it.
    fn record_status<'a>(
        &'a self,
        validation_id: &'a ValidationId,
        status: &'a ValidationStatus,
    ) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Every validation whose last known status is not terminal, with that status, in no
    /// particular order.
    fn open_validations(
        &self,
    ) -> BoxFuture<'_, Result<Vec<(ValidationId, ValidationStatus)>, StoreError>>;
}

/// A validation ID read back from a store: one that is not an ID means the store holds
/// something this SDK did not write.
#[cfg(any(feature = "postgres", feature = "redis"))]
pub(crate) fn stored_id(id: &str) -> Result<ValidationId, StoreError> {
    ValidationId::parse(id).map_err(|_| {
        StoreError::new(
            StoreErrorKind::Corrupt,
            "the store holds a validation ID that is not a UUID",
        )
    })
}
