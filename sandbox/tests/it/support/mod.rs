//! What the test modules share: each harness in its own module.

pub(crate) mod api;
pub(crate) mod kit;
