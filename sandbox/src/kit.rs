//! The test kit on [`Sandbox`]: outcome and clock control, fault injection (of API answers and
//! of webhook deliveries), drifts from the spec and the request log, from Rust. The same controls are served over HTTP
//! under `/_sandbox/...` (see `control.rs`).

use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::faults::Fault;
use crate::faults::delivery::{DeliveryFault, ReleaseOrder, window_end};
use crate::faults::drift::Drift;
use crate::handle::{Error, Sandbox};
use crate::request_log::RecordedRequest;
use crate::util::lock;
use crate::wire_enums::{ValidationStatus, WireEnum};
use crate::{lifecycle, webhooks};

fn validation_id(id: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(id.trim()).map_err(|_| Error::UnknownValidation)
}

fn status(name: &str) -> Result<ValidationStatus, Error> {
    ValidationStatus::parse(name).ok_or_else(|| Error::UnknownStatus(name.to_string()))
}

impl Sandbox {
    /// Moves a validation (of any organization) to `status` — `pending`, `in_progress`,
    /// `in_review`, `approved`, `rejected`, `expired`, `abandoned` or `cancelled` — from
    /// whatever status it has, and sends its signed webhook like an automatic change does.
    ///
    /// `approved`, `rejected` and `in_review` also fill what a finished session carries
    /// (`decision`, `extractedData`, session media); `approved` marks the entity verified;
    /// `rejected`, `expired`, `abandoned` and `cancelled` make the validation no longer current.
    pub fn set_status(&self, validation_id: &str, status: &str) -> Result<(), Error> {
        self.change_status(validation_id, status, true)
    }

    /// Like [`Sandbox::set_status`], but records no webhook.
    pub fn set_status_quietly(&self, validation_id: &str, status: &str) -> Result<(), Error> {
        self.change_status(validation_id, status, false)
    }

    fn change_status(&self, id: &str, name: &str, webhook: bool) -> Result<(), Error> {
        let id = validation_id(id)?;
        let status = status(name)?;
        lifecycle::change_status(self.shared(), None, id, status, webhook)
            .map(|_| ())
            .ok_or(Error::UnknownValidation)
    }

    /// Sends the webhook for a validation's current status again (a new signed delivery, as
    /// the automatic ones are); returns its event type, e.g. `kyc.validation_approved`.
    pub fn fire_webhook(&self, validation_id: &str) -> Result<String, Error> {
        let id = self::validation_id(validation_id)?;
        lifecycle::refire_webhook(self.shared(), None, id).ok_or(Error::UnknownValidation)
    }

    /// The sandbox's current time: real time plus every [`Sandbox::advance_clock`] so far. The
    /// API's timestamps (`createdAt`, `expiresAt`, webhook `timestamp`) use this clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.shared().clock.now()
    }

    /// Moves the sandbox's clock forward (by at most a hundred years in all) and expires every
    /// `pending` or `in_progress` validation now past its `expiresAt` (7 days after creation),
    /// each with its `kyc.validation_expired` webhook. Returns the ids of those it expired.
    pub fn advance_clock(&self, by: Duration) -> Vec<Uuid> {
        lifecycle::expiry::advance_clock(self.shared(), by)
    }

    /// Queues a fault: the next answers of its operation (or of every operation) are replaced
    /// or disturbed as it says, for requests with any organization's key. Faults apply in the
    /// order they were injected.
    pub fn inject_fault(&self, fault: Fault) -> Result<(), Error> {
        if let Some(problem) = fault.problem() {
            return Err(Error::InvalidFault(problem));
        }
        lock(&self.shared().faults).push(fault, None);
        Ok(())
    }

    /// The faults still waiting, each with the answers it still takes.
    pub fn pending_faults(&self) -> Vec<Fault> {
        lock(&self.shared().faults)
            .pending(None)
            .into_iter()
            .map(|(_, fault)| fault)
            .collect()
    }

    /// Removes every waiting fault, including those injected over HTTP.
    pub fn clear_faults(&self) {
        lock(&self.shared().faults).clear(None);
    }

    /// Adds a drift: the successful answers of its operation differ from the spec as it says,
    /// for requests with any organization's key, until it is used up or cleared. Returns its
    /// id. A drift needs an operation ([`Drift::on`]); one the sandbox cannot apply (an unknown
    /// operation, a status the operation documents, ...) is refused with the reason.
    pub fn drift(&self, drift: Drift) -> Result<u64, Error> {
        if let Some(problem) = drift.problem() {
            return Err(Error::InvalidDrift(problem));
        }
        Ok(lock(&self.shared().drifts).push(drift, None))
    }

    /// The drifts still waiting, with their ids, including those added over HTTP; each shows
    /// the answers it still changes.
    pub fn drifts(&self) -> Vec<(u64, Drift)> {
        lock(&self.shared().drifts).pending(None)
    }

    /// Removes every drift, including those added over HTTP.
    pub fn clear_drifts(&self) {
        lock(&self.shared().drifts).clear(None);
    }

    /// Every API request received so far (the last 10 000), oldest first, with its operation,
    /// route template, status and timing; never a concrete path, query, header or body. The
    /// control endpoints are not in it.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared().requests).entries(None)
    }

    /// The requests received so far for one operation, e.g. `createValidation`.
    pub fn requests_for(&self, operation_id: &str) -> Vec<RecordedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.operation_id.as_deref() == Some(operation_id))
            .collect()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        lock(&self.shared().requests).clear(None);
    }

    /// Queues a webhook delivery fault for every organization's deliveries; returns its id,
    /// which [`Delivery::fault_id`](crate::Delivery::fault_id) names on each delivery it takes.
    /// Faults are consulted in the order they were injected, once per delivery, when the
    /// validation's worker picks it up; the first that applies takes it.
    pub fn inject_delivery_fault(&self, fault: DeliveryFault) -> Result<u64, Error> {
        if let Some(problem) = fault.problem() {
            return Err(Error::InvalidFault(problem));
        }
        Ok(lock(&self.shared().store)
            .deliveries
            .faults
            .push(fault, None))
    }

    /// The delivery faults still waiting, with their ids, including those injected over HTTP;
    /// each shows the deliveries it still takes.
    pub fn pending_delivery_faults(&self) -> Vec<(u64, DeliveryFault)> {
        lock(&self.shared().store).deliveries.faults.pending(None)
    }

    /// Removes every waiting delivery fault, including those injected over HTTP. Held
    /// deliveries stay held, and an unreachable window stays open.
    pub fn clear_delivery_faults(&self) {
        lock(&self.shared().store).deliveries.faults.clear(None);
    }

    /// Sends every held delivery, of every organization, in `order`: one after another, each
    /// retried on the normal schedule and completed before the next, so the receiver sees them
    /// in that order. Returns how many were released.
    pub fn release_held(&self, order: ReleaseOrder) -> usize {
        webhooks::release_held(self.shared(), None, order)
    }

    /// Until now + `for_` (at most [`MAX_UNREACHABLE`](crate::MAX_UNREACHABLE)), every attempt
    /// to deliver a webhook, of every organization, fails as if the connection were refused:
    /// nothing is sent, and the delivery is retried on the normal schedule. Attempts after the
    /// window go through. A later call replaces the window; `Duration::ZERO` ends it.
    pub fn receiver_unreachable(&self, for_: Duration) {
        let until = window_end(tokio::time::Instant::now(), for_);
        lock(&self.shared().store)
            .deliveries
            .faults
            .set_unreachable(None, until);
    }
}

/// Every `operationId` the sandbox serves (those of `openapi/gu1-kyc.yaml`), the names
/// [`Fault::on`], [`Drift::on`] and the request log use.
pub fn operation_ids() -> Vec<&'static str> {
    crate::operations::operation_ids().collect()
}
