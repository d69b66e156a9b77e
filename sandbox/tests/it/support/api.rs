//! Shared test support: a client that checks every response against `openapi/gu1-kyc.yaml`
//! with a real JSON Schema validator (the spec crate's converter and the `jsonschema` crate), a
//! loopback webhook receiver, and bounded polling.

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use gu1_kyc_sandbox::{Delivery, Sandbox};
use gu1_kyc_spec::{ResponseChecker, Spec, match_path};
use reqwest::Method;
use serde_json::{Value, json};

/// The spec, loaded once per test binary.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| Spec::load_default().expect("openapi/gu1-kyc.yaml loads"))
}

/// The response checker, shared by every test of a binary so each schema compiles once.
fn checker() -> &'static ResponseChecker<'static> {
    static CHECKER: OnceLock<ResponseChecker<'static>> = OnceLock::new();
    CHECKER.get_or_init(|| ResponseChecker::new(spec()))
}

/// The operation ids that answered during this test binary, for coverage checks.
pub fn seen_operations() -> &'static Mutex<BTreeSet<String>> {
    static SEEN: OnceLock<Mutex<BTreeSet<String>>> = OnceLock::new();
    SEEN.get_or_init(Default::default)
}

/// Every `operationId` in the spec.
pub fn all_operations() -> BTreeSet<String> {
    spec()
        .operations()
        .filter_map(|op| op.operation_id())
        .map(str::to_owned)
        .collect()
}

/// Checks that the spec documents `status` for this request and that `body` fits its schema;
/// returns the operation's id. Panics with every validator message otherwise.
pub fn check_contract(
    method: &Method,
    path: &str,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> String {
    let (template, operation) = match_path(spec(), method.as_str(), path)
        .unwrap_or_else(|| panic!("{method} {path}: no operation in the spec"));
    seen_operations()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(operation.clone());
    if let Err(error) =
        checker().check_bytes(method.as_str(), &template, status, content_type, body)
    {
        panic!(
            "{operation} {status}: {error}\nbody: {}",
            String::from_utf8_lossy(body)
        );
    }
    operation
}

/// Validates a JSON value against a component schema, e.g. `KycWebhookEvent`.
pub fn check_schema(component: &str, value: &Value) {
    let pointer = format!("#/components/schemas/{component}");
    let validator = checker()
        .validator(&pointer)
        .unwrap_or_else(|e| panic!("{e}"));
    if let Err(errors) = validator.validate(value) {
        panic!("{component}: {}\nvalue: {value:#}", errors.join("\n"));
    }
}

/// An answer: status, content type, raw bytes and (for JSON) the parsed body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl Answer {
    /// The `error` code of an error body.
    pub fn code(&self) -> &str {
        self.json["error"].as_str().unwrap_or("")
    }
}

/// A client for one organization of a sandbox that contract-checks every answer.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub key: Option<String>,
    pub http: reqwest::Client,
    pub extra_headers: Vec<(String, String)>,
    /// The operations this client (and its clones) called, so a test running beside others
    /// can tell what it exercised itself.
    pub seen: Arc<Mutex<BTreeSet<String>>>,
}

impl Api {
    pub fn new(base: &str, key: &str) -> Api {
        Api {
            base: base.to_string(),
            key: Some(key.to_string()),
            http: reqwest::Client::new(),
            extra_headers: vec![],
            seen: Arc::default(),
        }
    }

    /// The operation ids this client and its clones called so far.
    pub fn seen(&self) -> BTreeSet<String> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn for_sandbox(sandbox: &Sandbox) -> Api {
        Api::new(sandbox.base_url(), sandbox.api_key())
    }

    pub fn without_key(&self) -> Api {
        Api {
            key: None,
            ..self.clone()
        }
    }

    pub fn with_header(&self, name: &str, value: &str) -> Api {
        let mut api = self.clone();
        api.extra_headers
            .push((name.to_string(), value.to_string()));
        api
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(key) = &self.key {
            request = request.bearer_auth(key);
        }
        for (name, value) in &self.extra_headers {
            request = request.header(name, value);
        }
        request
    }

    /// Sends a request and checks the answer against the spec.
    pub async fn send(&self, method: Method, path: &str, body: Body) -> Answer {
        let request = self.request(method.clone(), path);
        let request = match body {
            Body::None => request,
            Body::Json(value) => request.json(&value),
            Body::Raw(bytes) => request
                .header("content-type", "application/json")
                .body(bytes),
            Body::Form(form) => request.multipart(form),
        };
        let response = request.send().await.expect("the sandbox answers");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bytes = response.bytes().await.expect("a body").to_vec();
        let operation = check_contract(&method, path, status, &content_type, &bytes);
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(operation);
        let json = if content_type.starts_with("application/json") {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        } else {
            Value::Null
        };
        Answer {
            status,
            content_type,
            bytes,
            json,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, Body::None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Body::Json(body)).await
    }

    pub async fn delete(&self, path: &str, body: Value) -> Answer {
        self.send(Method::DELETE, path, Body::Json(body)).await
    }

    /// Creates a person with this tax id and returns its id.
    pub async fn person(&self, tax_id: &str) -> String {
        let answer = self
            .post(
                "/entities",
                json!({"type": "person", "name": "Ana Gomez", "countryCode": "AR", "taxId": tax_id,
                       "entityData": {"person": {"firstName": "Ana", "lastName": "Gomez", "dateOfBirth": "1991-02-03"}}}),
            )
            .await;
        assert_eq!(answer.status, 201, "{:?}", answer.json);
        answer.json["entity"]["id"]
            .as_str()
            .expect("an id")
            .to_string()
    }

    /// Starts a validation for an entity and returns its body.
    pub async fn validate(&self, entity_id: &str) -> Value {
        let answer = self
            .post(
                "/api/kyc/validations",
                json!({"entityId": entity_id, "integrationCode": "global_gueno_validation_kyc"}),
            )
            .await;
        assert_eq!(answer.status, 201, "{:?}", answer.json);
        answer.json
    }

    /// Creates a validation for `entity_id` and returns its ID.
    pub async fn validation_id(&self, entity_id: &str) -> String {
        let created = self.validate(entity_id).await;
        created["id"]
            .as_str()
            .expect("a created validation has an id")
            .to_owned()
    }

    /// Uploads a document front (a JPEG) for `entity_id`, which the sandbox approves; returns
    /// the verification's id and the image sent.
    pub async fn upload_document_front(&self, entity_id: &str) -> (String, Vec<u8>) {
        use reqwest::multipart::{Form, Part};
        let front = jpeg(b"front");
        let form = Form::new()
            .part(
                "documentFront",
                Part::bytes(front.clone())
                    .file_name("front.jpg")
                    .mime_str("image/jpeg")
                    .expect("a valid MIME type"),
            )
            .text("entityId", entity_id.to_string())
            .text("vendorData", "customer-42");
        let uploaded = self
            .send(Method::POST, "/api/kyc/id-verification", Body::Form(form))
            .await;
        assert_eq!(
            (uploaded.status, uploaded.json["status"].as_str()),
            (200, Some("Approved"))
        );
        let id = uploaded.json["verificationId"].as_str().expect("an id");
        (id.to_string(), front)
    }

    /// Matches a PNG portrait against itself (the selfie as a data URL); returns the face
    /// match's id.
    pub async fn match_portrait(&self) -> String {
        use base64::Engine;
        use reqwest::multipart::{Form, Part};
        let selfie = base64::engine::general_purpose::STANDARD.encode(png(b"portrait"));
        let form = Form::new()
            .part(
                "documentImage",
                Part::bytes(png(b"portrait")).file_name("doc.png"),
            )
            .text("selfieImage", format!("data:image/png;base64,{selfie}"));
        let matched = self
            .send(Method::POST, "/api/kyc/face-match", Body::Form(form))
            .await;
        assert_eq!(
            (matched.status, matched.json["score"].as_f64()),
            (200, Some(100.0))
        );
        matched.json["verificationId"]
            .as_str()
            .expect("an id")
            .to_string()
    }

    /// Polls a validation until its status is `status`, for at most 5 seconds.
    pub async fn wait_for_status(&self, id: &str, status: &str) -> Value {
        let path = format!("/api/kyc/validations/{id}");
        eventually(Duration::from_secs(5), || async {
            let answer = self.get(&path).await;
            (answer.json["status"] == status).then_some(answer.json)
        })
        .await
        .unwrap_or_else(|| panic!("validation {id} never reached {status}"))
    }
}

/// A request body.
pub enum Body {
    None,
    Json(Value),
    Raw(Vec<u8>),
    Form(reqwest::multipart::Form),
}

/// Polls `probe` every 10 ms until it returns `Some`, for at most `limit`.
pub async fn eventually<T, F, Fut>(limit: Duration, mut probe: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(found) = probe().await {
            return Some(found);
        }
        if tokio::time::Instant::now() >= deadline {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Waits until `sandbox` has recorded deliveries matching `done`, for at most 5 seconds.
pub async fn deliveries_when(
    sandbox: &Sandbox,
    done: impl Fn(&[Delivery]) -> bool,
) -> Vec<Delivery> {
    eventually(Duration::from_secs(5), || async {
        let deliveries = sandbox.webhook_deliveries();
        done(&deliveries).then_some(deliveries)
    })
    .await
    .unwrap_or_else(|| {
        panic!(
            "deliveries never settled: {:?}",
            sandbox.webhook_deliveries()
        )
    })
}

/// A sandbox that posts the default organization's webhooks to `receiver`, with short delays
/// and four attempts 20, 40 and 80 ms apart.
pub async fn sandbox_posting_to(receiver: &Receiver) -> Sandbox {
    Sandbox::builder()
        .outcome_delay(Duration::from_millis(5))
        .webhook_url(receiver.url.clone())
        .webhook_retries(4, Duration::from_millis(20))
        .start()
        .await
        .expect("the sandbox starts")
}

/// A sandbox with short delays for tests.
pub async fn quick_sandbox() -> Sandbox {
    Sandbox::builder()
        .outcome_delay(Duration::from_millis(10))
        .webhook_retries(4, Duration::from_millis(20))
        .start()
        .await
        .expect("the sandbox starts")
}

/// A tiny JPEG-looking image: the JPEG magic followed by `seed`.
pub fn jpeg(seed: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F'];
    bytes.extend_from_slice(seed);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

/// A tiny PNG-looking image: the PNG signature followed by `seed`.
pub fn png(seed: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    bytes.extend_from_slice(seed);
    bytes
}

/// One request a [`Receiver`] got.
#[derive(Debug, Clone)]
pub struct Received {
    pub signature: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub status_sent: u16,
}

/// A webhook receiver on 127.0.0.1 that answers 500 to its first `failures` requests, then 200.
pub struct Receiver {
    pub url: String,
    pub received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start(failures: usize) -> Receiver {
        use axum::body::Bytes;
        use axum::http::{HeaderMap, StatusCode};

        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let log = received.clone();
        let app = axum::Router::new().route(
            "/hooks",
            axum::routing::post(move |headers: HeaderMap, body: Bytes| {
                let log = log.clone();
                async move {
                    let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
                    let status = if log.len() < failures { 500 } else { 200 };
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    log.push(Received {
                        signature: header("x-webhook-signature"),
                        content_type: header("content-type"),
                        body: body.to_vec(),
                        status_sent: status,
                    });
                    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let address = listener.local_addr().expect("an address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver {
            url: format!("http://{address}/hooks"),
            received,
            task,
        }
    }

    pub fn requests(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits (at most 5 seconds) until `n` requests arrived; returns them.
    pub async fn arrivals(&self, n: usize) -> Vec<Received> {
        eventually(Duration::from_secs(5), || async {
            let requests = self.requests();
            (requests.len() >= n).then_some(requests)
        })
        .await
        .unwrap_or_else(|| panic!("{n} webhooks never arrived: {:?}", self.events()))
    }

    /// The `event` of each request received, in order of arrival.
    pub fn events(&self) -> Vec<String> {
        self.requests()
            .iter()
            .map(|r| {
                let event: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
                event["event"].as_str().unwrap_or("").to_string()
            })
            .collect()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Lowercase hex HMAC-SHA256, computed independently of the sandbox's code.
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
