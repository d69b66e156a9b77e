//! One async lock per key, created on demand and dropped when nobody holds or waits for it: the
//! in-process form of the helpers' locks.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex},
};

type Map<K> = Arc<Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>>;

/// Locks by key.
pub(crate) struct KeyedLocks<K> {
    locks: Map<K>,
}

impl<K> Default for KeyedLocks<K> {
    fn default() -> Self {
        Self {
            locks: Arc::default(),
        }
    }
}

/// A held lock; released (and forgotten, if unused) when dropped.
pub(crate) struct Held<K: Eq + Hash> {
    locks: Map<K>,
    key: K,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<K: Eq + Hash + Clone> KeyedLocks<K> {
    /// Waits until no other holder of `key` remains, then holds it.
    pub(crate) async fn lock(&self, key: &K) -> Held<K> {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
            locks.entry(key.clone()).or_default().clone()
        };
        Held {
            locks: self.locks.clone(),
            key: key.clone(),
            guard: Some(lock.lock_owned().await),
        }
    }
}

impl<K: Eq + Hash> Drop for Held<K> {
    fn drop(&mut self) {
        drop(self.guard.take());
        let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        // Only the map holds it: nobody waits, so the entry can go.
        if locks
            .get(&self.key)
            .is_some_and(|l| Arc::strong_count(l) == 1)
        {
            locks.remove(&self.key);
        }
    }
}
