//! The binary in CI: `--port 0 --print-config json` prints one JSON line once it listens, keeps
//! serving, and exits with status 0 on SIGTERM and on Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The running binary and the JSON line it printed.
struct Running {
    child: Child,
    config: Value,
    startup: Duration,
}

impl Drop for Running {
    fn drop(&mut self) {
        // Only if a test failed before stopping it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Running {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gu1-kyc-sandbox"))
        .args(["--port", "0", "--print-config", "json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line).is_err() {
                return;
            }
        }
    });
    let line = received
        .recv_timeout(Duration::from_secs(10))
        .expect("a line within 10 s")
        .expect("readable stdout");
    let startup = started.elapsed();
    let config = serde_json::from_str(&line).expect("the line is JSON");
    Running {
        child,
        config,
        startup,
    }
}

/// Sends a signal with the system's `kill` and waits (at most 10 s) for the exit status.
fn stop_with(running: &mut Running, signal: &str) -> std::process::ExitStatus {
    let pid = running.child.id().to_string();
    let sent = Command::new("kill")
        .args([signal, &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = running.child.try_wait().expect("a status") {
            return status;
        }
        assert!(Instant::now() < deadline, "the sandbox did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn print_config_json_reports_a_free_port_and_sigterm_exits_zero() {
    let mut running = start();
    let config = running.config.clone();
    let base = config["baseUrl"].as_str().expect("baseUrl").to_string();
    let port = config["port"].as_u64().expect("port");
    assert_ne!(port, 0);
    assert_eq!(base, format!("http://127.0.0.1:{port}"));
    assert_eq!(config["apiKey"], "gk_sandbox_local");
    assert!(
        config["organizationId"]
            .as_str()
            .is_some_and(|id| id.len() == 36)
    );
    assert!(
        config["webhookSecret"]
            .as_str()
            .is_some_and(|s| s.starts_with("whsec_"))
    );
    assert!(
        running.startup < Duration::from_secs(5),
        "{:?}",
        running.startup
    );

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let answer = http
        .get(format!("{base}/_sandbox/requests"))
        .bearer_auth("gk_sandbox_local")
        .send()
        .await
        .expect("it keeps serving");
    assert_eq!(answer.status(), 200);

    let status = stop_with(&mut running, "-TERM");
    assert_eq!(status.code(), Some(0), "{status:?}");
    let mut log = String::new();
    running
        .child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("readable stderr");
    assert!(
        log.contains(&format!("listening on {base} (port {port})")),
        "{log}"
    );
    assert!(log.contains("stopped (SIGTERM)"), "{log}");
    assert!(!log.contains("whsec_"), "the log shows no secret: {log}");
}

#[test]
fn ctrl_c_exits_zero_too() {
    let mut running = start();
    let status = stop_with(&mut running, "-INT");
    assert_eq!(status.code(), Some(0), "{status:?}");
}
