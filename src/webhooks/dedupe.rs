//! Idempotent handling: each event processed once, and a terminal status never undone by a late
//! earlier one.

use std::{
    collections::{HashMap, HashSet},
    fmt,
    sync::Mutex,
};

use super::WebhookEvent;
use crate::types::ValidationStatus;

/// What to do with a verified event, as decided by a [`DedupeStore`].
///
/// ```no_run
/// use gu1_kyc::webhooks::{Admission, DedupeStore, MemoryDedupe, WebhookEvent};
/// # fn demo(store: &MemoryDedupe, event: &WebhookEvent) {
/// match store.admit(event) {
///     Admission::Process => println!("{} is now {}", event.validation_id(), event.status()),
///     // Both: answer 200 so gu1 stops retrying, and do nothing.
///     Admission::Duplicate | Admission::Superseded => {}
/// }
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Admission {
    /// The first delivery of this event: process it.
    Process,
    /// This event (validation and status) was admitted before: a retry or a replay. Ignore it.
    Duplicate,
    /// The validation already reached a terminal status and this event carries a non-terminal
    /// one: it was delivered late, out of order. Ignore it, the terminal status wins.
    Superseded,
}

impl Admission {
    /// Whether the event should be processed.
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::Admission;
    /// assert!(Admission::Process.should_process());
    /// assert!(!Admission::Superseded.should_process());
    /// ```
    pub fn should_process(self) -> bool {
        self == Self::Process
    }
}

/// Remembers which events were processed, so that a receiver handles each one once.
///
/// gu1 retries deliveries that failed or timed out, so the same event can arrive more than once;
/// and events of one validation can arrive out of order. [`DedupeStore::admit`] decides, in one
/// atomic step, whether to process an event, and records it:
///
/// - an event whose [`idempotency_key`](WebhookEvent::idempotency_key) (validation and status)
///   was admitted before is a [`Admission::Duplicate`];
/// - a non-terminal event (`pending`, `in_progress`, `in_review`) for a validation that already
///   reached a terminal status ([`ValidationStatus::is_terminal`]) is [`Admission::Superseded`]:
///   an `in_progress` arriving after `approved` must not move the validation back;
/// - anything else is [`Admission::Process`].
///
/// [`MemoryDedupe`] keeps this in memory, for one process. A store shared by several processes
/// implements the same rule in one transaction (for example a unique key on
/// `idempotency_key` and a "terminal" flag per validation).
///
/// If processing an admitted event fails, call [`DedupeStore::release`] and answer with an error
/// status, so that gu1's retry is processed.
///
/// ```no_run
/// use gu1_kyc::webhooks::{Admission, DedupeStore, WebhookEvent};
///
/// /// Keeps nothing: every event is processed (only for illustration).
/// struct ProcessEverything;
///
/// impl DedupeStore for ProcessEverything {
///     fn admit(&self, _event: &WebhookEvent) -> Admission {
///         Admission::Process
///     }
///     fn release(&self, _event: &WebhookEvent) {}
/// }
/// ```
pub trait DedupeStore: Send + Sync {
    /// Decides whether to process `event`, and records it when the answer is
    /// [`Admission::Process`]. Must be atomic: two concurrent deliveries of one event get one
    /// `Process` between them.
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::{DedupeStore, MemoryDedupe, WebhookEvent};
    /// # fn demo(store: &MemoryDedupe, event: &WebhookEvent) {
    /// if store.admit(event).should_process() {
    ///     // update your records
    /// }
    /// # }
    /// ```
    fn admit(&self, event: &WebhookEvent) -> Admission;

    /// Forgets an admitted event whose processing failed, so that a later delivery of it is
    /// processed.
    ///
    /// ```no_run
    /// use gu1_kyc::webhooks::{DedupeStore, MemoryDedupe, WebhookEvent};
    /// # fn update_records(_: &WebhookEvent) -> Result<(), ()> { Ok(()) }
    /// # fn demo(store: &MemoryDedupe, event: &WebhookEvent) -> u16 {
    /// if store.admit(event).should_process() {
    ///     if update_records(event).is_err() {
    ///         store.release(event);
    ///         return 500; // gu1 retries, and the retry is processed
    ///     }
    /// }
    /// 200
    /// # }
    /// ```
    fn release(&self, event: &WebhookEvent);
}

/// An in-memory [`DedupeStore`] for one process: what it remembers is lost on restart and grows
/// with the number of validations, so use it for tests, examples and small receivers.
///
/// `Debug` shows how many validations it tracks, not which.
///
/// ```no_run
/// use gu1_kyc::webhooks::{Admission, DedupeStore, MemoryDedupe, WebhookEvent};
/// # fn demo(first: &WebhookEvent) {
/// let store = MemoryDedupe::new();
/// assert_eq!(store.admit(first), Admission::Process);
/// assert_eq!(store.admit(first), Admission::Duplicate);
/// # }
/// ```
#[derive(Default)]
pub struct MemoryDedupe {
    validations: Mutex<HashMap<String, Seen>>,
}

/// What was admitted for one validation.
#[derive(Default)]
struct Seen {
    statuses: HashSet<String>,
    terminal: bool,
}

impl MemoryDedupe {
    /// An empty store.
    ///
    /// ```no_run
    /// let store = gu1_kyc::webhooks::MemoryDedupe::new();
    /// # let _ = store;
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Seen>> {
        // The map is consistent after every statement, so a panic elsewhere does not corrupt it.
        self.validations
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl DedupeStore for MemoryDedupe {
    fn admit(&self, event: &WebhookEvent) -> Admission {
        let status = event.status();
        let mut validations = self.lock();
        let seen = validations
            .entry(event.validation_id().to_string())
            .or_default();
        if seen.statuses.contains(status.as_str()) {
            return Admission::Duplicate;
        }
        if seen.terminal && !status.is_terminal() {
            return Admission::Superseded;
        }
        seen.terminal |= status.is_terminal();
        seen.statuses.insert(status.as_str().to_owned());
        Admission::Process
    }

    fn release(&self, event: &WebhookEvent) {
        let status = event.status();
        let mut validations = self.lock();
        let key = event.validation_id().to_string();
        if let Some(seen) = validations.get_mut(&key) {
            seen.statuses.remove(status.as_str());
            seen.terminal = seen
                .statuses
                .iter()
                .any(|s| ValidationStatus::from_wire(s).is_terminal());
            if seen.statuses.is_empty() {
                validations.remove(&key);
            }
        }
    }
}

impl fmt::Debug for MemoryDedupe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryDedupe")
            .field("validations", &self.lock().len())
            .finish()
    }
}
