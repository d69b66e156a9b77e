//! The waiter's pace against a scripted server: it polls until an outcome, rides out temporary
//! failures, and does not hammer the API.

use std::time::{Duration, Instant};

use crate::support::misbehaving::{Behaviour, Misbehaving};
use gu1_kyc::{
    Client,
    types::{ValidationId, ValidationStatus},
};
use serde_json::json;

const ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";

fn with_status(status: &str) -> Behaviour {
    Behaviour::json(
        200,
        &json!({"id": ID, "entityId": "123e4567-e89b-12d3-a456-426614174000", "status": status}),
    )
}

fn client(server: &Misbehaving) -> Client {
    server.builder().build().unwrap()
}

#[tokio::test]
async fn the_waiter_polls_until_an_outcome_riding_out_a_temporary_failure() {
    let server = Misbehaving::start(|_, n| match n {
        0 | 1 => with_status("pending"),
        2 => Behaviour::html(503),
        3 | 4 => with_status("in_progress"),
        _ => with_status("approved"),
    })
    .await;

    let done = client(&server)
        .validations()
        .wait_for_outcome(&ValidationId::parse(ID).unwrap())
        .poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .expect("approved in time");

    assert_eq!(done.status, ValidationStatus::Approved);
    assert_eq!(server.count("GET", PATH), 6, "one poll per answer, no more");
}

#[tokio::test]
async fn the_waiter_backs_off_and_stops_at_its_deadline() {
    let server = Misbehaving::start(|_, _| with_status("in_progress")).await;

    let started = Instant::now();
    let error = client(&server)
        .validations()
        .wait_for_outcome(&ValidationId::parse(ID).unwrap())
        .poll_interval(Duration::from_millis(20), Duration::from_millis(160))
        .timeout(Duration::from_millis(800))
        .send()
        .await
        .expect_err("never an outcome");

    let took = started.elapsed();
    assert!(error.is_timeout());
    assert_eq!(error.last_status(), Some(&ValidationStatus::InProgress));
    assert!(
        took >= Duration::from_millis(800) && took < Duration::from_millis(1500),
        "{took:?}"
    );
    // Pauses of 10-20, 20-40, 40-80, 80-160 ms, then 80-160 ms until 800 ms: at most 13 polls,
    // where a fixed 20 ms poll would have made 40.
    let polls = server.count("GET", PATH);
    assert!((6..=13).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn the_waiter_returns_a_permanent_error_at_once() {
    let server = Misbehaving::start(|_, _| {
        Behaviour::json(
            404,
            &json!({"error": "NOT_FOUND", "message": "Validation not found"}),
        )
    })
    .await;

    let error = client(&server)
        .validations()
        .wait_for_outcome(&ValidationId::parse(ID).unwrap())
        .poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .send()
        .await
        .expect_err("not found");

    assert!(error.is_not_found());
    assert_eq!(server.count("GET", PATH), 1);
}
