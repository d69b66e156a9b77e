//! The public handle of a running sandbox: its credentials, more organizations, webhook
//! settings and deliveries, and stopping it; with the error its start and settings can answer.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::builder::SandboxBuilder;
use crate::deliveries::Delivery;
use crate::handlers::validations::check_webhook_url;
use crate::state::Shared;
use crate::store::Organization;
use crate::util::{lock, random_hex};

/// Why the sandbox could not start or could not apply a setting.
#[derive(Debug)]
pub enum Error {
    /// The loopback port could not be bound (for example, it is in use).
    Bind(std::io::Error),
    /// A webhook URL is not an absolute `http` or `https` URL.
    InvalidWebhookUrl,
    /// No organization has this id.
    UnknownOrganization,
    /// The HTTP client for webhook deliveries could not be built.
    HttpClient(String),
    /// No validation of this sandbox has that id.
    UnknownValidation,
    /// Not a validation status; the message names the status given.
    UnknownStatus(String),
    /// A fault the sandbox cannot inject (unknown operation, status out of range, ...), and why.
    InvalidFault(String),
    /// A drift the sandbox cannot apply (no or unknown operation, a status the operation
    /// documents, ...), and why.
    InvalidDrift(String),
    /// A rate limit of zero requests, with a period too short to divide among them, or slower
    /// than one request a year.
    InvalidRateLimit,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Bind(e) => write!(f, "cannot listen on 127.0.0.1: {e}; choose another port"),
            Error::InvalidWebhookUrl => {
                write!(f, "the webhook URL must be an absolute http or https URL")
            }
            Error::UnknownOrganization => write!(f, "no organization of this sandbox has that id"),
            Error::HttpClient(e) => write!(f, "cannot build the webhook HTTP client: {e}"),
            Error::UnknownValidation => write!(f, "no validation of this sandbox has that id"),
            Error::UnknownStatus(status) => write!(
                f,
                "{status:?} is not a validation status (pending, in_progress, in_review, \
                 approved, rejected, expired, abandoned, cancelled)"
            ),
            Error::InvalidFault(why) => write!(f, "cannot inject this fault: {why}"),
            Error::InvalidDrift(why) => write!(f, "cannot apply this drift: {why}"),
            Error::InvalidRateLimit => write!(
                f,
                "a rate limit needs at least one request in a period that divides among them"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Bind(e) => Some(e),
            _ => None,
        }
    }
}

/// The credentials of one sandbox organization.
#[derive(Clone, PartialEq, Eq)]
pub struct OrganizationHandle {
    /// The API key, sent as `Authorization: Bearer <api_key>`.
    pub api_key: String,
    /// The organization id (optionally sent as `X-Organization-Id`).
    pub organization_id: String,
    /// The secret webhook signatures are keyed with.
    pub webhook_secret: String,
}

impl std::fmt::Debug for OrganizationHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrganizationHandle")
            .field("api_key", &"<redacted>")
            .field("organization_id", &self.organization_id)
            .field("webhook_secret", &"<redacted>")
            .finish()
    }
}

/// Registers a new organization with the given (or random) key and secret and returns its
/// credentials. The key is random unless given, so organizations never share one.
pub(crate) fn new_organization(
    shared: &Shared,
    api_key: Option<String>,
    webhook_secret: Option<String>,
    webhook_url: Option<String>,
) -> OrganizationHandle {
    let handle = OrganizationHandle {
        api_key: api_key.unwrap_or_else(|| format!("gk_sandbox_{}", random_hex(32))),
        organization_id: Uuid::new_v4().to_string(),
        webhook_secret: webhook_secret.unwrap_or_else(|| format!("whsec_{}", random_hex(48))),
    };
    shared
        .api_keys
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(handle.api_key.clone(), handle.organization_id.clone());
    lock(&shared.store).add_organization(Organization {
        id: handle.organization_id.clone(),
        webhook_secret: handle.webhook_secret.clone(),
        webhook_url,
    });
    handle
}

/// A running sandbox server on `127.0.0.1`. Dropping it stops the server and its background
/// work; [`Sandbox::shutdown`] stops it gracefully.
pub struct Sandbox {
    shared: Arc<Shared>,
    base_url: String,
    organization: OrganizationHandle,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("base_url", &self.base_url)
            .field("organization", &self.organization)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// The handle of a server that [`SandboxBuilder::start`] has just started.
    pub(crate) fn running(
        shared: Arc<Shared>,
        base_url: String,
        organization: OrganizationHandle,
        stop: oneshot::Sender<()>,
        server: JoinHandle<()>,
    ) -> Sandbox {
        Sandbox {
            shared,
            base_url,
            organization,
            stop: Some(stop),
            server: Some(server),
        }
    }

    /// Starts a sandbox with the default options on a free loopback port.
    pub async fn start() -> Result<Sandbox, Error> {
        SandboxBuilder::default().start().await
    }

    /// Options for a sandbox; finish with [`SandboxBuilder::start`].
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The state this sandbox's server shares with its handle.
    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// The server's root, e.g. `http://127.0.0.1:4010`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The default organization's API key.
    pub fn api_key(&self) -> &str {
        &self.organization.api_key
    }

    /// The default organization's id.
    pub fn organization_id(&self) -> &str {
        &self.organization.organization_id
    }

    /// The default organization's webhook secret.
    pub fn webhook_secret(&self) -> &str {
        &self.organization.webhook_secret
    }

    /// The default organization's credentials.
    pub fn organization(&self) -> &OrganizationHandle {
        &self.organization
    }

    /// Adds another organization, with its own key, id and secret and no webhook URL; its data
    /// is invisible to every other organization.
    pub fn add_organization(&self) -> OrganizationHandle {
        new_organization(&self.shared, None, None, None)
    }

    /// Sets (or, with `None`, removes) an organization's default webhook URL. Events already
    /// recorded keep the URL they had.
    pub fn set_webhook_url(&self, organization_id: &str, url: Option<&str>) -> Result<(), Error> {
        if let Some(url) = url {
            check_webhook_url(url).map_err(|_| Error::InvalidWebhookUrl)?;
        }
        let mut store = lock(&self.shared.store);
        let organization = store
            .organizations
            .get_mut(organization_id)
            .ok_or(Error::UnknownOrganization)?;
        organization.webhook_url = url.map(str::to_string);
        Ok(())
    }

    /// Every webhook event so far, in the order they were recorded, with their delivery state.
    pub fn webhook_deliveries(&self) -> Vec<Delivery> {
        lock(&self.shared.store).deliveries.entries().to_vec()
    }

    /// Stops accepting connections, lets requests in flight finish (up to 5 seconds), and
    /// stops background work such as pending webhook retries.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut server)
                .await
                .is_err()
        {
            server.abort();
        }
        self.shared.tasks.abort_all();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
        self.shared.tasks.abort_all();
    }
}
