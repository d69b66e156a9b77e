//! Small helpers every part of the sandbox uses. This module imports nothing from the crate, so
//! that any module can use it without joining an import circle.

use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, SecondsFormat, Utc};
use uuid::Uuid;

/// Locks a mutex, recovering the data if a previous holder panicked: the store is only ever
/// changed by whole assignments, so a poisoned lock still guards consistent data.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Formats a timestamp the way the API does: RFC 3339, UTC, milliseconds.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A random lowercase hex string of `len` characters (at most 64), from UUID v4 randomness.
pub(crate) fn random_hex(len: usize) -> String {
    let mut out = Uuid::new_v4().simple().to_string();
    out.push_str(&Uuid::new_v4().simple().to_string());
    out.truncate(len.min(64));
    out
}

/// Whether an entry owned by `owner` (`None`: injected from Rust, for everyone) survives a clear
/// by `organization_id`: a clear of everything (`None`) keeps nothing, an organization's keeps
/// what is not its own.
pub(crate) fn survives_clear(organization_id: Option<&str>, owner: Option<&str>) -> bool {
    organization_id.is_some_and(|own| owner != Some(own))
}
