//! Success, rejection and abandonment rates, by day, week or month of creation.

use std::{collections::BTreeMap, pin::pin};

use chrono::{Datelike, Days, Months, NaiveDate};
use futures_core::Stream;
use futures_util::StreamExt;
use serde::Serialize;

use gu1_kyc::{
    Result,
    types::{Validation, ValidationStatus},
};

/// The length of the periods [`outcome_rates`] groups validations by, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    /// The first day of the period that holds `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use gu1_kyc_reports::Period;
    /// let thursday = NaiveDate::from_ymd_opt(2025, 1, 30).unwrap();
    /// assert_eq!(Period::Week.start_of(thursday), NaiveDate::from_ymd_opt(2025, 1, 27).unwrap());
    /// assert_eq!(Period::Month.start_of(thursday), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    /// ```
    pub fn start_of(&self, date: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => date,
            Self::Week => {
                let back = u64::from(date.weekday().num_days_from_monday());
                // Only the first days chrono can represent have no Monday before them.
                date.checked_sub_days(Days::new(back)).unwrap_or(date)
            }
            Self::Month => date.with_day(1).unwrap_or(date),
        }
    }

    /// The first day after the period that starts on `start`; `None` past the last date chrono
    /// can represent.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use gu1_kyc_reports::Period;
    /// let january = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    /// assert_eq!(Period::Month.end_of(january), NaiveDate::from_ymd_opt(2025, 2, 1));
    /// ```
    pub fn end_of(&self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Day => start.checked_add_days(Days::new(1)),
            Self::Week => start.checked_add_days(Days::new(7)),
            Self::Month => start.checked_add_months(Months::new(1)),
        }
    }
}

/// How many validations have each status, and the rates derived from them.
///
/// The rates are fractions from 0 to 1, and `None` when their denominator is 0:
///
/// - [`approval_rate`](Self::approval_rate) = approved / decided,
/// - [`rejection_rate`](Self::rejection_rate) = rejected / decided,
/// - [`abandonment_rate`](Self::abandonment_rate) = (abandoned + expired) / started,
///
/// where *decided* = approved + rejected (validations still `in_review` are not decided yet), and
/// *started* = every validation counted, whatever its status: the API cannot tell whether the
/// person opened the link, so every created validation counts as a start (as the docs' own
/// abandonment rate does).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StatusCounts {
    /// `pending`.
    pub pending: u64,
    /// `in_progress`.
    pub in_progress: u64,
    /// `in_review`.
    pub in_review: u64,
    /// `approved`.
    pub approved: u64,
    /// `rejected`.
    pub rejected: u64,
    /// `expired`.
    pub expired: u64,
    /// `abandoned`.
    pub abandoned: u64,
    /// `cancelled`.
    pub cancelled: u64,
    /// Statuses this version of the SDK does not know.
    pub unknown: u64,
}

impl StatusCounts {
    /// Counts one validation with `status`.
    ///
    /// ```
    /// use gu1_kyc::types::ValidationStatus;
    /// use gu1_kyc_reports::StatusCounts;
    /// let mut counts = StatusCounts::default();
    /// counts.add(&ValidationStatus::Approved);
    /// assert_eq!(counts.approved, 1);
    /// ```
    pub fn add(&mut self, status: &ValidationStatus) {
        let slot = match status {
            ValidationStatus::Pending => &mut self.pending,
            ValidationStatus::InProgress => &mut self.in_progress,
            ValidationStatus::InReview => &mut self.in_review,
            ValidationStatus::Approved => &mut self.approved,
            ValidationStatus::Rejected => &mut self.rejected,
            ValidationStatus::Expired => &mut self.expired,
            ValidationStatus::Abandoned => &mut self.abandoned,
            ValidationStatus::Cancelled => &mut self.cancelled,
            _ => &mut self.unknown,
        };
        *slot = slot.saturating_add(1);
    }

    /// Every validation counted (the *started* of the abandonment rate).
    ///
    /// ```
    /// let counts = gu1_kyc_reports::StatusCounts::default();
    /// assert_eq!(counts.total(), 0);
    /// ```
    pub fn total(&self) -> u64 {
        [
            self.pending,
            self.in_progress,
            self.in_review,
            self.approved,
            self.rejected,
            self.expired,
            self.abandoned,
            self.cancelled,
            self.unknown,
        ]
        .into_iter()
        .fold(0, u64::saturating_add)
    }

    /// Approved plus rejected: the validations with a final decision.
    ///
    /// ```
    /// let counts = gu1_kyc_reports::StatusCounts::default();
    /// assert_eq!(counts.decided(), 0);
    /// ```
    pub fn decided(&self) -> u64 {
        self.approved.saturating_add(self.rejected)
    }

    /// Approved / decided; `None` when nothing was decided.
    ///
    /// ```
    /// use gu1_kyc::types::ValidationStatus;
    /// use gu1_kyc_reports::StatusCounts;
    /// let mut counts = StatusCounts::default();
    /// for status in ["approved", "approved", "approved", "rejected", "abandoned"] {
    ///     counts.add(&ValidationStatus::from_wire(status));
    /// }
    /// assert_eq!(counts.approval_rate(), Some(0.75));
    /// ```
    pub fn approval_rate(&self) -> Option<f64> {
        ratio(self.approved, self.decided())
    }

    /// Rejected / decided; `None` when nothing was decided.
    ///
    /// ```
    /// use gu1_kyc::types::ValidationStatus;
    /// use gu1_kyc_reports::StatusCounts;
    /// let mut counts = StatusCounts::default();
    /// counts.add(&ValidationStatus::Rejected);
    /// counts.add(&ValidationStatus::Approved);
    /// assert_eq!(counts.rejection_rate(), Some(0.5));
    /// ```
    pub fn rejection_rate(&self) -> Option<f64> {
        ratio(self.rejected, self.decided())
    }

    /// (Abandoned + expired) / started, where started is [`total`](Self::total); `None` when
    /// nothing was counted.
    ///
    /// ```
    /// use gu1_kyc::types::ValidationStatus;
    /// use gu1_kyc_reports::StatusCounts;
    /// let mut counts = StatusCounts::default();
    /// for status in ["abandoned", "expired", "approved", "pending"] {
    ///     counts.add(&ValidationStatus::from_wire(status));
    /// }
    /// assert_eq!(counts.abandonment_rate(), Some(0.5));
    /// ```
    pub fn abandonment_rate(&self) -> Option<f64> {
        ratio(self.abandoned.saturating_add(self.expired), self.total())
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    // Counts stay far below 2^53, where u64 to f64 is exact.
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The validations created in one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PeriodCounts {
    /// The period's first day (UTC).
    pub start: NaiveDate,
    /// The first day after the period; `None` only past the last date chrono can represent.
    pub end: Option<NaiveDate>,
    /// The validations created in `start..end`, by status.
    pub counts: StatusCounts,
}

/// Counts and rates of a list of validations, by the period of their `createdAt` (UTC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OutcomeRates {
    /// The length of the periods.
    pub period: Period,
    /// The periods that hold at least one validation, oldest first. Empty periods are left out.
    pub periods: Vec<PeriodCounts>,
    /// Validations without `createdAt`, which no period holds.
    pub undated: StatusCounts,
    /// Every validation of the list, dated or not.
    pub overall: StatusCounts,
}

/// Counts per status and approval, rejection and abandonment rates of a list of validations, by
/// day, week or month of `createdAt` in UTC (see [`StatusCounts`] for the rates' definitions).
///
/// Statuses are as the list was read: a validation created in a period and still pending counts
/// as pending there.
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
/// use gu1_kyc_reports::{self as reports, Period};
/// let all = client.validations().list();
/// let rates = reports::outcome_rates(all.stream(), Period::Month).await?;
/// for month in &rates.periods {
///     println!(
///         "{}: {} started, approval {:?}, abandonment {:?}",
///         month.start,
///         month.counts.total(),
///         month.counts.approval_rate(),
///         month.counts.abandonment_rate(),
///     );
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The first error the stream yields; no counts are returned.
pub async fn outcome_rates<S>(validations: S, period: Period) -> Result<OutcomeRates>
where
    S: Stream<Item = Result<Validation>>,
{
    let mut validations = pin!(validations);
    let mut by_start: BTreeMap<NaiveDate, StatusCounts> = BTreeMap::new();
    let mut undated = StatusCounts::default();
    let mut overall = StatusCounts::default();
    while let Some(validation) = validations.next().await {
        let validation = validation?;
        overall.add(&validation.status);
        match validation.created_at {
            Some(at) => by_start
                .entry(period.start_of(at.date_naive()))
                .or_default()
                .add(&validation.status),
            None => undated.add(&validation.status),
        }
    }
    let periods = by_start
        .into_iter()
        .map(|(start, counts)| PeriodCounts {
            start,
            end: period.end_of(start),
            counts,
        })
        .collect();
    Ok(OutcomeRates {
        period,
        periods,
        undated,
        overall,
    })
}
