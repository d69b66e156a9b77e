//! The SDK against the bare alternatives, each pair measured side by side in one run:
//!
//! 1. `client.validations().get(id)` against a hand-written reqwest GET decoding into a plain
//!    derived struct with the same fields, on a keep-alive loopback connection to a server that
//!    answers one fixed validation.
//! 3. `Download::save` of a 100 MB image against a bare reqwest stream-to-file: peak RSS growth
//!    and throughput, each download in its own child process (the child reads its own `VmRSS`
//!    before and `VmHWM` after).
//! 4. The sandbox against Prism's mock server under the same create-and-read load from 64
//!    concurrent connections: requests/s, p50 and p99 latency. Prism runs when `GU1_BENCH_PRISM`
//!    names its executable or `tools/prism` has it installed (`cargo xtask bench` installs it);
//!    otherwise the row says it was skipped.
//!
//! Every pair alternates A, B, A, B, ... for a fixed number of rounds and reports medians. All
//! servers listen on 127.0.0.1 only. Besides the human-readable report, each row is printed as
//! one tab-separated `ROW` line that `cargo xtask bench` collects into its table.
//!
//! ```sh
//! cargo bench --bench suite            # all rows
//! cargo bench --bench suite -- get     # only row 1 (also: download, load)
//! ```

use std::{
    convert::Infallible,
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use axum::{Router, body::Body, http::header, response::IntoResponse, routing::get};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use gu1_kyc::{
    Client, RetryPolicy,
    types::{IdVerificationId, ValidationId},
};
use serde::Deserialize;
use serde_json::Value;

const GET_ROUNDS: usize = 101;
const GET_BATCH: usize = 20;
const DOWNLOAD_BYTES: usize = 100 << 20;
const DOWNLOAD_CHUNK: usize = 64 << 10;
const DOWNLOAD_ROUNDS: usize = 3;
const LOAD_CONNECTIONS: usize = 64;
const LOAD_DURATION: Duration = Duration::from_secs(3);
const LOAD_ROUNDS: usize = 2;
const READS_PER_CREATE: usize = 3;
const PRISM_START_TIMEOUT: Duration = Duration::from_secs(90);
const CHILD_ENV: &str = "GU1_BENCH_DOWNLOAD_CHILD";
const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";

/// One row of the summary table, tab-separated for `cargo xtask bench`.
fn row(
    number: u8,
    measurement: &str,
    baseline: &str,
    sdk: &str,
    result: &str,
    target: &str,
    met: Option<bool>,
) {
    let met = match met {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "-",
    };
    println!("ROW\t{number}\t{measurement}\t{baseline}\t{sdk}\t{result}\t{target}\t{met}");
}

fn median<T: Copy + PartialOrd>(samples: &[T]) -> T {
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).expect("comparable"));
    sorted[sorted.len() / 2]
}

async fn serve(app: Router) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback");
    let address = listener.local_addr().expect("address");
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serves");
    });
    (format!("http://{address}"), task)
}

/// The runtime every side runs on: two workers, as many as the machine has cores.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

fn sdk_client(base_url: &str) -> Client {
    Client::builder()
        .api_key("gk_bench")
        .base_url(base_url)
        .retry_policy(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .expect("a client")
}

// ---------------------------------------------------------------------------------------------
// Row 1: one GET.

/// The validation the row-1 server answers: every field the SDK models, filled.
fn fixed_validation() -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "id": VALIDATION_ID,
        "entityId": ENTITY_ID,
        "organizationId": "org_abc123",
        "validationSessionId": "session_xyz789",
        "status": "approved",
        "provider": "Gu1 KYC",
        "providerSessionUrl": "https://verify.example.com/session_xyz789",
        "isCurrent": true,
        "decision": {"status": "Approved", "features": ["id_verification", "liveness", "face_match"],
            "id_verification": {"status": "Approved", "document_type": "Passport",
                "document_number": "AB123456", "full_name": "John Doe", "date_of_birth": "1990-01-15"}},
        "documentsVerified": [{"type": "passport", "country": "AR"}],
        "biometricResult": {"liveness": "passed", "score": 0.98},
        "riskAssessment": {"level": "low"},
        "verifiedFields": ["firstName", "lastName", "dateOfBirth"],
        "extractedData": {"firstName": "John", "lastName": "Doe", "fullName": "John Doe",
            "dateOfBirth": "1990-01-15", "documentType": "Passport", "documentNumber": "AB123456",
            "expirationDate": "2030-01-01", "issuingCountry": "AR", "nationality": "AR"},
        "warnings": ["POSSIBLE_DUPLICATED_USER"],
        "expiresAt": "2025-01-28T09:00:00Z",
        "verifiedAt": "2025-01-27T10:30:00Z",
        "createdAt": "2025-01-27T09:00:00Z",
        "updatedAt": "2025-01-27T10:30:00Z",
        "metadata": {"integrationCode": "global_gueno_validation_kyc", "integrationName": "Gu1 KYC"}
    }))
    .expect("serializes")
}

/// What a hand-written client would decode into: the SDK's fields and field types, with plain
/// derives (no redaction wrappers, open enums, or catch-all maps).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct PlainValidation {
    id: uuid::Uuid,
    entity_id: uuid::Uuid,
    organization_id: Option<String>,
    validation_session_id: Option<String>,
    session_id: Option<String>,
    status: String,
    provider: Option<String>,
    provider_session_url: Option<String>,
    #[serde(default)]
    is_current: bool,
    decision: Option<PlainDecision>,
    #[serde(default)]
    documents_verified: Vec<Value>,
    biometric_result: Option<Value>,
    risk_assessment: Option<Value>,
    #[serde(default)]
    verified_fields: Vec<Value>,
    extracted_data: Option<PlainExtractedData>,
    #[serde(default)]
    warnings: Vec<String>,
    expires_at: Option<DateTime<Utc>>,
    verified_at: Option<DateTime<Utc>>,
    #[serde(default)]
    metadata: serde_json::Map<String, Value>,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainDecision {
    status: Option<String>,
    #[serde(default)]
    features: Vec<String>,
    id_verification: Option<PlainDecisionIdVerification>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainDecisionIdVerification {
    status: Option<String>,
    document_type: Option<String>,
    document_number: Option<String>,
    full_name: Option<String>,
    date_of_birth: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct PlainExtractedData {
    first_name: Option<String>,
    last_name: Option<String>,
    full_name: Option<String>,
    date_of_birth: Option<String>,
    document_type: Option<String>,
    document_number: Option<String>,
    expiration_date: Option<String>,
    issuing_country: Option<String>,
    nationality: Option<String>,
    address: Option<String>,
    mrz: Option<String>,
    extra_fields: Option<serde_json::Map<String, Value>>,
}

async fn row_get() {
    let body = bytes::Bytes::from(fixed_validation());
    let app = Router::new().route(
        "/api/kyc/validations/{id}",
        get(move || {
            let body = body.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], body) }
        }),
    );
    let (base, server) = serve(app).await;
    let client = sdk_client(&base);
    let id = ValidationId::parse(VALIDATION_ID).expect("an id");
    let raw = reqwest::Client::new();
    let url = format!("{base}/api/kyc/validations/{VALIDATION_ID}");
    // The hand-written call; with a timeout it is the diagnostic side C, the call as a careful
    // hand-written client makes it (the SDK always runs each attempt under one).
    let bare = |timeout: Option<Duration>| {
        let (raw, url) = (&raw, &url);
        async move {
            let mut request = raw
                .get(url)
                .header(header::AUTHORIZATION, "Bearer gk_bench");
            if let Some(timeout) = timeout {
                request = request.timeout(timeout);
            }
            let response = request
                .send()
                .await
                .expect("a response")
                .error_for_status()
                .expect("a success");
            response.json::<PlainValidation>().await.expect("decodes")
        }
    };
    let with_timeout = Some(Duration::from_secs(30));
    // Warm both connections and code paths.
    for _ in 0..GET_BATCH {
        std::hint::black_box(bare(with_timeout).await);
        std::hint::black_box(bare(None).await);
        std::hint::black_box(client.validations().get(&id).await.expect("a validation"));
    }
    let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
    // The three sides take turns going first, so that no side always runs right after another
    // (a connection that sat idle while another side ran, caches another side warmed).
    for round in 0..GET_ROUNDS {
        for turn in 0..3 {
            let side = (round + turn) % 3;
            let start = Instant::now();
            for _ in 0..GET_BATCH {
                match side {
                    0 => {
                        std::hint::black_box(bare(None).await);
                    }
                    1 => {
                        std::hint::black_box(
                            client.validations().get(&id).await.expect("a validation"),
                        );
                    }
                    _ => {
                        std::hint::black_box(bare(with_timeout).await);
                    }
                }
            }
            let per_call = start.elapsed().as_secs_f64() * 1e6 / GET_BATCH as f64;
            [&mut a, &mut b, &mut c][side].push(per_call);
        }
    }
    // Each round's B/A pairs calls made a few milliseconds apart, so a slow stretch of the
    // machine weighs on both sides of the ratio; the median of those ratios is the result.
    let paired: Vec<f64> = a.iter().zip(&b).map(|(a, b)| b / a).collect();
    let ratio = median(&paired);
    let against_timeout: Vec<f64> = c.iter().zip(&b).map(|(c, b)| b / c).collect();
    let b_over_c = median(&against_timeout);
    let (a, b, c) = (median(&a), median(&b), median(&c));
    // Diagnostic: decoding alone, the same bytes into either type.
    let bytes = fixed_validation();
    let (mut plain, mut typed) = (Vec::new(), Vec::new());
    for _ in 0..GET_ROUNDS {
        let start = Instant::now();
        for _ in 0..200 {
            let v: PlainValidation =
                serde_json::from_slice(std::hint::black_box(&bytes)).expect("decodes");
            std::hint::black_box(v);
        }
        plain.push(start.elapsed().as_secs_f64() * 1e6 / 200.0);
        let start = Instant::now();
        for _ in 0..200 {
            let v: gu1_kyc::types::Validation =
                serde_json::from_slice(std::hint::black_box(&bytes)).expect("decodes");
            std::hint::black_box(v);
        }
        typed.push(start.elapsed().as_secs_f64() * 1e6 / 200.0);
    }
    let (plain, typed) = (median(&plain), median(&typed));
    println!(
        "1. GET one validation, keep-alive loopback ({GET_ROUNDS} rounds x {GET_BATCH} calls)\n  \
         A: reqwest + serde into a plain struct   {a:>8.1} µs/call\n  \
         B: client.validations().get(id)          {b:>8.1} µs/call\n  \
         C: A with .timeout(30 s)                 {c:>8.1} µs/call  (diagnostic)\n  \
         ratio B/A: {ratio:.3} (median of per-round ratios; of medians: {:.3})   B/C: {:.3}\n  \
         decoding alone: plain struct {plain:.2} µs, gu1_kyc::types::Validation {typed:.2} µs ({:+.2} µs)\n",
        b / a,
        b_over_c,
        typed - plain
    );
    row(
        1,
        "validations().get(id), keep-alive loopback",
        &format!("{a:.1} µs/call"),
        &format!("{b:.1} µs/call"),
        &format!(
            "{ratio:.3}x (against A with a timeout {b_over_c:.3}x; decode alone {:+.1} µs)",
            typed - plain
        ),
        "≤ 1.05x",
        Some(ratio <= 1.05),
    );
    server.abort();
}

// ---------------------------------------------------------------------------------------------
// Row 3: a 100 MB download.

/// What one child process measured.
struct DownloadRun {
    secs: f64,
    growth_kib: u64,
}

fn proc_status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"))
}

/// The child side: one download, then `secs bytes growth_kib` on stdout.
fn download_child(mode: &str) {
    let base = std::env::var("GU1_BENCH_BASE").expect("GU1_BENCH_BASE");
    let path = PathBuf::from(std::env::var("GU1_BENCH_FILE").expect("GU1_BENCH_FILE"));
    let runtime = runtime();
    runtime.block_on(async {
        let client = sdk_client(&base);
        let raw = reqwest::Client::new();
        let id = IdVerificationId::parse(VALIDATION_ID).expect("an id");
        let url = format!(
            "{base}/api/kyc/id-verification/verifications/{VALIDATION_ID}/document-front-image"
        );
        let before = proc_status_kib("VmRSS:");
        let start = Instant::now();
        let written = match mode {
            "sdk" => client
                .id_verifications()
                .front_image(&id)
                .await
                .expect("a download")
                .save(&path)
                .await
                .expect("saved"),
            "bare" | "bare-sync" => {
                use tokio::io::AsyncWriteExt;
                let response = raw
                    .get(&url)
                    .header(header::AUTHORIZATION, "Bearer gk_bench")
                    .send()
                    .await
                    .expect("a response")
                    .error_for_status()
                    .expect("a success");
                let mut file = tokio::fs::File::create(&path).await.expect("a file");
                let mut body = response.bytes_stream();
                let mut written = 0u64;
                while let Some(chunk) = body.next().await {
                    let chunk = chunk.expect("a chunk");
                    file.write_all(&chunk).await.expect("written");
                    written += chunk.len() as u64;
                }
                file.flush().await.expect("flushed");
                if mode == "bare-sync" {
                    file.sync_all().await.expect("synced");
                }
                written
            }
            other => panic!("unknown download mode {other}"),
        };
        let secs = start.elapsed().as_secs_f64();
        let peak = proc_status_kib("VmHWM:");
        assert_eq!(written, DOWNLOAD_BYTES as u64);
        println!("{secs} {written} {}", peak.saturating_sub(before));
    });
    let _ = std::fs::remove_file(&path);
}

fn run_download_child(mode: &str, base: &str, file: &Path) -> DownloadRun {
    let output = Command::new(std::env::current_exe().expect("this executable"))
        .env(CHILD_ENV, mode)
        .env("GU1_BENCH_BASE", base)
        .env("GU1_BENCH_FILE", file)
        .stderr(Stdio::inherit())
        .output()
        .expect("the child runs");
    assert!(output.status.success(), "the {mode} download child failed");
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = text.split_whitespace().collect();
    let _ = std::fs::remove_file(file);
    DownloadRun {
        secs: fields[0].parse().expect("seconds"),
        growth_kib: fields[2].parse().expect("kib"),
    }
}

async fn row_download() {
    let chunk = bytes::Bytes::from(vec![0xA5u8; DOWNLOAD_CHUNK]);
    let app = Router::new().route(
        "/api/kyc/id-verification/verifications/{id}/document-front-image",
        get(move || {
            let chunk = chunk.clone();
            async move {
                let chunks = DOWNLOAD_BYTES / DOWNLOAD_CHUNK;
                let body = futures_util::stream::iter(
                    (0..chunks).map(move |_| Ok::<_, Infallible>(chunk.clone())),
                );
                (
                    [
                        (header::CONTENT_TYPE, "image/jpeg".to_string()),
                        (header::CONTENT_LENGTH, DOWNLOAD_BYTES.to_string()),
                    ],
                    Body::from_stream(body),
                )
                    .into_response()
            }
        }),
    );
    let (base, server) = serve(app).await;
    let dir = std::env::temp_dir().join(format!("gu1-kyc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("front.jpg");
    let (mut bare, mut sdk, mut synced) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..DOWNLOAD_ROUNDS {
        for (mode, runs) in [
            ("bare", &mut bare),
            ("sdk", &mut sdk),
            ("bare-sync", &mut synced),
        ] {
            let base = base.clone();
            let file = file.clone();
            runs.push(
                tokio::task::spawn_blocking(move || run_download_child(mode, &base, &file))
                    .await
                    .expect("the child finished"),
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    server.abort();
    let mib_s = |runs: &[DownloadRun]| {
        let secs: Vec<f64> = runs.iter().map(|r| r.secs).collect();
        DOWNLOAD_BYTES as f64 / (1 << 20) as f64 / median(&secs)
    };
    let growth =
        |runs: &[DownloadRun]| runs.iter().map(|r| r.growth_kib).max().unwrap_or(0) as f64 / 1024.0;
    let (bare_speed, sdk_speed, synced_speed) = (mib_s(&bare), mib_s(&sdk), mib_s(&synced));
    let (bare_growth, sdk_growth, synced_growth) = (growth(&bare), growth(&sdk), growth(&synced));
    let share = sdk_speed / bare_speed;
    let share_synced = sdk_speed / synced_speed;
    println!(
        "3. download 100 MB to a file, loopback ({DOWNLOAD_ROUNDS} rounds, one child process per download)\n  \
         A: reqwest bytes_stream -> tokio File        {bare_speed:>7.0} MiB/s   peak RSS growth {bare_growth:>6.1} MiB\n  \
         B: Download::save                            {sdk_speed:>7.0} MiB/s   peak RSS growth {sdk_growth:>6.1} MiB\n  \
         C: A + sync_all (what save does at the end)  {synced_speed:>7.0} MiB/s   peak RSS growth {synced_growth:>6.1} MiB\n  \
         throughput B/A: {:.0}%   B/C: {:.0}%\n",
        share * 100.0,
        share_synced * 100.0
    );
    row(
        3,
        "Download::save of 100 MB, loopback",
        &format!(
            "{bare_speed:.0} MiB/s, +{bare_growth:.1} MiB RSS (with fsync: {synced_speed:.0} MiB/s)"
        ),
        &format!("{sdk_speed:.0} MiB/s, +{sdk_growth:.1} MiB RSS"),
        &format!(
            "{:.0}% of bare ({:.0}% of bare+fsync), +{sdk_growth:.1} MiB",
            share * 100.0,
            share_synced * 100.0
        ),
        "≥ 80%, ≤ 16 MiB",
        Some(share >= 0.8 && sdk_growth <= 16.0),
    );
}

// ---------------------------------------------------------------------------------------------
// Row 4: the sandbox and Prism under load.

/// The one field the load generator reads from a created validation.
#[derive(Deserialize)]
struct Created {
    id: String,
}

struct LoadResult {
    requests_per_sec: f64,
    latencies_us: Vec<u32>,
    failures: usize,
}

/// A minimal HTTP/1.1 keep-alive client on one connection: the load generator's, cheaper per
/// request than a full client so that more of the shared CPU goes to the server under test.
struct Connection {
    stream: tokio::io::BufStream<tokio::net::TcpStream>,
    line: String,
}

impl Connection {
    async fn open(address: &str) -> std::io::Result<Connection> {
        let stream = tokio::net::TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream: tokio::io::BufStream::new(stream),
            line: String::new(),
        })
    }

    /// Sends one request and reads the whole answer: its status and body.
    async fn send(&mut self, head: &[u8], body: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
        let invalid =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
        self.stream.write_all(head).await?;
        self.stream.write_all(body).await?;
        self.stream.flush().await?;
        self.line.clear();
        self.stream.read_line(&mut self.line).await?;
        let status: u16 = self
            .line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| invalid("a status line"))?;
        let (mut length, mut chunked) = (None, false);
        loop {
            self.line.clear();
            if self.stream.read_line(&mut self.line).await? == 0 {
                return Err(invalid("headers cut short"));
            }
            let line = self.line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    chunked = value.trim().eq_ignore_ascii_case("chunked");
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                self.line.clear();
                self.stream.read_line(&mut self.line).await?;
                let size =
                    usize::from_str_radix(self.line.trim().split(';').next().unwrap_or(""), 16)
                        .map_err(|_| invalid("a chunk size"))?;
                let at = body.len();
                body.resize(at + size + 2, 0);
                self.stream.read_exact(&mut body[at..]).await?;
                body.truncate(at + size);
                if size == 0 {
                    break;
                }
            }
        } else {
            body.resize(length.ok_or_else(|| invalid("a length"))?, 0);
            self.stream.read_exact(&mut body).await?;
        }
        Ok((status, body))
    }
}

/// 64 connections, each running create, then `READS_PER_CREATE` reads of what it created, until
/// the time is up; every request is timed. The connections are open before the clock starts.
async fn load(base: &str, api_key: &str, entity_id: &str) -> LoadResult {
    let address = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut connections = Vec::new();
    for _ in 0..LOAD_CONNECTIONS {
        connections.push(Connection::open(&address).await.expect("a connection"));
    }
    let create = serde_json::to_vec(&serde_json::json!({
        "entityId": entity_id,
        "integrationCode": "global_gueno_validation_kyc",
        "metadata": {"source": "bench"}
    }))
    .expect("serializes");
    let create_head = format!(
        "POST /api/kyc/validations HTTP/1.1\r\nhost: {address}\r\nauthorization: Bearer {api_key}\r\n\
         content-type: application/json\r\naccept: application/json\r\ncontent-length: {}\r\n\r\n",
        create.len()
    );
    let deadline = Instant::now() + LOAD_DURATION;
    let start = Instant::now();
    let workers: Vec<_> = connections
        .into_iter()
        .map(|mut connection| {
            let (address, api_key) = (address.clone(), api_key.to_string());
            let (create, create_head) = (create.clone(), create_head.clone());
            tokio::spawn(async move {
                let (mut latencies, mut failures) = (Vec::new(), 0usize);
                while Instant::now() < deadline {
                    let sent = Instant::now();
                    let id = match connection.send(create_head.as_bytes(), &create).await {
                        Ok((status, body)) if (200..300).contains(&status) => {
                            serde_json::from_slice::<Created>(&body).ok().map(|c| c.id)
                        }
                        Ok(_) => None,
                        Err(_) => return (latencies, failures + 1),
                    };
                    latencies.push(sent.elapsed().as_micros() as u32);
                    let Some(id) = id else {
                        failures += 1;
                        continue;
                    };
                    let read_head = format!(
                        "GET /api/kyc/validations/{id} HTTP/1.1\r\nhost: {address}\r\n\
                         authorization: Bearer {api_key}\r\naccept: application/json\r\n\r\n"
                    );
                    for _ in 0..READS_PER_CREATE {
                        let sent = Instant::now();
                        let ok = match connection.send(read_head.as_bytes(), &[]).await {
                            Ok((status, _)) => (200..300).contains(&status),
                            Err(_) => return (latencies, failures + 1),
                        };
                        latencies.push(sent.elapsed().as_micros() as u32);
                        failures += usize::from(!ok);
                    }
                }
                (latencies, failures)
            })
        })
        .collect();
    let (mut latencies_us, mut failures) = (Vec::new(), 0);
    for worker in workers {
        let (l, f) = worker.await.expect("a worker");
        latencies_us.extend(l);
        failures += f;
    }
    let elapsed = start.elapsed().as_secs_f64();
    LoadResult {
        requests_per_sec: latencies_us.len() as f64 / elapsed,
        latencies_us,
        failures,
    }
}

async fn load_sandbox() -> LoadResult {
    // A fresh sandbox each round: every round starts from the same (empty) state.
    let sandbox = gu1_kyc_sandbox::Sandbox::start()
        .await
        .expect("the sandbox starts");
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.base_url())
        .build()
        .expect("a client");
    let person = client
        .entities()
        .create_person("Bench Person", "AR")
        .tax_id("30123456")
        .send()
        .await
        .expect("a person");
    let result = load(sandbox.base_url(), sandbox.api_key(), person.id.as_str()).await;
    sandbox.shutdown().await;
    result
}

fn prism_executable() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GU1_BENCH_PRISM") {
        return Some(PathBuf::from(path));
    }
    let installed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/prism/node_modules/.bin/prism");
    installed.is_file().then_some(installed)
}

/// Prism's mock server on a free loopback port, killed on drop.
struct Prism {
    child: Child,
    base: String,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_prism(executable: &Path) -> Result<Prism, String> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi/gu1-kyc.yaml");
    let mut child = Command::new(executable)
        .args([
            "mock",
            "--verboseLevel",
            "warn",
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ])
        .arg(&spec)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", executable.display()))?;
    // Prism logs every request; drain its output so that it never blocks on a full pipe.
    let stdout = child.stdout.take().expect("piped");
    std::thread::spawn(move || for _ in BufReader::new(stdout).lines() {});
    let prism = Prism {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let probe = reqwest::Client::new();
    let url = format!("{}/api/kyc/validations/{VALIDATION_ID}", prism.base);
    let started = Instant::now();
    while started.elapsed() < PRISM_START_TIMEOUT {
        if let Ok(r) = probe
            .get(&url)
            .header(header::AUTHORIZATION, "Bearer gk_bench")
            .send()
            .await
            && r.status().is_success()
        {
            return Ok(prism);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Err(format!(
        "prism did not answer within {PRISM_START_TIMEOUT:?}"
    ))
}

fn percentile(latencies: &mut [u32], p: f64) -> f64 {
    latencies.sort_unstable();
    let index = ((latencies.len() as f64 - 1.0) * p).round() as usize;
    f64::from(latencies[index]) / 1000.0
}

async fn row_load() {
    let prism = match prism_executable() {
        None => Err("skipped: Prism is not installed (`cargo xtask bench` installs it into tools/prism when npm exists)".to_string()),
        Some(path) => start_prism(&path).await,
    };
    let (mut sandbox_runs, mut prism_runs) = (Vec::new(), Vec::new());
    for _ in 0..LOAD_ROUNDS {
        sandbox_runs.push(load_sandbox().await);
        if let Ok(prism) = &prism {
            prism_runs.push(load(&prism.base, "gk_bench", ENTITY_ID).await);
        }
    }
    let summary = |runs: &mut Vec<LoadResult>| {
        let rps: Vec<f64> = runs.iter().map(|r| r.requests_per_sec).collect();
        let failures: usize = runs.iter().map(|r| r.failures).sum();
        let mut all: Vec<u32> = runs
            .iter_mut()
            .flat_map(|r| std::mem::take(&mut r.latencies_us))
            .collect();
        (
            median(&rps),
            percentile(&mut all, 0.5),
            percentile(&mut all, 0.99),
            failures,
        )
    };
    let (s_rps, s_p50, s_p99, s_fail) = summary(&mut sandbox_runs);
    let sandbox_text = format!("{s_rps:.0} req/s, p50 {s_p50:.2} ms, p99 {s_p99:.2} ms");
    println!(
        "4. create + {READS_PER_CREATE} reads, {LOAD_CONNECTIONS} connections, {LOAD_ROUNDS} rounds of {LOAD_DURATION:?} per side\n  \
         sandbox: {sandbox_text} ({s_fail} failed)"
    );
    match prism {
        Ok(_) => {
            let (p_rps, p_p50, p_p99, p_fail) = summary(&mut prism_runs);
            let prism_text = format!("{p_rps:.0} req/s, p50 {p_p50:.2} ms, p99 {p_p99:.2} ms");
            let ratio = s_rps / p_rps;
            println!("  prism:   {prism_text} ({p_fail} failed)\n  sandbox/prism: {ratio:.1}x\n");
            row(
                4,
                "sandbox under create+read load, 64 connections",
                &format!("Prism: {prism_text}"),
                &sandbox_text,
                &format!("{ratio:.1}x Prism's req/s"),
                "≥ 20x",
                Some(ratio >= 20.0 && s_fail == 0),
            );
        }
        Err(why) => {
            println!("  prism:   {why}\n");
            row(
                4,
                "sandbox under create+read load, 64 connections",
                &format!("Prism {why}"),
                &sandbox_text,
                "-",
                "≥ 20x",
                None,
            );
        }
    }
}

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        download_child(&mode);
        return;
    }
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let runtime = runtime();
    runtime.block_on(async {
        if wanted("get") {
            row_get().await;
        }
        if wanted("download") {
            row_download().await;
        }
        if wanted("load") {
            row_load().await;
        }
    });
}
