//! Unit tests for what the reports derive from odd or partial validations.

use chrono::NaiveDate;
use futures_util::stream;
use serde_json::{Value, json};

use super::*;
use gu1_kyc::types::{Validation, ValidationStatus, WarningCode};

fn validation(fields: Value) -> Validation {
    let mut base = json!({
        "id": "550e8400-e29b-41d4-a716-446655440000",
        "entityId": "123e4567-e89b-12d3-a456-426614174000",
        "status": "pending",
    });
    if let (Some(base), Some(fields)) = (base.as_object_mut(), fields.as_object()) {
        base.extend(fields.clone());
    }
    serde_json::from_value(base).expect("a validation")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    futures_util::FutureExt::now_or_never(future).expect("no I/O in these tests")
}

#[test]
fn weeks_start_on_monday_across_a_year_boundary_and_months_on_the_first() {
    assert_eq!(Period::Week.start_of(date(2025, 1, 1)), date(2024, 12, 30));
    assert_eq!(
        Period::Week.start_of(date(2024, 12, 30)),
        date(2024, 12, 30)
    );
    assert_eq!(Period::Week.start_of(date(2025, 1, 5)), date(2024, 12, 30));
    assert_eq!(Period::Month.start_of(date(2024, 2, 29)), date(2024, 2, 1));
    assert_eq!(
        Period::Month.end_of(date(2024, 12, 1)),
        Some(date(2025, 1, 1))
    );
    assert_eq!(
        Period::Day.end_of(date(2024, 2, 28)),
        Some(date(2024, 2, 29))
    );
}

#[test]
fn periods_at_the_edges_of_the_calendar_do_not_panic() {
    for period in [Period::Day, Period::Week, Period::Month] {
        for edge in [NaiveDate::MIN, NaiveDate::MAX] {
            let start = period.start_of(edge);
            assert!(start <= edge);
            let _ = period.end_of(start);
        }
    }
    assert_eq!(Period::Day.end_of(NaiveDate::MAX), None);
}

#[test]
fn rates_follow_their_documented_definitions_and_are_none_without_a_denominator() {
    let mut counts = StatusCounts::default();
    assert_eq!(counts.approval_rate(), None);
    assert_eq!(counts.abandonment_rate(), None);
    for status in [
        "approved",
        "approved",
        "rejected",
        "in_review",
        "abandoned",
        "expired",
        "cancelled",
        "pending",
        "on_hold",
    ] {
        counts.add(&ValidationStatus::from_wire(status));
    }
    assert_eq!(counts.total(), 9);
    assert_eq!(counts.unknown, 1);
    assert_eq!(counts.decided(), 3);
    assert_eq!(counts.approval_rate(), Some(2.0 / 3.0));
    assert_eq!(counts.rejection_rate(), Some(1.0 / 3.0));
    assert_eq!(counts.abandonment_rate(), Some(2.0 / 9.0));
}

#[test]
fn warning_codes_come_from_every_place_once_and_free_text_is_not_a_code() {
    let v = validation(json!({
        "status": "rejected",
        "warnings": ["DOCUMENT_EXPIRED"],
        "decision": {
            "status": "Declined",
            "features": ["id_verification", "liveness", "face_match", "John Doe's selfie"],
            "warnings": ["DOCUMENT_EXPIRED", "John Doe, born 1990-01-15"],
            "id_verification": {
                "status": "Declined",
                "full_name": "John Doe",
                "warnings": [{"risk": "MRZ_VALIDATION_FAILED", "short_description": "John"}],
            },
            "liveness": {"status": "Approved", "warnings": [{"code": "LOW_LIVENESS_SCORE"}]},
            "face_match": "not an object",
        },
        "metadata": {"warnings": "RENAPER_MISMATCH", "rejectionReason": "John Doe's ID is blurry"},
    }));
    let entry = AuditEntry::from_validation(&v);
    let codes: Vec<&str> = entry.warnings.iter().map(WarningCode::as_str).collect();
    assert_eq!(
        codes,
        [
            "DOCUMENT_EXPIRED",
            "MRZ_VALIDATION_FAILED",
            "LOW_LIVENESS_SCORE",
            "RENAPER_MISMATCH"
        ]
    );
    let checks: Vec<(&str, Option<&str>)> = entry
        .checks
        .iter()
        .map(|c| (c.feature.as_str(), c.status.as_ref().map(|s| s.as_str())))
        .collect();
    assert_eq!(
        checks,
        [
            ("id_verification", Some("Declined")),
            ("liveness", Some("Approved")),
            ("face_match", None)
        ]
    );
    assert_eq!(
        entry.reason.as_ref().map(|r| r.expose().as_str()),
        Some("John Doe's ID is blurry")
    );
    let debug = format!("{entry:?}");
    for personal in ["John", "1990-01-15", "blurry"] {
        assert!(!debug.contains(personal), "Debug shows {personal}: {debug}");
    }
}

#[test]
fn completion_time_prefers_verified_at_and_is_absent_until_terminal() {
    let approved = AuditEntry::from_validation(&validation(json!({
        "status": "approved",
        "createdAt": "2025-01-27T09:00:00Z",
        "verifiedAt": "2025-01-27T10:30:00Z",
        "updatedAt": "2025-01-28T00:00:00Z",
    })));
    let (at, source) = approved.completed_at().expect("completed");
    assert_eq!(at.to_rfc3339(), "2025-01-27T10:30:00+00:00");
    assert_eq!(source, TimeSource::VerifiedAt);
    assert_eq!(approved.changes.len(), 2);
    assert_eq!(approved.changes[0].status, ValidationStatus::Pending);
    assert_eq!(approved.changes[1].source, TimeSource::VerifiedAt);

    let running = AuditEntry::from_validation(&validation(json!({
        "status": "in_progress",
        "updatedAt": "2025-01-28T00:00:00Z",
    })));
    assert_eq!(running.completed_at(), None);
    assert_eq!(running.changes.len(), 1);
    assert_eq!(running.changes[0].source, TimeSource::UpdatedAt);

    let bare = AuditEntry::from_validation(&validation(json!({"status": "expired"})));
    assert_eq!(bare.completed_at(), None);
    assert!(bare.changes.is_empty());
}

#[test]
fn a_trail_is_oldest_first_keeps_ties_in_creation_order_and_puts_undated_last() {
    let ids = [
        "00000000-0000-4000-8000-000000000001",
        "00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000003",
        "00000000-0000-4000-8000-000000000004",
    ];
    // As the API lists them: newest first; 2 and 3 were created in the same second.
    let listed = [
        validation(json!({"id": ids[3]})),
        validation(json!({"id": ids[2], "createdAt": "2025-01-02T00:00:00Z", "isCurrent": true})),
        validation(json!({"id": ids[1], "createdAt": "2025-01-02T00:00:00Z"})),
        validation(json!({"id": ids[0], "createdAt": "2025-01-01T00:00:00Z"})),
    ];
    let trail = block_on(audit_trail(stream::iter(listed.map(Ok)))).expect("a trail");
    let order: Vec<String> = trail
        .entries
        .iter()
        .map(|e| e.validation_id.to_string())
        .collect();
    assert_eq!(order, ids);
    assert_eq!(
        trail.current().map(|e| e.validation_id.to_string()),
        Some(ids[2].to_string())
    );
}

#[test]
fn manual_decisions_are_read_from_the_metadata_and_who_decided_stays_redacted() {
    let v = validation(json!({
        "status": "rejected",
        "metadata": {"manuallyRejectedBy": "ops@example.com", "rejectionReason": "Fake ID"},
    }));
    let entry = AuditEntry::from_validation(&v);
    assert_eq!(entry.manual_action, Some(ManualAction::Rejected));
    assert_eq!(
        entry.decided_by.as_ref().map(|b| b.expose().as_str()),
        Some("ops@example.com")
    );
    assert!(!format!("{entry:?}").contains("ops@example.com"));
    let cancelled = AuditEntry::from_validation(&validation(json!({"status": "cancelled"})));
    assert_eq!(cancelled.manual_action, Some(ManualAction::Cancelled));
    let plain = AuditEntry::from_validation(&validation(json!({"status": "rejected"})));
    assert_eq!(plain.manual_action, None);
}
