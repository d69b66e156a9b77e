//! The commands, one module per group.

pub mod devloop;
pub mod entities;
pub mod export;
pub mod records;
pub mod sandbox;
pub mod validations;
pub mod webhooks;

use gu1_kyc::Client;

use crate::failure::Failure;

/// The API client from GU1_API_KEY, GU1_BASE_URL and GU1_ORGANIZATION_ID. The key is never
/// printed: a missing one is a usage error that names the variable.
pub fn client() -> Result<Client, Failure> {
    Client::from_env().map_err(Failure::from)
}
