//! The audit trail of a history, and its failed validations.

use std::pin::pin;

use chrono::{DateTime, Utc};
use futures_core::Stream;
use futures_util::StreamExt;

use gu1_kyc::{
    Result,
    types::{
        DecisionStatus, EntityId, Sensitive, Validation, ValidationId, ValidationStatus,
        WarningCode,
    },
};

use crate::facts::{self, CheckStatus, ManualAction, TimeSource};

/// A status change that the validation's fields show. The API keeps no status history, so a
/// trail has at most two per validation: its creation (documented to start as `pending`) and the
/// status it has now, when that is not `pending`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusChange {
    /// The status the validation had from this time.
    pub status: ValidationStatus,
    /// When: exact for [`TimeSource::CreatedAt`] and [`TimeSource::VerifiedAt`], at the latest
    /// for [`TimeSource::UpdatedAt`].
    pub at: DateTime<Utc>,
    /// The field `at` comes from.
    pub source: TimeSource,
}

/// One validation in an audit trail or a failure list: what happened, when, and why, without the
/// person's data. Reasons and who decided are free text and kept [`Sensitive`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AuditEntry {
    /// The validation.
    pub validation_id: ValidationId,
    /// The person entity it verified.
    pub entity_id: EntityId,
    /// Its status when the list was read.
    pub status: ValidationStatus,
    /// Whether it was the entity's current validation when the list was read.
    pub is_current: bool,
    /// The provider's display name.
    pub provider: Option<String>,
    /// `createdAt`.
    pub created_at: Option<DateTime<Utc>>,
    /// `updatedAt`: the last change of any kind.
    pub updated_at: Option<DateTime<Utc>>,
    /// `verifiedAt`: when the verification completed.
    pub verified_at: Option<DateTime<Utc>>,
    /// `expiresAt`: when the verification URL stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// The status changes the fields show, oldest first (see [`StatusChange`]).
    pub changes: Vec<StatusChange>,
    /// The decision's overall status (`Approved`, `Declined`, ...), once decided.
    pub decision_status: Option<DecisionStatus>,
    /// The decision's checks, in the order of `decision.features`.
    pub checks: Vec<CheckStatus>,
    /// Every warning code: the validation's `warnings`, those inside `decision`, and
    /// `metadata.warnings`, first seen first, without repeats. Codes read from untyped JSON are
    /// kept only when they look like codes (ASCII letters, digits and `_`).
    pub warnings: Vec<WarningCode>,
    /// The manual decision, if one was made.
    pub manual_action: Option<ManualAction>,
    /// Who made the manual decision (`metadata.manuallyApprovedBy` / `manuallyRejectedBy`).
    pub decided_by: Option<Sensitive<String>>,
    /// The reason given with the outcome (`metadata.rejectionReason`, `cancellationReason` or
    /// `approvalReason`, the one matching the status first). Free text: it can name the person.
    pub reason: Option<Sensitive<String>>,
}

impl AuditEntry {
    /// The entry for one validation.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// use gu1_kyc_reports::AuditEntry;
    /// let entry = AuditEntry::from_validation(&client.validations().get(&id).await?);
    /// println!("{} {:?}", entry.status, entry.completed_at());
    /// # Ok(()) }
    /// ```
    pub fn from_validation(validation: &Validation) -> Self {
        let mut changes = Vec::new();
        if let Some(at) = validation.created_at {
            changes.push(StatusChange {
                status: ValidationStatus::Pending,
                at,
                source: TimeSource::CreatedAt,
            });
        }
        if validation.status != ValidationStatus::Pending {
            let reached = facts::completed_at(validation)
                .or_else(|| validation.updated_at.map(|at| (at, TimeSource::UpdatedAt)));
            if let Some((at, source)) = reached {
                changes.push(StatusChange {
                    status: validation.status.clone(),
                    at,
                    source,
                });
            }
        }
        Self {
            validation_id: validation.id.clone(),
            entity_id: validation.entity_id.clone(),
            status: validation.status.clone(),
            is_current: validation.is_current,
            provider: validation.provider.clone(),
            created_at: validation.created_at,
            updated_at: validation.updated_at,
            verified_at: validation.verified_at,
            expires_at: validation.expires_at,
            changes,
            decision_status: validation.decision.as_ref().and_then(|d| d.status.clone()),
            checks: facts::check_statuses(validation),
            warnings: facts::warning_codes(validation),
            manual_action: facts::manual_action(validation),
            decided_by: facts::decided_by(validation).map(|by| Sensitive::new(by.to_owned())),
            reason: facts::reason(validation).map(|text| Sensitive::new(text.to_owned())),
        }
    }

    /// When the validation reached its final status: `verifiedAt` when present, else
    /// `updatedAt` (at the latest; see [`TimeSource::UpdatedAt`]). `None` while the status is
    /// not terminal, or when neither field is present.
    ///
    /// ```no_run
    /// # fn demo(entry: gu1_kyc_reports::AuditEntry) {
    /// if let Some((at, source)) = entry.completed_at() {
    ///     println!("{} at {at} (from {source:?})", entry.status);
    /// }
    /// # }
    /// ```
    pub fn completed_at(&self) -> Option<(DateTime<Utc>, TimeSource)> {
        if !self.status.is_terminal() {
            return None;
        }
        self.verified_at
            .map(|at| (at, TimeSource::VerifiedAt))
            .or_else(|| self.updated_at.map(|at| (at, TimeSource::UpdatedAt)))
    }
}

/// Every validation of a list, oldest first: an entity's verification journey for compliance.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct AuditTrail {
    /// The entries, by `createdAt` from oldest to newest. Entries created at the same time keep
    /// the list's order reversed (the API lists newest first); entries without `createdAt` come
    /// last.
    pub entries: Vec<AuditEntry>,
}

impl AuditTrail {
    /// The entry marked current (`isCurrent`), if any. Should the list hold several (an
    /// organization-wide list has one per entity), the newest of them.
    ///
    /// ```no_run
    /// # fn demo(trail: gu1_kyc_reports::AuditTrail) {
    /// match trail.current() {
    ///     Some(entry) => println!("current: {}", entry.status),
    ///     None => println!("no current validation"),
    /// }
    /// # }
    /// ```
    pub fn current(&self) -> Option<&AuditEntry> {
        self.entries.iter().rev().find(|entry| entry.is_current)
    }
}

/// The audit trail of a list of validations: each one with its status, the status changes its
/// fields show, its decision, checks, warning codes, manual action and reason, and whether it was
/// current; oldest first.
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
/// use gu1_kyc_reports as reports;
/// let history = client.validations().history(&entity);
/// let trail = reports::audit_trail(history.stream()).await?;
/// for entry in &trail.entries {
///     println!("{} {} current={}", entry.validation_id, entry.status, entry.is_current);
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The first error the stream yields (a page that failed to load, say); no trail is returned.
pub async fn audit_trail<S>(validations: S) -> Result<AuditTrail>
where
    S: Stream<Item = Result<Validation>>,
{
    let mut validations = pin!(validations);
    let mut entries = Vec::new();
    while let Some(validation) = validations.next().await {
        entries.push(AuditEntry::from_validation(&validation?));
    }
    // The API lists newest first: reversing first makes the stable sort keep equal timestamps
    // in creation order. `None` sorts after every time.
    entries.reverse();
    entries.sort_by_key(|entry| (entry.created_at.is_none(), entry.created_at));
    Ok(AuditTrail { entries })
}

/// Which statuses [`failures`] counts as failed. `rejected` always is; the others are opt-in.
///
/// ```
/// use gu1_kyc_reports::FailureFilter;
/// let filter = FailureFilter::rejected().abandoned(true).expired(true);
/// assert!(filter.matches(&gu1_kyc::types::ValidationStatus::Expired));
/// assert!(!filter.matches(&gu1_kyc::types::ValidationStatus::Cancelled));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailureFilter {
    abandoned: bool,
    expired: bool,
    cancelled: bool,
}

impl FailureFilter {
    /// Only `rejected` validations.
    ///
    /// ```
    /// let filter = gu1_kyc_reports::FailureFilter::rejected();
    /// assert!(!filter.matches(&gu1_kyc::types::ValidationStatus::Abandoned));
    /// ```
    pub fn rejected() -> Self {
        Self::default()
    }

    /// `rejected`, `abandoned`, `expired` and `cancelled`: every terminal status but `approved`.
    ///
    /// ```
    /// let filter = gu1_kyc_reports::FailureFilter::all_unsuccessful();
    /// assert!(filter.matches(&gu1_kyc::types::ValidationStatus::Cancelled));
    /// ```
    pub fn all_unsuccessful() -> Self {
        Self {
            abandoned: true,
            expired: true,
            cancelled: true,
        }
    }

    /// Whether `abandoned` validations count as failed.
    ///
    /// ```
    /// let filter = gu1_kyc_reports::FailureFilter::rejected().abandoned(true);
    /// assert!(filter.matches(&gu1_kyc::types::ValidationStatus::Abandoned));
    /// ```
    pub fn abandoned(mut self, include: bool) -> Self {
        self.abandoned = include;
        self
    }

    /// Whether `expired` validations count as failed.
    ///
    /// ```
    /// let filter = gu1_kyc_reports::FailureFilter::rejected().expired(true);
    /// assert!(filter.matches(&gu1_kyc::types::ValidationStatus::Expired));
    /// ```
    pub fn expired(mut self, include: bool) -> Self {
        self.expired = include;
        self
    }

    /// Whether `cancelled` validations count as failed.
    ///
    /// ```
    /// let filter = gu1_kyc_reports::FailureFilter::rejected().cancelled(true);
    /// assert!(filter.matches(&gu1_kyc::types::ValidationStatus::Cancelled));
    /// ```
    pub fn cancelled(mut self, include: bool) -> Self {
        self.cancelled = include;
        self
    }

    /// Whether a validation with `status` counts as failed.
    ///
    /// ```
    /// let filter = gu1_kyc_reports::FailureFilter::rejected();
    /// assert!(filter.matches(&gu1_kyc::types::ValidationStatus::Rejected));
    /// assert!(!filter.matches(&gu1_kyc::types::ValidationStatus::Approved));
    /// ```
    pub fn matches(&self, status: &ValidationStatus) -> bool {
        match status {
            ValidationStatus::Rejected => true,
            ValidationStatus::Abandoned => self.abandoned,
            ValidationStatus::Expired => self.expired,
            ValidationStatus::Cancelled => self.cancelled,
            _ => false,
        }
    }
}

/// The failed validations of a list, with their decision, checks, warning codes and reasons: to
/// see why a person's verification failed. In the order the stream yields them (an entity's
/// history is newest first).
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
/// use gu1_kyc_reports::{self as reports, FailureFilter};
/// let history = client.validations().history(&entity);
/// let failed = reports::failures(history.stream(), FailureFilter::rejected().abandoned(true)).await?;
/// for entry in &failed {
///     let codes: Vec<&str> = entry.warnings.iter().map(|w| w.as_str()).collect();
///     println!("{} {}: {}", entry.validation_id, entry.status, codes.join(", "));
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The first error the stream yields; no list is returned.
pub async fn failures<S>(validations: S, filter: FailureFilter) -> Result<Vec<AuditEntry>>
where
    S: Stream<Item = Result<Validation>>,
{
    let mut validations = pin!(validations);
    let mut failed = Vec::new();
    while let Some(validation) = validations.next().await {
        let validation = validation?;
        if filter.matches(&validation.status) {
            failed.push(AuditEntry::from_validation(&validation));
        }
    }
    Ok(failed)
}
