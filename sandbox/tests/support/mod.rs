//! Shared test support: a client that checks every response against `openapi/gu1-kyc.yaml`
//! with a real JSON Schema validator (xtask's converter and the `jsonschema` crate), a
//! loopback webhook receiver, and bounded polling.

#![allow(dead_code)]

use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use gu1_kyc_sandbox::{Delivery, Sandbox};
use reqwest::Method;
use serde_json::{Value, json};
use xtask::schema::{Spec, Validator, match_path, response_schema_pointer, validator_for};

/// The spec, loaded once per test binary.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/gu1-kyc.yaml");
        Spec::from_path(path.as_ref()).expect("openapi/gu1-kyc.yaml loads")
    })
}

fn validators() -> &'static Mutex<HashMap<String, Arc<Validator>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Validator>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn validator(pointer: &str) -> Arc<Validator> {
    let mut cache = validators().lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(pointer.to_string())
        .or_insert_with(|| {
            Arc::new(validator_for(spec(), pointer).unwrap_or_else(|e| panic!("{pointer}: {e}")))
        })
        .clone()
}

/// The operation ids that answered during this test binary, for coverage checks.
pub fn seen_operations() -> &'static Mutex<BTreeSet<String>> {
    static SEEN: OnceLock<Mutex<BTreeSet<String>>> = OnceLock::new();
    SEEN.get_or_init(Default::default)
}

/// Every `operationId` in the spec.
pub fn all_operations() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(paths) = spec().raw.get("paths").and_then(Value::as_object) {
        for item in paths.values() {
            for operation in item.as_object().into_iter().flat_map(|o| o.values()) {
                if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                    out.insert(id.to_string());
                }
            }
        }
    }
    out
}

/// Checks that the spec documents `status` for this request and that `body` fits its schema.
/// Panics with every validator message otherwise.
pub fn check_contract(method: &Method, path: &str, status: u16, content_type: &str, body: &[u8]) {
    let (template, operation) = match_path(spec(), method.as_str(), path)
        .unwrap_or_else(|| panic!("{method} {path}: no operation in the spec"));
    seen_operations()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(operation.clone());
    let pointer = response_schema_pointer(spec(), method.as_str(), &template, status, content_type)
        .unwrap_or_else(|| {
            panic!("{operation}: the spec documents no {status} {content_type} response")
        });
    if content_type.starts_with("application/json") {
        let value: Value = serde_json::from_slice(body)
            .unwrap_or_else(|e| panic!("{operation} {status}: body is not JSON: {e}"));
        if let Err(errors) = validator(&pointer).validate(&value) {
            panic!(
                "{operation} {status}: the body does not match {pointer}:\n{}\nbody: {value:#}",
                errors.join("\n")
            );
        }
    }
}

/// Validates a JSON value against a component schema, e.g. `KycWebhookEvent`.
pub fn check_schema(component: &str, value: &Value) {
    let pointer = format!("#/components/schemas/{component}");
    if let Err(errors) = validator(&pointer).validate(value) {
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
}

impl Api {
    pub fn new(base: &str, key: &str) -> Api {
        Api {
            base: base.to_string(),
            key: Some(key.to_string()),
            http: reqwest::Client::new(),
            extra_headers: vec![],
        }
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
        check_contract(&method, path, status, &content_type, &bytes);
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
