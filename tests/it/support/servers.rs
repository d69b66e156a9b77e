//! The real PostgreSQL and Redis servers the shared-store tests run against (`cargo xtask test`
//! installs and starts them on loopback; `DATABASE_URL` and `REDIS_URL` point elsewhere), and
//! the child processes of the tests that span several: this test binary run again for one test,
//! told its role by environment variables, talking to the parent over stdin and stdout.

#[cfg(feature = "postgres")]
use std::{
    io::{BufRead, BufReader},
    process::{Child, ChildStdout, Command, Stdio},
};

/// The test database's URL.
#[cfg(feature = "postgres")]
pub fn database_url() -> String {
    std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://gu1_kyc:gu1_kyc@127.0.0.1:5432/gu1_kyc_test".to_owned())
}

/// The test Redis's URL.
#[cfg(feature = "redis")]
pub fn redis_url() -> String {
    std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/".to_owned())
}

/// A store on the test database, migrated.
#[cfg(feature = "postgres")]
pub async fn postgres() -> gu1_kyc::store::PostgresStore {
    let store = gu1_kyc::store::PostgresStore::connect(&database_url())
        .await
        .unwrap_or_else(|e| {
            panic!("no PostgreSQL at DATABASE_URL ({e}): run the tests with `cargo xtask test`")
        });
    store.migrate().await.expect("the migration runs");
    store
}

/// A store on the test database whose tables live in `schema` (created if missing), so that
/// what a test counts is its own.
#[cfg(feature = "postgres")]
pub async fn postgres_in(schema: &str) -> gu1_kyc::store::PostgresStore {
    use std::str::FromStr;
    let options = sqlx::postgres::PgConnectOptions::from_str(&database_url())
        .expect("DATABASE_URL is a PostgreSQL URL");
    let admin = sqlx::PgPool::connect_with(options.clone())
        .await
        .unwrap_or_else(|e| {
            panic!("no PostgreSQL at DATABASE_URL ({e}): run the tests with `cargo xtask test`")
        });
    sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
        .execute(&admin)
        .await
        .expect("the schema is created");
    admin.close().await;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(10)
        .connect_with(options.options([("search_path", schema)]))
        .await
        .expect("a pool on the schema");
    let store = gu1_kyc::store::PostgresStore::from_pool(pool);
    store.migrate().await.expect("the migration runs");
    store
}

/// Drops a schema [`postgres_in`] made, with everything in it.
#[cfg(feature = "postgres")]
pub async fn drop_schema(store: &gu1_kyc::store::PostgresStore, schema: &str) {
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .execute(store.pool())
        .await
        .expect("the schema is dropped");
}

/// A store on the test Redis.
#[cfg(feature = "redis")]
pub async fn redis() -> gu1_kyc::store::RedisStore {
    gu1_kyc::store::RedisStore::connect(&redis_url())
        .await
        .unwrap_or_else(|e| {
            panic!("no Redis at REDIS_URL ({e}): run the tests with `cargo xtask test`")
        })
}

/// An environment variable the parent set for this child.
#[cfg(feature = "postgres")]
pub fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("the parent sets {name}"))
}

/// A child process: this binary, running only `test`, with `vars` (and this process's
/// environment, `DATABASE_URL` and `REDIS_URL` included).
#[cfg(feature = "postgres")]
pub fn spawn(test: &str, vars: &[(&str, String)]) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the test binary runs again");
    let stdout = BufReader::new(child.stdout.take().expect("piped"));
    (child, stdout)
}

/// Says `word` (and `rest`) to the parent, on a line of its own. The test harness may have
/// started a line (`test name ... `) before the test runs, so words are marked.
#[cfg(feature = "postgres")]
pub fn say(word: &str, rest: &str) {
    println!("@@{word} {rest}");
}

/// Reads `stdout` until the child says `word`; returns what followed it.
#[cfg(feature = "postgres")]
pub fn read_until(stdout: &mut BufReader<ChildStdout>, word: &str) -> String {
    let marker = format!("@@{word}");
    let mut line = String::new();
    loop {
        line.clear();
        let read = stdout.read_line(&mut line).expect("the child's output");
        assert!(read > 0, "the child ended before saying {word:?}");
        if let Some(at) = line.find(&marker) {
            return line[at + marker.len()..].trim().to_owned();
        }
    }
}

/// A runtime for a test that drives child processes from synchronous code.
#[cfg(feature = "postgres")]
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}
