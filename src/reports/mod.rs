//! Reports over a validation history: the documented uses of
//! [`Validations::history`](crate::Validations::history) as library functions.
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
//! as [`Sensitive`](crate::Sensitive), so `Debug` never prints them. The CSV export leaves them
//! out unless [`CsvOptions::include_personal_data`] asks for them.
//!
//! # What the API does not say, and how the reports derive it
//!
//! A validation has no status history: only `status`, `createdAt`, `updatedAt`, `verifiedAt`
//! and `expiresAt`. The reports derive what those fields allow (see [`StatusChange`] and
//! [`AuditEntry::completed_at`]) and say which field each time comes from ([`TimeSource`]).

mod audit;
mod csv;
mod facts;
mod rates;

pub use audit::{
    AuditEntry, AuditTrail, CheckStatus, FailureFilter, ManualAction, StatusChange, TimeSource,
    audit_trail, failures,
};
pub use csv::{CsvOptions, DEFAULT_COLUMNS, PERSONAL_COLUMNS, write_csv, write_csv_async};
pub use rates::{OutcomeRates, Period, PeriodCounts, StatusCounts, outcome_rates};

#[cfg(test)]
mod tests;
