#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod auth;
mod builder;
mod clock;
mod control;
mod deliveries;
mod error;
mod extract;
mod faults;
mod front_door;
mod handle;
mod handlers;
mod hosted;
mod kit;
mod lifecycle;
mod operations;
mod png;
mod rate_limit;
mod render;
mod request_log;
mod routes;
mod server;
mod state;
mod store;
mod uploads;
mod util;
mod validate;
mod webhooks;
mod wire_enums;

pub use builder::SandboxBuilder;
pub use deliveries::{Delivery, DeliveryAttempt, DeliveryCopy, DeliveryState};
pub use faults::delivery::{DeliveryFault, DeliveryFaultKind, MAX_UNREACHABLE, ReleaseOrder};
pub use faults::drift::{DRIFT_VALUE, DRIFTED_ENUM_VALUE, Drift, DriftKind};
pub use faults::{Fault, FaultKind, MAX_FAULT_WAIT};
pub use front_door::{
    DEFAULT_HEADER_READ_TIMEOUT, MAX_HEAD_BYTES, MAX_HEADER_FIELDS, MAX_URI_BYTES,
};
pub use handle::{Error, OrganizationHandle, Sandbox};
pub use kit::operation_ids;
pub use operations::SPEC_YAML;
pub use request_log::{REQUEST_LOG_CAPACITY, RecordedRequest};
