//! The shared store across OS processes. Four receiver processes share one inbox (PostgreSQL,
//! then Redis) while every event of 300 validations is delivered to them duplicated and out of
//! order, and one receiver is killed with SIGKILL in the middle of processing; then every
//! terminal outcome was processed exactly once. And eight processes call `ensure_open` for the
//! same 50 entities at the same moment: with a shared lock store, one validation each; with the
//! in-process lock, more.
//!
//! The children are this test binary run again for one test (as the leak test does), told their
//! role by environment variables; they talk to the parent over their stdin and stdout.

use std::{
    collections::{HashMap, VecDeque},
    io::Write,
    sync::{Arc, Mutex},
    time::Duration,
};

use gu1_kyc::store::{Begin, EventKey, Inbox, PostgresStore, RedisStore};
use gu1_kyc::webhooks::{self, SIGNATURE_HEADER, WebhookSecret};
use gu1_kyc_sandbox::Sandbox;

use crate::support::servers::{database_url, env, read_until, redis_url, runtime, say, spawn};
use crate::support::world::client_for;

/// Set in a child: what it is (`receiver` or `opener`).
const ROLE: &str = "GU1_KYC_TEST_ROLE";

// ---- receivers --------------------------------------------------------------------------------

/// How long a receiver's lease lasts: short, so that the killed receiver's event is soon
/// processed by another.
const LEASE: Duration = Duration::from_millis(800);

/// A receiver process: verifies each delivery, processes it through the shared inbox one at a
/// time, records the effect, and answers 200 (or 503 for an event in flight elsewhere). With
/// `GU1_KYC_TEST_STALL_AFTER=n`, it stalls in the middle of processing its n+1-th event (after
/// the inbox gave it the event, before the effect) and says so, to be killed there.
async fn receiver() {
    use axum::{Router, body::Bytes, http::HeaderMap, http::StatusCode, routing::post};

    let backend = env("GU1_KYC_TEST_BACKEND");
    let run = env("GU1_KYC_TEST_RUN");
    let secret = WebhookSecret::new(env("GU1_KYC_TEST_SECRET"));
    let stall_after: Option<usize> = std::env::var("GU1_KYC_TEST_STALL_AFTER")
        .ok()
        .and_then(|n| n.parse().ok());
    let postgres = PostgresStore::connect(&database_url())
        .await
        .expect("PostgreSQL");
    let redis = RedisStore::connect(&redis_url()).await.expect("Redis");
    let inbox = Inbox::new(redis.clone()).lease_for(LEASE);
    let redis_client = redis::Client::open(redis_url()).expect("a Redis URL");
    let effects = redis_client
        .get_multiplexed_async_connection()
        .await
        .expect("Redis");
    let serial = Arc::new(tokio::sync::Mutex::new(0usize));

    let handler = move |headers: HeaderMap, body: Bytes| {
        let (backend, run, secret, postgres, inbox, serial) = (
            backend.clone(),
            run.clone(),
            secret.clone(),
            postgres.clone(),
            inbox.clone(),
            serial.clone(),
        );
        let mut effects = effects.clone();
        async move {
            let signature = headers
                .get(SIGNATURE_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            let Ok(event) = webhooks::verify_and_parse(&secret, &body, signature) else {
                return StatusCode::UNAUTHORIZED;
            };
            let key = EventKey::of(&event);
            // One event at a time, so that a stall is the only work in progress.
            let mut processed = serial.lock().await;
            *processed += 1;
            let stall = stall_after.is_some_and(|n| *processed > n);
            if backend == "postgres" {
                let mut tx = postgres.pool().begin().await.expect("a transaction");
                let begun = postgres.begin_in(&mut tx, &key).await.expect("begin");
                if let Begin::Process(lease) = begun {
                    if stall {
                        say("stalled", "");
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                    }
                    sqlx::query(&format!(
                        "INSERT INTO gu1_kyc_test_effects_{run} VALUES ($1, $2, $3)"
                    ))
                    .bind(key.validation_id().as_str())
                    .bind(key.status().as_str())
                    .bind(i64::from(std::process::id()))
                    .execute(&mut *tx)
                    .await
                    .expect("the effect");
                    postgres
                        .complete_in(&mut tx, &lease)
                        .await
                        .expect("complete");
                }
                tx.commit().await.expect("commit");
                StatusCode::OK
            } else {
                match inbox.begin_key(&key).await {
                    Ok(Begin::Process(lease)) => {
                        if stall {
                            say("stalled", "");
                            tokio::time::sleep(Duration::from_secs(3600)).await;
                        }
                        let _: i64 = redis::AsyncCommands::rpush(
                            &mut effects,
                            format!("gu1kyc:test:effects:{run}"),
                            key.as_str(),
                        )
                        .await
                        .expect("the effect");
                        match inbox.complete(&lease).await {
                            Ok(()) => StatusCode::OK,
                            Err(_) => StatusCode::SERVICE_UNAVAILABLE,
                        }
                    }
                    Ok(Begin::InFlight) | Err(_) => StatusCode::SERVICE_UNAVAILABLE,
                    Ok(Begin::Duplicate | Begin::Superseded) => StatusCode::OK,
                }
            }
        }
    };
    let app = Router::new().route("/", post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    say(
        "listening",
        &format!("http://{}/", listener.local_addr().expect("an address")),
    );
    axum::serve(listener, app).await.expect("serves");
}

/// 300 validations of 100 entities, each through a non-terminal status to an outcome (every
/// outcome represented), with their deliveries recorded, not sent. Returns the sandbox and the
/// signed deliveries.
async fn three_hundred_validations() -> (Sandbox, Vec<(Vec<u8>, String)>) {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let client = client_for(&sandbox, sandbox.api_key(), sandbox.organization_id());
    const OUTCOMES: [&str; 6] = [
        "approved",
        "rejected",
        "expired",
        "abandoned",
        "cancelled",
        "approved",
    ];
    for entity in 0..100 {
        let person = client
            .entities()
            .create_person("Test Person", "AR")
            .tax_id(format!("3015{entity:04}"))
            .send()
            .await
            .expect("the person is created");
        for round in 0..3 {
            let validation = client
                .validations()
                .create(&person.id)
                .send()
                .await
                .expect("the validation is created");
            let id = validation.id.to_string();
            let middle = if round == 1 {
                "in_review"
            } else {
                "in_progress"
            };
            sandbox.set_status(&id, middle).expect("a status change");
            let outcome = OUTCOMES[(entity * 3 + round) % OUTCOMES.len()];
            sandbox.set_status(&id, outcome).expect("an outcome");
        }
    }
    let deliveries = sandbox
        .webhook_deliveries()
        .into_iter()
        .map(|d| (d.body, d.signature))
        .collect();
    (sandbox, deliveries)
}

/// Posts every delivery until a receiver answers 200, as gu1 retries: 30% of them twice, all in
/// a shuffled order, spread over the receivers, an unanswered or non-200 delivery sent again
/// (to the next receiver) after a pause. Kills receiver 0 when it says it stalled.
async fn deliver(
    urls: &[String],
    plan: Vec<(Vec<u8>, String)>,
    stalled: tokio::sync::oneshot::Receiver<()>,
    kill: impl FnOnce() + Send + 'static,
) -> usize {
    let queue = Arc::new(Mutex::new(VecDeque::from(plan)));
    let dead = Arc::new(std::sync::atomic::AtomicBool::new(false));
    tokio::spawn({
        let dead = dead.clone();
        async move {
            if stalled.await.is_ok() {
                kill();
                dead.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(3))
        .build()
        .expect("an HTTP client");
    let posts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let senders: Vec<_> = (0..8)
        .map(|sender| {
            let (queue, dead, http, posts) =
                (queue.clone(), dead.clone(), http.clone(), posts.clone());
            let urls = urls.to_vec();
            tokio::spawn(async move {
                let mut turn = sender;
                let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
                loop {
                    let next = queue.lock().unwrap().pop_front();
                    let Some((body, signature)) = next else {
                        return;
                    };
                    assert!(
                        tokio::time::Instant::now() < deadline,
                        "deliveries did not finish in 120 s"
                    );
                    turn += 1;
                    let mut target = turn % urls.len();
                    if target == 0 && dead.load(std::sync::atomic::Ordering::SeqCst) {
                        target = 1;
                    }
                    posts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let answered = http
                        .post(&urls[target])
                        .header(SIGNATURE_HEADER, &signature)
                        .body(body.clone())
                        .send()
                        .await
                        .map(|r| r.status().as_u16());
                    if !matches!(answered, Ok(200)) {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        queue.lock().unwrap().push_back((body, signature));
                    }
                }
            })
        })
        .collect();
    for sender in senders {
        sender.await.expect("a sender finished");
    }
    posts.load(std::sync::atomic::Ordering::Relaxed)
}

/// The deliveries, 30% of them twice, shuffled with a fixed seed.
fn duplicated_and_shuffled(deliveries: &[(Vec<u8>, String)]) -> Vec<(Vec<u8>, String)> {
    let mut rng = fastrand::Rng::with_seed(0x6775_316b_7963);
    let mut plan: Vec<_> = deliveries.to_vec();
    plan.extend(deliveries.iter().filter(|_| rng.f64() < 0.3).cloned());
    rng.shuffle(&mut plan);
    plan
}

/// The (validation, status) keys of the deliveries, and which of them are terminal.
fn keys(deliveries: &[(Vec<u8>, String)]) -> Vec<EventKey> {
    let mut keys: Vec<EventKey> = deliveries
        .iter()
        .map(|(body, _)| EventKey::of(&webhooks::parse_event(body).expect("a sandbox event")))
        .collect();
    keys.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    keys.dedup();
    keys
}

/// Runs the whole receivers scenario on `backend`; returns the effects per event key.
fn receivers_scenario(test: &str, backend: &str) -> (Vec<EventKey>, HashMap<String, usize>, usize) {
    let runtime = runtime();
    let run = gu1_kyc::store::Lease::new_token()[..12].to_owned();
    let (sandbox, deliveries) = runtime.block_on(three_hundred_validations());
    if backend == "postgres" {
        runtime.block_on(async {
            let store = PostgresStore::connect(&database_url()).await.expect("PostgreSQL");
            store.migrate().await.expect("the migration");
            // No unique constraint: a double effect would show as two rows.
            sqlx::query(&format!(
                "CREATE TABLE gu1_kyc_test_effects_{run} (validation_id text, status text, pid bigint)"
            ))
            .execute(store.pool())
            .await
            .expect("the effects table");
        });
    }
    let mut children = Vec::new();
    let mut urls = Vec::new();
    let mut stalled_stdout = None;
    for index in 0..4 {
        let mut vars = vec![
            (ROLE, "receiver".to_owned()),
            ("GU1_KYC_TEST_BACKEND", backend.to_owned()),
            ("GU1_KYC_TEST_RUN", run.clone()),
            ("GU1_KYC_TEST_SECRET", sandbox.webhook_secret().to_owned()),
        ];
        if index == 0 {
            vars.push(("GU1_KYC_TEST_STALL_AFTER", "40".to_owned()));
        }
        let (child, mut stdout) = spawn(test, &vars);
        urls.push(read_until(&mut stdout, "listening"));
        if index == 0 {
            stalled_stdout = Some(stdout);
        }
        children.push(child);
    }
    let (stalled_tx, stalled_rx) = tokio::sync::oneshot::channel();
    let mut watched = stalled_stdout.expect("receiver 0's output");
    std::thread::spawn(move || {
        read_until(&mut watched, "stalled");
        let _ = stalled_tx.send(());
    });
    let first = Arc::new(Mutex::new(Some(children.remove(0))));
    let killed = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let kill = {
        let (first, killed) = (first.clone(), killed.clone());
        move || {
            if let Some(mut child) = first.lock().unwrap().take() {
                // SIGKILL: no chance to abandon its lease or roll back cleanly.
                child.kill().expect("receiver 0 is killed");
                let _ = child.wait();
                killed.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
    };
    let plan = duplicated_and_shuffled(&deliveries);
    let posts = runtime.block_on(deliver(&urls, plan, stalled_rx, kill));
    assert!(
        killed.load(std::sync::atomic::Ordering::SeqCst),
        "receiver 0 was killed in the middle of processing"
    );
    for mut child in children {
        let _ = child.kill();
        let _ = child.wait();
    }
    let effects = runtime.block_on(async {
        let mut counts = HashMap::new();
        if backend == "postgres" {
            let store = PostgresStore::connect(&database_url()).await.expect("PostgreSQL");
            let rows: Vec<(String, String)> = sqlx::query_as(&format!(
                "SELECT validation_id, status FROM gu1_kyc_test_effects_{run}"
            ))
            .fetch_all(store.pool())
            .await
            .expect("the effects");
            for (validation, status) in rows {
                *counts.entry(format!("{validation}:{status}")).or_default() += 1;
            }
            let leased: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM gu1_kyc_inbox WHERE state = 'leased' AND validation_id = ANY($1)",
            )
            .bind(keys(&deliveries).iter().map(|k| k.validation_id().to_string()).collect::<Vec<_>>())
            .fetch_one(store.pool())
            .await
            .expect("the inbox");
            assert_eq!(leased, 0, "an event was left in flight");
            sqlx::query(&format!("DROP TABLE gu1_kyc_test_effects_{run}"))
                .execute(store.pool())
                .await
                .expect("the effects table goes");
        } else {
            let client = redis::Client::open(redis_url()).expect("a Redis URL");
            let mut connection = client.get_multiplexed_async_connection().await.expect("Redis");
            let list = format!("gu1kyc:test:effects:{run}");
            let effects: Vec<String> = redis::AsyncCommands::lrange(&mut connection, &list, 0, -1)
                .await
                .expect("the effects");
            for key in effects {
                *counts.entry(key).or_default() += 1;
            }
            let _: i64 = redis::AsyncCommands::del(&mut connection, &list).await.expect("cleanup");
            for key in keys(&deliveries) {
                let fields: Vec<(String, String)> = redis::AsyncCommands::hgetall(
                    &mut connection,
                    format!("{{gu1kyc}}:inbox:{}", key.validation_id()),
                )
                .await
                .expect("the inbox");
                assert!(
                    fields
                        .iter()
                        .all(|(status, state)| status == "_closed" || state == "done"),
                    "an event was left in flight"
                );
            }
        }
        counts
    });
    (keys(&deliveries), effects, posts)
}

/// Every terminal outcome exactly once, no other outcome more than once, nothing unknown.
fn assert_exactly_once(keys: &[EventKey], effects: &HashMap<String, usize>, posts: usize) {
    assert!(keys.len() >= 900, "{} events", keys.len());
    let validations: std::collections::HashSet<_> =
        keys.iter().map(|k| k.validation_id()).collect();
    assert!(
        validations.len() >= 300,
        "{} validations",
        validations.len()
    );
    assert!(
        posts > keys.len(),
        "deliveries were duplicated and retried: {posts} posts"
    );
    for key in keys {
        let count = effects.get(key.as_str()).copied().unwrap_or(0);
        if key.is_terminal() {
            assert_eq!(
                count,
                1,
                "the {} outcome was processed {count} times",
                key.status()
            );
        } else {
            assert!(
                count <= 1,
                "a {} event was processed {count} times",
                key.status()
            );
        }
    }
    let known: std::collections::HashSet<_> = keys.iter().map(EventKey::as_str).collect();
    assert!(
        effects.keys().all(|k| known.contains(k.as_str())),
        "an effect of no delivery"
    );
}

#[test]
fn four_receivers_on_postgres_process_every_outcome_once_though_one_is_killed() {
    if std::env::var(ROLE).as_deref() == Ok("receiver") {
        runtime().block_on(receiver());
        return;
    }
    let test =
        "processes::four_receivers_on_postgres_process_every_outcome_once_though_one_is_killed";
    let (keys, effects, posts) = receivers_scenario(test, "postgres");
    assert_exactly_once(&keys, &effects, posts);
}

#[test]
fn four_receivers_on_redis_process_every_outcome_once_though_one_is_killed() {
    if std::env::var(ROLE).as_deref() == Ok("receiver") {
        runtime().block_on(receiver());
        return;
    }
    let test = "processes::four_receivers_on_redis_process_every_outcome_once_though_one_is_killed";
    let (keys, effects, posts) = receivers_scenario(test, "redis");
    assert_exactly_once(&keys, &effects, posts);
}

// ---- openers ----------------------------------------------------------------------------------

/// An opener process: a client for the parent's sandbox (with the PostgreSQL lock store, or
/// its own in-process locks), which waits for the parent's go and then calls `ensure_open` for
/// every entity at once.
async fn opener() {
    let mut builder = gu1_kyc::Client::builder()
        .api_key(env("GU1_KYC_TEST_API_KEY"))
        .organization_id(env("GU1_KYC_TEST_ORGANIZATION"))
        .base_url(env("GU1_KYC_TEST_BASE_URL"));
    if env("GU1_KYC_TEST_LOCKS") == "postgres" {
        // A small pool: eight of these processes share the server's connections with the rest
        // of the tests.
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(30))
            .connect(&database_url())
            .await
            .expect("PostgreSQL");
        builder = builder.locks(PostgresStore::from_pool(pool));
    }
    let client = builder.build().expect("the client builds");
    let entities: Vec<_> = env("GU1_KYC_TEST_ENTITIES")
        .split(',')
        .map(|id| gu1_kyc::types::EntityId::parse(id).expect("an entity ID"))
        .collect();
    say("ready", "");
    let mut go = String::new();
    std::io::stdin()
        .read_line(&mut go)
        .expect("the parent's go");
    let calls = entities
        .iter()
        .map(|entity| client.validations().create(entity).ensure_open());
    for opened in futures_util::future::join_all(calls).await {
        opened.expect("ensure_open succeeds");
    }
    say("done", "");
}

/// Eight processes, `ensure_open` for the same 50 entities at the same moment; returns how many
/// validations each entity has.
fn eight_openers(test: &str, locks: &str) -> Vec<usize> {
    let runtime = runtime();
    let sandbox = runtime
        .block_on(Sandbox::start())
        .expect("the sandbox starts");
    let client = client_for(&sandbox, sandbox.api_key(), sandbox.organization_id());
    let entities: Vec<_> = runtime.block_on(async {
        let mut ids = Vec::new();
        for i in 0..50 {
            let person = client
                .entities()
                .create_person("Test Person", "AR")
                .tax_id(format!("3016{i:04}"))
                .send()
                .await
                .expect("the person is created");
            ids.push(person.id);
        }
        ids
    });
    let joined = entities
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let mut children: Vec<_> = (0..8)
        .map(|_| {
            let (child, mut stdout) = spawn(
                test,
                &[
                    (ROLE, "opener".to_owned()),
                    ("GU1_KYC_TEST_LOCKS", locks.to_owned()),
                    ("GU1_KYC_TEST_API_KEY", sandbox.api_key().to_owned()),
                    (
                        "GU1_KYC_TEST_ORGANIZATION",
                        sandbox.organization_id().to_owned(),
                    ),
                    ("GU1_KYC_TEST_BASE_URL", sandbox.base_url().to_owned()),
                    ("GU1_KYC_TEST_ENTITIES", joined.clone()),
                ],
            );
            read_until(&mut stdout, "ready");
            (child, stdout)
        })
        .collect();
    for (child, _) in &mut children {
        child
            .stdin
            .as_mut()
            .expect("piped")
            .write_all(b"go\n")
            .expect("the go reaches the child");
    }
    for (mut child, mut stdout) in children {
        read_until(&mut stdout, "done");
        assert!(child.wait().expect("the child ends").success());
    }
    runtime.block_on(async {
        let mut counts = Vec::new();
        for entity in &entities {
            let history = client
                .validations()
                .history(entity)
                .collect_all(100)
                .await
                .expect("the history reads");
            counts.push(history.len());
        }
        counts
    })
}

#[test]
fn eight_processes_sharing_postgres_locks_open_one_validation_per_entity() {
    if std::env::var(ROLE).as_deref() == Ok("opener") {
        runtime().block_on(opener());
        return;
    }
    let test = "processes::eight_processes_sharing_postgres_locks_open_one_validation_per_entity";
    assert_eq!(eight_openers(test, "postgres"), vec![1; 50]);
}

#[test]
fn eight_processes_with_in_process_locks_open_several_for_some_entity() {
    if std::env::var(ROLE).as_deref() == Ok("opener") {
        runtime().block_on(opener());
        return;
    }
    let test = "processes::eight_processes_with_in_process_locks_open_several_for_some_entity";
    let counts = eight_openers(test, "memory");
    assert!(
        counts.iter().any(|&n| n > 1),
        "no race was observed: {counts:?}"
    );
}
