//! The Redis backend (feature `redis`), on the `redis` crate's connection manager.
//!
//! Why these choices:
//!
//! - **Each step is one Lua script**, so it is atomic on the server: `begin` reads the event's
//!   field, the validation's terminal fields and the server's clock (`TIME`), and writes the
//!   lease, in one round trip; `complete` and `abandon` compare the lease token and write in one.
//!   The terminal-status rule lives in the same script as the duplicate check, so a terminal
//!   status and a late non-terminal one never both win.
//! - **One hash per validation** (`{gu1kyc}:inbox:<validation ID>`, a field per status), so
//!   the whole history of a validation expires together after the retention time (30 days by
//!   default, renewed on every write). The open validations are one more hash
//!   (`{gu1kyc}:open`, validation ID to status) that `complete` updates in the same script. Every
//!   key carries the hash tag `{gu1kyc}`, so on a cluster they share one slot and the scripts
//!   that touch two of them stay atomic.
//! - **Locks are `SET key token NX PX ttl`**, released by a script that deletes the key only if
//!   it still holds this holder's token: a holder that dies is outlived by the time to live, and
//!   a slow holder whose lock expired cannot release the next holder's.
//! - **Time is the server's**, so replicas with skewed clocks agree on when a lease ends.

use std::{
    fmt,
    time::{Duration, SystemTime},
};

use redis::{AsyncCommands, Script, aio::ConnectionManager};

use super::{
    Begin, BoxFuture, EventKey, HeldLock, InboxStore, Lease, LockGuard, LockStore, StoreError,
    StoreErrorKind, locks::take_within, stored_id,
};
use crate::types::{ValidationId, ValidationStatus};

/// The statuses whose events supersede later non-terminal ones.
const TERMINAL: [&str; 5] = ["approved", "rejected", "expired", "abandoned", "cancelled"];

/// `begin`: KEYS[1] the validation's hash; ARGV: status, terminal (0/1), token, lease in ms,
/// retention in s, then the terminal statuses. A field is `done` or `leased:<until ms>:<token>`.
const BEGIN: &str = r#"
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current == 'done' then return 'duplicate' end
if current then
  local until_ms = tonumber(string.match(current, '^leased:(%d+):'))
  if until_ms and until_ms > now_ms then return 'in_flight' end
end
if ARGV[2] == '0' then
  for i = 6, #ARGV do
    if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
      -- A lease that expired on this event is over: nothing is left in flight.
      if current then redis.call('HDEL', KEYS[1], ARGV[1]) end
      return 'superseded'
    end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], 'leased:' .. (now_ms + tonumber(ARGV[4])) .. ':' .. ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return 'process'
"#;

/// Prefixes a script with `record(inbox, open, id, status, terminal, retention)`: writes a
/// validation's last known status into the open hash, or, for a terminal status, removes it from
/// there and marks its own hash `_closed` (no status is spelt with an underscore), after which
/// a non-terminal status is not recorded again.
macro_rules! with_record {
    ($script:literal) => {
        concat!(
            r#"
local function record(inbox, open, id, status, terminal, retention)
  if terminal == '1' then
    redis.call('HSET', inbox, '_closed', status)
    redis.call('EXPIRE', inbox, retention)
    redis.call('HDEL', open, id)
  elseif redis.call('HEXISTS', inbox, '_closed') == 0 then
    redis.call('HSET', open, id, status)
  end
end
"#,
            $script
        )
    };
}

/// `complete` and `abandon`: KEYS[1] the validation's hash, KEYS[2] the open hash; ARGV:
/// status, token, `done` or `delete`, retention in s, validation ID, terminal (0/1). Returns 1
/// when the lease was held.
const FINISH: &str = with_record!(
    r#"
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local token = string.match(current, '^leased:%d+:(.+)$')
if token ~= ARGV[2] then return 0 end
if ARGV[3] == 'done' then
  redis.call('HSET', KEYS[1], ARGV[1], 'done')
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
  record(KEYS[1], KEYS[2], ARGV[5], ARGV[1], ARGV[6], tonumber(ARGV[4]))
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return 1
"#
);

/// `record_status`: KEYS[1] the validation's hash, KEYS[2] the open hash; ARGV: validation ID,
/// status, terminal (0/1), retention in s.
const RECORD: &str = with_record!(
    r#"
record(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]))
return 1
"#
);

/// The hash of the open validations: validation ID to last known status.
const OPEN: &str = "{gu1kyc}:open";

/// Releases a lock: KEYS[1] the lock; ARGV[1] the holder's token.
const UNLOCK: &str = r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"#;

/// An inbox and locks in Redis, shared by every replica. Cheap to clone (a connection manager
/// inside, which reconnects on its own).
///
/// ```no_run
/// # async fn demo() -> Result<(), gu1_kyc::store::StoreError> {
/// use gu1_kyc::store::{Inbox, RedisStore};
///
/// let store = RedisStore::connect("redis://127.0.0.1:6379").await?;
/// let inbox = Inbox::new(store.clone());
/// let client = gu1_kyc::Client::builder().api_key("gk_...").locks(store).build();
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    retention: Duration,
    begin: Script,
    finish: Script,
    record: Script,
    unlock: Script,
}

impl RedisStore {
    /// How long a validation's events are remembered after its last write, by default.
    pub const DEFAULT_RETENTION: Duration = Duration::from_secs(30 * 24 * 60 * 60);

    /// Connects to `url` (`redis://host:port/db`).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), gu1_kyc::store::StoreError> {
    /// let store = gu1_kyc::store::RedisStore::connect("redis://127.0.0.1:6379").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Unavailable`](StoreErrorKind::Unavailable) when the URL is invalid or no connection
    /// can be made.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let client =
            redis::Client::open(url).map_err(|e| unavailable("the Redis URL is not valid", e))?;
        let connection = ConnectionManager::new(client)
            .await
            .map_err(|e| unavailable("could not connect to Redis", e))?;
        Ok(Self::from_manager(connection))
    }

    /// A store over your own connection manager.
    ///
    /// ```no_run
    /// # fn demo(manager: redis::aio::ConnectionManager) {
    /// let store = gu1_kyc::store::RedisStore::from_manager(manager);
    /// # }
    /// ```
    pub fn from_manager(connection: ConnectionManager) -> Self {
        Self {
            connection,
            retention: Self::DEFAULT_RETENTION,
            begin: Script::new(BEGIN),
            finish: Script::new(FINISH),
            record: Script::new(RECORD),
            unlock: Script::new(UNLOCK),
        }
    }

    /// How long a validation's events are remembered after its last write
    /// ([`Self::DEFAULT_RETENTION`] by default). A delivery later than that is processed again.
    ///
    /// ```no_run
    /// # fn demo(store: gu1_kyc::store::RedisStore) {
    /// let store = store.retention(std::time::Duration::from_secs(7 * 24 * 60 * 60));
    /// # }
    /// ```
    pub fn retention(mut self, retention: Duration) -> Self {
        self.retention = retention;
        self
    }

    fn inbox_key(validation_id: &ValidationId) -> String {
        format!("{{gu1kyc}}:inbox:{validation_id}")
    }

    async fn finish(&self, lease: &Lease, action: &str) -> Result<(), StoreError> {
        let mut connection = self.connection.clone();
        let held: i64 = self
            .finish
            .key(Self::inbox_key(lease.key().validation_id()))
            .key(OPEN)
            .arg(lease.key().status().as_str())
            .arg(lease.token())
            .arg(action)
            .arg(self.retention.as_secs().max(1))
            .arg(lease.key().validation_id().as_str())
            .arg(if lease.key().is_terminal() { "1" } else { "0" })
            .invoke_async(&mut connection)
            .await
            .map_err(|e| unavailable("the inbox could not finish the event", e))?;
        if held == 1 {
            Ok(())
        } else {
            Err(StoreError::new(
                StoreErrorKind::LeaseLost,
                "the event is no longer leased by this holder",
            ))
        }
    }
}

impl InboxStore for RedisStore {
    fn begin<'a>(
        &'a self,
        key: &'a EventKey,
        lease_for: Duration,
    ) -> BoxFuture<'a, Result<Begin, StoreError>> {
        Box::pin(async move {
            let token = Lease::new_token();
            let mut connection = self.connection.clone();
            let mut invocation = self.begin.key(Self::inbox_key(key.validation_id()));
            invocation
                .arg(key.status().as_str())
                .arg(if key.is_terminal() { "1" } else { "0" })
                .arg(&token)
                .arg(u64::try_from(lease_for.as_millis()).unwrap_or(u64::MAX))
                .arg(self.retention.as_secs().max(1));
            for status in TERMINAL {
                invocation.arg(status);
            }
            let decided: String = invocation
                .invoke_async(&mut connection)
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
                    "the begin script answered an unknown decision",
                )),
            }
        })
    }

    fn complete<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(self.finish(lease, "done"))
    }

    fn abandon<'a>(&'a self, lease: &'a Lease) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(self.finish(lease, "delete"))
    }

    fn record_status<'a>(
        &'a self,
        validation_id: &'a ValidationId,
        status: &'a ValidationStatus,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            let _: i64 = self
                .record
                .key(Self::inbox_key(validation_id))
                .key(OPEN)
                .arg(validation_id.as_str())
                .arg(status.as_str())
                .arg(if status.is_terminal() { "1" } else { "0" })
                .arg(self.retention.as_secs().max(1))
                .invoke_async(&mut connection)
                .await
                .map_err(|e| unavailable("could not record the validation's status", e))?;
            Ok(())
        })
    }

    fn open_validations(
        &self,
    ) -> BoxFuture<'_, Result<Vec<(ValidationId, ValidationStatus)>, StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            let open: Vec<(String, String)> = connection
                .hgetall(OPEN)
                .await
                .map_err(|e| unavailable("could not read the open validations", e))?;
            open.into_iter()
                .map(|(id, status)| Ok((stored_id(&id)?, ValidationStatus::from_wire(&status))))
                .collect()
        })
    }
}

impl LockStore for RedisStore {
    fn acquire<'a>(
        &'a self,
        key: &'a str,
        ttl: Duration,
        wait: Duration,
    ) -> BoxFuture<'a, Result<LockGuard, StoreError>> {
        Box::pin(async move {
            let key = format!("gu1kyc:lock:{key}");
            let token = Lease::new_token();
            let ttl_ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
            let mut connection = self.connection.clone();
            take_within(wait, &mut connection, |connection| {
                // Owned: a try's future may borrow only the connection.
                let (key, token) = (key.clone(), token.clone());
                Box::pin(async move {
                    let options = redis::SetOptions::default()
                        .conditional_set(redis::ExistenceCheck::NX)
                        .with_expiration(redis::SetExpiry::PX(ttl_ms));
                    let taken: Option<String> = connection
                        .set_options(&key, &token, options)
                        .await
                        .map_err(|e| unavailable("could not take the lock", e))?;
                    Ok(taken.is_some())
                })
            })
            .await?;
            Ok(LockGuard::new(RedisLock {
                connection,
                unlock: self.unlock.clone(),
                key,
                token,
            }))
        })
    }
}

/// A lock held in Redis, released only by the holder of its token.
struct RedisLock {
    connection: ConnectionManager,
    unlock: Script,
    key: String,
    token: String,
}

impl HeldLock for RedisLock {
    fn release(self: Box<Self>) -> BoxFuture<'static, Result<(), StoreError>> {
        Box::pin(async move {
            let mut connection = self.connection.clone();
            let released: i64 = self
                .unlock
                .key(&self.key)
                .arg(&self.token)
                .invoke_async(&mut connection)
                .await
                .map_err(|e| unavailable("could not release the lock", e))?;
            if released == 1 {
                Ok(())
            } else {
                Err(StoreError::new(
                    StoreErrorKind::LeaseLost,
                    "the lock expired before it was released",
                ))
            }
        })
    }
}

fn unavailable(what: &str, error: redis::RedisError) -> StoreError {
    StoreError::new(StoreErrorKind::Unavailable, what).with_source(error)
}

impl fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("retention", &self.retention)
            .finish_non_exhaustive()
    }
}
