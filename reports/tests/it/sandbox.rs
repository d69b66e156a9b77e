//! The reports against the in-process sandbox: histories built through the hosted page and the
//! sandbox's test numbers, read back through the SDK.

use crate::support::sandbox::{World, complete_hosted_session};
use gu1_kyc::types::{Entity, Validation, ValidationStatus};
use gu1_kyc_reports::{CsvOptions, FailureFilter, ManualAction, Period, TimeSource};
use serde_json::json;

/// A tax id with no test outcome: its validations get a hosted session.
const HOSTED: &str = "30123456";
const FIRST_NAME: &str = "Zelda";
const LAST_NAME: &str = "Quintero";
const BIRTH_DATE: &str = "1987-06-05";
const CUSTOMER_REF: &str = "cust-ref-5521";

/// A person with recognisable personal data and a hosted-session tax ID.
async fn person(world: &World) -> Entity {
    world
        .client
        .entities()
        .create_person(format!("{FIRST_NAME} {LAST_NAME}"), "AR")
        .tax_id(HOSTED)
        .first_name(FIRST_NAME)
        .last_name(LAST_NAME)
        .date_of_birth(BIRTH_DATE)
        .send()
        .await
        .expect("the person is created")
}

/// A new validation for `person`, finished on the hosted page with `outcome`.
async fn finished(world: &World, person: &Entity, outcome: ValidationStatus) -> Validation {
    let validation = world
        .client
        .validations()
        .create(&person.id)
        .metadata(json!({"customerRef": CUSTOMER_REF}))
        .send()
        .await
        .expect("the validation is created");
    let url = validation.verification_url().expect("a hosted session");
    complete_hosted_session(url, outcome.as_str()).await;
    world.wait_for_status(&validation.id, outcome).await
}

/// One person whose history is abandoned, then rejected, then approved (oldest first).
async fn three_attempts(world: &World) -> (Entity, [Validation; 3]) {
    let person = person(world).await;
    let abandoned = finished(world, &person, ValidationStatus::Abandoned).await;
    let rejected = finished(world, &person, ValidationStatus::Rejected).await;
    let approved = finished(world, &person, ValidationStatus::Approved).await;
    (person, [abandoned, rejected, approved])
}

#[tokio::test]
async fn an_entitys_audit_trail_shows_each_attempt_oldest_first_and_only_the_last_as_current() {
    let world = World::start().await;
    let (person, [abandoned, rejected, approved]) = three_attempts(&world).await;
    let history = world.client.validations().history(&person.id).limit(2);

    let trail = gu1_kyc_reports::audit_trail(history.stream())
        .await
        .expect("a trail");

    let ids: Vec<_> = trail
        .entries
        .iter()
        .map(|e| e.validation_id.clone())
        .collect();
    assert_eq!(ids, [abandoned.id, rejected.id, approved.id.clone()]);
    let statuses: Vec<_> = trail
        .entries
        .iter()
        .map(|e| (e.status.clone(), e.is_current))
        .collect();
    assert_eq!(
        statuses,
        [
            (ValidationStatus::Abandoned, false),
            (ValidationStatus::Rejected, false),
            (ValidationStatus::Approved, true)
        ]
    );
    assert_eq!(
        trail.current().map(|e| &e.validation_id),
        Some(&approved.id)
    );
    let last = &trail.entries[2];
    let (at, source) = last.completed_at().expect("approved is complete");
    assert_eq!(
        (Some(at), source),
        (approved.verified_at, TimeSource::VerifiedAt)
    );
    assert!(last.changes.first().map(|c| c.at) <= last.changes.last().map(|c| c.at));
    assert_eq!(
        trail.entries[1]
            .warnings
            .iter()
            .map(|w| w.as_str())
            .collect::<Vec<_>>(),
        ["COULD_NOT_RECOGNIZE_DOCUMENT"]
    );

    let debug = format!("{trail:?}");
    let url = approved.verification_url().expect("a URL");
    for personal in [FIRST_NAME, LAST_NAME, BIRTH_DATE, HOSTED, CUSTOMER_REF, url] {
        assert!(
            !debug.contains(personal),
            "the trail's Debug shows {personal}"
        );
    }
}

#[tokio::test]
async fn failures_name_the_rejection_warnings_and_a_manual_rejections_reason() {
    let world = World::start().await;
    let (person, [abandoned, rejected, _]) = three_attempts(&world).await;
    let history = world.client.validations().history(&person.id);
    let failed = gu1_kyc_reports::failures(history.stream(), FailureFilter::rejected()).await;
    let failed = failed.expect("the failures");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].validation_id, rejected.id);
    assert_eq!(failed[0].manual_action, None);
    assert!(
        failed[0]
            .checks
            .iter()
            .all(|c| c.status.as_ref().map(|s| s.as_str()) == Some("Declined"))
    );

    let filter = FailureFilter::rejected().abandoned(true);
    let failed = gu1_kyc_reports::failures(history.stream(), filter)
        .await
        .expect("the failures");
    let ids: Vec<_> = failed.iter().map(|e| e.validation_id.clone()).collect();
    assert_eq!(ids, [rejected.id, abandoned.id], "newest first, as listed");

    let (reviewed, id) = world.in_review("99990003").await;
    let reason = "Selfie does not match the document";
    world
        .client
        .validations()
        .reject(&id, reason)
        .await
        .expect("rejected by hand");
    let history = world.client.validations().history(&reviewed.id);
    let failed = gu1_kyc_reports::failures(history.stream(), FailureFilter::rejected()).await;
    let failed = failed.expect("the failures");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].manual_action, Some(ManualAction::Rejected));
    assert_eq!(
        failed[0].reason.as_ref().map(|r| r.expose().as_str()),
        Some(reason)
    );
    assert!(!format!("{failed:?}").contains(reason));
}

#[tokio::test]
async fn organization_wide_rates_count_every_test_number_outcome() {
    let world = World::start().await;
    let outcomes = [
        ("99990001", ValidationStatus::Approved),
        ("20-99990001-0", ValidationStatus::Approved),
        ("99990002", ValidationStatus::Rejected),
        ("99990004", ValidationStatus::Abandoned),
        ("99990005", ValidationStatus::Expired),
        ("99990006", ValidationStatus::Cancelled),
        ("99990003", ValidationStatus::InReview),
    ];
    for (tax_id, outcome) in outcomes {
        let (_, validation) = world.validated_person(tax_id).await;
        world.wait_for_status(&validation.id, outcome).await;
    }
    let all = world.client.validations().list().limit(3);

    let rates = gu1_kyc_reports::outcome_rates(all.stream(), Period::Day)
        .await
        .expect("the rates");

    let overall = rates.overall;
    assert_eq!(
        (
            overall.approved,
            overall.rejected,
            overall.abandoned,
            overall.expired
        ),
        (2, 1, 1, 1)
    );
    assert_eq!(
        (overall.cancelled, overall.in_review, overall.total()),
        (1, 1, 7)
    );
    assert_eq!(overall.approval_rate(), Some(2.0 / 3.0));
    assert_eq!(overall.rejection_rate(), Some(1.0 / 3.0));
    assert_eq!(overall.abandonment_rate(), Some(2.0 / 7.0));
    // Today, or today and yesterday if the test ran across midnight UTC.
    assert!((1..=2).contains(&rates.periods.len()));
    let summed: u64 = rates.periods.iter().map(|p| p.counts.total()).sum();
    assert_eq!(summed, 7);
    assert!(rates.periods.windows(2).all(|w| w[0].start < w[1].start));
    assert_eq!(rates.undated.total(), 0);
}

#[tokio::test]
async fn the_csv_export_of_a_sandbox_history_leaves_out_its_personal_data_unless_asked() {
    let world = World::start().await;
    let (person, [_, _, approved]) = three_attempts(&world).await;
    let url = approved.verification_url().expect("a URL").to_owned();
    let session = approved.session_id().expect("a session").to_owned();
    let personal = [
        FIRST_NAME,
        LAST_NAME,
        BIRTH_DATE,
        HOSTED,
        CUSTOMER_REF,
        &url,
        &session,
        "/verify/",
    ];
    let history = world.client.validations().history(&person.id);

    let mut plain = Vec::new();
    let rows = gu1_kyc_reports::write_csv(history.stream(), &mut plain, CsvOptions::new()).await;
    assert_eq!(rows.expect("the export"), 3);
    let plain = String::from_utf8(plain).expect("UTF-8");
    for value in personal {
        assert!(
            !plain.contains(value),
            "the default export contains {value}:\n{plain}"
        );
    }
    assert!(plain.contains(approved.id.as_str()));

    let mut full = Vec::new();
    let options = CsvOptions::new().include_personal_data(true);
    let file = tokio::io::BufWriter::new(&mut full);
    let rows = gu1_kyc_reports::write_csv_async(history.stream(), file, options).await;
    assert_eq!(rows.expect("the export"), 3);
    let full = String::from_utf8(full).expect("UTF-8");
    for value in personal {
        assert!(full.contains(value), "the personal export lacks {value}");
    }
}
