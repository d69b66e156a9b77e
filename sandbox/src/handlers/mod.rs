//! Request handlers, one module per API area.

pub(crate) mod checks;
pub(crate) mod decisions;
pub(crate) mod entities;
pub(crate) mod validations;
