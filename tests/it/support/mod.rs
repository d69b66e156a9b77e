//! What the test modules share: each harness in its own module.

pub(crate) mod alone;
pub(crate) mod api;
pub(crate) mod misbehaving;
pub(crate) mod properties;
#[cfg(any(feature = "postgres", feature = "redis"))]
pub(crate) mod servers;
pub(crate) mod uploads;
pub(crate) mod world;
