//! The webhook dev loop end to end, as a developer runs it: `gu1-kyc sandbox`, `gu1-kyc listen
//! --forward-to` a receiver, `gu1-kyc trigger`: the receiver gets each delivery byte for byte as
//! the sandbox signed it; then `events` and `logs` read what happened.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::Value;

fn bin() -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("gu1-kyc"));
    command
        .env_remove("GU1_API_KEY")
        .env_remove("GU1_BASE_URL")
        .env_remove("GU1_ORGANIZATION_ID")
        .env("NO_COLOR", "1");
    command
}

/// A `gu1-kyc` process that is stopped with SIGTERM when dropped.
struct Process(Child);

impl Process {
    fn terminate(&mut self) -> i32 {
        let pid = self.0.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        self.0.wait().ok().and_then(|s| s.code()).unwrap_or(-1)
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `gu1-kyc sandbox --port 0 --json`, and the JSON line it printed.
fn start_sandbox() -> (Process, Value) {
    let mut child = bin()
        .args([
            "sandbox",
            "--port",
            "0",
            "--json",
            "--outcome-delay-ms",
            "20",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("gu1-kyc sandbox starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("its config line");
    (Process(child), serde_json::from_str(&line).expect("JSON"))
}

/// Runs `gu1-kyc` against the sandbox; returns (exit status, stdout, stderr).
fn run(config: &Value, args: &[&str]) -> (i32, String, String) {
    let output = bin()
        .env("GU1_BASE_URL", config["baseUrl"].as_str().unwrap())
        .env("GU1_API_KEY", config["apiKey"].as_str().unwrap())
        .args(args)
        .output()
        .expect("gu1-kyc runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What the receiver got: each delivery's signature header and exact body.
type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

async fn receive(State(seen): State<Received>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers
        .get("x-webhook-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    seen.lock().unwrap().push((signature, body.to_vec()));
    StatusCode::OK
}

/// A receiver on 127.0.0.1, like a developer's local endpoint.
async fn start_receiver() -> (String, Received) {
    let seen = Received::default();
    let app = Router::new()
        .route("/hooks", post(receive))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

/// Waits (5 s at most) until `ready` holds.
async fn until(mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if ready() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    ready()
}

#[tokio::test(flavor = "multi_thread")]
async fn listen_forwards_each_delivery_byte_for_byte_and_trigger_fires_it() {
    let (mut sandbox, config) = start_sandbox();
    let (receiver_url, received) = start_receiver().await;
    let secret = gu1_kyc::webhooks::WebhookSecret::new(config["webhookSecret"].as_str().unwrap());

    let mut listen = bin()
        .env("GU1_BASE_URL", config["baseUrl"].as_str().unwrap())
        .env("GU1_API_KEY", config["apiKey"].as_str().unwrap())
        .args(["--json", "listen", "--forward-to", &receiver_url])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gu1-kyc listen starts");
    let mut ready = String::new();
    BufReader::new(listen.stderr.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert!(ready.starts_with("Ready: "), "{ready}");
    let listen_out = listen.stdout.take().unwrap();
    let mut listen = Process(listen);

    let (code, out, err) = run(&config, &["--json", "trigger", "approved"]);
    assert_eq!(code, 0, "{err}");
    let triggered: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(triggered["status"], "approved");
    let validation = triggered["id"].as_str().unwrap().to_string();

    // Created, in review, approved: three deliveries, each as the sandbox signed it.
    assert!(
        until(|| received.lock().unwrap().len() >= 3).await,
        "{:?}",
        received.lock().unwrap().len()
    );
    let events: Vec<String> = received
        .lock()
        .unwrap()
        .iter()
        .map(|(signature, body)| {
            gu1_kyc::webhooks::verify_signature(&secret, body, signature)
                .expect("the body arrives exactly as the sandbox signed it");
            let json: Value = serde_json::from_slice(body).unwrap();
            assert_eq!(json["payload"]["id"], validation.as_str());
            json["event"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        events,
        [
            "kyc.validation_created",
            "kyc.validation_in_review",
            "kyc.validation_approved"
        ]
    );

    // `events resend` sends the current status's webhook again, through the relay.
    let (code, out, err) = run(&config, &["--json", "events", "resend", &validation]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["event"],
        "kyc.validation_approved"
    );
    assert!(until(|| received.lock().unwrap().len() == 4).await);

    let (code, out, _) = run(&config, &["--json", "events", "list"]);
    assert_eq!(code, 0);
    let log: Value = serde_json::from_str(&out).unwrap();
    let states: Vec<(&str, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["event"].as_str().unwrap(), d["state"].as_str().unwrap()))
        .collect();
    assert_eq!(states.len(), 4, "{states:?}");
    assert!(
        states.iter().all(|(_, state)| *state == "delivered"),
        "{states:?}"
    );

    // The request log, as JSON lines, in order.
    let (code, out, _) = run(&config, &["--json", "logs", "tail", "--no-follow"]);
    assert_eq!(code, 0);
    let operations: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["operationId"]
                .as_str()
                .unwrap_or("-")
                .to_string()
        })
        .collect();
    assert_eq!(
        operations,
        ["createEntity", "createValidation", "approveValidation"]
    );

    // Stopping listen puts the sandbox's webhook URL back (it had none).
    assert_eq!(listen.terminate(), 0);
    let lines: Vec<Value> = BufReader::new(listen_out)
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    for line in &lines {
        assert_eq!(line["signature"], "valid", "{line}");
        assert_eq!(line["receiverStatus"], 200, "{line}");
        assert_eq!(line["validationId"], validation.as_str());
        assert!(line["latencyMs"].is_u64(), "{line}");
    }
    assert_eq!(lines[2]["event"], "kyc.validation_approved");
    assert_eq!(lines[2]["status"], "approved");
    let endpoint = reqwest::Client::new()
        .get(format!(
            "{}/_sandbox/webhooks/endpoint",
            config["baseUrl"].as_str().unwrap()
        ))
        .bearer_auth(config["apiKey"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(endpoint["url"], Value::Null);
    assert_eq!(sandbox.terminate(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn trigger_reaches_every_status() {
    let (mut sandbox, config) = start_sandbox();
    let (code, out, err) = run(
        &config,
        &[
            "--json",
            "entities",
            "create-person",
            "--name",
            "Test Person",
            "--country",
            "AR",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let entity: Value = serde_json::from_str(&out).unwrap();
    let entity = entity["id"].as_str().unwrap();
    for status in ["rejected", "in_review", "expired", "cancelled"] {
        let (code, out, err) = run(&config, &["--json", "trigger", status, "--entity", entity]);
        assert_eq!(code, 0, "{status}: {err}");
        let validation: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(validation["status"], status);
        assert_eq!(validation["entityId"], entity);
    }
    let (code, out, _) = run(&config, &["events", "list"]);
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| l.split('\t').count() == 6), "{out}");
    for event in [
        "kyc.validation_rejected",
        "kyc.validation_expired",
        "kyc.validation_cancelled",
    ] {
        assert!(out.contains(event), "{event} in\n{out}");
    }
    assert_eq!(sandbox.terminate(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dev_loop_refuses_a_base_url_that_is_not_a_sandbox() {
    // A server that is not a sandbox: every path answers 404 with no JSON.
    let (receiver_url, received) = start_receiver().await;
    let base = receiver_url.trim_end_matches("/hooks").to_string();
    let config = serde_json::json!({ "baseUrl": base, "apiKey": "gk_live_key" });
    for args in [
        vec!["trigger", "approved"],
        vec!["listen", "--forward-to", "http://127.0.0.1:9/x"],
        vec!["events", "list"],
    ] {
        let (code, _, err) = run(&config, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("is it a local sandbox"), "{err}");
        assert!(!err.contains("gk_live_key"), "{err}");
    }
    assert!(
        received.lock().unwrap().is_empty(),
        "nothing was sent to it but reads"
    );

    // Nothing listens: exit 5 with the way out.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config =
        serde_json::json!({ "baseUrl": format!("http://127.0.0.1:{port}"), "apiKey": "k" });
    let (code, _, err) = run(&config, &["logs", "tail", "--no-follow"]);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("gu1-kyc sandbox"), "{err}");
}
