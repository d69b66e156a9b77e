//! The jobs around the calls, against the sandbox: waiting for an outcome, opening a validation
//! at most once, creating a person at most once; and the waiter's pace against a strict mock.

use std::time::Duration;

use crate::support::world::{World, complete_hosted_session};
use gu1_kyc::{ErrorCode, types::ValidationStatus};

/// A tax ID the sandbox does not resolve by itself: a hosted session the test plays.
const HOSTED: &str = "30123456";
const IN_REVIEW: &str = "99990003";

#[tokio::test]
async fn wait_for_outcome_returns_once_the_validation_needs_a_decision() {
    let world = World::start().await;
    let (_, created) = world.validated_person(IN_REVIEW).await;

    let done = world
        .client
        .validations()
        .wait_for_outcome(&created.id)
        .poll_interval(Duration::from_millis(10), Duration::from_millis(40))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .expect("an outcome in time");

    assert_eq!(done.status, ValidationStatus::InReview);
    assert_eq!(done.id, created.id);
}

#[tokio::test]
async fn wait_for_outcome_times_out_with_the_last_status_seen() {
    let world = World::start().await;
    let (_, created) = world.validated_person(HOSTED).await;

    let error = world
        .client
        .validations()
        .wait_for_outcome(&created.id)
        .poll_interval(Duration::from_millis(20), Duration::from_millis(50))
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .expect_err("nobody completes the session");

    assert!(error.is_timeout(), "{error}");
    assert_eq!(error.last_status(), Some(&ValidationStatus::Pending));
}

#[tokio::test]
async fn wait_for_outcome_sees_a_terminal_status_reached_on_the_hosted_page() {
    let world = World::start().await;
    let (_, created) = world.validated_person(HOSTED).await;
    let url = created
        .verification_url()
        .expect("a hosted session")
        .to_owned();
    let customer = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        complete_hosted_session(&url, "rejected").await;
    });

    let done = world
        .client
        .validations()
        .wait_for_outcome(&created.id)
        .poll_interval(Duration::from_millis(10), Duration::from_millis(50))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .expect("an outcome in time");

    customer.await.unwrap();
    assert_eq!(done.status, ValidationStatus::Rejected);
}

#[tokio::test]
async fn twenty_concurrent_ensure_open_calls_create_exactly_one_validation() {
    let world = World::start().await;
    let person = world.person(HOSTED).await;

    let calls = (0..20).map(|_| world.client.validations().ensure_open(&person.id));
    let opened = futures_util::future::join_all(calls).await;

    let opened: Vec<_> = opened.into_iter().map(|r| r.expect("open")).collect();
    assert!(
        opened.iter().all(|v| v.id == opened[0].id),
        "one validation for all"
    );
    let history = world
        .client
        .validations()
        .history(&person.id)
        .collect_all(100)
        .await
        .unwrap();
    assert_eq!(history.len(), 1, "exactly one validation was created");
}

#[tokio::test]
async fn ensure_open_creates_a_new_validation_when_the_current_one_is_closed() {
    let world = World::start().await;
    let person = world.person(HOSTED).await;
    let first = world
        .client
        .validations()
        .ensure_open(&person.id)
        .await
        .unwrap();
    world
        .client
        .validations()
        .cancel(&first.id, "customer asked to restart")
        .await
        .unwrap();

    let second = world
        .client
        .validations()
        .ensure_open(&person.id)
        .await
        .unwrap();
    let again = world
        .client
        .validations()
        .ensure_open(&person.id)
        .await
        .unwrap();

    assert_ne!(second.id, first.id, "a cancelled validation is not open");
    assert_eq!(again.id, second.id, "an open one is returned, not replaced");
    assert!(second.verification_url().is_some());
}

#[tokio::test]
async fn create_or_get_person_returns_the_existing_entity_on_a_duplicate_external_id() {
    let world = World::start().await;
    let entities = world.client.entities();

    let first = entities
        .create_or_get_person("Ana Test", "AR", "signup-991")
        .send()
        .await
        .unwrap();
    let second = entities
        .create_or_get_person("Ana Test", "AR", "signup-991")
        .send()
        .await
        .unwrap();

    assert_eq!(second.id, first.id);
    let plain = entities
        .create_person("Ana Test", "AR")
        .external_id("signup-991")
        .send()
        .await
        .expect_err("a plain create still reports the duplicate");
    assert_eq!(plain.code(), Some(&ErrorCode::DuplicateExternalId));
    let listed = entities
        .list()
        .external_id("signup-991")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1, "no second entity");
}

#[tokio::test]
async fn concurrent_create_or_get_person_calls_agree_on_one_entity() {
    let world = World::start().await;
    let entities = world.client.entities();

    let calls = (0..10).map(|_| {
        entities
            .create_or_get_person("Ana Test", "AR", "signup-1200")
            .send()
    });
    let people = futures_util::future::join_all(calls).await;

    let people: Vec<_> = people
        .into_iter()
        .map(|p| p.expect("created or found"))
        .collect();
    assert!(people.iter().all(|p| p.id == people[0].id));
}
