//! The hosted verification page in a real headless Chromium, driven through chromedriver's W3C
//! WebDriver HTTP API: a customer starts the flow and picks an outcome with clicks, and the API
//! sees the same state changes.
//!
//! Needs Debian's `chromium` and `chromium-driver` packages (or `CHROMIUM` and `CHROMEDRIVER`
//! pointing at the binaries). Without them the tests fail; they never skip.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::api::{Api, quick_sandbox};
use base64::Engine;
use reqwest::Method;
use serde_json::{Value, json};

/// How long any wait on the browser or the page may take.
const WAIT: Duration = Duration::from_secs(10);

/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

const INSTALL_HINT: &str = "install Debian's `chromium` and `chromium-driver` packages \
(`apt-get install chromium chromium-driver`, as .ci/run does), or set CHROMIUM and CHROMEDRIVER \
to the browser and driver binaries";

/// A binary named by the environment variable `var`, or else found as `name` on the PATH.
fn binary(var: &str, name: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(var).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "{var}={} is not a file; {INSTALL_HINT}",
            path.display()
        );
        return path;
    }
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!("`{name}` is not on the PATH and {var} is not set; {INSTALL_HINT}")
        })
}

/// A fresh directory under Cargo's temporary directory for integration tests.
fn work_dir() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "browser-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

/// An error answer from the WebDriver, such as `no such element`.
#[derive(Debug)]
struct WebDriverError {
    error: String,
    message: String,
}

/// One headless Chromium session behind its own chromedriver. Dropping it ends the session,
/// kills chromedriver and removes its profile, so nothing outlives the test.
struct Browser {
    driver: Child,
    endpoint: String,
    port: u16,
    session: Option<String>,
    dir: PathBuf,
    http: reqwest::Client,
}

impl Browser {
    async fn launch() -> Browser {
        let chromium = binary("CHROMIUM", "chromium");
        let chromedriver = binary("CHROMEDRIVER", "chromedriver");
        let dir = work_dir();
        let port = free_port();
        let log = dir.join("chromedriver.log");
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "{} does not start: {e}; {INSTALL_HINT}",
                    chromedriver.display()
                )
            });
        let mut browser = Browser {
            driver,
            endpoint: format!("http://127.0.0.1:{port}"),
            port,
            session: None,
            dir,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("an HTTP client"),
        };
        browser.wait_until_ready().await;

        let profile = browser.dir.join("profile");
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1024,768",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let created = browser
            .command(Method::POST, "/session", Some(capabilities))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "chromedriver cannot start {}: {} ({}); see {}; {INSTALL_HINT}",
                    chromium.display(),
                    e.error,
                    e.message,
                    log.display()
                )
            });
        let session = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        browser.session = Some(session);
        browser
    }

    async fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!(
                    "chromedriver exited with {status} before it was ready; see {}",
                    self.dir.join("chromedriver.log").display()
                );
            }
            let ready = match self
                .http
                .get(format!("{}/status", self.endpoint))
                .send()
                .await
            {
                Ok(response) => response
                    .json::<Value>()
                    .await
                    .is_ok_and(|body| body["value"]["ready"] == true),
                Err(_) => false,
            };
            if ready {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver was not ready on port {} within {WAIT:?}",
                self.port
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends one WebDriver command and returns its `value`, or the error it answered.
    async fn command(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.endpoint));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: chromedriver does not answer: {e}"));
        let ok = response.status().is_success();
        let body: Value = response
            .json()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: the answer is not JSON: {e}"));
        let value = body["value"].clone();
        if ok {
            Ok(value)
        } else {
            Err(WebDriverError {
                error: value["error"]
                    .as_str()
                    .unwrap_or("unknown error")
                    .to_string(),
                message: value["message"].as_str().unwrap_or("").to_string(),
            })
        }
    }

    fn session_path(&self, rest: &str) -> String {
        format!(
            "/session/{}{rest}",
            self.session.as_deref().expect("a session")
        )
    }

    async fn session_command(&self, method: Method, rest: &str, body: Option<Value>) -> Value {
        let path = self.session_path(rest);
        self.command(method.clone(), &path, body)
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {} ({})", e.error, e.message))
    }

    async fn open(&self, url: &str) {
        self.session_command(Method::POST, "/url", Some(json!({"url": url})))
            .await;
    }

    async fn current_url(&self) -> String {
        self.session_command(Method::GET, "/url", None)
            .await
            .as_str()
            .expect("a URL")
            .to_string()
    }

    /// Looks up the element matching a CSS selector once, without waiting.
    async fn find(&self, selector: &str) -> Result<String, WebDriverError> {
        let found = self
            .command(
                Method::POST,
                &self.session_path("/element"),
                Some(json!({"using": "css selector", "value": selector})),
            )
            .await?;
        Ok(found[ELEMENT_KEY]
            .as_str()
            .expect("an element reference")
            .to_string())
    }

    /// Waits until an element matching `selector` is on the page.
    async fn wait_for(&self, selector: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.find(selector).await {
                Ok(element) => return element,
                Err(e) if Instant::now() >= deadline => {
                    panic!("{selector} never appeared within {WAIT:?}: {}", e.error)
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    async fn click(&self, selector: &str) {
        let element = self.wait_for(selector).await;
        self.session_command(
            Method::POST,
            &format!("/element/{element}/click"),
            Some(json!({})),
        )
        .await;
    }

    async fn text(&self, selector: &str) -> String {
        let element = self.wait_for(selector).await;
        self.session_command(Method::GET, &format!("/element/{element}/text"), None)
            .await
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Waits until the page's `#status` says `status` in its `data-status`, with the matching label.
    async fn wait_for_status(&self, status: &str) {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        loop {
            // The page may be navigating, so a missing or stale element just means "not yet".
            if let Ok(element) = self.find("#status").await {
                let path = self.session_path(&format!("/element/{element}/attribute/data-status"));
                if let Ok(value) = self.command(Method::GET, &path, None).await {
                    last = value.as_str().unwrap_or("").to_string();
                    if last == status {
                        // The customer reads a label: `In review` for `in_review`.
                        let label = self.text("#status").await;
                        assert_eq!(label.to_lowercase().replace(' ', "_"), status);
                        return;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "the page never showed status {status} within {WAIT:?} (last: {last:?})"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A PNG screenshot of the viewport.
    async fn screenshot(&self) -> Vec<u8> {
        let encoded = self.session_command(Method::GET, "/screenshot", None).await;
        base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("base64 text"))
            .expect("the screenshot is valid base64")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ending the session closes Chromium; it is a plain blocking request, as Drop cannot
        // await, with short timeouts so a stuck driver cannot hang the test.
        if let Some(session) = self.session.take() {
            let address = ([127, 0, 0, 1], self.port).into();
            if let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_secs(2)) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
                let request = format!(
                    "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    self.port
                );
                if stream.write_all(request.as_bytes()).is_ok() {
                    read_response(&mut stream);
                }
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Keep the driver's log when the test failed, for diagnosis.
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Reads one HTTP response to its end. chromedriver keeps connections open, so this stops at
/// the end of the body rather than waiting for the connection to close.
fn read_response(stream: &mut TcpStream) {
    let mut response = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&response[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|n| n.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if response.len() >= end + 4 + length {
                return;
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => response.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Creates a person with a tax id that is not a test number and starts a validation for it.
/// Returns the validation id and its `providerSessionUrl`.
async fn hosted_session(api: &Api, tax_id: &str) -> (String, String) {
    let entity = api.person(tax_id).await;
    let created = api.validate(&entity).await;
    assert_eq!(created["status"], "pending");
    let id = created["id"].as_str().expect("an id").to_string();
    let url = created["providerSessionUrl"]
        .as_str()
        .expect("a hosted session")
        .to_string();
    (id, url)
}

async fn api_status(api: &Api, id: &str) -> Value {
    let answer = api.get(&format!("/api/kyc/validations/{id}")).await;
    assert_eq!(answer.status, 200, "{:?}", answer.json);
    answer.json
}

fn assert_plausible_png(png: &[u8]) -> (u32, u32) {
    assert!(
        png.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]),
        "not a PNG"
    );
    assert!(png.len() > 1024, "only {} bytes", png.len());
    assert_eq!(&png[12..16], b"IHDR");
    let width = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
    let height = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
    (width, height)
}

#[tokio::test]
async fn a_customer_starts_and_approves_on_the_page_and_the_api_sees_each_step() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let (id, url) = hosted_session(&api, "30123456").await;
    let browser = Browser::launch().await;

    browser.open(&url).await;
    browser.wait_for_status("pending").await;
    assert_eq!(browser.text("#title").await, "Verify your identity");

    browser.click("#start").await;
    browser.wait_for_status("in_progress").await;
    assert_eq!(browser.current_url().await, url);
    browser.wait_for("#outcome-approved").await;
    assert_eq!(api_status(&api, &id).await["status"], "in_progress");

    browser.click("#outcome-approved").await;
    browser.wait_for_status("approved").await;
    browser.wait_for("#ended").await;
    assert_eq!(browser.current_url().await, url);
    let done = api_status(&api, &id).await;
    assert_eq!(done["status"], "approved");
    assert!(done["verifiedAt"].is_string(), "{done:#}");
}

#[tokio::test]
async fn choosing_send_to_review_leaves_the_validation_in_review() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let (id, url) = hosted_session(&api, "30123457").await;
    let browser = Browser::launch().await;

    browser.open(&url).await;
    browser.click("#start").await;
    browser.wait_for_status("in_progress").await;
    browser.click("#outcome-in_review").await;
    browser.wait_for_status("in_review").await;

    let review = api_status(&api, &id).await;
    assert_eq!(review["status"], "in_review");
    assert_eq!(review["isCurrent"], true);
}

#[tokio::test]
async fn an_ended_session_shows_that_it_has_ended_and_offers_no_outcomes() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let (id, url) = hosted_session(&api, "30123458").await;
    let browser = Browser::launch().await;

    browser.open(&url).await;
    browser.click("#start").await;
    browser.wait_for_status("in_progress").await;
    browser.click("#outcome-rejected").await;
    browser.wait_for_status("rejected").await;
    assert_eq!(api_status(&api, &id).await["status"], "rejected");

    // Opening the link again later shows the ended page, with nothing left to choose.
    browser.open(&url).await;
    browser.wait_for_status("rejected").await;
    browser.wait_for("#ended").await;
    for selector in ["#outcome-approved", "#outcome-in_review", "#start"] {
        let lookup = browser.find(selector).await;
        assert!(
            matches!(&lookup, Err(e) if e.error == "no such element"),
            "{selector}: {lookup:?}"
        );
    }
}

#[tokio::test]
async fn the_page_renders_to_a_real_screenshot() {
    let sandbox = quick_sandbox().await;
    let api = Api::for_sandbox(&sandbox);
    let (_, url) = hosted_session(&api, "30123459").await;
    let browser = Browser::launch().await;

    browser.open(&url).await;
    browser.wait_for_status("pending").await;
    let pending = browser.screenshot().await;
    let (width, height) = assert_plausible_png(&pending);
    assert!(width >= 640 && height >= 400, "{width}x{height}");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(out.join("hosted-page-pending.png"), &pending).expect("the screenshot saves");

    browser.click("#start").await;
    browser.wait_for_status("in_progress").await;
    let in_progress = browser.screenshot().await;
    assert_plausible_png(&in_progress);
    assert_ne!(pending, in_progress);
    std::fs::write(out.join("hosted-page-in-progress.png"), &in_progress)
        .expect("the screenshot saves");
}
