//! The shared inbox's throughput on loopback PostgreSQL and Redis, side by side with its floor.
//!
//! Four workers each take events in turn (fresh keys, so every `begin` processes) and run
//! `begin` + `complete`: two round trips per event on either store. The floor is the same
//! number of bare round trips (`SELECT 1` on the same pool, `PING` on the same connection
//! manager) by the same four workers. Reported: events per second, and the p50 and p99 of one
//! event (or of one pair of bare round trips), with the ratio of the inbox's rate to the floor's.
//!
//! Needs the servers `cargo xtask test` starts (or `DATABASE_URL` and `REDIS_URL`):
//!
//! ```sh
//! cargo bench --bench inbox --features postgres,redis
//! ```

use std::{
    future::Future,
    sync::Arc,
    time::{Duration, Instant},
};

use gu1_kyc::store::{Begin, EventKey, InboxStore, PostgresStore, RedisStore};
use gu1_kyc::types::{ValidationId, ValidationStatus};

const WORKERS: usize = 4;
const EVENTS: usize = 4_000;
const LEASE: Duration = Duration::from_secs(60);

/// What one side of a comparison measured.
struct Run {
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

/// Runs `one(i)` for `EVENTS` values of `i` on `WORKERS` concurrent workers; times each call.
async fn measure<F, Fut>(one: F) -> Run
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    let one = Arc::new(one);
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|worker| {
            let one = one.clone();
            tokio::spawn(async move {
                let mut times = Vec::with_capacity(EVENTS / WORKERS);
                for i in (worker..EVENTS).step_by(WORKERS) {
                    let at = Instant::now();
                    one(i).await;
                    times.push(at.elapsed());
                }
                times
            })
        })
        .collect();
    let mut times = Vec::with_capacity(EVENTS);
    for worker in workers {
        times.extend(worker.await.expect("a worker"));
    }
    let elapsed = started.elapsed();
    times.sort_unstable();
    Run {
        per_second: EVENTS as f64 / elapsed.as_secs_f64(),
        p50: times[times.len() / 2],
        p99: times[times.len() * 99 / 100],
    }
}

/// A fresh event key for event `i` of this run.
fn key(run: u128, i: usize) -> EventKey {
    let id = uuid::Uuid::from_u128(run ^ (i as u128)).to_string();
    EventKey::new(
        &ValidationId::parse(id).expect("a UUID"),
        ValidationStatus::Approved,
    )
}

/// `begin` + `complete` of fresh events on `store`.
async fn inbox(store: Arc<dyn InboxStore>) -> Run {
    let run = fastrand::u128(..) << 16;
    measure(move |i| {
        let store = store.clone();
        async move {
            let key = key(run, i);
            let Begin::Process(lease) = store.begin(&key, LEASE).await.expect("begin") else {
                panic!("a fresh event is processed");
            };
            store.complete(&lease).await.expect("complete");
        }
    })
    .await
}

fn row(store: &str, inbox: &Run, floor: &Run) {
    println!(
        "{store:<30} inbox {:>7.0} events/s (p50 {:>6.2} ms, p99 {:>6.2} ms) | floor {:>7.0} pairs/s (p50 {:>6.2} ms, p99 {:>6.2} ms) | inbox/floor {:.2}",
        inbox.per_second,
        inbox.p50.as_secs_f64() * 1e3,
        inbox.p99.as_secs_f64() * 1e3,
        floor.per_second,
        floor.p50.as_secs_f64() * 1e3,
        floor.p99.as_secs_f64() * 1e3,
        inbox.per_second / floor.per_second,
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let database_url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://gu1_kyc:gu1_kyc@127.0.0.1:5432/gu1_kyc_test".to_owned());
    let redis_url =
        std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/".to_owned());
    println!(
        "{EVENTS} events, {WORKERS} workers, 2 round trips per event (begin, complete) on each store; \
         the floor is as many pairs of bare round trips"
    );

    let postgres = PostgresStore::connect(&database_url)
        .await
        .expect("PostgreSQL (run `cargo xtask test` once, or set DATABASE_URL)");
    postgres.migrate().await.expect("the migration");
    let pool = postgres.pool().clone();
    // Warm both sides up (connections opened, plans cached), then measure them one after the
    // other, twice, alternating.
    let _ = inbox(Arc::new(postgres.clone())).await;
    for _ in 0..2 {
        let measured = inbox(Arc::new(postgres.clone())).await;
        let pool = pool.clone();
        let floor = measure(move |_| {
            let pool = pool.clone();
            async move {
                for _ in 0..2 {
                    let _: i32 = sqlx::query_scalar("SELECT 1")
                        .fetch_one(&pool)
                        .await
                        .expect("SELECT 1");
                }
            }
        })
        .await;
        row("PostgreSQL", &measured, &floor);
    }
    // Where PostgreSQL's time goes: the same inbox on connections that do not wait for the
    // write-ahead log to reach the disk at each commit (a diagnostic only; the store never sets
    // this, since a crash could then forget a completed event).
    let relaxed = sqlx::postgres::PgPoolOptions::new()
        .max_connections(10)
        .after_connect(|connection, _| {
            Box::pin(async move {
                sqlx::query("SET synchronous_commit = off")
                    .execute(connection)
                    .await
                    .map(|_| ())
            })
        })
        .connect(&database_url)
        .await
        .expect("PostgreSQL");
    let relaxed = PostgresStore::from_pool(relaxed);
    let _ = inbox(Arc::new(relaxed.clone())).await;
    let measured = inbox(Arc::new(relaxed)).await;
    let pool = pool.clone();
    let floor = measure(move |_| {
        let pool = pool.clone();
        async move {
            for _ in 0..2 {
                let _: i32 = sqlx::query_scalar("SELECT 1")
                    .fetch_one(&pool)
                    .await
                    .expect("SELECT 1");
            }
        }
    })
    .await;
    row("PG, no WAL wait (diagnostic)", &measured, &floor);

    let client = redis::Client::open(redis_url.as_str()).expect("a Redis URL");
    let manager = redis::aio::ConnectionManager::new(client)
        .await
        .expect("Redis (run `cargo xtask test` once, or set REDIS_URL)");
    // The store and the floor share one connection.
    let redis = RedisStore::from_manager(manager.clone());
    let _ = inbox(Arc::new(redis.clone())).await;
    for _ in 0..2 {
        let measured = inbox(Arc::new(redis.clone())).await;
        let manager = manager.clone();
        let floor = measure(move |_| {
            let mut manager = manager.clone();
            async move {
                for _ in 0..2 {
                    let _: String = redis::cmd("PING")
                        .query_async(&mut manager)
                        .await
                        .expect("PING");
                }
            }
        })
        .await;
        row("Redis", &measured, &floor);
    }
}
