//! One reconciliation cycle: take the store's cycle lock, walk the open statuses, read the
//! known open validations the walk did not list, and hand every change to the handler through
//! the inbox.

use std::collections::HashMap;

use futures_util::{StreamExt, TryStreamExt, stream};
use tokio::sync::watch;
use tracing::{Instrument, field::Empty};

use super::{CycleReport, OutcomeHandler, Reconciler};
use crate::{
    error::{Error, ErrorKind, Result},
    store::{Begin, Handled, StoreError, StoreErrorKind, lock_key},
    types::{Validation, ValidationId, ValidationStatus},
    webhooks::WebhookEvent,
};

/// The statuses a validation can still leave: one walk each.
const OPEN: [ValidationStatus; 3] = [
    ValidationStatus::Pending,
    ValidationStatus::InProgress,
    ValidationStatus::InReview,
];

/// The largest page the API serves.
const PAGE: u32 = 100;

/// Runs one cycle in its span, within the cycle timeout.
pub(super) async fn run<H: OutcomeHandler>(
    reconciler: &Reconciler,
    handler: &H,
    stopped: &watch::Receiver<bool>,
) -> Result<CycleReport> {
    let span = tracing::info_span!(
        "gu1_kyc.reconcile",
        open = Empty,
        listed = Empty,
        changed = Empty,
        requests = Empty,
        processed = Empty,
        duplicates = Empty,
        failed = Empty,
        skipped = Empty,
    );
    let work = locked(reconciler, handler, stopped);
    let outcome = tokio::time::timeout(reconciler.cycle_timeout, work)
        .instrument(span.clone())
        .await
        .unwrap_or_else(|_| {
            Err(Error::new(ErrorKind::Timeout).with_detail(format!(
                "the reconciliation cycle ran past its timeout of {:?}",
                reconciler.cycle_timeout
            )))
        });
    if let Ok(report) = &outcome {
        span.record("open", report.open);
        span.record("listed", report.listed);
        span.record("changed", report.changed);
        span.record("requests", report.requests);
        span.record("processed", report.processed);
        span.record("duplicates", report.duplicates);
        span.record("failed", report.failed);
        span.record("skipped", report.skipped);
    }
    outcome
}

/// Takes the store's cycle lock, or skips the turn when another process holds it.
async fn locked<H: OutcomeHandler>(
    reconciler: &Reconciler,
    handler: &H,
    stopped: &watch::Receiver<bool>,
) -> Result<CycleReport> {
    let store = reconciler.inbox.store();
    // Held for the whole cycle at most; a holder that dies is outlived by the timeout.
    let ttl = reconciler
        .cycle_timeout
        .saturating_add(std::time::Duration::from_secs(5));
    let key = lock_key("reconcile", "cycle");
    let held = match store.acquire(&key, ttl, std::time::Duration::ZERO).await {
        Ok(held) => held,
        Err(error) if error.kind() == StoreErrorKind::Contended => {
            return Ok(CycleReport {
                skipped: true,
                ..CycleReport::default()
            });
        }
        Err(error) => return Err(store_error(error)),
    };
    let outcome = cycle(reconciler, handler, stopped).await;
    // A lock that could not be released ends when its time runs out.
    let _ = held.release().await;
    outcome
}

async fn cycle<H: OutcomeHandler>(
    reconciler: &Reconciler,
    handler: &H,
    stopped: &watch::Receiver<bool>,
) -> Result<CycleReport> {
    let store = reconciler.inbox.store();
    let known: HashMap<ValidationId, ValidationStatus> = store
        .open_validations()
        .await
        .map_err(store_error)?
        .into_iter()
        .collect();
    let mut report = CycleReport {
        open: known.len(),
        ..CycleReport::default()
    };

    // The walk: every validation in an open status. It must be whole before anything is
    // concluded from what it did not list.
    let (pages, listed) = walk(reconciler).await?;
    report.requests += pages;
    // As pages shift under a walk, one validation can be listed twice: once is enough.
    let listed: HashMap<ValidationId, Validation> =
        listed.into_iter().map(|v| (v.id.clone(), v)).collect();
    report.listed = listed.len();
    let mut changes: Vec<Validation> = Vec::new();
    for validation in listed.values() {
        match known.get(&validation.id) {
            Some(status) if *status == validation.status => {}
            Some(_) => changes.push(validation.clone()),
            None if reconciler.adopt => changes.push(validation.clone()),
            None => {}
        }
    }

    // The known open validations the walk did not list left the open statuses: read them.
    let gone: Vec<ValidationId> = known
        .keys()
        .filter(|id| !listed.contains_key(*id))
        .cloned()
        .collect();
    report.read = gone.len();
    report.requests += gone.len();
    let validations = reconciler.client.validations();
    let reads: Vec<Result<Validation>> = stream::iter(gone)
        .map(|id| {
            let validations = &validations;
            async move {
                reconciler.budget.spend().await;
                validations.get(&id).await
            }
        })
        .buffer_unordered(reconciler.concurrency)
        .collect()
        .await;
    for read in reads {
        match read {
            Ok(validation) if known.get(&validation.id) != Some(&validation.status) => {
                changes.push(validation);
            }
            // Still open in the same status: the walk missed it as pages shifted under it.
            Ok(_) => {}
            Err(_) => report.unread += 1,
        }
    }
    report.changed = changes.len();

    // Every change through the inbox, as its webhook would have gone.
    let handled: Vec<Tally> = stream::iter(changes)
        .map(|validation| async move {
            if *stopped.borrow() {
                return Tally::Stopped;
            }
            hand_over(reconciler, handler, validation).await
        })
        .buffer_unordered(reconciler.concurrency)
        .collect()
        .await;
    for tally in handled {
        match tally {
            Tally::Processed => report.processed += 1,
            Tally::Duplicate => report.duplicates += 1,
            Tally::InFlight => report.in_flight += 1,
            Tally::Failed => report.failed += 1,
            Tally::Stopped => {}
        }
    }
    Ok(report)
}

/// Lists every validation in an open status: the first page of each status at once, then the
/// later pages, `concurrency` at a time. Returns them with the number of pages read.
async fn walk(reconciler: &Reconciler) -> Result<(usize, Vec<Validation>)> {
    let validations = reconciler.client.validations();
    let page = |status: ValidationStatus, number: u32| {
        let validations = &validations;
        async move {
            reconciler.budget.spend().await;
            validations
                .list()
                .status(status)
                .limit(PAGE)
                .page(number)
                .send()
                .await
        }
    };
    let firsts: Vec<_> = stream::iter(OPEN)
        .map(|status| async move { page(status.clone(), 1).await.map(|p| (status, p)) })
        .buffered(reconciler.concurrency)
        .try_collect()
        .await?;
    let mut pages = firsts.len();
    let mut later: Vec<(ValidationStatus, u32)> = Vec::new();
    let mut all: Vec<Validation> = Vec::new();
    for (status, first) in firsts {
        let size = u64::from(first.limit.max(1));
        let last = u32::try_from(first.total.div_ceil(size)).unwrap_or(u32::MAX);
        if !first.items.is_empty() {
            later.extend((2..=last).map(|n| (status.clone(), n)));
        }
        all.extend(first.items);
    }
    pages += later.len();
    let rest: Vec<_> = stream::iter(later)
        .map(|(status, number)| page(status, number))
        .buffer_unordered(reconciler.concurrency)
        .try_collect()
        .await?;
    for page in rest {
        all.extend(page.items);
    }
    Ok((pages, all))
}

/// What handing one change over came to.
enum Tally {
    Processed,
    Duplicate,
    InFlight,
    Failed,
    Stopped,
}

/// Hands one change to the handler through the inbox; when the inbox had it already, brings the
/// store's known status up to date.
async fn hand_over<H: OutcomeHandler>(
    reconciler: &Reconciler,
    handler: &H,
    validation: Validation,
) -> Tally {
    let event = WebhookEvent::reconciled(validation);
    let handled = reconciler
        .inbox
        .handle(&event, |event| handler.handle(event.clone()))
        .await;
    match handled {
        Handled::Processed => Tally::Processed,
        Handled::Skipped(Begin::Duplicate | Begin::Superseded) => {
            // Processed before (its webhook won), or a terminal status is recorded: the store's
            // known status catches up, and a terminal one stays.
            let store = reconciler.inbox.store();
            match store
                .record_status(event.validation_id(), &event.status())
                .await
            {
                Ok(()) => Tally::Duplicate,
                Err(_) => Tally::Failed,
            }
        }
        Handled::Skipped(_) => Tally::InFlight,
        Handled::Failed(_) | Handled::StoreFailed(_) => Tally::Failed,
    }
}

fn store_error(error: StoreError) -> Error {
    Error::new(ErrorKind::Store)
        .with_detail(error.to_string())
        .with_source(error)
}
