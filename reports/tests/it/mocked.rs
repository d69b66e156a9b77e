//! The reports over a validation history, against strict mocks serving the docs' example
//! history (enriched with the personal data a real history holds) over two pages.

use crate::support::mock::{Api, ENTITY_ID, entity_id, expect, fixture, reply};
use futures_util::stream;
use gu1_kyc::types::{Validation, ValidationStatus};
use gu1_kyc_reports::{
    CsvOptions, DEFAULT_COLUMNS, ExportError, FailureFilter, ManualAction, PERSONAL_COLUMNS,
    Period, TimeSource,
};
use httpmock::{Method::GET, Mock};
use serde_json::{Value, json};

const HISTORY_PATH: &str = "/api/kyc/entities/123e4567-e89b-12d3-a456-426614174000/validations";
const APPROVED_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const ABANDONED_ID: &str = "440e8400-e29b-41d4-a716-446655440001";
const REJECTED_ID: &str = "330e8400-e29b-41d4-a716-446655440002";

/// A rejection reason with a comma, quotes and a line break, which CSV must quote.
const REASON: &str = "Photo of John Doe is \"blurry\",\nplease retake";

/// Every personal value in [`history`]: names, birth date, document number, verification URLs,
/// session IDs, metadata values, the operator and the reason.
const PERSONAL: &[&str] = &[
    "John",
    "Doe",
    "1990-01-15",
    "AB123456",
    "https://verify.example.com/",
    "session_xyz789",
    "session_abc456",
    "user_12345",
    "mobile_app",
    "global_gueno_validation_kyc",
    "ops@example.com",
    "blurry",
];

/// The docs' history example, newest first, plus an older manually rejected validation, with a
/// document number and client metadata added where the API puts them.
fn history() -> Vec<Value> {
    let mut items = fixture("list_entity_validations_200_history")["validations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(items.len(), 2, "the docs' example has two validations");
    items[0]["extractedData"]["documentNumber"] = json!("AB123456");
    items[0]["decision"]["id_verification"]["document_number"] = json!("AB123456");
    items[0]["metadata"]["userId"] = json!("user_12345");
    items[0]["metadata"]["source"] = json!("mobile_app");
    let mut rejected = items[1].clone();
    rejected["id"] = json!(REJECTED_ID);
    rejected["validationSessionId"] = json!("session_def123");
    rejected["providerSessionUrl"] = json!("https://verify.example.com/session_def123");
    rejected["status"] = json!("rejected");
    rejected["warnings"] = json!(["COULD_NOT_RECOGNIZE_DOCUMENT"]);
    rejected["decision"] = json!({
        "status": "Declined",
        "features": ["id_verification", "face_match"],
        "id_verification": {"status": "Declined", "full_name": "John Doe", "date_of_birth": "1990-01-15"},
        "face_match": {"status": "Declined", "score": 12.5},
    });
    rejected["metadata"]["manuallyRejectedBy"] = json!("ops@example.com");
    rejected["metadata"]["rejectionReason"] = json!(REASON);
    rejected["createdAt"] = json!("2025-01-10T08:00:00Z");
    rejected["updatedAt"] = json!("2025-01-11T09:15:00Z");
    items.push(rejected);
    items
}

/// Serves `items` two per page; a page listed in `failing` answers 401 instead.
async fn serve<'a>(api: &'a Api, items: &[Value], failing: Option<u32>) -> Vec<Mock<'a>> {
    let mut mocks = Vec::new();
    for (index, chunk) in items.chunks(2).enumerate() {
        let page = u32::try_from(index + 1).expect("few pages");
        let body = if failing == Some(page) {
            json!({"error": "UNAUTHORIZED", "message": "Invalid or missing API key"})
        } else {
            json!({"validations": chunk, "total": items.len(), "page": page, "limit": 2})
        };
        let status = if failing == Some(page) { 401 } else { 200 };
        let mock = api
            .mock(|when, then| {
                expect(when, GET, HISTORY_PATH)
                    .query_param("page", page.to_string())
                    .query_param("limit", "2");
                reply(then, status, &body);
            })
            .await;
        mocks.push(mock);
    }
    mocks
}

async fn assert_each_page_read_once(api: &Api, mocks: &[Mock<'_>]) {
    for mock in mocks {
        assert_eq!(mock.calls_async().await, 1);
    }
    api.assert_all_matched().await;
}

#[tokio::test]
async fn the_audit_trail_lists_the_history_oldest_first_with_derived_times_and_no_personal_data() {
    let api = Api::start().await;
    let mocks = serve(&api, &history(), None).await;
    let history = api.client.validations().history(&entity_id()).limit(2);

    let trail = gu1_kyc_reports::audit_trail(history.stream())
        .await
        .expect("a trail");

    assert_each_page_read_once(&api, &mocks).await;
    let order: Vec<String> = trail
        .entries
        .iter()
        .map(|e| e.validation_id.to_string())
        .collect();
    assert_eq!(order, [REJECTED_ID, ABANDONED_ID, APPROVED_ID]);
    let [rejected, abandoned, approved] = &trail.entries[..] else {
        panic!("three entries");
    };
    assert_eq!(
        trail.current().map(|e| &e.validation_id),
        Some(&approved.validation_id)
    );
    assert!(!rejected.is_current && !abandoned.is_current && approved.is_current);

    let (at, source) = approved.completed_at().expect("approved is complete");
    assert_eq!(
        (at.to_rfc3339().as_str(), source),
        ("2025-01-27T10:30:00+00:00", TimeSource::VerifiedAt)
    );
    let (at, source) = abandoned.completed_at().expect("abandoned is complete");
    assert_eq!(
        (at.to_rfc3339().as_str(), source),
        ("2025-01-21T10:00:00+00:00", TimeSource::UpdatedAt)
    );
    let statuses: Vec<_> = approved
        .changes
        .iter()
        .map(|c| (c.status.clone(), c.source))
        .collect();
    assert_eq!(
        statuses,
        [
            (ValidationStatus::Pending, TimeSource::CreatedAt),
            (ValidationStatus::Approved, TimeSource::VerifiedAt)
        ]
    );
    assert_eq!(rejected.manual_action, Some(ManualAction::Rejected));
    assert_eq!(
        rejected.reason.as_ref().map(|r| r.expose().as_str()),
        Some(REASON)
    );
    assert_eq!(
        rejected
            .warnings
            .iter()
            .map(|w| w.as_str())
            .collect::<Vec<_>>(),
        ["COULD_NOT_RECOGNIZE_DOCUMENT"]
    );
    assert_eq!(ENTITY_ID, approved.entity_id.as_str());

    let debug = format!("{trail:?}");
    for personal in PERSONAL {
        assert!(
            !debug.contains(personal),
            "the trail's Debug shows {personal}"
        );
    }
}

#[tokio::test]
async fn failures_are_the_rejected_validations_and_optionally_the_abandoned_ones() {
    let api = Api::start().await;
    let mocks = serve(&api, &history(), None).await;
    let history = api.client.validations().history(&entity_id()).limit(2);
    let rejected = gu1_kyc_reports::failures(history.stream(), FailureFilter::rejected()).await;
    let rejected = rejected.expect("the failures");
    assert_each_page_read_once(&api, &mocks).await;
    let ids: Vec<String> = rejected
        .iter()
        .map(|e| e.validation_id.to_string())
        .collect();
    assert_eq!(ids, [REJECTED_ID]);
    let checks: Vec<String> = rejected[0]
        .checks
        .iter()
        .map(|c| format!("{}={:?}", c.feature, c.status.as_ref().map(|s| s.as_str())))
        .collect();
    assert_eq!(
        checks,
        [
            "id_verification=Some(\"Declined\")",
            "face_match=Some(\"Declined\")"
        ]
    );

    let listed: Vec<Validation> = history_items();
    let filter = FailureFilter::rejected().abandoned(true);
    let failed = gu1_kyc_reports::failures(stream::iter(listed.into_iter().map(Ok)), filter).await;
    let ids: Vec<String> = failed
        .expect("the failures")
        .iter()
        .map(|e| e.validation_id.to_string())
        .collect();
    assert_eq!(
        ids,
        [ABANDONED_ID, REJECTED_ID],
        "in the list's order, newest first"
    );
}

fn history_items() -> Vec<Validation> {
    history()
        .into_iter()
        .map(|item| serde_json::from_value(item).expect("a validation"))
        .collect()
}

#[tokio::test]
async fn outcome_rates_count_each_status_by_week_and_month_of_creation() {
    let api = Api::start().await;
    let mocks = serve(&api, &history(), None).await;
    let history = api.client.validations().history(&entity_id()).limit(2);
    let weekly = gu1_kyc_reports::outcome_rates(history.stream(), Period::Week)
        .await
        .expect("rates");
    assert_each_page_read_once(&api, &mocks).await;

    // 2025-01-10 is a Friday (week of the 6th), the 20th and the 27th are Mondays.
    let weeks: Vec<(String, u64, u64, u64)> = weekly
        .periods
        .iter()
        .map(|p| {
            (
                p.start.to_string(),
                p.counts.approved,
                p.counts.rejected,
                p.counts.abandoned,
            )
        })
        .collect();
    assert_eq!(
        weeks,
        [
            ("2025-01-06".to_string(), 0, 1, 0),
            ("2025-01-20".to_string(), 0, 0, 1),
            ("2025-01-27".to_string(), 1, 0, 0)
        ]
    );
    assert_eq!(
        weekly.periods[0].end.map(|d| d.to_string()),
        Some("2025-01-13".to_string())
    );
    assert_eq!(weekly.overall.total(), 3);
    assert_eq!(weekly.overall.approval_rate(), Some(0.5));
    assert_eq!(weekly.overall.rejection_rate(), Some(0.5));
    assert_eq!(weekly.overall.abandonment_rate(), Some(1.0 / 3.0));

    let listed = stream::iter(history_items().into_iter().map(Ok));
    let monthly = gu1_kyc_reports::outcome_rates(listed, Period::Month)
        .await
        .expect("rates");
    assert_eq!(monthly.periods.len(), 1);
    assert_eq!(monthly.periods[0].counts, monthly.overall);
    assert_eq!(monthly.undated.total(), 0);
}

#[tokio::test]
async fn the_csv_export_of_a_history_with_personal_data_contains_none_of_it_by_default() {
    let api = Api::start().await;
    let mocks = serve(&api, &history(), None).await;
    let history = api.client.validations().history(&entity_id()).limit(2);
    let mut out = Vec::new();
    let rows = gu1_kyc_reports::write_csv(history.stream(), &mut out, CsvOptions::new()).await;
    assert_eq!(rows.expect("the export"), 3);
    assert_each_page_read_once(&api, &mocks).await;

    let text = String::from_utf8(out).expect("UTF-8");
    for personal in PERSONAL {
        assert!(
            !text.contains(personal),
            "the default export contains {personal}:\n{text}"
        );
    }
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader
            .headers()
            .expect("a header")
            .iter()
            .collect::<Vec<_>>(),
        DEFAULT_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let field = |row: usize, column: &str| {
        let index = DEFAULT_COLUMNS
            .iter()
            .position(|c| *c == column)
            .expect("a column");
        rows[row][index].to_string()
    };
    assert_eq!(field(0, "validation_id"), APPROVED_ID);
    assert_eq!(field(0, "is_current"), "true");
    assert_eq!(field(0, "completed_at"), "2025-01-27T10:30:00Z");
    assert_eq!(field(0, "completed_at_source"), "verifiedAt");
    assert_eq!(
        field(0, "checks"),
        "id_verification=Approved;liveness=;face_match="
    );
    assert_eq!(field(1, "status"), "abandoned");
    assert_eq!(field(1, "decision_status"), "");
    assert_eq!(field(2, "warning_codes"), "COULD_NOT_RECOGNIZE_DOCUMENT");
    assert_eq!(field(2, "manual_action"), "rejected");
    assert_eq!(
        field(2, "checks"),
        "id_verification=Declined;face_match=Declined"
    );
}

#[tokio::test]
async fn the_csv_export_contains_the_personal_data_only_when_asked_and_quotes_it() {
    let options = CsvOptions::new().include_personal_data(true);
    let listed = stream::iter(history_items().into_iter().map(Ok));
    let mut out = Vec::new();
    gu1_kyc_reports::write_csv(listed, &mut out, options)
        .await
        .expect("the export");
    let text = String::from_utf8(out).expect("UTF-8");
    for personal in PERSONAL {
        assert!(
            text.contains(personal),
            "the personal export lacks {personal}"
        );
    }

    let columns = options.columns();
    assert_eq!(
        columns.len(),
        DEFAULT_COLUMNS.len() + PERSONAL_COLUMNS.len()
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let at = |column: &str| columns.iter().position(|c| *c == column).expect("a column");
    assert_eq!(&rows[0][at("full_name")], "John Doe");
    assert_eq!(&rows[0][at("date_of_birth")], "1990-01-15");
    assert_eq!(&rows[0][at("document_number")], "AB123456");
    assert_eq!(&rows[0][at("session_id")], "session_xyz789");
    assert_eq!(
        &rows[0][at("verification_url")],
        "https://verify.example.com/session_xyz789"
    );
    let metadata: Value = serde_json::from_str(&rows[0][at("metadata")]).expect("JSON metadata");
    assert_eq!(metadata["userId"], "user_12345");
    // RFC 4180: the comma, the quotes and the line break survive a round trip.
    assert_eq!(&rows[2][at("reason")], REASON);
    assert!(text.contains("\"Photo of John Doe is \"\"blurry\"\",\nplease retake\""));
    assert_eq!(&rows[2][at("decided_by")], "ops@example.com");
}

#[tokio::test]
async fn the_async_export_writes_the_same_bytes_as_the_blocking_one() {
    let items = || stream::iter(history_items().into_iter().map(Ok));
    for options in [
        CsvOptions::new(),
        CsvOptions::new().include_personal_data(true).header(false),
    ] {
        let mut blocking = Vec::new();
        gu1_kyc_reports::write_csv(items(), &mut blocking, options)
            .await
            .expect("the export");
        let mut tokio_out = Vec::new();
        let rows = gu1_kyc_reports::write_csv_async(items(), &mut tokio_out, options).await;
        assert_eq!(rows.expect("the export"), 3);
        assert_eq!(tokio_out, blocking);
    }
}

#[tokio::test]
async fn every_report_fails_with_the_error_of_a_page_that_fails_to_load() {
    let api = Api::start().await;
    let mocks = serve(&api, &history(), Some(2)).await;
    let history = api.client.validations().history(&entity_id()).limit(2);
    let unauthorized =
        |error: gu1_kyc::Error| assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    let read_failed = |error: ExportError| match error {
        ExportError::Read(error) => unauthorized(error),
        other => panic!("the read failed, not the write: {other:?}"),
    };

    unauthorized(
        gu1_kyc_reports::audit_trail(history.stream())
            .await
            .expect_err("no trail"),
    );
    unauthorized(
        gu1_kyc_reports::failures(history.stream(), FailureFilter::all_unsuccessful())
            .await
            .expect_err("no list"),
    );
    unauthorized(
        gu1_kyc_reports::outcome_rates(history.stream(), Period::Day)
            .await
            .expect_err("no rates"),
    );
    let mut out = Vec::new();
    read_failed(
        gu1_kyc_reports::write_csv(history.stream(), &mut out, CsvOptions::new())
            .await
            .expect_err("no export"),
    );
    let mut tokio_out = Vec::new();
    read_failed(
        gu1_kyc_reports::write_csv_async(history.stream(), &mut tokio_out, CsvOptions::new())
            .await
            .expect_err("no export"),
    );

    // Each report read page 1 and page 2 once (a 401 is not retried), and nothing else.
    for mock in &mocks {
        assert_eq!(mock.calls_async().await, 5);
    }
    api.assert_all_matched().await;
}

#[tokio::test]
async fn an_export_into_a_failing_writer_is_an_io_error() {
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::Error::other("disk full"))
        }
    }
    let listed = stream::iter(history_items().into_iter().map(Ok));
    let error = gu1_kyc_reports::write_csv(listed, Broken, CsvOptions::new()).await;
    let error = error.expect_err("the writer fails");
    assert!(
        matches!(&error, ExportError::Write(cause) if cause.to_string() == "disk full"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the CSV export could not be written (other error)"
    );
}
