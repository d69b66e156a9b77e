//! Options for starting a sandbox, and the start itself: bind the loopback port, build the
//! shared state with its first organization, and serve the router on a background task.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tokio::sync::oneshot;

use crate::clock::Clock;
use crate::faults::FaultQueue;
use crate::faults::drift::DriftQueue;
use crate::front_door::DEFAULT_HEADER_READ_TIMEOUT;
use crate::handle::{Error, Sandbox, new_organization};
use crate::handlers::validations::check_webhook_url;
use crate::rate_limit::RateLimits;
use crate::request_log::RequestLog;
use crate::state::{Config, Shared, Tasks};
use crate::store::Store;

/// Options for [`Sandbox::builder`].
#[derive(Clone)]
pub struct SandboxBuilder {
    port: u16,
    outcome_delay: Duration,
    webhook_url: Option<String>,
    webhook_attempts: u32,
    webhook_backoff: Duration,
    webhook_timeout: Duration,
    api_key: Option<String>,
    webhook_secret: Option<String>,
    strict: bool,
    lenient: bool,
    rate_limit: Option<(u32, Duration)>,
    header_read_timeout: Duration,
}

impl std::fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key and secret are credentials and the webhook URL may name a customer's host,
        // so only whether they were set is shown.
        f.debug_struct("SandboxBuilder")
            .field("port", &self.port)
            .field("outcome_delay", &self.outcome_delay)
            .field("has_webhook_url", &self.webhook_url.is_some())
            .field("webhook_attempts", &self.webhook_attempts)
            .field("webhook_backoff", &self.webhook_backoff)
            .field("webhook_timeout", &self.webhook_timeout)
            .field("has_api_key", &self.api_key.is_some())
            .field("has_webhook_secret", &self.webhook_secret.is_some())
            .field("strict", &self.strict)
            .field("lenient", &self.lenient)
            .field("rate_limit", &self.rate_limit)
            .field("header_read_timeout", &self.header_read_timeout)
            .finish()
    }
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            port: 0,
            outcome_delay: Duration::from_millis(200),
            webhook_url: None,
            webhook_attempts: 5,
            webhook_backoff: Duration::from_millis(500),
            webhook_timeout: Duration::from_secs(10),
            api_key: None,
            webhook_secret: None,
            strict: false,
            lenient: false,
            rate_limit: None,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
        }
    }
}

impl SandboxBuilder {
    /// The loopback port to listen on; `0` (the default) picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// How long a test-number validation waits before each automatic step (`pending` to
    /// `in_progress`, then to its outcome). Default 200 ms; zero is allowed.
    pub fn outcome_delay(mut self, delay: Duration) -> Self {
        self.outcome_delay = delay;
        self
    }

    /// The default organization's webhook URL (used when a validation has no `webhookUrl`).
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// How many times a webhook is tried in all (at least 1; default 5), and the wait before
    /// the first retry (default 500 ms), doubled for each later retry.
    pub fn webhook_retries(mut self, attempts: u32, base_backoff: Duration) -> Self {
        self.webhook_attempts = attempts.max(1);
        self.webhook_backoff = base_backoff;
        self
    }

    /// How long one webhook attempt may take before it counts as failed (default 10 s).
    pub fn webhook_timeout(mut self, timeout: Duration) -> Self {
        self.webhook_timeout = timeout;
        self
    }

    /// A fixed API key for the default organization instead of a random one.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// A fixed webhook secret for the default organization instead of a random one.
    pub fn webhook_secret(mut self, secret: impl Into<String>) -> Self {
        self.webhook_secret = Some(secret.into());
        self
    }

    /// Refuses fields the spec does not declare: body properties, query parameters and
    /// multipart fields that `openapi/gu1-kyc.yaml` does not list are answered with the
    /// operation's documented 400, like any other request the spec refuses. Off by default,
    /// as gu1's API accepts (and ignores) most of them.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Accepts a JSON body whose `Content-Type` is missing or not JSON, as the sandbox did
    /// before it insisted; by default (`false`) such a body is answered
    /// `415 VALIDATION_ERROR`. Only that check is relaxed: the request limits, the hosted page's
    /// security headers and everything else stay as they are. Unrelated to
    /// [`strict`](SandboxBuilder::strict), which is about fields the spec does not declare.
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// How long a connection may take to send a complete request head (default
    /// [`DEFAULT_HEADER_READ_TIMEOUT`], 10 s; kept between 1 ms and a day). A new connection that has sent
    /// part of its first head by then is answered `408 REQUEST_TIMEOUT` and closed; one that has
    /// sent nothing is closed, and so is a kept-alive connection that is idle (or slow with a
    /// later head) for that long.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout =
            timeout.clamp(Duration::from_millis(1), Duration::from_secs(24 * 3600));
        self
    }

    /// Limits each organization to `requests` every `period`, with bursts of up to `requests`
    /// (a token bucket), as gu1's sandbox does (100 an hour); beyond it, requests are answered
    /// 429 with the API's error body and a `Retry-After` in whole seconds. Off by default.
    pub fn rate_limit(mut self, requests: u32, period: Duration) -> Self {
        self.rate_limit = Some((requests, period));
        self
    }

    /// Binds `127.0.0.1` and serves the sandbox on a task of the current tokio runtime.
    pub async fn start(self) -> Result<Sandbox, Error> {
        if let Some(url) = &self.webhook_url {
            check_webhook_url(url).map_err(|_| Error::InvalidWebhookUrl)?;
        }
        let rate_limits = match self.rate_limit {
            Some((requests, period)) => {
                Some(RateLimits::new(requests, period).ok_or(Error::InvalidRateLimit)?)
            }
            None => None,
        };
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, self.port)))
                .await
                .map_err(Error::Bind)?;
        let address = listener.local_addr().map_err(Error::Bind)?;
        let base_url = format!("http://{address}");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("gu1-kyc-sandbox/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::HttpClient(e.to_string()))?;
        let shared = Arc::new(Shared {
            config: Config {
                base_url: base_url.clone(),
                outcome_delay: self.outcome_delay,
                webhook_attempts: self.webhook_attempts,
                webhook_backoff: self.webhook_backoff,
                webhook_timeout: self.webhook_timeout,
            },
            store: Mutex::new(Store::default()),
            api_keys: RwLock::default(),
            tasks: Tasks::default(),
            http,
            clock: Clock::default(),
            faults: Mutex::new(FaultQueue::default()),
            drifts: Mutex::new(DriftQueue::default()),
            requests: Mutex::new(RequestLog::default()),
            rate_limits,
        });
        crate::lifecycle::expiry::start_sweeper(&shared);
        let organization =
            new_organization(&shared, self.api_key, self.webhook_secret, self.webhook_url);
        let app = crate::routes::router(shared.clone())
            .layer(axum::Extension(crate::validate::Strict(self.strict)))
            .layer(axum::Extension(crate::extract::Lenient(self.lenient)));
        let header_read_timeout = self.header_read_timeout;
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let shutdown = async move {
                let _ = stopped.await;
            };
            crate::server::serve(listener, app, header_read_timeout, shutdown).await;
        });
        Ok(Sandbox::running(
            shared,
            base_url,
            organization,
            stop,
            server,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_shows_no_credentials_or_webhook_url() {
        let builder = SandboxBuilder::default()
            .api_key("gk_sandbox_secret_key")
            .webhook_secret("whsec_very_secret")
            .webhook_url("http://127.0.0.1:9000/private-hook");
        let shown = format!("{builder:?}");
        assert!(!shown.contains("gk_sandbox_secret_key"), "{shown}");
        assert!(!shown.contains("whsec_very_secret"), "{shown}");
        assert!(!shown.contains("private-hook"), "{shown}");
        assert!(shown.contains("has_api_key: true"), "{shown}");
    }

    #[test]
    fn the_header_read_timeout_is_kept_within_reason() {
        let zero = SandboxBuilder::default().header_read_timeout(Duration::ZERO);
        assert_eq!(zero.header_read_timeout, Duration::from_millis(1));
        let forever = SandboxBuilder::default().header_read_timeout(Duration::MAX);
        assert_eq!(forever.header_read_timeout, Duration::from_secs(24 * 3600));
        assert_eq!(
            SandboxBuilder::default().header_read_timeout,
            DEFAULT_HEADER_READ_TIMEOUT
        );
        assert!(!SandboxBuilder::default().lenient);
    }
}
