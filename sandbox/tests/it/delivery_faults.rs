//! Webhook delivery faults, from Rust, against a real receiver on loopback: deliveries dropped,
//! sent twice, delayed, held and released out of order, chosen by count or by a seeded
//! fraction, and a receiver unreachable for a while.

use std::time::{Duration, Instant};

use crate::support::api::{
    Api, Receiver, deliveries_when, hmac_sha256_hex, quick_sandbox, sandbox_posting_to,
};
use gu1_kyc_sandbox::{
    Delivery, DeliveryFault, DeliveryFaultKind, DeliveryState, Error, ReleaseOrder, Sandbox,
};

const CREATED: &str = "kyc.validation_created";

/// A sandbox posting to `receiver`, and a validation (of a tax id that is no test number, so it
/// does not move by itself) whose `kyc.validation_created` has arrived.
async fn validation_posting_to(receiver: &Receiver) -> (Sandbox, String) {
    let sandbox = sandbox_posting_to(receiver).await;
    let api = Api::for_sandbox(&sandbox);
    let entity = api.person("30111222").await;
    let id = api.validation_id(&entity).await;
    receiver.arrivals(1).await;
    (sandbox, id)
}

/// Waits until the sandbox recorded `count` deliveries and none is pending any more.
async fn settled(sandbox: &Sandbox, count: usize) -> Vec<Delivery> {
    deliveries_when(sandbox, |d| {
        d.len() == count && d.iter().all(|x| x.state != DeliveryState::Pending)
    })
    .await
}

#[tokio::test]
async fn a_dropped_delivery_is_never_sent_and_the_next_one_is() {
    let receiver = Receiver::start(0).await;
    let (sandbox, id) = validation_posting_to(&receiver).await;
    let fault = sandbox
        .inject_delivery_fault(DeliveryFault::drop())
        .expect("a valid fault");
    sandbox.set_status(&id, "in_progress").unwrap();
    sandbox.set_status(&id, "approved").unwrap();
    let deliveries = settled(&sandbox, 3).await;
    let dropped = &deliveries[1];
    assert_eq!(dropped.state, DeliveryState::Dropped, "{dropped:?}");
    assert_eq!(
        (dropped.fault, dropped.fault_id),
        (Some(DeliveryFaultKind::Drop), Some(fault))
    );
    assert_eq!((dropped.attempts, dropped.copies.len()), (0, 0));
    assert_eq!(deliveries[2].state, DeliveryState::Delivered);
    assert_eq!(deliveries[2].fault, None);
    assert_eq!(
        receiver.events(),
        [CREATED, "kyc.validation_approved"],
        "only the dropped event is missing"
    );
    assert!(sandbox.pending_delivery_faults().is_empty());
}

#[tokio::test]
async fn a_duplicated_delivery_arrives_twice_signed_alike_and_each_copy_is_retried() {
    // The receiver fails twice, so the first copy needs three attempts and the second one.
    let receiver = Receiver::start(2).await;
    let sandbox = sandbox_posting_to(&receiver).await;
    sandbox
        .inject_delivery_fault(DeliveryFault::duplicate())
        .unwrap();
    let api = Api::for_sandbox(&sandbox);
    api.validate(&api.person("30111223").await).await;
    let deliveries = settled(&sandbox, 1).await;
    let delivery = &deliveries[0];
    assert_eq!(delivery.state, DeliveryState::Delivered);
    assert_eq!(delivery.fault, Some(DeliveryFaultKind::Duplicate));
    let per_copy: Vec<usize> = delivery.copies.iter().map(|c| c.attempts.len()).collect();
    assert_eq!(per_copy, [3, 1]);
    assert!(delivery.copies.iter().all(|c| c.delivered()));
    assert_eq!(delivery.attempts, 4);

    let requests = receiver.requests();
    let statuses: Vec<u16> = requests.iter().map(|r| r.status_sent).collect();
    assert_eq!(statuses, [500, 500, 200, 200]);
    let secret = sandbox.webhook_secret().as_bytes();
    for request in &requests {
        assert_eq!(request.body, delivery.body, "the same bytes every time");
        let expected = hmac_sha256_hex(secret, &request.body);
        assert_eq!(request.signature.as_deref(), Some(expected.as_str()));
    }
}

#[tokio::test]
async fn a_delayed_delivery_waits_before_its_first_attempt_and_later_events_wait_behind_it() {
    let receiver = Receiver::start(0).await;
    let (sandbox, id) = validation_posting_to(&receiver).await;
    let wait = Duration::from_millis(300);
    sandbox
        .inject_delivery_fault(DeliveryFault::delay(wait))
        .unwrap();
    let started = Instant::now();
    sandbox.set_status(&id, "in_progress").unwrap();
    sandbox.set_status(&id, "approved").unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        receiver.requests().len(),
        1,
        "nothing before the delay ends"
    );
    receiver.arrivals(3).await;
    assert!(started.elapsed() >= wait, "{:?}", started.elapsed());
    assert_eq!(
        receiver.events(),
        [
            CREATED,
            "kyc.validation_in_progress",
            "kyc.validation_approved"
        ]
    );
    let deliveries = settled(&sandbox, 3).await;
    assert_eq!(deliveries[1].fault, Some(DeliveryFaultKind::Delay(wait)));
    assert_eq!(deliveries[2].fault, None);
}

#[tokio::test]
async fn times_takes_the_next_n_deliveries_and_always_takes_them_until_cleared() {
    let receiver = Receiver::start(0).await;
    let (sandbox, id) = validation_posting_to(&receiver).await;
    sandbox
        .inject_delivery_fault(DeliveryFault::drop().times(2))
        .unwrap();
    for _ in 0..3 {
        sandbox.fire_webhook(&id).unwrap();
    }
    let states: Vec<DeliveryState> = settled(&sandbox, 4).await[1..]
        .iter()
        .map(|d| d.state)
        .collect();
    use DeliveryState::{Delivered, Dropped};
    assert_eq!(states, [Dropped, Dropped, Delivered]);

    let always = sandbox
        .inject_delivery_fault(DeliveryFault::drop().always())
        .unwrap();
    for _ in 0..3 {
        sandbox.fire_webhook(&id).unwrap();
    }
    let deliveries = settled(&sandbox, 7).await;
    assert!(deliveries[4..].iter().all(|d| d.state == Dropped));
    assert_eq!(sandbox.pending_delivery_faults()[0].0, always);
    assert_eq!(sandbox.pending_delivery_faults()[0].1.remaining(), None);
    sandbox.clear_delivery_faults();
    sandbox.fire_webhook(&id).unwrap();
    assert_eq!(settled(&sandbox, 8).await[7].state, Delivered);
    assert_eq!(receiver.requests().len(), 3);
}

/// The fault each of `deliveries` took, in order.
fn choices(deliveries: &[Delivery]) -> Vec<Option<DeliveryFaultKind>> {
    deliveries.iter().map(|d| d.fault).collect()
}

#[tokio::test]
async fn seeded_fractions_take_their_share_of_what_is_left_and_the_same_seeds_choose_alike() {
    const EVENTS: usize = 200;
    let receiver = Receiver::start(0).await;
    let (sandbox, id) = validation_posting_to(&receiver).await;
    // 30% dropped, 20% of the rest duplicated, 10% of the rest after that held.
    let inject = || {
        for fault in [
            DeliveryFault::drop().fraction(0.3, 1),
            DeliveryFault::duplicate().fraction(0.2, 2),
            DeliveryFault::hold().fraction(0.1, 3),
        ] {
            sandbox.inject_delivery_fault(fault).unwrap();
        }
    };
    inject();
    for _ in 0..EVENTS {
        sandbox.fire_webhook(&id).unwrap();
    }
    let first = settled(&sandbox, 1 + EVENTS).await[1..].to_vec();

    // Each fault draws from fastrand with its seed only for the deliveries that reach it.
    let mut rngs = [1, 2, 3].map(fastrand::Rng::with_seed);
    let expected: Vec<Option<DeliveryFaultKind>> = (0..EVENTS)
        .map(|_| {
            if rngs[0].f64() < 0.3 {
                Some(DeliveryFaultKind::Drop)
            } else if rngs[1].f64() < 0.2 {
                Some(DeliveryFaultKind::Duplicate)
            } else if rngs[2].f64() < 0.1 {
                Some(DeliveryFaultKind::Hold)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(choices(&first), expected);
    let count = |kind| first.iter().filter(|d| d.fault == Some(kind)).count();
    let (dropped, duplicated, held) = (
        count(DeliveryFaultKind::Drop),
        count(DeliveryFaultKind::Duplicate),
        count(DeliveryFaultKind::Hold),
    );
    assert!(
        (40..=80).contains(&dropped),
        "{dropped} of {EVENTS} dropped"
    );
    assert!((14..=42).contains(&duplicated), "{duplicated} duplicated");
    assert!((3..=20).contains(&held), "{held} held");
    for delivery in &first {
        let state = match delivery.fault {
            Some(DeliveryFaultKind::Drop) => DeliveryState::Dropped,
            Some(DeliveryFaultKind::Hold) => DeliveryState::Held,
            _ => DeliveryState::Delivered,
        };
        assert_eq!(delivery.state, state, "{delivery:?}");
    }
    let plain = EVENTS - dropped - duplicated - held;
    assert_eq!(receiver.requests().len(), 1 + plain + 2 * duplicated);

    // The same seeds over the same sequence choose the same deliveries.
    sandbox.clear_delivery_faults();
    inject();
    for _ in 0..EVENTS {
        sandbox.fire_webhook(&id).unwrap();
    }
    let second = settled(&sandbox, 1 + 2 * EVENTS).await[1 + EVENTS..].to_vec();
    assert_eq!(choices(&second), choices(&first));
}

#[tokio::test]
async fn held_deliveries_do_not_block_later_ones_and_a_reverse_release_reorders_them() {
    let receiver = Receiver::start(0).await;
    let (sandbox, id) = validation_posting_to(&receiver).await;
    sandbox
        .inject_delivery_fault(DeliveryFault::hold().times(2))
        .unwrap();
    sandbox.set_status(&id, "in_progress").unwrap();
    sandbox.set_status(&id, "in_review").unwrap();
    sandbox.set_status(&id, "approved").unwrap();
    // The approval goes out while the two earlier events are held.
    receiver.arrivals(2).await;
    let deliveries = deliveries_when(&sandbox, |d| {
        d.len() == 4 && d[1].state == DeliveryState::Held && d[2].state == DeliveryState::Held
    })
    .await;
    assert_eq!(deliveries[1].fault, Some(DeliveryFaultKind::Hold));
    assert!(deliveries[1].copies.is_empty());
    assert_eq!(receiver.events(), [CREATED, "kyc.validation_approved"]);

    assert_eq!(sandbox.release_held(ReleaseOrder::Reverse), 2);
    receiver.arrivals(4).await;
    assert_eq!(
        receiver.events(),
        [
            CREATED,
            "kyc.validation_approved",
            "kyc.validation_in_review",
            "kyc.validation_in_progress"
        ]
    );
    let deliveries = settled(&sandbox, 4).await;
    assert!(
        deliveries
            .iter()
            .all(|d| d.state == DeliveryState::Delivered)
    );
    assert_eq!(sandbox.release_held(ReleaseOrder::AsHeld), 0);
}

#[tokio::test]
async fn an_unreachable_receiver_fails_attempts_in_the_window_and_a_retry_after_it_delivers() {
    let receiver = Receiver::start(0).await;
    let (sandbox, id) = validation_posting_to(&receiver).await;
    // Attempts come 20, 40 and 80 ms apart: the last one, 140 ms in, is after the window.
    let window = Duration::from_millis(100);
    sandbox.receiver_unreachable(window);
    let started = Instant::now();
    sandbox.set_status(&id, "in_progress").unwrap();
    let deliveries = settled(&sandbox, 2).await;
    let delivery = &deliveries[1];
    assert_eq!(delivery.state, DeliveryState::Delivered, "{delivery:?}");
    let attempts = &delivery.copies[0].attempts;
    assert!(attempts[0].unreachable, "{attempts:?}");
    assert_eq!(attempts[0].status, None);
    assert!(attempts[0].error.as_deref().unwrap().contains("refused"));
    let last = attempts.last().unwrap();
    assert!(!last.unreachable && last.succeeded(), "{attempts:?}");
    assert!(started.elapsed() >= window);
    let refused = attempts.iter().take_while(|a| a.unreachable).count();
    assert_eq!(
        refused,
        attempts.len() - 1,
        "only the window's attempts fail"
    );
    assert_eq!(
        receiver.requests().len(),
        2,
        "nothing was sent in the window"
    );

    // A window longer than every retry: the delivery fails and nothing is sent.
    sandbox.receiver_unreachable(Duration::from_secs(60));
    sandbox.fire_webhook(&id).unwrap();
    let deliveries = settled(&sandbox, 3).await;
    assert_eq!(deliveries[2].state, DeliveryState::Failed);
    assert_eq!(deliveries[2].attempts, 4);
    assert!(
        deliveries[2].copies[0]
            .attempts
            .iter()
            .all(|a| a.unreachable)
    );
    // Ending the window lets the next delivery through.
    sandbox.receiver_unreachable(Duration::ZERO);
    sandbox.fire_webhook(&id).unwrap();
    assert_eq!(
        settled(&sandbox, 4).await[3].state,
        DeliveryState::Delivered
    );
    assert_eq!(receiver.requests().len(), 3);
}

#[tokio::test]
async fn faults_the_sandbox_cannot_inject_are_refused() {
    let sandbox = quick_sandbox().await;
    for fault in [
        DeliveryFault::drop().times(0),
        DeliveryFault::hold().fraction(f64::NAN, 1),
        DeliveryFault::duplicate().fraction(1.01, 1),
        DeliveryFault::drop().fraction(-0.5, 1),
        DeliveryFault::delay(Duration::from_secs(301)),
    ] {
        match sandbox.inject_delivery_fault(fault.clone()) {
            Err(Error::InvalidFault(why)) => assert!(!why.is_empty()),
            other => panic!("{fault:?} was not refused: {other:?}"),
        }
    }
    assert!(sandbox.pending_delivery_faults().is_empty());
    let first = sandbox
        .inject_delivery_fault(DeliveryFault::delay(Duration::from_secs(300)))
        .unwrap();
    let second = sandbox
        .inject_delivery_fault(DeliveryFault::hold().fraction(1.0, 9))
        .unwrap();
    assert!(second > first, "ids grow");
}
