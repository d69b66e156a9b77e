//! The client, its builder, and configuration from the environment.

use std::{fmt, sync::Arc, time::Duration};

use reqwest::header::HeaderValue;

use crate::{
    call::Context,
    error::{Error, Result},
    handlers::{Ctx, Entities, FaceMatches, IdVerifications, Shared, Validations},
    observe::{Attempt, Observer},
    options::Limits,
    store::{InboxStore, LockStore},
    transport::{RetryPolicy, Transport, budget::Budget, telemetry::Server},
    types::Sensitive,
};

/// A gu1 KYC API client. Cheap to clone: clones share one connection pool.
///
/// ```no_run
/// # async fn demo() -> gu1_kyc::Result<()> {
/// let client = gu1_kyc::Client::builder()
///     .api_key("gk_sandbox_...")
///     .organization_id("86122d3c-6dfc-4afa-9c46-aaf841262c7e")
///     .build()?;
/// let entity = gu1_kyc::types::EntityId::parse("123e4567-e89b-12d3-a456-426614174000")?;
/// let validation = client.validations().create(&entity).send().await?;
/// println!("send the customer to the verification page ({})", validation.status);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Shared>,
}

impl Client {
    /// Starts configuring a client.
    ///
    /// ```no_run
    /// let client = gu1_kyc::Client::builder().api_key("gk_sandbox_...").build()?;
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client for the production API with this key and default settings.
    ///
    /// ```no_run
    /// let client = gu1_kyc::Client::new("gk_prod_...")?;
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error when the key is empty or not a valid header value.
    pub fn new(api_key: impl Into<String>) -> Result<Self> {
        Self::builder().api_key(api_key).build()
    }

    /// A client configured from `GU1_API_KEY` (required), `GU1_BASE_URL` and
    /// `GU1_ORGANIZATION_ID` (optional).
    ///
    /// ```no_run
    /// let client = gu1_kyc::Client::from_env()?;
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error naming the variable that is missing or invalid.
    pub fn from_env() -> Result<Self> {
        Self::builder_from_env()?.build()
    }

    /// A builder preset from the environment (see [`Client::from_env`]), to adjust before building.
    ///
    /// ```no_run
    /// let client = gu1_kyc::Client::builder_from_env()?
    ///     .timeout(std::time::Duration::from_secs(30))
    ///     .build()?;
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error naming the variable that is missing or invalid.
    pub fn builder_from_env() -> Result<ClientBuilder> {
        let var = |name: &str| match std::env::var(name) {
            Ok(value) if !value.trim().is_empty() => Ok(Some(value)),
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(Error::config(format!(
                "environment variable {name} is not valid UTF-8"
            ))),
        };
        let key = var("GU1_API_KEY")?
            .ok_or_else(|| Error::config("environment variable GU1_API_KEY is not set"))?;
        let mut builder = Self::builder().api_key(key);
        if let Some(url) = var("GU1_BASE_URL")? {
            builder = builder.base_url(url);
        }
        if let Some(org) = var("GU1_ORGANIZATION_ID")? {
            builder = builder.organization_id(org);
        }
        Ok(builder)
    }

    /// The base URL requests go to.
    ///
    /// ```no_run
    /// let client = gu1_kyc::Client::new("gk_prod_...")?;
    /// assert_eq!(client.base_url(), "https://api.gu1.ai");
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    pub fn base_url(&self) -> &str {
        self.inner.context().base_url()
    }

    /// KYC validations: create, read, list, sync, approve, reject, cancel, media.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// let validation = client.validations().get(&id).await?;
    /// # Ok(()) }
    /// ```
    pub fn validations(&self) -> Validations<'_> {
        Validations::new(Ctx::new(&self.inner))
    }

    /// Document-only ID verification: upload, records, stored images.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let page = client.id_verifications().list().limit(20).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn id_verifications(&self) -> IdVerifications<'_> {
        IdVerifications::new(Ctx::new(&self.inner))
    }

    /// Face match: compare a selfie with a document portrait; records and stored images.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let page = client.face_matches().list().send().await?;
    /// # Ok(()) }
    /// ```
    pub fn face_matches(&self) -> FaceMatches<'_> {
        FaceMatches::new(Ctx::new(&self.inner))
    }

    /// The person entities KYC validations verify.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let found = client.entities().get_by_external_id("customer-42").await?;
    /// # Ok(()) }
    /// ```
    pub fn entities(&self) -> Entities<'_> {
        Entities::new(Ctx::new(&self.inner))
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.context().base_url())
            .field("organization_id", &self.inner.context().has_organization())
            .field("api_key", &"[redacted]")
            .finish()
    }
}

/// Configures a [`Client`].
#[derive(Clone, Default)]
pub struct ClientBuilder {
    api_key: Option<Sensitive<String>>,
    base_url: Option<String>,
    organization_id: Option<String>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    download_idle_timeout: Option<Duration>,
    user_agent_suffix: Option<String>,
    http_client: Option<reqwest::Client>,
    retry: Option<RetryPolicy>,
    max_response_bytes: Option<usize>,
    observer: Option<Observer>,
    locks: Option<Arc<dyn LockStore>>,
    inbox: Option<Arc<dyn InboxStore>>,
    rate_limit: Option<(u32, Duration)>,
    #[cfg(feature = "metrics")]
    meter: Option<opentelemetry::metrics::Meter>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("organization_id", &self.organization_id.is_some())
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The production API's base URL.
    pub const DEFAULT_BASE_URL: &'static str = "https://api.gu1.ai";
    /// The largest JSON response body accepted by default (16 MiB).
    pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
    /// How long one attempt may take by default, up to its headers (and its whole body for JSON).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// How long one call may take by default, all attempts and waits included.
    pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);
    /// How long to wait for a connection by default (the SDK's own HTTP client only).
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// How long a download may go without a new chunk by default before it fails.
    pub const DEFAULT_DOWNLOAD_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

    /// The API key (`Authorization: Bearer <key>`). Required. Never printed.
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().api_key("gk_sandbox_...");
    /// ```
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(Sensitive::new(api_key.into()));
        self
    }

    /// The API's base URL; `https://api.gu1.ai` by default. Point it at a local sandbox in tests.
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().base_url("http://127.0.0.1:4010");
    /// ```
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The organization to act for, sent as `X-Organization-Id` (needed by organization-scoped
    /// accounts; it also selects production or sandbox).
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().organization_id("86122d3c-6dfc-4afa-9c46-aaf841262c7e");
    /// ```
    pub fn organization_id(mut self, organization_id: impl Into<String>) -> Self {
        self.organization_id = Some(organization_id.into());
        self
    }

    /// How long to wait for a connection (10 s by default). With [`Self::http_client`], set it
    /// on your client instead (the attempt timeout still bounds it).
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().connect_timeout(std::time::Duration::from_secs(3));
    /// ```
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take (30 s by default): up to the response headers, and the
    /// whole body for JSON answers. Applies to your own [`Self::http_client`] too. Override it
    /// per call with [`RequestOptions`](crate::RequestOptions).
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().timeout(std::time::Duration::from_secs(20));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long one call may take in all, every attempt and every wait between them included
    /// (60 s by default). A retry that could not finish in time is not started.
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().deadline(std::time::Duration::from_secs(15));
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// How long a download may go without receiving a byte before it fails (30 s by default).
    /// Downloads have no overall cap, so a large file on a slow but live connection completes.
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder()
    ///     .download_idle_timeout(std::time::Duration::from_secs(10));
    /// ```
    pub fn download_idle_timeout(mut self, timeout: Duration) -> Self {
        self.download_idle_timeout = Some(timeout);
        self
    }

    /// Calls `observer` after every attempt, with the operation, the attempt number, the status
    /// or error kind, the time taken and the wait before the next attempt: a hook for metrics
    /// and retry counters. It sees no URL, header or body.
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().on_attempt(|attempt| {
    ///     if attempt.retry_in.is_some() { eprintln!("retrying {}", attempt.operation); }
    /// });
    /// ```
    pub fn on_attempt(mut self, observer: impl Fn(&Attempt) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Text appended to the user agent `gu1-kyc/<version>`, e.g. your application's name.
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().user_agent_suffix("acme-onboarding/2.1");
    /// ```
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Uses your own `reqwest::Client` (proxies, TLS settings, shared pool). The SDK's attempt
    /// timeout, deadline, retries and size limits still apply; its redirect policy is yours
    /// (give it `reqwest::redirect::Policy::none()` to keep writes from following redirects).
    ///
    /// ```no_run
    /// let http = reqwest::Client::new();
    /// let builder = gu1_kyc::Client::builder().http_client(http);
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// When and how often to retry (2 retries, from 250 ms, by default).
    ///
    /// ```no_run
    /// use gu1_kyc::RetryPolicy;
    /// let builder = gu1_kyc::Client::builder()
    ///     .retry_policy(RetryPolicy { max_retries: 0, ..RetryPolicy::default() });
    /// ```
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The largest JSON response body to accept (16 MiB by default). Downloads stream and are
    /// not limited by it.
    ///
    /// ```no_run
    /// let builder = gu1_kyc::Client::builder().max_response_bytes(4 << 20);
    /// ```
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Where the idempotent helpers ([`CreateValidation::ensure_open`](crate::CreateValidation::ensure_open),
    /// [`Entities::create_or_get_person`](crate::Entities::create_or_get_person)) take their
    /// per-key locks. In this process by default (each client its own); give every replica the
    /// same shared store (PostgreSQL, Redis) and the guarantee holds across them.
    ///
    /// ```no_run
    /// let locks = gu1_kyc::store::MemoryStore::new();
    /// let builder = gu1_kyc::Client::builder().locks(locks);
    /// ```
    pub fn locks(mut self, store: impl LockStore + 'static) -> Self {
        self.locks = Some(Arc::new(store));
        self
    }

    /// A request budget: at most `requests` every `period`, spread evenly (one every
    /// `period / requests`), for every clone of this client, every concurrent call and every page
    /// walk together. Off by default. A request waits for its turn, and the wait counts toward
    /// the call's deadline: a call whose turn comes after its deadline fails with a
    /// [`Timeout`](crate::ErrorKind::Timeout) without sending. When gu1 answers 429 with a
    /// `Retry-After`, the whole client waits that long, not just the call. gu1's sandbox allows
    /// 100 requests an hour.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// // The sandbox's documented limit.
    /// let builder = gu1_kyc::Client::builder().rate_limit(100, Duration::from_secs(3600));
    /// ```
    pub fn rate_limit(mut self, requests: u32, period: Duration) -> Self {
        self.rate_limit = Some((requests, period));
        self
    }

    /// The OpenTelemetry meter the client's instruments are made with (feature `metrics`); the
    /// global meter provider's `gu1-kyc` meter by default. Per attempt,
    /// `http.client.request.duration` (seconds, the HTTP conventions' buckets and attributes);
    /// per call, `gu1_kyc.client.call.duration`, `gu1_kyc.client.call.attempts` and
    /// `gu1_kyc.client.call.errors`, by `gu1_kyc.operation` and `error.type`.
    ///
    /// ```no_run
    /// use opentelemetry::metrics::MeterProvider as _;
    /// # fn demo(provider: opentelemetry_sdk::metrics::SdkMeterProvider) {
    /// let builder = gu1_kyc::Client::builder().meter(provider.meter("gu1-kyc"));
    /// # }
    /// ```
    #[cfg(feature = "metrics")]
    pub fn meter(mut self, meter: opentelemetry::metrics::Meter) -> Self {
        self.meter = Some(meter);
        self
    }

    /// The shared store of your webhook inbox and reconciler: the idempotent helpers take their
    /// locks in it (as with [`Self::locks`]), and every validation this client creates (or that
    /// [`ensure_open`](crate::CreateValidation::ensure_open) finds open) is recorded in it as
    /// open, so that the [`Reconciler`](crate::outcomes::Reconciler) checks it with gu1 until
    /// its outcome is processed, even when its webhooks are lost.
    ///
    /// A validation that could not be recorded (the store is down) is still returned: the
    /// failure is logged as a warning, and the reconciler records the validation when it next
    /// lists it open.
    ///
    /// ```no_run
    /// let store = gu1_kyc::store::MemoryStore::new();
    /// let builder = gu1_kyc::Client::builder().store(store.clone());
    /// let inbox = gu1_kyc::store::Inbox::new(store);
    /// ```
    pub fn store(mut self, store: impl InboxStore + 'static) -> Self {
        let store: Arc<dyn InboxStore> = Arc::new(store);
        self.locks = Some(store.clone());
        self.inbox = Some(store);
        self
    }

    /// Builds the client.
    ///
    /// ```no_run
    /// let client = gu1_kyc::Client::builder().api_key("gk_sandbox_...").build()?;
    /// # Ok::<(), gu1_kyc::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error when the key is missing or not a valid header
    /// value, the base URL is not an http(s) URL, or the HTTP client cannot be built.
    pub fn build(self) -> Result<Client> {
        let key = self.api_key.ok_or_else(|| {
            Error::config("no API key: call ClientBuilder::api_key or set GU1_API_KEY")
        })?;
        let key = key.expose().trim();
        if key.is_empty() {
            return Err(Error::config("the API key is empty"));
        }
        let mut authorization = HeaderValue::from_str(&format!("Bearer {key}")).map_err(|_| {
            Error::config("the API key contains characters not allowed in a header")
        })?;
        authorization.set_sensitive(true);
        let organization_id = match self.organization_id {
            Some(org) => Some(HeaderValue::from_str(org.trim()).map_err(|_| {
                Error::config("the organization ID contains characters not allowed in a header")
            })?),
            None => None,
        };
        let base_url = self
            .base_url
            .unwrap_or_else(|| Self::DEFAULT_BASE_URL.to_owned());
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|_| Error::config("the base URL is not a valid URL"))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            return Err(Error::config(
                "the base URL must be an http or https URL with a host",
            ));
        }
        let base_url = base_url.trim_end_matches('/').to_owned();
        let user_agent = match &self.user_agent_suffix {
            Some(suffix) => format!("gu1-kyc/{} {suffix}", env!("CARGO_PKG_VERSION")),
            None => format!("gu1-kyc/{}", env!("CARGO_PKG_VERSION")),
        };
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::config("the user agent suffix contains characters not allowed in a header")
        })?;
        let own_http_client = self.http_client.is_none();
        let http = match self.http_client {
            Some(client) => client,
            // Redirects are followed by the transport, for reads only: reqwest's default policy
            // would turn a redirected POST into a GET.
            None => reqwest::Client::builder()
                .connect_timeout(
                    self.connect_timeout
                        .unwrap_or(Self::DEFAULT_CONNECT_TIMEOUT),
                )
                .redirect(reqwest::redirect::Policy::none())
                // The transport retries by its own rules. reqwest's policy retries only HTTP/2
                // protocol refusals, and this client speaks HTTP/1.1, yet it copies every
                // request in case: none is made.
                .retry(reqwest::retry::never().max_retries_per_request(0))
                .build()
                .map_err(|e| Error::config("the HTTP client could not be built").with_source(e))?,
        };
        let budget = match self.rate_limit {
            Some((requests, period)) => Some(Budget::new(requests, period).ok_or_else(|| {
                Error::config(
                    "a rate limit needs at least one request in a period that divides, \
                     and at least one a year",
                )
            })?),
            None => None,
        };
        let retry = self.retry.unwrap_or_default();
        let limits = Limits {
            timeout: self.timeout.unwrap_or(Self::DEFAULT_TIMEOUT),
            deadline: self.deadline.unwrap_or(Self::DEFAULT_DEADLINE),
            max_retries: retry.max_retries,
            idle_timeout: self
                .download_idle_timeout
                .unwrap_or(Self::DEFAULT_DOWNLOAD_IDLE_TIMEOUT),
        };
        let server = Server {
            address: parsed.host_str().unwrap_or_default().to_owned(),
            port: parsed.port_or_known_default().unwrap_or(443),
        };
        let transport = Transport {
            http,
            base_url,
            authorization,
            organization_id,
            user_agent,
            retry,
            limits,
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(Self::DEFAULT_MAX_RESPONSE_BYTES),
            own_http_client,
            observer: self.observer,
            budget,
            #[cfg(feature = "metrics")]
            metrics: crate::transport::metrics::Metrics::new(
                &self
                    .meter
                    .unwrap_or_else(|| opentelemetry::global::meter("gu1-kyc")),
                &server,
            ),
            server,
            timers: Default::default(),
        };
        Ok(Client {
            inner: Arc::new(Shared::new(
                Context::new(transport),
                self.locks
                    .unwrap_or_else(|| Arc::new(crate::store::MemoryStore::new())),
                self.inbox,
            )),
        })
    }
}
