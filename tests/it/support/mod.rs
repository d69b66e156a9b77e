//! What the test modules share: each harness in its own module.

pub(crate) mod api;
pub(crate) mod misbehaving;
pub(crate) mod properties;
pub(crate) mod uploads;
pub(crate) mod world;
