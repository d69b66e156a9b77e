//! The client progenitor generates from `openapi/gu1-kyc.yaml` (see `build.rs`). Private: the
//! public API is the hand-written layer, and nothing here appears in a public signature.
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
