//! The reconciler against the embedded sandbox: what a cycle costs, and how soon a lost outcome
//! reaches the handler.
//!
//! 1. **Requests per cycle.** For N = 100, 1,000 and 10,000 open validations (all created through
//!    a client with a store, so the store knows them), K = N / 100 of them reach an outcome
//!    without a webhook; one cycle runs. Reported: the requests the sandbox received during the
//!    cycle, the promise `ceil(N / 100) + K + 2`, and the cycle's wall time.
//! 2. **Time to recover.** The sandbox drops every delivery; a reconciler runs every I (250 ms,
//!    500 ms, 1 s, 2 s). Twelve times per interval, at a random moment, a validation reaches an
//!    outcome; the time from that change to the handler seeing the event is recorded. Reported:
//!    mean, median and max, beside I / 2 (the mean wait for the next cycle when changes come at
//!    random moments).
//!
//! ```sh
//! cargo bench --bench reconcile
//! ```

use std::{
    collections::HashMap,
    convert::Infallible,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures_util::StreamExt;
use gu1_kyc::{
    Client,
    outcomes::Reconciler,
    store::{Inbox, MemoryStore},
    types::{EntityId, ValidationId},
    webhooks::WebhookEvent,
};
use gu1_kyc_sandbox::{DeliveryFault, Sandbox};

async fn sandbox_and_client(store: &MemoryStore) -> (Sandbox, Client) {
    let sandbox = Sandbox::builder()
        .outcome_delay(Duration::from_millis(20))
        .start()
        .await
        .expect("the sandbox starts");
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .organization_id(sandbox.organization_id())
        .base_url(sandbox.base_url())
        .store(store.clone())
        .build()
        .expect("the client builds");
    (sandbox, client)
}

/// `count` people.
async fn people(client: &Client, count: usize, prefix: u32) -> Vec<EntityId> {
    futures_util::stream::iter(0..count)
        .map(|n| async move {
            client
                .entities()
                .create_person("Ana Bench", "AR")
                .tax_id(format!("{prefix}{n:04}"))
                .send()
                .await
                .expect("a person")
                .id
        })
        .buffered(16)
        .collect()
        .await
}

/// `count` validations spread over `entities`.
async fn validations(client: &Client, entities: &[EntityId], count: usize) -> Vec<ValidationId> {
    futures_util::stream::iter(0..count)
        .map(|n| async move {
            client
                .validations()
                .create(&entities[n % entities.len()])
                .send()
                .await
                .expect("a validation")
                .id
        })
        .buffer_unordered(16)
        .collect()
        .await
}

async fn requests_per_cycle() {
    println!("| N open | K changed | requests | ceil(N/100) + K + 2 | cycle time |");
    println!("|---:|---:|---:|---:|---:|");
    for n in [100, 1_000, 10_000] {
        let store = MemoryStore::new();
        let (sandbox, client) = sandbox_and_client(&store).await;
        let entities = people(&client, 50, 3030).await;
        let ids = validations(&client, &entities, n).await;
        let k = n / 100;
        for id in ids.iter().take(k) {
            sandbox
                .set_status_quietly(id.as_ref(), "approved")
                .expect("an outcome");
        }
        sandbox.clear_requests();
        let started = Instant::now();
        let report = Reconciler::new(client, Inbox::new(store))
            .budget(0)
            .run_once(|_event: WebhookEvent| async { Ok::<_, Infallible>(()) })
            .await
            .expect("a cycle");
        let took = started.elapsed();
        let sent = sandbox.requests().len();
        assert_eq!(report.changed, k);
        println!(
            "| {n} | {k} | {sent} | {} | {} ms |",
            n.div_ceil(100) + k + 2,
            took.as_millis()
        );
    }
}

async fn time_to_recover() {
    println!("| interval I | outcomes | mean | median | max | I / 2 |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for interval_ms in [250u64, 500, 1_000, 2_000] {
        const OUTCOMES: usize = 12;
        let interval = Duration::from_millis(interval_ms);
        let store = MemoryStore::new();
        let (sandbox, client) = sandbox_and_client(&store).await;
        sandbox
            .inject_delivery_fault(DeliveryFault::drop().always())
            .expect("a fault");
        let entities = people(&client, OUTCOMES, 3031).await;
        let ids = validations(&client, &entities, OUTCOMES).await;
        let seen: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
        let handler = {
            let seen = seen.clone();
            move |event: WebhookEvent| {
                let seen = seen.clone();
                async move {
                    seen.lock()
                        .expect("not poisoned")
                        .entry(event.idempotency_key())
                        .or_insert_with(Instant::now);
                    Ok::<_, Infallible>(())
                }
            }
        };
        let running = Reconciler::new(client, Inbox::new(store))
            .budget(0)
            .every(interval)
            .start(handler);
        let mut changed_at = Vec::new();
        for id in &ids {
            // A random moment within the next two intervals.
            let pause = interval.mul_f64(2.0 * fastrand::f64());
            tokio::time::sleep(pause).await;
            sandbox
                .set_status(id.as_ref(), "approved")
                .expect("an outcome");
            changed_at.push((format!("{id}:approved"), Instant::now()));
        }
        let give_up = Instant::now() + interval * 4 + Duration::from_secs(5);
        let mut waits: Vec<Duration> = loop {
            let seen = seen.lock().expect("not poisoned").clone();
            let waits: Option<Vec<Duration>> = changed_at
                .iter()
                .map(|(key, at)| seen.get(key).map(|t| t.saturating_duration_since(*at)))
                .collect();
            if let Some(waits) = waits {
                break waits;
            }
            assert!(
                Instant::now() < give_up,
                "an outcome never reached the handler"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        };
        running.stop().await;
        waits.sort();
        let mean = waits.iter().sum::<Duration>() / OUTCOMES as u32;
        let ms = |d: Duration| format!("{} ms", d.as_millis());
        println!(
            "| {} | {OUTCOMES} | {} | {} | {} | {} |",
            ms(interval),
            ms(mean),
            ms(waits[OUTCOMES / 2]),
            ms(waits[OUTCOMES - 1]),
            ms(interval / 2)
        );
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    println!("## Requests per cycle\n");
    requests_per_cycle().await;
    println!("\n## Time to recover an outcome whose webhook was dropped\n");
    time_to_recover().await;
}
