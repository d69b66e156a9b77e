//! What the test modules share: a strict mock of the history endpoint's host, and the embedded
//! sandbox with a client for it.

pub(crate) mod mock;
pub(crate) mod sandbox;
