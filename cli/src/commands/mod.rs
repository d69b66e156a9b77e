//! The commands, one module per group.

pub mod contract;
pub mod devloop;
pub mod entities;
pub mod export;
pub mod proxy;
pub mod records;
pub mod sandbox;
pub mod suggest;
pub mod validations;
pub mod webhooks;

use gu1_kyc::Client;

use crate::failure::Failure;

use std::sync::OnceLock;

/// The profile chosen with `--profile` (or GU1_PROFILE), set once at start.
static PROFILE: OnceLock<Option<String>> = OnceLock::new();

/// Chooses the profile every command's credentials come from.
pub fn use_profile(name: Option<String>) {
    let _ = PROFILE.set(name);
}

/// The chosen profile's credentials, if a profile was chosen.
pub fn profile() -> Result<Option<crate::profiles::Profile>, Failure> {
    match PROFILE.get().and_then(Option::as_deref) {
        Some(name) => crate::profiles::load(name).map(Some),
        None => Ok(None),
    }
}

/// The API client: from the chosen profile, or from GU1_API_KEY, GU1_BASE_URL and
/// GU1_ORGANIZATION_ID. The key is never printed: a missing one is a usage error that names the
/// variable.
pub fn client() -> Result<Client, Failure> {
    let Some(profile) = profile()? else {
        return Client::from_env().map_err(Failure::from);
    };
    let mut builder = Client::builder().api_key(profile.api_key);
    if let Some(url) = profile.base_url {
        builder = builder.base_url(url);
    }
    if let Some(organization) = profile.organization_id {
        builder = builder.organization_id(organization);
    }
    builder.build().map_err(Failure::from)
}

/// Headers that belong to one hop of a connection: a relay or a proxy does not forward them.
const HOP_BY_HOP: &[&str] = &[
    "host",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-connection",
    "content-length",
];

/// Whether a relay forwards this header (`listen`, `proxy`): every one but the hop-by-hop ones.
pub fn forwarded(name: &reqwest::header::HeaderName) -> bool {
    !HOP_BY_HOP.contains(&name.as_str())
}
