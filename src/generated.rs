//! The client progenitor generates from `openapi/gu1-kyc.yaml` (see `build.rs`). Private: the
//! public API is the hand-written layer, and nothing here appears in a public signature.
//!
//! To read the generated code, open `openapi/generated/codegen.rs`: a snapshot of what `build.rs`
//! writes to `$OUT_DIR/codegen.rs`, never compiled. After a change to the spec or to `build.rs`,
//! refresh it with `cargo xtask codegen` (`cargo xtask check` fails while it is stale).
#![allow(
    missing_docs,
    dead_code,
    unused_imports,
    unreachable_pub,
    private_interfaces,
    clippy::all,
    clippy::pedantic,
    rustdoc::all
)]

include!(concat!(env!("OUT_DIR"), "/codegen.rs"));

/// What each generated builder sends: `impl crate::call::Request` for every builder, written by
/// `build.rs` from the builders' own `send` signatures.
mod requests {
    use super::{builder, types};
    use progenitor_client::{ByteStream, Error, ResponseValue};

    include!(concat!(env!("OUT_DIR"), "/requests.rs"));
}
