//! One async lock per key, created on demand and dropped when nobody holds or waits for it: what
//! keeps two callers in one process from creating the same thing twice.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex},
};

/// Locks by key.
pub(crate) struct KeyedLocks<K> {
    locks: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
}

impl<K> Default for KeyedLocks<K> {
    fn default() -> Self {
        Self {
            locks: Mutex::default(),
        }
    }
}

/// A held lock; released (and forgotten, if unused) when dropped.
pub(crate) struct Held<'a, K: Eq + Hash> {
    owner: &'a KeyedLocks<K>,
    key: K,
    guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<K: Eq + Hash + Clone> KeyedLocks<K> {
    /// Waits until no other holder of `key` remains, then holds it.
    pub(crate) async fn lock(&self, key: &K) -> Held<'_, K> {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
            locks.entry(key.clone()).or_default().clone()
        };
        Held {
            owner: self,
            key: key.clone(),
            guard: Some(lock.lock_owned().await),
        }
    }
}

impl<K: Eq + Hash> Drop for Held<'_, K> {
    fn drop(&mut self) {
        drop(self.guard.take());
        let mut locks = self.owner.locks.lock().unwrap_or_else(|p| p.into_inner());
        // Only the map holds it: nobody waits, so the entry can go.
        if locks
            .get(&self.key)
            .is_some_and(|l| Arc::strong_count(l) == 1)
        {
            locks.remove(&self.key);
        }
    }
}
