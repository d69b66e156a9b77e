//! Keyed locks for the idempotent helpers (`ensure_open`, `create_or_get_person`): in one process
//! by default, or shared by every replica through a store.

use std::{fmt, time::Duration};

use super::{BoxFuture, StoreError};

/// A store of keyed locks: what a backend implements so that the client's check-then-create
/// helpers are safe across processes (set it with
/// [`ClientBuilder::locks`](crate::ClientBuilder::locks)).
///
/// Keys reach the store already hashed (SHA-256, hex), so it never holds an external ID.
pub trait LockStore: Send + Sync {
    /// Waits until nobody holds `key`, at most `wait`, then holds it until the guard is released
    /// (or dropped), or `ttl` passes: a holder that died does not keep it forever. A
    /// [`Contended`](super::StoreErrorKind::Contended) error when `wait` passed first.
    fn acquire<'a>(
        &'a self,
        key: &'a str,
        ttl: Duration,
        wait: Duration,
    ) -> BoxFuture<'a, Result<LockGuard, StoreError>>;
}

/// A lock a store handed out, as the store releases it.
pub trait HeldLock: Send {
    /// Releases the lock (only if this holder still holds it).
    fn release(self: Box<Self>) -> BoxFuture<'static, Result<(), StoreError>>;
}

/// A held lock. Release it with [`release`](Self::release) to learn whether that worked;
/// dropped, it is released in the background (on a tokio runtime), or left to expire.
#[must_use = "the lock is released when the guard is dropped"]
pub struct LockGuard {
    held: Option<Box<dyn HeldLock>>,
}

impl LockGuard {
    /// Wraps what a store holds.
    ///
    /// ```
    /// use gu1_kyc::store::{BoxFuture, HeldLock, LockGuard, StoreError};
    /// struct Nothing;
    /// impl HeldLock for Nothing {
    ///     fn release(self: Box<Self>) -> BoxFuture<'static, Result<(), StoreError>> {
    ///         Box::pin(async { Ok(()) })
    ///     }
    /// }
    /// let guard = LockGuard::new(Nothing);
    /// ```
    pub fn new(held: impl HeldLock + 'static) -> Self {
        Self {
            held: Some(Box::new(held)),
        }
    }

    /// Releases the lock now.
    ///
    /// ```no_run
    /// # async fn demo(guard: gu1_kyc::store::LockGuard) -> Result<(), gu1_kyc::store::StoreError> {
    /// guard.release().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The store's, when it could not release it (the lock then ends when its time runs out).
    pub async fn release(mut self) -> Result<(), StoreError> {
        match self.held.take() {
            Some(held) => held.release().await,
            None => Ok(()),
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        let Some(held) = self.held.take() else {
            return;
        };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let _ = held.release().await;
            });
        }
    }
}

impl fmt::Debug for LockGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LockGuard")
            .field("held", &self.held.is_some())
            .finish()
    }
}

/// Tries to take a lock with `try_once` (on `state`, a connection the attempt needs) until it
/// is taken or `wait` passes: the pauses between tries start at 5 ms and double up to 100 ms.
/// Both shared backends wait this way.
#[cfg(any(feature = "postgres", feature = "redis"))]
pub(crate) async fn take_within<S>(
    wait: Duration,
    state: &mut S,
    mut try_once: impl for<'s> FnMut(&'s mut S) -> BoxFuture<'s, Result<bool, StoreError>>,
) -> Result<(), StoreError> {
    let give_up = tokio::time::Instant::now() + wait;
    let mut pause = Duration::from_millis(5);
    loop {
        if try_once(state).await? {
            return Ok(());
        }
        if tokio::time::Instant::now() + pause > give_up {
            return Err(StoreError::new(
                super::StoreErrorKind::Contended,
                format!("the lock was held for longer than {wait:?}"),
            ));
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

/// The key a helper's lock is stored under: the scope, and the SHA-256 of the value, so that no
/// external ID reaches a store.
pub(crate) fn lock_key(scope: &str, value: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(value.as_bytes());
    let mut key = String::with_capacity(scope.len() + 1 + 64);
    key.push_str(scope);
    key.push(':');
    for byte in digest {
        key.push_str(&format!("{byte:02x}"));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_key_holds_the_scope_and_a_digest_not_the_value() {
        let key = lock_key("create_person", "crm-customer-77812");
        assert!(key.starts_with("create_person:"));
        assert!(!key.contains("crm-customer"));
        assert_eq!(key.len(), "create_person:".len() + 64);
        assert_eq!(key, lock_key("create_person", "crm-customer-77812"));
        assert_ne!(key, lock_key("create_person", "crm-customer-77813"));
    }
}
