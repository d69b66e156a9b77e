//! Row 1's CPU cost without the machine's noise: one process makes `N` GETs of one validation
//! on a current-thread runtime (client and server on one thread, so no thread wake-ups), either
//! with the SDK or by hand, for an instruction counter to compare.
//!
//! ```sh
//! cargo bench --bench get_instructions --no-run      # prints the executable's path
//! valgrind --tool=callgrind <executable> sdk 400      # and: sdk 800, bare 400, bare 800
//! ```
//!
//! The per-call cost of a side is the difference between its runs of 800 and 400 calls, divided
//! by 400: startup (runtime, clients, server) cancels out. The server listens on 127.0.0.1.

use axum::{Router, http::header, routing::get};
use gu1_kyc::{Client, RetryPolicy, types::ValidationId};

const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with('-'));
    let side = args.next().unwrap_or_else(|| "sdk".into());
    let calls: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(400);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let body = bytes::Bytes::from(
            serde_json::to_vec(&serde_json::json!({
                "id": VALIDATION_ID,
                "entityId": "123e4567-e89b-12d3-a456-426614174000",
                "status": "approved",
                "isCurrent": true,
                "extractedData": {"firstName": "John", "lastName": "Doe"},
                "createdAt": "2025-01-27T09:00:00Z",
                "updatedAt": "2025-01-27T10:30:00Z",
                "metadata": {"integrationCode": "global_gueno_validation_kyc"}
            }))
            .expect("serializes"),
        );
        let app = Router::new().route(
            "/api/kyc/validations/{id}",
            get(move || {
                let body = body.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], body) }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let client = Client::builder()
            .api_key("gk_bench")
            .base_url(&base)
            .retry_policy(RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            })
            .build()
            .expect("a client");
        let raw = reqwest::Client::new();
        let url = format!("{base}/api/kyc/validations/{VALIDATION_ID}");
        let id = ValidationId::parse(VALIDATION_ID).expect("an id");
        for _ in 0..calls {
            let validation = if side == "sdk" {
                client.validations().get(&id).await.expect("a validation")
            } else {
                raw.get(&url)
                    .header(header::AUTHORIZATION, "Bearer gk_bench")
                    .send()
                    .await
                    .expect("a response")
                    .error_for_status()
                    .expect("a success")
                    .json::<gu1_kyc::types::Validation>()
                    .await
                    .expect("decodes")
            };
            std::hint::black_box(validation);
        }
        server.abort();
        println!("{side}: {calls} calls");
    });
}
