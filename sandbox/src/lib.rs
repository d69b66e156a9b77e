#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod auth;
mod builder;
mod deliveries;
mod error;
mod extract;
mod handle;
mod handlers;
mod hosted;
mod lifecycle;
mod png;
mod render;
mod routes;
mod state;
mod uploads;
mod validate;
mod webhooks;
mod wire_enums;

pub use builder::SandboxBuilder;
pub use deliveries::{Delivery, DeliveryState};
pub use handle::{Error, OrganizationHandle, Sandbox};
