//! What every handler and background task shares: the settings, the store behind its mutex,
//! the API keys, the background tasks, the clock, the waiting faults and drifts, and the request log.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tokio::task::JoinSet;

use crate::clock::Clock;
use crate::faults::FaultQueue;
use crate::faults::drift::DriftQueue;
use crate::rate_limit::RateLimits;
use crate::request_log::RequestLog;
use crate::store::Store;
use crate::util::lock;

/// Settings fixed when the sandbox starts.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// `http://127.0.0.1:PORT`, used for hosted page URLs.
    pub base_url: String,
    /// Wait before each automatic step of a test-number validation.
    pub outcome_delay: Duration,
    /// How many times a webhook is tried in all.
    pub webhook_attempts: u32,
    /// Wait before the first retry; doubled for each later one.
    pub webhook_backoff: Duration,
    /// Per-attempt timeout of a webhook request.
    pub webhook_timeout: Duration,
}

/// Background tasks (webhook workers, test-number drivers), aborted when the sandbox stops.
#[derive(Debug, Default)]
pub(crate) struct Tasks {
    set: Mutex<JoinSet<()>>,
}

impl Tasks {
    /// Runs `task` on the current runtime until it ends or the sandbox stops.
    pub fn spawn<F>(&self, task: F)
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        let mut set = lock(&self.set);
        while set.try_join_next().is_some() {}
        set.spawn(task);
    }

    /// Aborts every task still running.
    pub fn abort_all(&self) {
        lock(&self.set).abort_all();
    }
}

/// What every handler and background task shares.
pub(crate) struct Shared {
    pub config: Config,
    pub store: Mutex<Store>,
    /// Each API key's organization, apart from the store: every request reads it, and none
    /// should wait for another request's work on the store to do so.
    pub api_keys: RwLock<HashMap<String, String>>,
    pub tasks: Tasks,
    pub http: reqwest::Client,
    /// The sandbox's time, which tests can move forward.
    pub clock: Clock,
    /// Faults waiting to be answered instead of (or on top of) the real answers.
    pub faults: Mutex<FaultQueue>,
    /// Drifts waiting to make successful answers differ from the spec.
    pub drifts: Mutex<DriftQueue>,
    /// Every API request received, without personal data.
    pub requests: Mutex<RequestLog>,
    /// The per-organization rate limit, when one is set.
    pub rate_limits: Option<RateLimits>,
}

/// The state handed to axum handlers.
pub(crate) type AppState = Arc<Shared>;
