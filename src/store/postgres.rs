//! The PostgreSQL backend (feature `postgres`), on `sqlx`.
//!
//! Why these choices:
//!
//! - **One round trip per step.** `begin` is one call of a function the migration installs
//!   (`gu1_kyc_inbox_begin`): it takes a transaction-scoped advisory lock on the validation, reads
//!   the event's row, checks for a recorded terminal status and inserts or re-leases the row, all
//!   in one statement. `complete` and `abandon` are one conditional `UPDATE` / `DELETE` each
//!   (the lease token in the `WHERE`). The per-validation lock is what makes "a terminal status
//!   and a late non-terminal one never both win" hold under concurrency; a row lock alone would
//!   not, since the two events are different rows.
//! - **The transactional form** ([`PostgresStore::begin_in`], [`PostgresStore::complete_in`]):
//!   inside your transaction, the advisory lock is held until it ends, so a concurrent delivery of
//!   the same validation waits, then sees the event done (a duplicate) or, if your transaction
//!   rolled back, processes it. Your effect and the inbox's "done" commit together: processing is
//!   effectively once, whatever instruction the process dies at.
//! - **Locks are session advisory locks** (`pg_try_advisory_lock`) on a connection the guard
//!   holds, keyed by the schema and the key (the store's tables live in the connection's schema,
//!   so two stores in two schemas of one database lock apart): a holder that dies closes its connection, and PostgreSQL releases the lock at once,
//!   so no time to live is needed (the `ttl` argument is not used).
//! - **Time is the server's** (`clock_timestamp()`), so replicas with skewed clocks agree on
//!   when a lease ends.

use std::{
    fmt,
    time::{Duration, SystemTime},
};

use sqlx::{
    PgConnection, PgPool, Postgres, pool::PoolConnection, postgres::PgPoolOptions,
    postgres::types::PgInterval,
};

use super::{
    Begin, BoxFuture, EventKey, HeldLock, InboxStore, Lease, LockGuard, LockStore, StoreError,
    StoreErrorKind, locks::take_within, stored_id,
};
use crate::types::{ValidationId, ValidationStatus};

/// The migration this backend needs: the inbox table and its `begin` function. Idempotent.
/// [`PostgresStore::migrate`] runs it; with your own migrations, copy it from the crate's
/// `migrations/postgres/` folder. Connecting over TLS: enable one of sqlx's TLS features in your
/// own `Cargo.toml` (for example `sqlx = { version = "0.8", features = ["tls-rustls"] }`).
pub const MIGRATION: &str =
    include_str!("../../migrations/postgres/20261205000000_gu1_kyc_store.sql");

/// An inbox and locks in PostgreSQL, shared by every replica. Cheap to clone (a pool inside).
///
/// ```no_run
/// # async fn demo() -> Result<(), gu1_kyc::store::StoreError> {
/// use gu1_kyc::store::{Inbox, PostgresStore};
///
/// let store = PostgresStore::connect("postgres://gu1:secret@127.0.0.1/app").await?;
/// store.migrate().await?;
/// let inbox = Inbox::new(store.clone());
/// let client = gu1_kyc::Client::builder().api_key("gk_...").locks(store).build();
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects a pool (10 connections, 5 s to get one) to `url`.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), gu1_kyc::store::StoreError> {
    /// let store = gu1_kyc::store::PostgresStore::connect("postgres://127.0.0.1/app").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Unavailable`](StoreErrorKind::Unavailable) when no connection can be made.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| unavailable("could not connect to PostgreSQL", e))?;
        Ok(Self { pool })
    }

    /// A store whose pool connects on first use: building it never fails, and every call made
    /// while the database is down fails with [`Unavailable`](StoreErrorKind::Unavailable).
    ///
    /// ```no_run
    /// let store = gu1_kyc::store::PostgresStore::connect_lazy("postgres://127.0.0.1/app")?;
    /// # Ok::<(), gu1_kyc::store::StoreError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Unavailable`](StoreErrorKind::Unavailable) when the URL is not valid.
    pub fn connect_lazy(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(5))
            .connect_lazy(url)
            .map_err(|e| unavailable("the PostgreSQL URL is not valid", e))?;
        Ok(Self { pool })
    }

    /// A store over your own pool.
    ///
    /// ```no_run
    /// # fn demo(pool: sqlx::PgPool) {
    /// let store = gu1_kyc::store::PostgresStore::from_pool(pool);
    /// # }
    /// ```
    pub fn from_pool(pool: PgPool) -> Self {
        Self { pool }
    }

    /// The pool, for your own queries and transactions.
    ///
    /// ```no_run
    /// # fn demo(store: gu1_kyc::store::PostgresStore) {
    /// let pool: &sqlx::PgPool = store.pool();
    /// # }
    /// ```
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Creates or updates the tables and functions this backend needs ([`MIGRATION`]).
    ///
    /// ```no_run
    /// # async fn demo(store: gu1_kyc::store::PostgresStore) -> Result<(), gu1_kyc::store::StoreError> {
    /// store.migrate().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The database's, as [`Unavailable`](StoreErrorKind::Unavailable).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        // Concurrent starts of several replicas would race on CREATE OR REPLACE FUNCTION.
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(|e| unavailable("could not start the migration", e))?;
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('gu1_kyc_migrate', 0))")
            .execute(&mut *tx)
            .await
            .map_err(|e| unavailable("could not lock the migration", e))?;
        sqlx::raw_sql(MIGRATION)
            .execute(&mut *tx)
            .await
            .map_err(|e| unavailable("the migration failed", e))?;
        tx.commit()
            .await
            .map_err(|e| unavailable("the migration did not commit", e))
    }

    /// [`InboxStore::begin`] inside your transaction: when the answer is [`Begin::Process`], run
    /// your effect in the same transaction, call [`Self::complete_in`], and commit. Until the
    /// transaction ends, other deliveries of the validation's events wait; if it rolls back (or
    /// the process dies), nothing was recorded and the next delivery is processed.
    ///
    /// ```no_run
    /// # async fn demo(store: gu1_kyc::store::PostgresStore, key: gu1_kyc::store::EventKey) -> Result<(), Box<dyn std::error::Error>> {
    /// use gu1_kyc::store::Begin;
    /// let mut tx = store.pool().begin().await?;
    /// if let Begin::Process(lease) = store.begin_in(&mut tx, &key).await? {
    ///     sqlx::query("UPDATE customers SET kyc = $1 WHERE validation_id = $2")
    ///         .bind(key.status().as_str())
    ///         .bind(key.validation_id().as_str())
    ///         .execute(&mut *tx)
    ///         .await?;
    ///     store.complete_in(&mut tx, &lease).await?;
    /// }
    /// tx.commit().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The database's, as [`Unavailable`](StoreErrorKind::Unavailable).
    pub async fn begin_in(
        &self,
        connection: &mut PgConnection,
        key: &EventKey,
    ) -> Result<Begin, StoreError> {
        // The transaction's lock keeps the row from others; the lease only has to outlive it.
        begin_on(connection, key, Duration::from_secs(24 * 60 * 60)).await
    }

    /// [`InboxStore::complete`] inside your transaction (see [`Self::begin_in`]).
    ///
    /// ```no_run
    /// # async fn demo(store: gu1_kyc::store::PostgresStore, lease: gu1_kyc::store::Lease, tx: &mut sqlx::PgConnection) -> Result<(), gu1_kyc::store::StoreError> {
    /// store.complete_in(tx, &lease).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`LeaseLost`](StoreErrorKind::LeaseLost) when the lease is not held; the database's
    /// otherwise.
    pub async fn complete_in(
        &self,
        connection: &mut PgConnection,
        lease: &Lease,
    ) -> Result<(), StoreError> {
        complete_on(connection, lease).await
    }
}

async fn begin_on(
    connection: &mut PgConnection,
    key: &EventKey,
    lease_for: Duration,
) -> Result<Begin, StoreError> {
    let token = Lease::new_token();
    let lease = PgInterval::try_from(lease_for)
        .map_err(|_| StoreError::new(StoreErrorKind::Corrupt, "the lease time is out of range"))?;
    let decided: String = sqlx::query_scalar("SELECT gu1_kyc_inbox_begin($1, $2, $3, $4, $5)")
        .bind(key.validation_id().as_str())
        .bind(key.status().as_str())
        .bind(key.is_terminal())
        .bind(&token)
        .bind(lease)
        .fetch_one(connection)
        .await
        .map_err(|e| unavailable("the inbox could not begin the event", e))?;
    match decided.as_str() {
        "process" => {
            let expires_at = SystemTime::now()
                .checked_add(lease_for)
                .unwrap_or(SystemTime::UNIX_EPOCH);
            Ok(Begin::Process(Lease::new(key.clone(), token, expires_at)))
        }
        "duplicate" => Ok(Begin::Duplicate),
        "superseded" => Ok(Begin::Superseded),
        "in_flight" => Ok(Begin::InFlight),
        _ => Err(StoreError::new(
            StoreErrorKind::Corrupt,
            "gu1_kyc_inbox_begin answered an unknown decision: run PostgresStore::migrate",
        )),
    }
}

/// Upserts a validation's last known status from the rows of `source` (`validation_id`,
/// `status`, `terminal`), leaving a terminal one as it is.
macro_rules! record_from {
    ($source:literal) => {
        concat!(
            "INSERT INTO gu1_kyc_validations AS v (validation_id, status, terminal) ",
            $source,
            " ON CONFLICT (validation_id) DO UPDATE \
             SET status = EXCLUDED.status, terminal = EXCLUDED.terminal, updated_at = now() \
             WHERE NOT v.terminal"
        )
    };
}

async fn complete_on(connection: &mut PgConnection, lease: &Lease) -> Result<(), StoreError> {
    // One statement: the event is done and its status recorded together, or neither.
    let done: i64 = sqlx::query_scalar(concat!(
        "WITH done AS (UPDATE gu1_kyc_inbox SET state = 'done', lease_token = NULL, \
         lease_until = NULL, updated_at = now() \
         WHERE validation_id = $1 AND status = $2 AND state = 'leased' AND lease_token = $3 \
         RETURNING validation_id, status, terminal), \
         recorded AS (",
        record_from!("SELECT validation_id, status, terminal FROM done"),
        ") SELECT count(*) FROM done"
    ))
    .bind(lease.key().validation_id().as_str())
    .bind(lease.key().status().as_str())
    .bind(lease.token())
    .fetch_one(connection)
    .await
    .map_err(|e| unavailable("the inbox could not complete the event", e))?;
    held(u64::try_from(done).unwrap_or(0))
}

fn held(rows: u64) -> Result<(), StoreError> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::new(
            StoreErrorKind::LeaseLost,
            "the event is no longer leased by this holder",
        ))
    }
}

impl InboxStore for PostgresStore {
    fn begin<'a>(
        &'a self,
        key: &'a EventKey,
        lease_for: Duration,
    ) -> BoxFuture<'a, Result<Begin, StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            begin_on(&mut connection, key, lease_for).await
        })
    }

    fn complete<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            complete_on(&mut connection, lease).await
        })
    }

    fn abandon<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let gone = sqlx::query(
                "DELETE FROM gu1_kyc_inbox \
                 WHERE validation_id = $1 AND status = $2 AND state = 'leased' AND lease_token = $3",
            )
            .bind(lease.key().validation_id().as_str())
            .bind(lease.key().status().as_str())
            .bind(lease.token())
            .execute(&self.pool)
            .await
            .map_err(|e| unavailable("the inbox could not abandon the event", e))?;
            held(gone.rows_affected())
        })
    }

    fn record_status<'a>(
        &'a self,
        validation_id: &'a ValidationId,
        status: &'a ValidationStatus,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            sqlx::query(record_from!("VALUES ($1, $2, $3)"))
                .bind(validation_id.as_str())
                .bind(status.as_str())
                .bind(status.is_terminal())
                .execute(&self.pool)
                .await
                .map_err(|e| unavailable("could not record the validation's status", e))?;
            Ok(())
        })
    }

    fn open_validations(
        &self,
    ) -> BoxFuture<'_, Result<Vec<(ValidationId, ValidationStatus)>, StoreError>> {
        Box::pin(async move {
            let rows: Vec<(String, String)> = sqlx::query_as(
                "SELECT validation_id, status FROM gu1_kyc_validations WHERE NOT terminal",
            )
            .fetch_all(&self.pool)
            .await
            .map_err(|e| unavailable("could not read the open validations", e))?;
            rows.into_iter()
                .map(|(id, status)| Ok((stored_id(&id)?, ValidationStatus::from_wire(&status))))
                .collect()
        })
    }
}

impl PostgresStore {
    async fn connection(&self) -> Result<PoolConnection<Postgres>, StoreError> {
        self.pool
            .acquire()
            .await
            .map_err(|e| unavailable("no PostgreSQL connection", e))
    }
}

impl LockStore for PostgresStore {
    fn acquire<'a>(
        &'a self,
        key: &'a str,
        _ttl: Duration,
        wait: Duration,
    ) -> BoxFuture<'a, Result<LockGuard, StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            take_within(wait, &mut connection, |connection| {
                // Owned: a try's future may borrow only the connection.
                let key = key.to_owned();
                Box::pin(async move {
                    sqlx::query_scalar(
                        "SELECT pg_try_advisory_lock(hashtextextended('gu1_kyc_lock:' || current_schema() || ':' || $1, 0))",
                    )
                    .bind(key)
                    .fetch_one(&mut **connection)
                    .await
                    .map_err(|e| unavailable("could not take the lock", e))
                })
            })
            .await?;
            Ok(LockGuard::new(PgLock {
                connection: Some(connection),
                key: key.to_owned(),
            }))
        })
    }
}

/// A session advisory lock, held on the connection it was taken on.
struct PgLock {
    connection: Option<PoolConnection<Postgres>>,
    key: String,
}

impl HeldLock for PgLock {
    fn release(mut self: Box<Self>) -> BoxFuture<'static, Result<(), StoreError>> {
        let connection = self.connection.take();
        let key = std::mem::take(&mut self.key);
        Box::pin(async move {
            let Some(mut connection) = connection else {
                return Ok(());
            };
            let released = sqlx::query_scalar::<_, bool>(
                "SELECT pg_advisory_unlock(hashtextextended('gu1_kyc_lock:' || current_schema() || ':' || $1, 0))",
            )
            .bind(&key)
            .fetch_one(&mut *connection)
            .await;
            match released {
                Ok(true) => Ok(()),
                Ok(false) => Err(StoreError::new(
                    StoreErrorKind::LeaseLost,
                    "the lock was not held on its connection",
                )),
                Err(error) => {
                    // The connection's state is unknown: close it, which releases the lock.
                    let _ = connection.close().await;
                    Err(unavailable("could not release the lock", error))
                }
            }
        })
    }
}

impl Drop for PgLock {
    fn drop(&mut self) {
        // Dropped without `release` (the guard had no runtime to release on): closing the
        // connection releases its session locks, where returning it to the pool would not.
        if let Some(connection) = self.connection.take() {
            drop(connection.detach());
        }
    }
}

fn unavailable(what: &str, error: sqlx::Error) -> StoreError {
    StoreError::new(StoreErrorKind::Unavailable, what).with_source(error)
}

impl fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresStore")
            .field("connections", &self.pool.size())
            .finish_non_exhaustive()
    }
}
