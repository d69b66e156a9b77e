//! The CSV export of a history: one row per validation, personal data only on request.

use std::{fmt, pin::pin};

use futures_core::Stream;
use futures_util::StreamExt;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use gu1_kyc::types::Validation;

use crate::facts::{self, CheckStatus, TimeSource};

/// The columns every export has, in order. None holds personal data:
///
/// | Column | Content |
/// |---|---|
/// | `validation_id`, `entity_id`, `organization_id` | IDs |
/// | `status` | the validation's status (`approved`, ...) |
/// | `is_current` | `true` or `false` |
/// | `created_at`, `updated_at`, `verified_at`, `expires_at` | the API's timestamps, RFC 3339 UTC |
/// | `completed_at`, `completed_at_source` | when a terminal status was reached (`verifiedAt`, else `updatedAt`, an upper bound) and which field says so |
/// | `provider` | the provider's display name |
/// | `decision_status` | the decision's status (`Approved`, ...) |
/// | `checks` | each check of the decision and its status: `id_verification=Approved;liveness=Approved` |
/// | `warning_codes` | warning codes, `;`-separated (see [`AuditEntry::warnings`](super::AuditEntry::warnings)) |
/// | `manual_action` | `approved`, `rejected` or `cancelled` when someone decided by hand |
///
/// Empty fields mean the API did not send the value.
pub const DEFAULT_COLUMNS: &[&str] = &[
    "validation_id",
    "entity_id",
    "organization_id",
    "status",
    "is_current",
    "created_at",
    "updated_at",
    "verified_at",
    "completed_at",
    "completed_at_source",
    "expires_at",
    "provider",
    "decision_status",
    "checks",
    "warning_codes",
    "manual_action",
];

/// The columns [`CsvOptions::include_personal_data`] adds after [`DEFAULT_COLUMNS`]:
///
/// | Column | Content |
/// |---|---|
/// | `session_id`, `verification_url` | the provider session: whoever has them can open the person's verification |
/// | `full_name`, `date_of_birth`, `document_type`, `document_number` | from `extractedData`, else from `decision.id_verification` |
/// | `reason` | the reason given with the outcome (free text an operator typed; it can name the person) |
/// | `decided_by` | who approved or rejected by hand |
/// | `metadata` | the whole `metadata` object as JSON (your own fields are in it) |
///
/// The document's type is here rather than in the defaults because, beside a country, it
/// narrows down who the person is.
pub const PERSONAL_COLUMNS: &[&str] = &[
    "session_id",
    "verification_url",
    "full_name",
    "date_of_birth",
    "document_type",
    "document_number",
    "reason",
    "decided_by",
    "metadata",
];

/// What a CSV export contains.
///
/// ```
/// use gu1_kyc_reports::CsvOptions;
/// let options = CsvOptions::new();
/// assert!(!options.columns().contains(&"full_name"));
/// let options = CsvOptions::new().include_personal_data(true);
/// assert!(options.columns().contains(&"full_name"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvOptions {
    personal_data: bool,
    header: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvOptions {
    /// A header row and [`DEFAULT_COLUMNS`] only: no personal data.
    ///
    /// ```
    /// let options = gu1_kyc_reports::CsvOptions::new();
    /// assert_eq!(options.columns(), gu1_kyc_reports::DEFAULT_COLUMNS);
    /// ```
    pub fn new() -> Self {
        Self {
            personal_data: false,
            header: true,
        }
    }

    /// Whether to add the [`PERSONAL_COLUMNS`]. Off by default; turn it on only for an export
    /// that is handled as personal data.
    ///
    /// ```
    /// let options = gu1_kyc_reports::CsvOptions::new().include_personal_data(true);
    /// assert!(options.columns().contains(&"document_number"));
    /// ```
    pub fn include_personal_data(mut self, include: bool) -> Self {
        self.personal_data = include;
        self
    }

    /// Whether to start with a header row of column names (on by default).
    ///
    /// ```
    /// let options = gu1_kyc_reports::CsvOptions::new().header(false);
    /// # let _ = options;
    /// ```
    pub fn header(mut self, header: bool) -> Self {
        self.header = header;
        self
    }

    /// The columns an export with these options has, in order.
    ///
    /// ```
    /// let options = gu1_kyc_reports::CsvOptions::new();
    /// assert_eq!(options.columns()[0], "validation_id");
    /// ```
    pub fn columns(&self) -> Vec<&'static str> {
        let mut columns = DEFAULT_COLUMNS.to_vec();
        if self.personal_data {
            columns.extend_from_slice(PERSONAL_COLUMNS);
        }
        columns
    }

    /// The fields of one validation's row.
    fn row(&self, validation: &Validation) -> Vec<String> {
        let time = |at: Option<chrono::DateTime<chrono::Utc>>| {
            at.map(facts::timestamp).unwrap_or_default()
        };
        let completed = facts::completed_at(validation);
        let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
        let mut row = vec![
            validation.id.to_string(),
            validation.entity_id.to_string(),
            text(validation.organization_id.as_deref()),
            validation.status.to_string(),
            validation.is_current.to_string(),
            time(validation.created_at),
            time(validation.updated_at),
            time(validation.verified_at),
            time(completed.map(|(at, _)| at)),
            completed
                .map(|(_, source)| source_name(source).to_owned())
                .unwrap_or_default(),
            time(validation.expires_at),
            text(validation.provider.as_deref()),
            validation
                .decision
                .as_ref()
                .and_then(|d| d.status.as_ref())
                .map(ToString::to_string)
                .unwrap_or_default(),
            checks(&facts::check_statuses(validation)),
            facts::warning_codes(validation)
                .iter()
                .map(|code| code.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            facts::manual_action(validation)
                .map(|action| action.as_str().to_owned())
                .unwrap_or_default(),
        ];
        if self.personal_data {
            let metadata = validation.metadata.expose();
            row.extend([
                text(validation.session_id()),
                text(validation.verification_url()),
                facts::full_name(validation).unwrap_or_default(),
                text(facts::date_of_birth(validation)),
                text(facts::document_type(validation)),
                text(facts::document_number(validation)),
                text(facts::reason(validation)),
                text(facts::decided_by(validation)),
                if metadata.is_empty() {
                    String::new()
                } else {
                    serde_json::to_string(metadata).unwrap_or_default()
                },
            ]);
        }
        row
    }
}

fn source_name(source: TimeSource) -> &'static str {
    match source {
        TimeSource::CreatedAt => "createdAt",
        TimeSource::VerifiedAt => "verifiedAt",
        TimeSource::UpdatedAt => "updatedAt",
    }
}

fn checks(checks: &[CheckStatus]) -> String {
    checks
        .iter()
        .map(|check| {
            let status = check
                .status
                .as_ref()
                .map(|s| s.as_str())
                .unwrap_or_default();
            format!("{}={status}", check.feature)
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Why an export stopped. The rows written before it stay in the output: discard the output.
#[derive(Debug)]
#[non_exhaustive]
pub enum ExportError {
    /// The list could not be read (a page that failed to load, say): the SDK's error, with
    /// everything it can be asked (`status()`, `is_retryable()`, ...).
    Read(gu1_kyc::Error),
    /// The output could not be written.
    Write(std::io::Error),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(error) => write!(f, "the validations to export could not be read: {error}"),
            Self::Write(error) => {
                write!(f, "the CSV export could not be written ({})", error.kind())
            }
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read(error) => Some(error),
            Self::Write(error) => Some(error),
        }
    }
}

impl From<gu1_kyc::Error> for ExportError {
    fn from(error: gu1_kyc::Error) -> Self {
        Self::Read(error)
    }
}

/// A write that failed, as its I/O cause only: a CSV error's own `Debug` can show the row it
/// was writing.
fn write_failed(error: impl Into<std::io::Error>) -> ExportError {
    ExportError::Write(error.into())
}

/// Writes a list of validations as CSV (RFC 4180: fields with commas, quotes or line breaks are
/// quoted, quotes doubled) to `out`, one row per validation in the order the stream yields them,
/// after a header row. Only [`DEFAULT_COLUMNS`] unless `options` asks for personal data. Rows
/// are written as they arrive, so the whole history is never held in memory. Returns how many
/// rows (validations) were written.
///
/// `out` is written from async code: a file or a socket blocks the task while it writes. Use
/// [`write_csv_async`] for a tokio writer.
///
/// Spreadsheet programs run fields that start with `=`, `+`, `-` or `@` as formulas; the
/// default columns never do, but personal ones (a name, a reason) can. Treat an export with
/// personal data as untrusted input when opening it in one.
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> Result<(), gu1_kyc_reports::ExportError> {
/// use gu1_kyc_reports::{self as reports, CsvOptions};
/// let history = client.validations().history(&entity);
/// let file = std::fs::File::create("history.csv").expect("a writable file");
/// let rows = reports::write_csv(history.stream(), std::io::BufWriter::new(file), CsvOptions::new()).await?;
/// println!("{rows} validations exported");
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// [`ExportError::Read`] with the first error the stream yields, or [`ExportError::Write`] when
/// `out` fails. The rows written before the error stay in `out`: discard the output then.
pub async fn write_csv<S, W>(
    validations: S,
    out: W,
    options: CsvOptions,
) -> Result<u64, ExportError>
where
    S: Stream<Item = gu1_kyc::Result<Validation>>,
    W: std::io::Write,
{
    let mut validations = pin!(validations);
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    if options.header {
        writer
            .write_record(options.columns())
            .map_err(write_failed)?;
    }
    let mut rows: u64 = 0;
    while let Some(validation) = validations.next().await {
        let validation = match validation {
            Ok(validation) => validation,
            Err(error) => {
                // What was written so far is flushed so `out` holds whole rows only; the
                // stream's error is the one to report.
                let _ = writer.flush();
                return Err(ExportError::Read(error));
            }
        };
        writer
            .write_record(options.row(&validation))
            .map_err(write_failed)?;
        rows = rows.saturating_add(1);
    }
    writer.flush().map_err(write_failed)?;
    Ok(rows)
}

/// [`write_csv`] for a tokio writer: the same rows, each written with `write_all` as it is
/// encoded; `out` is flushed at the end.
///
/// ```no_run
/// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> Result<(), gu1_kyc_reports::ExportError> {
/// use gu1_kyc_reports::{self as reports, CsvOptions};
/// let history = client.validations().history(&entity);
/// let file = tokio::fs::File::create("history.csv").await.expect("a writable file");
/// let rows = reports::write_csv_async(history.stream(), file, CsvOptions::new()).await?;
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// As [`write_csv`].
pub async fn write_csv_async<S, W>(
    validations: S,
    out: W,
    options: CsvOptions,
) -> Result<u64, ExportError>
where
    S: Stream<Item = gu1_kyc::Result<Validation>>,
    W: AsyncWrite,
{
    let mut validations = pin!(validations);
    let mut out = pin!(out);
    let mut rows: u64 = 0;
    if options.header {
        let header = encode(options.columns())?;
        out.write_all(&header).await.map_err(write_failed)?;
    }
    while let Some(validation) = validations.next().await {
        let row = encode(options.row(&validation?))?;
        out.write_all(&row).await.map_err(write_failed)?;
        rows = rows.saturating_add(1);
    }
    out.flush().await.map_err(write_failed)?;
    Ok(rows)
}

/// One record as CSV bytes, line ending included.
fn encode<I>(record: I) -> Result<Vec<u8>, ExportError>
where
    I: IntoIterator,
    I::Item: AsRef<[u8]>,
{
    let mut encoder = csv::WriterBuilder::new()
        .has_headers(false)
        .buffer_capacity(1024)
        .from_writer(Vec::new());
    encoder.write_record(record).map_err(write_failed)?;
    // The error's own `Debug` would show the buffered row; only its I/O cause is kept.
    encoder
        .into_inner()
        .map_err(|error| write_failed(error.into_error()))
}
