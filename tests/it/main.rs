//! The SDK's integration tests, in one binary: a module per area, and one `support` tree of
//! harnesses they share (a mock API, the embedded sandbox, a misbehaving server, upload inputs
//! and property-test generators). One binary links the SDK and the sandbox once, instead of
//! once per file.

mod support;

mod budget;
mod downloads;
mod e2e_sandbox;
mod entities;
mod jobs;
mod jobs_mocked;
mod leaks;
mod lossy_webhooks;
#[cfg(feature = "metrics")]
mod metrics;
mod pagination_walk;
#[cfg(all(feature = "axum", feature = "postgres", feature = "redis"))]
mod processes;
mod properties_decode;
mod properties_edges;
mod raw_responses;
mod reachability;
mod reconciler;
mod records;
mod reliability;
mod request_ids;
mod sandbox_load;
mod spec_drift;
mod store;
mod telemetry;
mod transport_failures;
mod transport_requests;
mod transport_responses;
mod uploads_calls;
mod uploads_images;
mod validations_create;
mod validations_decisions;
mod validations_reads;
mod waiter_pace;
#[cfg(feature = "axum")]
mod webhook_receiver;
mod webhooks;
mod webhooks_rotation;
