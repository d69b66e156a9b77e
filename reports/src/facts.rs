//! What the reports read from a validation, in one place, so that every report agrees on what
//! a reason, a warning code or a completion time is.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value};

use gu1_kyc::types::{DecisionStatus, Validation, ValidationStatus, WarningCode};

/// Which field of a validation a report's time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeSource {
    /// `createdAt`: when the validation was created.
    CreatedAt,
    /// `verifiedAt`: when the verification completed (set on approval).
    VerifiedAt,
    /// `updatedAt`: the validation's last change of any kind. The status was reached at this
    /// time or before it: being demoted from current, for example, also moves `updatedAt`.
    UpdatedAt,
}

/// A decision someone in the organization made by hand, as the validation's metadata records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ManualAction {
    /// Approved by hand from `in_review` (`metadata.manuallyApprovedBy`).
    Approved,
    /// Rejected by hand from `in_review` (`metadata.manuallyRejectedBy`).
    Rejected,
    /// Cancelled by the organization (the `cancelled` status).
    Cancelled,
}

impl ManualAction {
    /// A lowercase name: `approved`, `rejected` or `cancelled`.
    ///
    /// ```
    /// assert_eq!(gu1_kyc_reports::ManualAction::Rejected.as_str(), "rejected");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Cancelled => "cancelled",
        }
    }
}

/// One check of the decision (`id_verification`, `liveness`, `face_match`, ...) and its status.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckStatus {
    /// The check's name, as listed in `decision.features`.
    pub feature: String,
    /// The check's own decision, when the decision reports one.
    pub status: Option<DecisionStatus>,
}

/// Whether `text` looks like a machine code (`COULD_NOT_RECOGNIZE_DOCUMENT`, `face_match`):
/// ASCII letters, digits and underscores, 1 to 64 of them. Values read from untyped JSON pass
/// this check before a report shows them, so free text (which can hold personal data) never
/// travels as a "code".
pub(super) fn is_code(text: &str) -> bool {
    (1..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The validation's metadata object.
fn metadata(validation: &Validation) -> &Map<String, Value> {
    validation.metadata.expose()
}

/// A non-empty string under `key` in the metadata.
pub(super) fn metadata_text<'a>(validation: &'a Validation, key: &str) -> Option<&'a str> {
    metadata(validation)
        .get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
}

/// Every warning code the validation carries, first seen first, without repeats: the
/// validation's `warnings`, then any `warnings` inside `decision` and its checks, then the
/// `metadata.warnings` that RENAPER double checks write. Codes from the untyped places are kept
/// only when they look like codes (see [`is_code`]).
pub(super) fn warning_codes(validation: &Validation) -> Vec<WarningCode> {
    let mut codes: Vec<WarningCode> = Vec::new();
    let mut push = |code: WarningCode| {
        if !codes.contains(&code) {
            codes.push(code);
        }
    };
    for code in &validation.warnings {
        push(code.clone());
    }
    let mut untyped: Vec<&Value> = Vec::new();
    if let Some(decision) = &validation.decision {
        untyped.extend(decision.extra.expose().get("warnings"));
        if let Some(check) = &decision.id_verification {
            untyped.extend(check.extra.expose().get("warnings"));
        }
        for (_, check) in decision.checks() {
            untyped.extend(check.get("warnings"));
        }
    }
    untyped.extend(metadata(validation).get("warnings"));
    for list in untyped {
        for code in codes_in(list) {
            push(WarningCode::from_wire(code));
        }
    }
    codes
}

/// The codes in a `warnings` value: a list of strings, or of objects naming the code under
/// `risk`, `code` or `warning` (providers use each); a single string counts as a one-item list.
fn codes_in(value: &Value) -> Vec<&str> {
    let items: &[Value] = match value {
        Value::Array(items) => items,
        single @ Value::String(_) => std::slice::from_ref(single),
        _ => &[],
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::String(code) => Some(code.as_str()),
            Value::Object(fields) => ["risk", "code", "warning"]
                .iter()
                .find_map(|key| fields.get(*key).and_then(Value::as_str)),
            _ => None,
        })
        .filter(|code| is_code(code))
        .collect()
}

/// The decision's per-check statuses, in the order of `decision.features`.
pub(super) fn check_statuses(validation: &Validation) -> Vec<CheckStatus> {
    let Some(decision) = &validation.decision else {
        return Vec::new();
    };
    let mut checks: Vec<CheckStatus> = Vec::new();
    for feature in &decision.features {
        if !is_code(feature) || checks.iter().any(|c| &c.feature == feature) {
            continue;
        }
        let status = if feature == "id_verification" {
            decision
                .id_verification
                .as_ref()
                .and_then(|check| check.status.clone())
        } else {
            decision
                .check(feature)
                .and_then(|check| check.get("status"))
                .and_then(Value::as_str)
                .map(DecisionStatus::from_wire)
        };
        checks.push(CheckStatus {
            feature: feature.clone(),
            status,
        });
    }
    checks
}

/// The manual decision recorded in the metadata, if any: approve and reject write
/// `manuallyApprovedBy` / `manuallyRejectedBy`; cancel is always the organization's act.
pub(super) fn manual_action(validation: &Validation) -> Option<ManualAction> {
    if validation.status == ValidationStatus::Cancelled {
        return Some(ManualAction::Cancelled);
    }
    let approved = metadata(validation).contains_key("manuallyApprovedBy");
    let rejected = metadata(validation).contains_key("manuallyRejectedBy");
    match (&validation.status, approved, rejected) {
        (ValidationStatus::Approved, true, _) => Some(ManualAction::Approved),
        (ValidationStatus::Rejected, _, true) => Some(ManualAction::Rejected),
        (_, true, false) => Some(ManualAction::Approved),
        (_, false, true) => Some(ManualAction::Rejected),
        _ => None,
    }
}

/// Who made the manual decision, as the metadata names them (an operator's ID or e-mail).
pub(super) fn decided_by(validation: &Validation) -> Option<&str> {
    let key = match manual_action(validation)? {
        ManualAction::Approved => "manuallyApprovedBy",
        ManualAction::Rejected => "manuallyRejectedBy",
        // The docs name no key for who cancelled.
        ManualAction::Cancelled => return None,
    };
    metadata_text(validation, key)
}

/// The reason written with the outcome: the rejection, cancellation or approval reason that
/// matches the status, else any of them. Free text typed by an operator.
pub(super) fn reason(validation: &Validation) -> Option<&str> {
    let first = match validation.status {
        ValidationStatus::Rejected => "rejectionReason",
        ValidationStatus::Cancelled => "cancellationReason",
        ValidationStatus::Approved => "approvalReason",
        _ => "rejectionReason",
    };
    [
        first,
        "rejectionReason",
        "cancellationReason",
        "approvalReason",
    ]
    .iter()
    .find_map(|key| metadata_text(validation, key))
}

/// When the validation reached its final status, and which field says so: `verifiedAt` when
/// present, else `updatedAt` (the last change of any kind, so an upper bound). `None` while the
/// status is not terminal.
pub(super) fn completed_at(validation: &Validation) -> Option<(DateTime<Utc>, TimeSource)> {
    if !validation.status.is_terminal() {
        return None;
    }
    validation
        .verified_at
        .map(|at| (at, TimeSource::VerifiedAt))
        .or_else(|| validation.updated_at.map(|at| (at, TimeSource::UpdatedAt)))
}

/// The holder's full name from the extracted data or the decision's document check.
pub(super) fn full_name(validation: &Validation) -> Option<String> {
    let extracted = validation.extracted_data.as_ref();
    if let Some(name) = extracted.and_then(|d| d.full_name.as_ref()) {
        return Some(name.expose().clone());
    }
    let first = extracted
        .and_then(|d| d.first_name.as_ref())
        .map(|n| n.expose().as_str());
    let last = extracted
        .and_then(|d| d.last_name.as_ref())
        .map(|n| n.expose().as_str());
    if first.is_some() || last.is_some() {
        let joined = [first, last]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        return Some(joined);
    }
    validation
        .decision
        .as_ref()
        .and_then(|d| d.id_verification.as_ref())
        .and_then(|check| check.full_name.as_ref())
        .map(|name| name.expose().clone())
}

/// The holder's date of birth from the extracted data or the decision's document check.
pub(super) fn date_of_birth(validation: &Validation) -> Option<&str> {
    validation
        .extracted_data
        .as_ref()
        .and_then(|d| d.date_of_birth.as_ref())
        .or_else(|| {
            validation
                .decision
                .as_ref()
                .and_then(|d| d.id_verification.as_ref())
                .and_then(|check| check.date_of_birth.as_ref())
        })
        .map(|date| date.expose().as_str())
}

/// The document's number from the extracted data or the decision's document check.
pub(super) fn document_number(validation: &Validation) -> Option<&str> {
    validation
        .extracted_data
        .as_ref()
        .and_then(|d| d.document_number.as_ref())
        .or_else(|| {
            validation
                .decision
                .as_ref()
                .and_then(|d| d.id_verification.as_ref())
                .and_then(|check| check.document_number.as_ref())
        })
        .map(|number| number.expose().as_str())
}

/// The document's type from the extracted data or the decision's document check.
pub(super) fn document_type(validation: &Validation) -> Option<&str> {
    validation
        .extracted_data
        .as_ref()
        .and_then(|d| d.document_type.as_deref())
        .or_else(|| {
            validation
                .decision
                .as_ref()
                .and_then(|d| d.id_verification.as_ref())
                .and_then(|check| check.document_type.as_deref())
        })
}

/// A timestamp as RFC 3339 in UTC with a `Z` (`2025-01-27T10:30:00Z`).
pub(super) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
