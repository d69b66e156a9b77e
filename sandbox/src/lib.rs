#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod auth;
mod error;
mod extract;
mod handlers;
mod hosted;
mod lifecycle;
mod png;
mod render;
mod routes;
mod sandbox;
mod state;
mod uploads;
mod webhooks;

pub use sandbox::{Error, OrganizationHandle, Sandbox, SandboxBuilder};
pub use webhooks::{Delivery, DeliveryState};
