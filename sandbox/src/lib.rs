#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod auth;
mod deliveries;
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
mod wire_enums;

pub use deliveries::{Delivery, DeliveryState};
pub use sandbox::{Error, OrganizationHandle, Sandbox, SandboxBuilder};
