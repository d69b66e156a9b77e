//! The shared store: the conformance suite on every backend (memory; PostgreSQL and Redis against
//! real servers, which `cargo xtask test` starts), a store that is down, the transactional form,
//! and the idempotent helpers' locks shared by several clients.

use std::time::Duration;

use gu1_kyc::store::{Begin, EventKey, Inbox, MemoryStore, conformance};
use gu1_kyc::types::{ValidationId, ValidationStatus};

use crate::support::world::{World, client_for};

#[tokio::test]
async fn the_memory_store_passes_the_inbox_suite() {
    conformance::inbox(&MemoryStore::new())
        .await
        .unwrap_or_else(|failure| panic!("{failure}"));
}

#[tokio::test]
async fn the_memory_store_passes_the_lock_suite() {
    conformance::locks(&MemoryStore::new())
        .await
        .unwrap_or_else(|failure| panic!("{failure}"));
}

#[tokio::test]
async fn the_suite_catches_a_store_that_processes_everything() {
    /// A broken store: every delivery is processed, nothing is remembered.
    struct Forgetful(MemoryStore);
    impl gu1_kyc::store::LockStore for Forgetful {
        fn acquire<'a>(
            &'a self,
            key: &'a str,
            ttl: Duration,
            wait: Duration,
        ) -> gu1_kyc::store::BoxFuture<
            'a,
            Result<gu1_kyc::store::LockGuard, gu1_kyc::store::StoreError>,
        > {
            self.0.acquire(key, ttl, wait)
        }
    }
    impl gu1_kyc::store::InboxStore for Forgetful {
        fn begin<'a>(
            &'a self,
            key: &'a EventKey,
            lease_for: Duration,
        ) -> gu1_kyc::store::BoxFuture<'a, Result<Begin, gu1_kyc::store::StoreError>> {
            let lease = gu1_kyc::store::Lease::new(
                key.clone(),
                gu1_kyc::store::Lease::new_token(),
                std::time::SystemTime::now() + lease_for,
            );
            Box::pin(async move { Ok(Begin::Process(lease)) })
        }
        fn complete<'a>(
            &'a self,
            _: &'a gu1_kyc::store::Lease,
        ) -> gu1_kyc::store::BoxFuture<'a, Result<(), gu1_kyc::store::StoreError>> {
            Box::pin(async { Ok(()) })
        }
        fn abandon<'a>(
            &'a self,
            _: &'a gu1_kyc::store::Lease,
        ) -> gu1_kyc::store::BoxFuture<'a, Result<(), gu1_kyc::store::StoreError>> {
            Box::pin(async { Ok(()) })
        }
        fn record_status<'a>(
            &'a self,
            _: &'a ValidationId,
            _: &'a ValidationStatus,
        ) -> gu1_kyc::store::BoxFuture<'a, Result<(), gu1_kyc::store::StoreError>> {
            Box::pin(async { Ok(()) })
        }
        fn open_validations(
            &self,
        ) -> gu1_kyc::store::BoxFuture<
            '_,
            Result<Vec<(ValidationId, ValidationStatus)>, gu1_kyc::store::StoreError>,
        > {
            Box::pin(async { Ok(Vec::new()) })
        }
    }
    let failure = conformance::inbox(&Forgetful(MemoryStore::new()))
        .await
        .expect_err("it breaks the rules");
    assert_eq!(
        failure.case,
        "a_first_delivery_is_processed_and_once_completed_is_a_duplicate"
    );
    assert!(failure.message.contains("expected Duplicate"), "{failure}");
}

/// `ensure_open` from `clients` clients at once, for each of `entities` entities; returns how
/// many validations each entity ends up with.
async fn open_concurrently(
    world: &World,
    clients: &[gu1_kyc::Client],
    entities: usize,
) -> Vec<usize> {
    let mut people = Vec::new();
    for i in 0..entities {
        // Tax IDs with no test outcome: their validations stay open.
        people.push(world.person(&format!("3013{i:04}")).await);
    }
    let calls = people.iter().flat_map(|person| {
        clients.iter().map(move |client| async move {
            client
                .validations()
                .create(&person.id)
                .ensure_open()
                .await
                .expect("ensure_open succeeds")
        })
    });
    futures_util::future::join_all(calls).await;
    let mut counts = Vec::new();
    for person in &people {
        let history = world
            .client
            .validations()
            .history(&person.id)
            .collect_all(100)
            .await
            .expect("the history reads");
        counts.push(history.len());
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn clients_that_share_a_lock_store_open_one_validation_per_entity() {
    let world = World::start().await;
    let locks = MemoryStore::new();
    let clients: Vec<_> = (0..8)
        .map(|_| {
            gu1_kyc::Client::builder()
                .api_key(world.sandbox.api_key())
                .organization_id(world.sandbox.organization_id())
                .base_url(world.sandbox.base_url())
                .locks(locks.clone())
                .build()
                .expect("the client builds")
        })
        .collect();
    let counts = open_concurrently(&world, &clients, 10).await;
    assert_eq!(counts, vec![1; 10]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn clients_with_locks_of_their_own_race_and_open_several() {
    // The reason for a shared lock store: each client's in-process lock protects that client
    // only, so eight of them (eight replicas) open more than one validation for some entity.
    let world = World::start().await;
    let clients: Vec<_> = (0..8)
        .map(|_| {
            client_for(
                &world.sandbox,
                world.sandbox.api_key(),
                world.sandbox.organization_id(),
            )
        })
        .collect();
    let counts = open_concurrently(&world, &clients, 10).await;
    assert!(
        counts.iter().any(|&n| n > 1),
        "no race was observed: {counts:?}"
    );
}

#[tokio::test]
async fn the_inbox_handles_an_event_once_and_says_what_to_answer() {
    let inbox = Inbox::new(MemoryStore::new());
    let id = ValidationId::parse("550e8400-e29b-41d4-a716-446655440000").unwrap();
    let key = EventKey::new(&id, ValidationStatus::Approved);
    let Begin::Process(lease) = inbox.begin_key(&key).await.unwrap() else {
        panic!("the first delivery is processed");
    };
    assert_eq!(inbox.begin_key(&key).await.unwrap(), Begin::InFlight);
    inbox.complete(&lease).await.unwrap();
    assert_eq!(inbox.begin_key(&key).await.unwrap(), Begin::Duplicate);
}

#[cfg(feature = "postgres")]
mod postgres {
    use std::time::Duration;

    use gu1_kyc::store::{Begin, EventKey, InboxStore, PostgresStore, conformance};
    use gu1_kyc::types::{ValidationId, ValidationStatus};

    pub(crate) use crate::support::servers::postgres as store;

    #[tokio::test]
    async fn postgres_passes_the_inbox_suite() {
        conformance::inbox(&store().await)
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }

    #[tokio::test]
    async fn postgres_passes_the_lock_suite() {
        conformance::locks(&store().await)
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }

    #[tokio::test]
    async fn the_migration_can_run_again_and_concurrently() {
        let store = store().await;
        let (a, b) = futures_util::future::join(store.migrate(), store.migrate()).await;
        a.expect("the first migration");
        b.expect("the second migration");
    }

    #[tokio::test]
    async fn a_postgres_that_is_down_is_unavailable_for_every_step() {
        // Nothing listens on port 1.
        let pool = sqlx::postgres::PgPoolOptions::new()
            .acquire_timeout(Duration::from_millis(500))
            .connect_lazy("postgres://gu1_kyc:gu1_kyc@127.0.0.1:1/gu1_kyc_test")
            .expect("a valid URL");
        conformance::unavailable(&PostgresStore::from_pool(pool), Duration::from_secs(5))
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }

    fn random_validation() -> ValidationId {
        ValidationId::parse(uuid::Uuid::from_u128(fastrand_u128()).to_string()).unwrap()
    }

    fn fastrand_u128() -> u128 {
        let token = gu1_kyc::store::Lease::new_token();
        u128::from_str_radix(&token, 16).expect("hex")
    }

    #[tokio::test]
    async fn an_effect_and_the_inbox_commit_together() {
        let store = store().await;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS gu1_kyc_test_effects (validation_id text, status text)",
        )
        .execute(store.pool())
        .await
        .unwrap();
        let id = random_validation();
        let key = EventKey::new(&id, ValidationStatus::Approved);
        let effects = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM gu1_kyc_test_effects WHERE validation_id = $1",
            )
            .bind(id.as_str())
            .fetch_one(store.pool())
            .await
            .unwrap()
        };

        // A transaction that dies before commit records nothing: the next delivery processes.
        {
            let mut tx = store.pool().begin().await.unwrap();
            let Begin::Process(_lease) = store.begin_in(&mut tx, &key).await.unwrap() else {
                panic!("the first delivery is processed");
            };
            sqlx::query("INSERT INTO gu1_kyc_test_effects VALUES ($1, $2)")
                .bind(id.as_str())
                .bind("approved")
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.rollback().await.unwrap();
        }
        assert_eq!(effects().await, 0);

        // The redelivery commits its effect and the inbox's record together; a concurrent
        // delivery waits for the transaction, then finds the event done.
        let mut tx = store.pool().begin().await.unwrap();
        let Begin::Process(lease) = store.begin_in(&mut tx, &key).await.unwrap() else {
            panic!("the redelivery is processed");
        };
        let concurrent = tokio::spawn({
            let store = store.clone();
            let key = key.clone();
            async move { store.begin(&key, Duration::from_secs(60)).await }
        });
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(!concurrent.is_finished(), "the concurrent delivery waits");
        sqlx::query("INSERT INTO gu1_kyc_test_effects VALUES ($1, $2)")
            .bind(id.as_str())
            .bind("approved")
            .execute(&mut *tx)
            .await
            .unwrap();
        store.complete_in(&mut tx, &lease).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(concurrent.await.unwrap().unwrap(), Begin::Duplicate);
        assert_eq!(effects().await, 1);
    }
}

#[cfg(feature = "redis")]
mod redis {
    use std::{process::Command, time::Duration};

    use gu1_kyc::store::{RedisStore, conformance};

    use crate::support::servers::redis as store;

    #[tokio::test]
    async fn redis_passes_the_inbox_suite() {
        conformance::inbox(&store().await)
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }

    #[tokio::test]
    async fn redis_passes_the_lock_suite() {
        conformance::locks(&store().await)
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }

    #[tokio::test]
    async fn a_redis_that_went_down_is_unavailable_for_every_step() {
        // A Redis of this test's own on a free loopback port, stopped once connected.
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let mut server = Command::new("redis-server")
            .args([
                "--bind",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--save",
                "",
            ])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server runs (cargo xtask test installs it)");
        let url = format!("redis://127.0.0.1:{port}/");
        let mut store = None;
        for _ in 0..50 {
            if let Ok(connected) = RedisStore::connect(&url).await {
                store = Some(connected);
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let store = store.expect("the test's Redis answers");
        server.kill().expect("the test's Redis stops");
        server.wait().expect("the test's Redis is reaped");
        conformance::unavailable(&store, Duration::from_secs(10))
            .await
            .unwrap_or_else(|failure| panic!("{failure}"));
    }
}
