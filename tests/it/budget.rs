//! The request budget against the sandbox's rate limit: four tasks that walk histories and
//! poll for five seconds stay under a limit of 10 a second with a budget of 10 a second, and
//! get 429s without one; a wait past the deadline fails the call without sending it; a 429 with
//! `Retry-After` holds the whole client back.

use std::time::{Duration, Instant};

use gu1_kyc::{ErrorKind, RequestOptions, types::ValidationId};
use gu1_kyc_sandbox::{Fault, Sandbox};

use crate::support::world::{World, builder_for};

/// A sandbox that allows each organization 10 requests a second (bursts of 10), and a client
/// built with `configure`.
async fn limited(
    configure: impl FnOnce(gu1_kyc::ClientBuilder) -> gu1_kyc::ClientBuilder,
) -> World {
    let sandbox = Sandbox::builder()
        .rate_limit(10, Duration::from_secs(1))
        .start()
        .await
        .expect("the sandbox starts");
    World::on(sandbox, configure)
}

/// Four tasks walking `entity`'s history and polling `validation` until `run_for` has passed.
async fn four_walkers(world: &World, validation: &ValidationId, run_for: Duration) {
    let person = world
        .client
        .validations()
        .get(validation)
        .await
        .expect("the validation")
        .entity_id;
    world.sandbox.clear_requests();
    let started = Instant::now();
    let tasks = (0..4).map(|_| {
        let (client, person, validation) =
            (world.client.clone(), person.clone(), validation.clone());
        async move {
            while started.elapsed() < run_for {
                // Failures (429s without a budget) are what the test counts, not what it stops on.
                let _ = client
                    .validations()
                    .history(&person)
                    .collect_all(1_000)
                    .await;
                let _ = client.validations().get(&validation).await;
            }
        }
    });
    futures_util::future::join_all(tasks).await;
}

#[tokio::test]
async fn a_budget_of_ten_a_second_keeps_four_walkers_under_the_sandboxs_limit() {
    let world = limited(|b| b.rate_limit(10, Duration::from_secs(1))).await;
    let (_, validation) = world.validated_person("30260001").await;
    four_walkers(&world, &validation.id, Duration::from_secs(5)).await;
    let log = world.sandbox.requests();
    assert!(
        log.iter().all(|r| r.status != Some(429)),
        "the budget was refused: {:?}",
        log.iter().filter(|r| r.status == Some(429)).count()
    );
    let first = log.first().expect("requests").received_at;
    let within = log
        .iter()
        .filter(|r| r.received_at - first < chrono::TimeDelta::seconds(5))
        .count();
    assert!(within <= 51, "{within} requests in 5 s");
    assert!(within >= 40, "the budget let only {within} through in 5 s");
}

#[tokio::test]
async fn without_a_budget_the_same_walkers_get_429s() {
    let world = limited(|b| b).await;
    let (_, validation) = world.validated_person("30260002").await;
    four_walkers(&world, &validation.id, Duration::from_millis(1_500)).await;
    let refused = world
        .sandbox
        .requests()
        .iter()
        .filter(|r| r.status == Some(429))
        .count();
    assert!(refused > 0, "no 429 without a budget");
}

#[tokio::test]
async fn a_turn_after_the_deadline_fails_the_call_without_sending_it() {
    let world = limited(|b| b).await;
    let (_, validation) = world.validated_person("30260003").await;
    let sandbox = &world.sandbox;
    let client = builder_for(sandbox, sandbox.api_key(), sandbox.organization_id())
        .rate_limit(1, Duration::from_secs(10))
        .deadline(Duration::from_millis(300))
        .build()
        .expect("the client builds");
    sandbox.clear_requests();
    client
        .validations()
        .get(&validation.id)
        .await
        .expect("the first turn is now");
    let started = Instant::now();
    let error = client
        .validations()
        .get(&validation.id)
        .await
        .expect_err("the next turn is 10 s away");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert_eq!(error.attempts(), 0);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "it did not wait in vain"
    );
    assert_eq!(sandbox.requests().len(), 1, "the second call was not sent");
}

#[tokio::test]
async fn a_429_with_retry_after_holds_the_whole_client_back() {
    let world = World::on(Sandbox::start().await.expect("the sandbox starts"), |b| {
        b.rate_limit(1_000, Duration::from_secs(1))
    });
    let (person, validation) = world.validated_person("30260004").await;
    world
        .sandbox
        .inject_fault(
            Fault::status(429)
                .on("getValidation")
                .header("retry-after", "1"),
        )
        .expect("a fault");
    let error = world
        .client
        .validations()
        .with_options(RequestOptions::new().max_retries(0))
        .get(&validation.id)
        .await
        .expect_err("429");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    // Another call, of another operation, waits out the second gu1 asked for.
    let started = Instant::now();
    world
        .client
        .entities()
        .get(&person.id)
        .await
        .expect("the entity");
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "the client did not pause: {:?}",
        started.elapsed()
    );
}
