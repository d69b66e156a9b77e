//! Reports over a gu1 KYC validation history: the documented uses of
//! [`Validations::history`](gu1_kyc::Validations::history) as library functions, built on the
//! [`gu1_kyc`] SDK's public API.
//!
//! The docs give the history four jobs besides debugging: an audit trail for compliance,
//! success and abandonment analytics, finding failed validations for user support, and an
//! export for reporting. Each has a function here:
//!
//! | Job | Function | Result |
//! |---|---|---|
//! | Audit trail | [`audit_trail`] | [`AuditTrail`] of [`AuditEntry`], oldest first |
//! | Success, rejection and abandonment rates | [`outcome_rates`] | [`OutcomeRates`] by [`Period`] |
//! | Failed validations for support | [`failures`] | [`AuditEntry`] per failed validation |
//! | Export | [`write_csv`], [`write_csv_async`] | CSV rows ([`CsvOptions`]) |
//!
//! Every function takes a stream of `Result<Validation>`, so it works on any list: an entity's
//! history (`client.validations().history(&entity).stream()`), the organization-wide list
//! (`client.validations().list().stream()`), or validations you already hold
//! (`futures_util::stream::iter(validations.into_iter().map(Ok))`). Each one stops at the first
//! error and returns it: a report is never built from part of a list without saying so.
//!
//! # Personal data
//!
//! The reports carry only what a report needs. Names, dates of birth, document numbers,
//! verification URLs, session IDs, operators' reasons and who decided are either left out or kept
//! as [`Sensitive`](gu1_kyc::types::Sensitive), so `Debug` never prints them. The CSV export leaves them
//! out unless [`CsvOptions::include_personal_data`] asks for them.
//!
//! # What the API does not say, and how the reports derive it
//!
//! A validation has no status history: only `status`, `createdAt`, `updatedAt`, `verifiedAt`
//! and `expiresAt`. The reports derive what those fields allow (see [`StatusChange`] and
//! [`AuditEntry::completed_at`]) and say which field each time comes from ([`TimeSource`]).

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![warn(unreachable_pub, rust_2018_idioms)]

mod audit;
mod export;
mod facts;
mod rates;

pub use audit::{AuditEntry, AuditTrail, FailureFilter, StatusChange, audit_trail, failures};
pub use export::{
    CsvOptions, DEFAULT_COLUMNS, ExportError, PERSONAL_COLUMNS, write_csv, write_csv_async,
};
pub use facts::{CheckStatus, ManualAction, TimeSource};
pub use rates::{OutcomeRates, Period, PeriodCounts, StatusCounts, outcome_rates};

#[cfg(test)]
mod tests;
