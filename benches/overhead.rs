//! Side-by-side measurements of what the SDK's layer costs over the bare alternatives.
//!
//! Each pair runs interleaved in one process (A, B, A, B, ...) so that machine noise hits both
//! sides alike; the report gives medians and the ratio B/A. Bounded: a fixed number of rounds.
//!
//! ```sh
//! cargo bench --bench overhead
//! ```

use std::time::{Duration, Instant};

use gu1_kyc::{Client, RetryPolicy, types::Validation, webhooks};

const ROUNDS: usize = 31;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn report(name: &str, what_a: &str, a: Vec<Duration>, what_b: &str, b: Vec<Duration>, per: usize) {
    let (a, b) = (median(a), median(b));
    println!(
        "{name}\n  {what_a:<44} {:>10.2} µs/op\n  {what_b:<44} {:>10.2} µs/op\n  ratio B/A: {:.2}\n",
        a.as_secs_f64() * 1e6 / per as f64,
        b.as_secs_f64() * 1e6 / per as f64,
        b.as_secs_f64() / a.as_secs_f64()
    );
}

fn validation_json(i: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("550e8400-e29b-41d4-a716-{i:012}"),
        "entityId": "123e4567-e89b-12d3-a456-426614174000",
        "organizationId": "org_abc123",
        "validationSessionId": format!("session_{i}"),
        "status": if i.is_multiple_of(3) { "approved" } else { "abandoned" },
        "provider": "Gu1 KYC",
        "providerSessionUrl": format!("https://verify.example.com/session_{i}"),
        "isCurrent": i == 0,
        "decision": {"status": "Approved", "features": ["id_verification", "liveness", "face_match"],
            "id_verification": {"status": "Approved", "document_type": "Passport", "full_name": "John Doe", "date_of_birth": "1990-01-15"}},
        "extractedData": {"firstName": "John", "lastName": "Doe", "dateOfBirth": "1990-01-15", "documentType": "Passport"},
        "warnings": ["POSSIBLE_DUPLICATED_USER"],
        "verifiedAt": "2025-01-27T10:30:00Z",
        "createdAt": "2025-01-27T09:00:00Z",
        "updatedAt": "2025-01-27T10:30:00Z",
        "metadata": {"integrationCode": "global_gueno_validation_kyc", "integrationName": "Gu1 KYC"}
    })
}

/// Decoding 100 validations into the SDK's typed, redacting models vs into `serde_json::Value`.
fn decode() {
    let page: Vec<serde_json::Value> = (0..100).map(validation_json).collect();
    let bytes = serde_json::to_vec(&page).expect("serializes");
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..20 {
            let v: serde_json::Value =
                serde_json::from_slice(std::hint::black_box(&bytes)).expect("decodes");
            std::hint::black_box(v);
        }
        a.push(start.elapsed());
        let start = Instant::now();
        for _ in 0..20 {
            let v: Vec<Validation> =
                serde_json::from_slice(std::hint::black_box(&bytes)).expect("decodes");
            std::hint::black_box(v);
        }
        b.push(start.elapsed());
    }
    report(
        "decode a page of 100 validations",
        "A: serde_json::Value",
        a,
        "B: Vec<gu1_kyc::types::Validation>",
        b,
        20,
    );
}

/// Verifying a webhook signature and parsing it vs parsing the same body unverified.
fn webhook() {
    let body = serde_json::to_vec(&serde_json::json!({
        "event": "kyc.validation_approved", "timestamp": "2025-01-15T10:45:00Z",
        "organizationId": "org_abc123", "payload": validation_json(0)
    }))
    .expect("serializes");
    let secret = webhooks::WebhookSecret::new("whsec_benchmark");
    let signature = webhooks::sign(&secret, &body);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(
                webhooks::parse_event(std::hint::black_box(&body)).expect("parses"),
            );
        }
        a.push(start.elapsed());
        let start = Instant::now();
        for _ in 0..200 {
            let event =
                webhooks::verify_and_parse(&secret, std::hint::black_box(&body), &signature)
                    .expect("verifies");
            std::hint::black_box(event);
        }
        b.push(start.elapsed());
    }
    report(
        "webhook of one validation",
        "A: parse_event (no verification)",
        a,
        "B: verify_and_parse",
        b,
        200,
    );
}

/// One `GET /api/kyc/validations/{id}` against the local sandbox: bare reqwest + serde_json vs
/// the SDK (auth headers, hooks, error mapping, typed decoding). Loopback only, bounded.
async fn round_trip() {
    let sandbox = gu1_kyc_sandbox::Sandbox::start()
        .await
        .expect("the sandbox starts");
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.base_url())
        .retry_policy(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .expect("a client");
    let person = client
        .entities()
        .create_person("Bench Person", "AR")
        .tax_id("30123456")
        .send()
        .await
        .expect("a person");
    let validation = client
        .validations()
        .create(&person.id)
        .send()
        .await
        .expect("a validation");
    let raw = reqwest::Client::new();
    let url = format!(
        "{}/api/kyc/validations/{}",
        sandbox.base_url(),
        validation.id
    );
    let key = format!("Bearer {}", sandbox.api_key());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..20 {
            let response = raw
                .get(&url)
                .header("authorization", &key)
                .send()
                .await
                .expect("a response");
            let value: serde_json::Value = response.json().await.expect("json");
            std::hint::black_box(value);
        }
        a.push(start.elapsed());
        let start = Instant::now();
        for _ in 0..20 {
            std::hint::black_box(
                client
                    .validations()
                    .get(&validation.id)
                    .await
                    .expect("a validation"),
            );
        }
        b.push(start.elapsed());
    }
    report(
        "GET one validation from the local sandbox",
        "A: reqwest + serde_json::Value",
        a,
        "B: gu1_kyc Client::validations().get",
        b,
        20,
    );
    sandbox.shutdown().await;
}

fn main() {
    decode();
    webhook();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(round_trip());
}
