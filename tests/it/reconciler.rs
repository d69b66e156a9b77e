//! The reconciler against the sandbox: outcomes whose webhooks were lost reach the handler once,
//! through the same inbox as the webhooks; a webhook that came first makes the reconciler's event
//! a duplicate; a cycle costs the pages of the open statuses plus one read per validation that
//! left them, within the request budget; one cycle at a time per store; it starts and stops.

use std::{
    collections::HashMap,
    convert::Infallible,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures_util::StreamExt;
use gu1_kyc::{
    Client,
    outcomes::{OutcomeHandler, Reconciler},
    store::{Inbox, InboxStore, MemoryStore},
    types::{Validation, ValidationId, ValidationStatus},
    webhooks::{EventOrigin, WebhookEvent, parse_event},
};
use gu1_kyc_sandbox::{Fault, Sandbox};

use crate::support::world::{World, eventually};

/// What the handler saw: each event's key and the path that brought it, in order.
#[derive(Clone, Default)]
pub(crate) struct Seen(Arc<Mutex<Vec<(String, EventOrigin)>>>);

impl Seen {
    /// A handler that records each event, taking `pause` over it.
    pub(crate) fn handler(&self, pause: Duration) -> impl OutcomeHandler<Error = Infallible> {
        let seen = self.0.clone();
        move |event: WebhookEvent| {
            let seen = seen.clone();
            async move {
                tokio::time::sleep(pause).await;
                seen.lock()
                    .expect("not poisoned")
                    .push((event.idempotency_key(), event.origin));
                Ok(())
            }
        }
    }

    /// How many times each key was handled.
    pub(crate) fn counts(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for (key, _) in self.0.lock().expect("not poisoned").iter() {
            *counts.entry(key.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// The paths that brought `key`.
    fn origins(&self, key: &str) -> Vec<EventOrigin> {
        let seen = self.0.lock().expect("not poisoned");
        seen.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, o)| *o)
            .collect()
    }
}

/// A sandbox whose webhooks go nowhere (every one is lost), a client that records the
/// validations it creates in `store`, and what the handler saw.
struct Scene<S> {
    world: World,
    store: S,
    seen: Seen,
}

impl<S: InboxStore + Clone + 'static> Scene<S> {
    async fn start(store: S) -> Self {
        let sandbox = Sandbox::builder()
            .outcome_delay(Duration::from_millis(20))
            .start()
            .await
            .expect("the sandbox starts");
        let world = World::on(sandbox, |builder| builder.store(store.clone()));
        Self {
            world,
            store,
            seen: Seen::default(),
        }
    }

    fn sandbox(&self) -> &Sandbox {
        &self.world.sandbox
    }

    fn client(&self) -> &Client {
        &self.world.client
    }

    fn inbox(&self) -> Inbox {
        Inbox::new(self.store.clone())
    }

    fn reconciler(&self) -> Reconciler {
        Reconciler::new(self.client().clone(), self.inbox()).budget(0)
    }

    /// A person with `tax_id` (one the sandbox leaves to the hosted page) and a validation.
    async fn open(&self, tax_id: &str) -> Validation {
        self.world.validated_person(tax_id).await.1
    }

    /// Moves a validation through `in_progress` to `status`, firing webhooks that are lost.
    fn drive(&self, id: &ValidationId, status: &str) {
        self.sandbox()
            .set_status(id.as_ref(), "in_progress")
            .expect("a status change");
        self.sandbox()
            .set_status(id.as_ref(), status)
            .expect("an outcome");
    }
}

fn key(id: &ValidationId, status: ValidationStatus) -> String {
    format!("{id}:{status}")
}

#[tokio::test]
async fn outcomes_whose_webhooks_were_lost_reach_the_handler_once() {
    let scene = Scene::start(MemoryStore::new()).await;
    // One expires: created, then the sandbox's clock passes its 7 days.
    let expired = scene.open("30160001").await;
    scene
        .sandbox()
        .advance_clock(Duration::from_secs(8 * 86_400));
    let approved = scene.open("30160002").await;
    scene.drive(&approved.id, "approved");
    let rejected = scene.open("30160003").await;
    scene.drive(&rejected.id, "rejected");
    let cancelled = scene.open("30160004").await;
    scene
        .client()
        .validations()
        .cancel(&cancelled.id, "the customer left")
        .await
        .expect("the validation is cancelled");
    let reviewed = scene.open("30160005").await;
    scene.drive(&reviewed.id, "in_review");
    let untouched = scene.open("30160006").await;

    let report = scene
        .reconciler()
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect("a cycle");
    assert!(!report.skipped);
    assert_eq!(report.open, 6, "{report:?}");
    assert_eq!(
        report.listed, 2,
        "the in-review and the pending one: {report:?}"
    );
    assert_eq!(
        report.read, 4,
        "the four that left the open statuses: {report:?}"
    );
    assert_eq!(report.changed, 5, "{report:?}");
    assert_eq!(report.processed, 5, "{report:?}");
    assert_eq!(
        report.requests,
        3 + 4,
        "a page per open status, a read per left: {report:?}"
    );
    let expected = [
        key(&expired.id, ValidationStatus::Expired),
        key(&approved.id, ValidationStatus::Approved),
        key(&rejected.id, ValidationStatus::Rejected),
        key(&cancelled.id, ValidationStatus::Cancelled),
        key(&reviewed.id, ValidationStatus::InReview),
    ];
    let counts = scene.seen.counts();
    assert_eq!(counts.len(), expected.len(), "{counts:?}");
    for key in &expected {
        assert_eq!(counts.get(key), Some(&1), "{key} was not handled once");
        assert_eq!(scene.seen.origins(key), [EventOrigin::Reconciler]);
    }
    assert!(!counts.contains_key(&key(&untouched.id, ValidationStatus::Pending)));

    // Nothing changed since: the walk alone, and nothing handled.
    let again = scene
        .reconciler()
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect("a second cycle");
    assert_eq!(
        (
            again.open,
            again.changed,
            again.read,
            again.processed,
            again.requests
        ),
        (2, 0, 0, 0, 3),
        "{again:?}"
    );
    assert_eq!(scene.seen.counts().len(), expected.len());
}

#[tokio::test]
async fn a_webhook_that_came_first_makes_the_reconcilers_event_a_duplicate() {
    let scene = Scene::start(MemoryStore::new()).await;
    let validation = scene.open("30170001").await;
    scene
        .sandbox()
        .set_status(validation.id.as_ref(), "in_progress")
        .expect("a status change");
    // The receiver gets in_progress, then a late pending: the store's known status goes back.
    let inbox = scene.inbox();
    let handler = scene.seen.handler(Duration::ZERO);
    let mut deliveries = scene.sandbox().webhook_deliveries();
    assert_eq!(deliveries.len(), 2, "created and in_progress were recorded");
    deliveries.reverse();
    for delivery in &deliveries {
        let event = parse_event(&delivery.body).expect("the sandbox's event parses");
        let handled = inbox
            .handle(&event, |event| handler.handle(event.clone()))
            .await;
        assert_eq!(handled.http_status(), 200);
    }
    let in_progress = key(&validation.id, ValidationStatus::InProgress);
    assert_eq!(scene.seen.origins(&in_progress), [EventOrigin::Webhook]);

    // The walk lists it in progress, the store says pending: the event is the webhook's.
    let report = scene
        .reconciler()
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect("a cycle");
    assert_eq!(
        (report.changed, report.processed, report.duplicates),
        (1, 0, 1),
        "{report:?}"
    );
    assert_eq!(scene.seen.origins(&in_progress), [EventOrigin::Webhook]);
    // The store caught up, so the next cycle finds nothing.
    let again = scene
        .reconciler()
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect("a second cycle");
    assert_eq!((again.changed, again.duplicates), (0, 0), "{again:?}");
}

#[tokio::test]
async fn a_cycle_costs_the_open_pages_plus_a_read_per_validation_that_left_within_its_budget() {
    const N: usize = 2_000;
    const K: usize = 20;
    let scene = Scene::start(MemoryStore::new()).await;
    // 20 people with 100 validations each, created 16 at a time.
    let mut people = Vec::new();
    for person in 0..20 {
        people.push(scene.world.person(&format!("3018{person:04}")).await.id);
    }
    let created: Vec<Validation> = futures_util::stream::iter((0..N).map(|n| &people[n % 20]))
        .map(|entity| {
            let client = scene.client();
            async move {
                client
                    .validations()
                    .create(entity)
                    .send()
                    .await
                    .expect("the validation is created")
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    for validation in created.iter().take(K) {
        let id = validation.id.to_string();
        scene
            .sandbox()
            .set_status_quietly(&id, "approved")
            .expect("a status change");
    }

    scene.sandbox().clear_requests();
    let report = scene
        .reconciler()
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect("a cycle");
    let sent = scene.sandbox().requests().len();
    let promise = N.div_ceil(100) + K + 2;
    assert_eq!(report.open, N);
    assert_eq!(report.changed, K, "{report:?}");
    assert_eq!(report.processed, K, "{report:?}");
    assert_eq!(
        report.requests, sent,
        "the report counts what the sandbox received"
    );
    assert!(sent <= promise, "{sent} requests, more than {promise}");
    // 1,980 pending in 20 pages, an empty page each for in_progress and in_review, 20 reads.
    assert_eq!(sent, 20 + 1 + 1 + K);

    // Nothing changed: 22 pages; a budget of 21 a minute sends the 22nd after about 2.9 s.
    scene.sandbox().clear_requests();
    let started = Instant::now();
    let again = scene
        .reconciler()
        .budget(21)
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect("a second cycle");
    let took = started.elapsed();
    assert_eq!((again.requests, again.changed), (22, 0), "{again:?}");
    assert_eq!(scene.sandbox().requests().len(), 22);
    assert!(
        took >= Duration::from_millis(2_700),
        "the budget did not wait: {took:?}"
    );
}

#[tokio::test]
async fn a_walk_that_keeps_failing_ends_the_cycle_before_anything_is_read_or_handled() {
    let scene = Scene::start(MemoryStore::new()).await;
    let approved = scene.open("30230001").await;
    scene.drive(&approved.id, "approved");
    // Each of the three walks' first page is tried three times (two retries, after waiting as
    // Retry-After says), and answered 429 every time: the walk fails.
    scene
        .sandbox()
        .inject_fault(
            Fault::status(429)
                .on("listValidations")
                .times(9)
                .header("retry-after", "1"),
        )
        .expect("a fault");
    scene.sandbox().clear_requests();
    let error = scene
        .reconciler()
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect_err("the walk failed");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "{error}");
    assert!(
        scene.sandbox().requests_for("getValidation").is_empty(),
        "a validation the walk never listed was read"
    );
    assert!(scene.seen.counts().is_empty(), "an event was handled");
    // The next cycle, with the API answering again, finds the approval.
    let report = scene
        .reconciler()
        .run_once(scene.seen.handler(Duration::ZERO))
        .await
        .expect("a cycle");
    assert_eq!(report.processed, 1, "{report:?}");
}

#[tokio::test]
async fn of_two_cycles_on_one_store_at_once_one_is_skipped() {
    let scene = Scene::start(MemoryStore::new()).await;
    for n in 0..3 {
        let validation = scene.open(&format!("3019000{n}")).await;
        scene.drive(&validation.id, "approved");
    }
    // The handler takes a while, so the two cycles overlap.
    let (one, other) = (scene.reconciler(), scene.reconciler());
    let (a, b) = tokio::join!(
        one.run_once(scene.seen.handler(Duration::from_millis(200))),
        other.run_once(scene.seen.handler(Duration::from_millis(200))),
    );
    let (a, b) = (a.expect("a cycle"), b.expect("a cycle"));
    assert!(a.skipped != b.skipped, "exactly one ran: {a:?} {b:?}");
    let ran = if a.skipped { b } else { a };
    assert_eq!(ran.processed, 3, "{ran:?}");
    assert!(scene.seen.counts().values().all(|n| *n == 1));
}

#[tokio::test]
async fn a_started_reconciler_runs_a_cycle_at_once_and_stops_when_asked() {
    let scene = Scene::start(MemoryStore::new()).await;
    let validation = scene.open("30200001").await;
    scene.drive(&validation.id, "rejected");
    let running = scene
        .reconciler()
        .every(Duration::from_secs(3600))
        .start(scene.seen.handler(Duration::ZERO));
    let report = eventually("first cycle", || async { running.last_report() }).await;
    let report = report.expect("the first cycle succeeded");
    assert_eq!(report.processed, 1, "{report:?}");
    assert_eq!(
        scene
            .seen
            .counts()
            .get(&key(&validation.id, ValidationStatus::Rejected)),
        Some(&1)
    );
    // It waits an hour for the next cycle; stopping ends the wait at once.
    tokio::time::timeout(Duration::from_secs(5), running.stop())
        .await
        .expect("stop returns at once");
}

/// Two reconciler processes on one PostgreSQL store.
#[cfg(feature = "postgres")]
mod processes {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use gu1_kyc::{
        outcomes::Reconciler,
        store::{Inbox, InboxStore},
        types::ValidationStatus,
        webhooks::WebhookEvent,
    };
    use gu1_kyc_sandbox::Sandbox;

    use crate::support::servers::{drop_schema, env, postgres_in, read_until, runtime, say, spawn};
    use crate::support::world::World;

    const ROLE: &str = "GU1_KYC_TEST_RECONCILER";
    const TEST: &str = "reconciler::processes::two_reconciler_processes_on_one_postgres_store_never_run_a_cycle_at_once";

    fn now_us() -> u128 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after 1970")
            .as_micros()
    }

    /// A child: runs cycles back to back for a while with a handler that takes 100 ms and
    /// fails (so every cycle finds the same changes again), and reports when its handler ran
    /// and how many cycles ran and were skipped.
    async fn child() {
        let schema = env("GU1_KYC_TEST_SCHEMA");
        let store = postgres_in(&schema).await;
        let client = gu1_kyc::Client::builder()
            .api_key(env("GU1_KYC_TEST_API_KEY"))
            .base_url(env("GU1_KYC_TEST_BASE_URL"))
            .build()
            .expect("the client builds");
        let reconciler = Reconciler::new(client, Inbox::new(store))
            .budget(0)
            .adopt_unknown(false);
        let spans = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(u128, u128)>::new()));
        let handler = {
            let spans = spans.clone();
            move |_event: WebhookEvent| {
                let spans = spans.clone();
                async move {
                    let start = now_us();
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    spans.lock().expect("not poisoned").push((start, now_us()));
                    Err::<(), &str>("fails on purpose, so that the next cycle has work too")
                }
            }
        };
        let (mut ran, mut skipped) = (0, 0);
        let until = tokio::time::Instant::now() + Duration::from_millis(2_500);
        while tokio::time::Instant::now() < until {
            let report = reconciler.run_once(handler.clone()).await.expect("a cycle");
            if report.skipped {
                skipped += 1;
            } else {
                assert_eq!(report.failed, 3, "{report:?}");
                ran += 1;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let spans: Vec<String> = spans
            .lock()
            .expect("not poisoned")
            .iter()
            .map(|(a, b)| format!("{a}-{b}"))
            .collect();
        say("cycles", &format!("{ran} {skipped}"));
        say("spans", &spans.join(","));
    }

    fn spans(line: &str) -> Vec<(u128, u128)> {
        line.split(',')
            .filter(|s| !s.is_empty())
            .map(|span| {
                let (a, b) = span.split_once('-').expect("start-end");
                (a.parse().expect("a time"), b.parse().expect("a time"))
            })
            .collect()
    }

    #[test]
    fn two_reconciler_processes_on_one_postgres_store_never_run_a_cycle_at_once() {
        if std::env::var(ROLE).is_ok() {
            runtime().block_on(child());
            return;
        }
        let runtime = runtime();
        let schema = format!("reconcile_{:08x}", fastrand::u32(..));
        let world = runtime.block_on(async {
            let sandbox = Sandbox::start().await.expect("the sandbox starts");
            let store = postgres_in(&schema).await;
            let world = World::on(sandbox, |builder| builder.store(store.clone()));
            for n in 0..3 {
                let (_, validation) = world.validated_person(&format!("3021000{n}")).await;
                // The store believes it in review; gu1 lists it pending: a change every cycle.
                store
                    .record_status(&validation.id, &ValidationStatus::InReview)
                    .await
                    .expect("recorded");
            }
            world
        });
        let sandbox = &world.sandbox;
        let vars = [
            (ROLE, "child".to_owned()),
            ("GU1_KYC_TEST_SCHEMA", schema.clone()),
            ("GU1_KYC_TEST_API_KEY", sandbox.api_key().to_owned()),
            ("GU1_KYC_TEST_BASE_URL", sandbox.base_url().to_owned()),
        ];
        // The sandbox serves from this runtime's threads while the children run.
        let mut children: Vec<_> = (0..2).map(|_| spawn(TEST, &vars)).collect();
        let mut reports = Vec::new();
        for (child, stdout) in &mut children {
            let cycles = read_until(stdout, "cycles");
            let (ran, skipped) = cycles.split_once(' ').expect("ran skipped");
            let (ran, skipped): (u32, u32) = (
                ran.parse().expect("a count"),
                skipped.parse().expect("a count"),
            );
            reports.push((ran, skipped, spans(&read_until(stdout, "spans"))));
            assert!(child.wait().expect("the child ends").success());
        }
        for (ran, _, _) in &reports {
            assert!(*ran >= 2, "each process ran cycles: {ran}");
        }
        assert!(
            reports.iter().map(|(_, s, _)| s).sum::<u32>() >= 1,
            "the processes met at the lock"
        );
        for (a_start, a_end) in &reports[0].2 {
            for (b_start, b_end) in &reports[1].2 {
                assert!(
                    a_end <= b_start || b_end <= a_start,
                    "two processes handled events at once: {a_start}-{a_end} and {b_start}-{b_end}"
                );
            }
        }
        runtime.block_on(async {
            let store = postgres_in(&schema).await;
            drop_schema(&store, &schema).await;
        });
    }
}
