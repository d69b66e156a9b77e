//! The suite every [`InboxStore`] and [`LockStore`] passes: run it against a store of your own.
//!
//! Each case uses validation IDs and lock keys of its own (random), so the suite can run against
//! a store that holds other data, and several runs can share one store.
//!
//! ```no_run
//! # async fn demo() {
//! use gu1_kyc::store::{MemoryStore, conformance};
//!
//! let store = MemoryStore::new();
//! conformance::inbox(&store).await.expect("the inbox rules hold");
//! conformance::locks(&store).await.expect("the lock rules hold");
//! # }
//! ```

use std::{fmt, time::Duration};

use futures_util::future::join_all;

use super::{Begin, EventKey, InboxStore, Lease, LockStore, StoreError, StoreErrorKind};
use crate::types::{ValidationId, ValidationStatus};

/// A rule a store broke: the case, and what happened instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The case that failed.
    pub case: &'static str,
    /// What was expected and what happened.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.case, self.message)
    }
}

impl std::error::Error for Failure {}

/// The inbox cases, by name, in the order [`inbox`] runs them.
pub const INBOX_CASES: &[&str] = &[
    "a_first_delivery_is_processed_and_once_completed_is_a_duplicate",
    "a_leased_event_is_in_flight_for_everyone_else",
    "an_expired_lease_is_taken_over_and_lost_by_its_first_holder",
    "an_abandoned_event_is_processed_again",
    "a_terminal_status_supersedes_a_late_non_terminal_one",
    "a_leased_terminal_status_supersedes_too",
    "validations_are_independent",
    "of_many_concurrent_begins_of_one_event_exactly_one_processes",
    "only_the_holder_completes_or_abandons",
    "a_completed_event_records_its_validations_status",
    "a_recorded_terminal_status_is_final",
];

/// How many concurrent `begin`s the concurrency case races.
pub const CONCURRENT_BEGINS: usize = 32;

/// A lease long enough never to expire during a case.
const LONG: Duration = Duration::from_secs(300);
/// A lease short enough to wait out.
const SHORT: Duration = Duration::from_millis(300);

/// Runs every inbox case against `store`; the first failure ends the run. Takes about a second
/// (two leases are waited out).
///
/// # Errors
///
/// The first [`Failure`].
pub async fn inbox(store: &dyn InboxStore) -> Result<(), Failure> {
    for case in INBOX_CASES {
        inbox_case(store, case).await?;
    }
    Ok(())
}

/// Runs one inbox case of [`INBOX_CASES`] by name.
///
/// # Errors
///
/// The case's [`Failure`], or one naming an unknown case.
pub async fn inbox_case(store: &dyn InboxStore, case: &'static str) -> Result<(), Failure> {
    let check = Check { case };
    let id = random_validation();
    let key = |status: ValidationStatus| EventKey::new(&id, status);
    match case {
        "a_first_delivery_is_processed_and_once_completed_is_a_duplicate" => {
            let approved = key(ValidationStatus::Approved);
            let lease = check.process(store.begin(&approved, LONG).await)?;
            check.ok(store.complete(&lease).await)?;
            check.expect(store.begin(&approved, LONG).await, Begin::Duplicate)?;
            check.expect(store.begin(&approved, SHORT).await, Begin::Duplicate)
        }
        "a_leased_event_is_in_flight_for_everyone_else" => {
            let review = key(ValidationStatus::InReview);
            let lease = check.process(store.begin(&review, LONG).await)?;
            check.expect(store.begin(&review, LONG).await, Begin::InFlight)?;
            check.ok(store.complete(&lease).await)?;
            check.expect(store.begin(&review, LONG).await, Begin::Duplicate)
        }
        "an_expired_lease_is_taken_over_and_lost_by_its_first_holder" => {
            let review = key(ValidationStatus::InReview);
            let first = check.process(store.begin(&review, SHORT).await)?;
            tokio::time::sleep(SHORT * 2).await;
            let second = check.process(store.begin(&review, LONG).await)?;
            check.lost(store.complete(&first).await)?;
            check.lost(store.abandon(&first).await)?;
            check.ok(store.complete(&second).await)?;
            check.expect(store.begin(&review, LONG).await, Begin::Duplicate)
        }
        "an_abandoned_event_is_processed_again" => {
            let rejected = key(ValidationStatus::Rejected);
            let first = check.process(store.begin(&rejected, LONG).await)?;
            check.ok(store.abandon(&first).await)?;
            let second = check.process(store.begin(&rejected, LONG).await)?;
            if second.token() == first.token() {
                return Err(check.fail("a new lease reused the abandoned lease's token"));
            }
            check.ok(store.complete(&second).await)
        }
        "a_terminal_status_supersedes_a_late_non_terminal_one" => {
            let progress = key(ValidationStatus::InProgress);
            let lease = check.process(store.begin(&progress, LONG).await)?;
            check.ok(store.complete(&lease).await)?;
            let approved =
                check.process(store.begin(&key(ValidationStatus::Approved), LONG).await)?;
            check.ok(store.complete(&approved).await)?;
            for late in [ValidationStatus::Pending, ValidationStatus::InReview] {
                check.expect(store.begin(&key(late), LONG).await, Begin::Superseded)?;
            }
            // A duplicate stays a duplicate, and another terminal status is still processed.
            check.expect(store.begin(&progress, LONG).await, Begin::Duplicate)?;
            let expired =
                check.process(store.begin(&key(ValidationStatus::Expired), LONG).await)?;
            check.ok(store.complete(&expired).await)
        }
        "a_leased_terminal_status_supersedes_too" => {
            let approved =
                check.process(store.begin(&key(ValidationStatus::Approved), LONG).await)?;
            check.expect(
                store.begin(&key(ValidationStatus::InReview), LONG).await,
                Begin::Superseded,
            )?;
            check.ok(store.complete(&approved).await)
        }
        "validations_are_independent" => {
            let approved =
                check.process(store.begin(&key(ValidationStatus::Approved), LONG).await)?;
            check.ok(store.complete(&approved).await)?;
            let other = random_validation();
            let review = EventKey::new(&other, ValidationStatus::InReview);
            let lease = check.process(store.begin(&review, LONG).await)?;
            check.ok(store.complete(&lease).await)
        }
        "of_many_concurrent_begins_of_one_event_exactly_one_processes" => {
            let approved = key(ValidationStatus::Approved);
            let outcomes =
                join_all((0..CONCURRENT_BEGINS).map(|_| store.begin(&approved, LONG))).await;
            let mut leases = Vec::new();
            for outcome in outcomes {
                match outcome {
                    Ok(Begin::Process(lease)) => leases.push(lease),
                    Ok(Begin::InFlight | Begin::Duplicate) => {}
                    Ok(other) => {
                        return Err(check.fail(format!("a concurrent begin was {other:?}")));
                    }
                    Err(error) => {
                        return Err(check.fail(format!("a concurrent begin failed: {error}")));
                    }
                }
            }
            if leases.len() != 1 {
                return Err(check.fail(format!(
                    "{} of {CONCURRENT_BEGINS} concurrent begins got Process",
                    leases.len()
                )));
            }
            check.ok(store.complete(&leases[0]).await)
        }
        "only_the_holder_completes_or_abandons" => {
            let approved = key(ValidationStatus::Approved);
            let lease = check.process(store.begin(&approved, LONG).await)?;
            let forged = Lease::new(approved.clone(), Lease::new_token(), lease.expires_at());
            check.lost(store.complete(&forged).await)?;
            check.lost(store.abandon(&forged).await)?;
            check.expect(store.begin(&approved, LONG).await, Begin::InFlight)?;
            check.ok(store.complete(&lease).await)?;
            check.lost(store.complete(&lease).await)?;
            check.lost(store.abandon(&lease).await)
        }
        "a_completed_event_records_its_validations_status" => {
            check.open_as(store, &id, None).await?;
            let progress = key(ValidationStatus::InProgress);
            let lease = check.process(store.begin(&progress, LONG).await)?;
            // Only a completed event counts: a leased or abandoned one is not known yet.
            check.open_as(store, &id, None).await?;
            check.ok(store.complete(&lease).await)?;
            check
                .open_as(store, &id, Some(ValidationStatus::InProgress))
                .await?;
            let review =
                check.process(store.begin(&key(ValidationStatus::InReview), LONG).await)?;
            check.ok(store.abandon(&review).await)?;
            check
                .open_as(store, &id, Some(ValidationStatus::InProgress))
                .await?;
            let approved =
                check.process(store.begin(&key(ValidationStatus::Approved), LONG).await)?;
            check.ok(store.complete(&approved).await)?;
            check.open_as(store, &id, None).await
        }
        "a_recorded_terminal_status_is_final" => {
            check.ok(store.record_status(&id, &ValidationStatus::Pending).await)?;
            check
                .open_as(store, &id, Some(ValidationStatus::Pending))
                .await?;
            check.ok(store.record_status(&id, &ValidationStatus::InReview).await)?;
            check
                .open_as(store, &id, Some(ValidationStatus::InReview))
                .await?;
            check.ok(store.record_status(&id, &ValidationStatus::Cancelled).await)?;
            check.open_as(store, &id, None).await?;
            // Neither a late record nor a late event's completion opens it again.
            check.ok(store.record_status(&id, &ValidationStatus::Pending).await)?;
            let late = check.process(store.begin(&key(ValidationStatus::Expired), LONG).await)?;
            check.ok(store.complete(&late).await)?;
            check.open_as(store, &id, None).await
        }
        unknown => Err(Failure {
            case: "unknown",
            message: format!("no inbox case is named {unknown}"),
        }),
    }
}

/// Runs every lock case against `store`: a held key is not acquired again until it is released
/// (a second acquirer gives up after its wait), other keys are independent, and a waiter gets
/// the key once its holder releases it. Takes well under a second.
///
/// # Errors
///
/// The first [`Failure`].
pub async fn locks(store: &dyn LockStore) -> Result<(), Failure> {
    let check = Check { case: "locks" };
    let key = format!("conformance:{}", Lease::new_token());
    let other = format!("conformance:{}", Lease::new_token());
    let short_wait = Duration::from_millis(200);

    let held = check.ok(store.acquire(&key, LONG, short_wait).await)?;
    match store.acquire(&key, LONG, short_wait).await {
        Err(error) if error.kind() == StoreErrorKind::Contended => {}
        Err(error) => return Err(check.fail(format!("a held key failed with {error}"))),
        Ok(_) => return Err(check.fail("a held key was acquired twice")),
    }
    let independent = check.ok(store.acquire(&other, LONG, short_wait).await)?;
    check.ok(independent.release().await)?;

    // A waiter gets the key once the holder releases it.
    let (waited, ()) =
        futures_util::future::join(store.acquire(&key, LONG, Duration::from_secs(5)), async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let _ = held.release().await;
        })
        .await;
    let again = check.ok(waited)?;
    check.ok(again.release().await)?;
    Ok(())
}

/// Runs the cases a store that cannot be reached must pass: every method fails with an
/// [`Unavailable`](StoreErrorKind::Unavailable) error, within `within`, and nothing panics.
///
/// # Errors
///
/// A [`Failure`] naming the method that answered otherwise.
pub async fn unavailable(store: &dyn InboxStore, within: Duration) -> Result<(), Failure> {
    let check = Check {
        case: "the_store_is_unavailable",
    };
    let key = EventKey::new(&random_validation(), ValidationStatus::Approved);
    let lease = Lease::new(
        key.clone(),
        Lease::new_token(),
        std::time::SystemTime::now(),
    );
    let begun = tokio::time::timeout(within, store.begin(&key, LONG)).await;
    let completed = tokio::time::timeout(within, store.complete(&lease)).await;
    let abandoned = tokio::time::timeout(within, store.abandon(&lease)).await;
    let recorded = tokio::time::timeout(
        within,
        store.record_status(key.validation_id(), key.status()),
    )
    .await;
    let listed = tokio::time::timeout(within, store.open_validations()).await;
    for (method, outcome) in [
        ("begin", begun.map(|r| r.map(|_| ()))),
        ("complete", completed),
        ("abandon", abandoned),
        ("record_status", recorded),
        ("open_validations", listed.map(|r| r.map(|_| ()))),
    ] {
        match outcome {
            Ok(Err(error)) if error.is_unavailable() => {}
            Ok(Err(error)) => return Err(check.fail(format!("{method} failed with {error}"))),
            Ok(Ok(())) => return Err(check.fail(format!("{method} succeeded"))),
            Err(_) => return Err(check.fail(format!("{method} took longer than {within:?}"))),
        }
    }
    Ok(())
}

/// A random UUID-shaped validation ID, so that cases never meet each other's data.
fn random_validation() -> ValidationId {
    let bits = fastrand::u128(..);
    let hex = format!("{bits:032x}");
    let id = format!(
        "{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    );
    ValidationId::parse(id).unwrap_or_else(|_| unreachable!("a UUID-shaped string"))
}

/// Checks for one case.
struct Check {
    case: &'static str,
}

impl Check {
    fn fail(&self, message: impl Into<String>) -> Failure {
        Failure {
            case: self.case,
            message: message.into(),
        }
    }

    fn ok<T>(&self, outcome: Result<T, StoreError>) -> Result<T, Failure> {
        outcome.map_err(|error| self.fail(format!("the store failed: {error}")))
    }

    fn process(&self, outcome: Result<Begin, StoreError>) -> Result<Lease, Failure> {
        match self.ok(outcome)? {
            Begin::Process(lease) => Ok(lease),
            other => Err(self.fail(format!("expected Process, got {other:?}"))),
        }
    }

    fn expect(&self, outcome: Result<Begin, StoreError>, expected: Begin) -> Result<(), Failure> {
        let got = self.ok(outcome)?;
        if got == expected {
            Ok(())
        } else {
            Err(self.fail(format!("expected {expected:?}, got {got:?}")))
        }
    }

    /// Checks that `id` is among the open validations with `status`, or (`None`) is not.
    async fn open_as(
        &self,
        store: &dyn InboxStore,
        id: &ValidationId,
        status: Option<ValidationStatus>,
    ) -> Result<(), Failure> {
        let open = self.ok(store.open_validations().await)?;
        let found: Vec<&ValidationStatus> = open
            .iter()
            .filter(|(open_id, _)| open_id == id)
            .map(|(_, status)| status)
            .collect();
        match (status, found.as_slice()) {
            (None, []) => Ok(()),
            (Some(expected), [got]) if **got == expected => Ok(()),
            (expected, got) => Err(self.fail(format!(
                "the open validations list it as {got:?}, expected {expected:?}"
            ))),
        }
    }

    fn lost(&self, outcome: Result<(), StoreError>) -> Result<(), Failure> {
        match outcome {
            Err(error) if error.kind() == StoreErrorKind::LeaseLost => Ok(()),
            Err(error) => Err(self.fail(format!("expected LeaseLost, got {error}"))),
            Ok(()) => Err(self.fail("a lease that is not held was accepted")),
        }
    }
}
