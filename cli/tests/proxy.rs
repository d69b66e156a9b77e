//! `gu1-kyc proxy`: an SDK flow through it against the drifting sandbox logs the findings (and
//! no value sent or answered); a large image streams through without the proxy waiting for it.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::routing::get;
use gu1_kyc_sandbox::{Drift, Sandbox};
use serde_json::Value;

/// A running `gu1-kyc proxy` and the address it printed.
struct Proxy {
    child: Child,
    url: String,
}

impl Proxy {
    fn start(upstream: &str) -> Proxy {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("gu1-kyc"))
            .args(["proxy", "--listen", "127.0.0.1:0", "--upstream", upstream])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("gu1-kyc proxy starts");
        let mut line = String::new();
        BufReader::new(child.stderr.as_mut().expect("stderr"))
            .read_line(&mut line)
            .expect("its first line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .expect("the proxy's address")
            .to_string();
        Proxy { child, url }
    }

    /// Stops it with SIGTERM: (exit status, stdout, stderr).
    fn stop(mut self) -> (i32, String, String) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let mut stdout = String::new();
        let mut stderr = String::new();
        let _ = self
            .child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout);
        let _ = self
            .child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr);
        let code = self.child.wait().ok().and_then(|s| s.code()).unwrap_or(-1);
        (code, stdout, stderr)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_sdk_flow_through_the_proxy_logs_the_drifting_sandbox_s_findings() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    sandbox
        .drift(Drift::missing_property("status").on("getValidation"))
        .expect("a drift");
    sandbox
        .drift(Drift::extra_property("driftField").on("getEntity"))
        .expect("a drift");
    let proxy = Proxy::start(sandbox.base_url());
    let client = gu1_kyc::Client::builder()
        .api_key(sandbox.api_key())
        .base_url(&proxy.url)
        .build()
        .expect("a client");
    let person = client
        .entities()
        .create_person("Proxied Person", "AR")
        .tax_id("30290077")
        .send()
        .await
        .expect("created through the proxy");
    client
        .entities()
        .get(&person.id)
        .await
        .expect("an extra property decodes");
    let validation = client
        .validations()
        .create(&person.id)
        .send()
        .await
        .expect("a validation");
    let decoded = client.validations().get(&validation.id).await;
    assert!(
        decoded.is_err(),
        "a validation without its status does not decode"
    );
    let url = validation.verification_url().expect("a URL").to_string();

    let (code, stdout, stderr) = tokio::task::spawn_blocking(move || proxy.stop())
        .await
        .unwrap();
    assert_eq!(code, 0, "{stderr}");
    let findings: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON lines"))
        .collect();
    assert!(
        findings.iter().any(|f| f["operationId"] == "getValidation"
            && f["severity"] == "breaking"
            && f["kind"] == "missing-property"
            && f["location"] == "/status"),
        "{stdout}"
    );
    assert!(
        findings.iter().any(|f| f["operationId"] == "getEntity"
            && f["severity"] == "drift"
            && f["kind"] == "undocumented-property"
            && f["location"] == "/driftField"),
        "{stdout}"
    );
    assert!(
        findings
            .iter()
            .all(|f| f["operationId"] == "getValidation" || f["operationId"] == "getEntity"),
        "the other exchanges are clean: {stdout}"
    );
    assert!(
        stderr.contains("exchanges checked: "),
        "a summary at exit: {stderr}"
    );
    assert!(stderr.contains("getValidation: "), "{stderr}");
    for value in [
        "Proxied Person",
        "30290077",
        person.id.as_str(),
        validation.id.as_str(),
        url.as_str(),
    ] {
        assert!(
            !stdout.contains(value) && !stderr.contains(value),
            "{value} was printed"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_image_streams_through_without_the_proxy_holding_it() {
    // An upstream that sends the first chunk of a 24 MiB image, then waits for the test.
    let (send, receive) = tokio::sync::mpsc::channel::<Bytes>(4);
    let receive = std::sync::Arc::new(tokio::sync::Mutex::new(Some(receive)));
    let app = Router::new().route(
        "/api/kyc/id-verification/verifications/{id}/document-front-image",
        get(move || {
            let receive = receive.clone();
            async move {
                let mut receiver = receive.lock().await.take().expect("one download");
                let body = Body::from_stream(futures_util::stream::poll_fn(move |cx| {
                    receiver
                        .poll_recv(cx)
                        .map(|c| c.map(Ok::<Bytes, std::io::Error>))
                }));
                ([("content-type", "image/jpeg")], body)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let proxy = Proxy::start(&upstream);

    const CHUNK: usize = 1 << 20;
    let peak_before = peak_memory(proxy.child.id()).expect("/proc tells the proxy's peak memory");
    send.send(Bytes::from(vec![0xFF; CHUNK])).await.unwrap();
    let mut answer = reqwest::Client::new()
        .get(format!(
            "{}/api/kyc/id-verification/verifications/7f1c2d3e-0000-4000-8000-000000000000/document-front-image",
            proxy.url
        ))
        .send()
        .await
        .expect("the proxy answers before the upstream has sent the image");
    assert_eq!(answer.status(), 200);
    let first = tokio::time::timeout(Duration::from_secs(5), answer.chunk())
        .await
        .expect("the first bytes arrive while the upstream still holds the rest")
        .unwrap()
        .expect("a chunk");
    let mut received = first.len();
    // The rest is sent while it is read: nothing needs to be held whole anywhere.
    let sender = tokio::spawn(async move {
        for _ in 1..24 {
            send.send(Bytes::from(vec![0xD8; CHUNK])).await.unwrap();
        }
    });
    while let Some(chunk) = tokio::time::timeout(Duration::from_secs(10), answer.chunk())
        .await
        .expect("the image keeps flowing")
        .expect("the rest")
    {
        received += chunk.len();
    }
    sender.await.unwrap();
    // The proxy's peak memory grew by less than the image: it never held it.
    let peak_after = peak_memory(proxy.child.id()).expect("/proc tells the proxy's peak memory");
    assert!(
        peak_after.saturating_sub(peak_before) < 12 * CHUNK as u64,
        "the proxy's peak memory grew from {peak_before} to {peak_after} bytes for a {} byte image",
        24 * CHUNK
    );
    assert_eq!(received, 24 * CHUNK);
    let (code, stdout, _) = tokio::task::spawn_blocking(move || proxy.stop())
        .await
        .unwrap();
    assert_eq!(code, 0);
    assert_eq!(stdout, "", "a documented image answer has no finding");
}

/// A process's peak resident memory in bytes (`VmHWM`), where `/proc` tells it.
fn peak_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
