//! `gu1-kyc proxy` (and `cargo xtask contract proxy`): a validating proxy. A team in any
//! language points its gu1 base URL at it; every exchange is forwarded unchanged and checked
//! both ways with the spec crate's contract engine. Findings are printed as they happen (JSON
//! lines on stdout, the report's fields and redaction) and summed up on stderr at exit. Byte
//! answers (images) stream through without being held in memory.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, Response, StatusCode};
use futures_util::TryStreamExt;
use gu1_kyc_spec::Spec;
use gu1_kyc_spec::contract::{ContractChecker, Exchange, Finding, Severity};
use serde_json::json;

use crate::failure::{Failure, Outcome};
use crate::output::print_line;

/// The largest request body forwarded (two 5 MB images and their encoding fit).
const MAX_REQUEST: usize = 32 * 1024 * 1024;
/// The largest JSON answer read whole to be checked; larger ones pass unchecked.
const MAX_JSON_ANSWER: usize = 16 * 1024 * 1024;

/// What the proxy shares between requests.
struct Proxy {
    upstream: String,
    http: reqwest::Client,
    checker: ContractChecker<'static>,
    counts: Mutex<BTreeMap<(String, Severity), u64>>,
    exchanges: Mutex<u64>,
}

/// Runs the proxy until Ctrl-C or SIGTERM.
pub async fn run(listen: String, upstream: String) -> Outcome {
    let upstream = upstream.trim_end_matches('/').to_string();
    reqwest::Url::parse(&upstream)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| Failure::Usage("--upstream must be an absolute http or https URL".into()))?;
    let address: std::net::SocketAddr = listen.parse().map_err(|_| {
        Failure::Usage(format!(
            "--listen {listen} is not an address such as 127.0.0.1:8080"
        ))
    })?;
    if !address.ip().is_loopback() {
        return Err(Failure::Usage(
            "--listen takes a loopback address (127.0.0.1 or ::1): the proxy forwards your key"
                .into(),
        ));
    }
    let spec: &'static Spec = Box::leak(Box::new(
        Spec::from_yaml_str(super::contract::SPEC, "openapi/gu1-kyc.yaml")
            .map_err(|e| Failure::CannotRun(format!("the embedded spec does not load: {e}")))?,
    ));
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Failure::CannotRun(format!("no HTTP client: {e}")))?;
    let proxy = Arc::new(Proxy {
        upstream,
        http,
        checker: ContractChecker::new(spec),
        counts: Mutex::default(),
        exchanges: Mutex::new(0),
    });
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| Failure::Usage(format!("cannot listen on {address}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Failure::Usage(format!("cannot listen on {address}: {e}")))?;
    eprintln!(
        "Validating proxy on http://{bound} for {}: point your gu1 base URL here. Ctrl-C stops it.",
        proxy.upstream
    );
    let app = Router::new().fallback(forward).with_state(proxy.clone());
    axum::serve(listener, app)
        .with_graceful_shutdown(super::sandbox::stopped())
        .await
        .map_err(|e| Failure::CannotRun(format!("the proxy stopped: {e}")))?;
    summary(&proxy);
    Ok(())
}

/// Logs findings as JSON lines and counts them.
fn log(proxy: &Proxy, findings: &[Finding]) {
    let mut counts = proxy.counts.lock().unwrap_or_else(|e| e.into_inner());
    for f in findings {
        *counts
            .entry((f.operation_id.clone(), f.severity))
            .or_default() += 1;
        let _ = print_line(
            &json!({
                "operationId": f.operation_id,
                "severity": f.severity,
                "kind": f.kind.name(),
                "location": f.location,
                "message": f.message,
            })
            .to_string(),
        );
    }
}

fn summary(proxy: &Proxy) {
    let exchanges = *proxy.exchanges.lock().unwrap_or_else(|e| e.into_inner());
    let counts = proxy.counts.lock().unwrap_or_else(|e| e.into_inner());
    let total = |severity| {
        counts
            .iter()
            .filter(|((_, s), _)| *s == severity)
            .map(|(_, n)| n)
            .sum::<u64>()
    };
    eprintln!(
        "{exchanges} exchanges checked: {} breaking, {} drift findings",
        total(Severity::Breaking),
        total(Severity::Drift)
    );
    for ((operation, severity), n) in counts.iter() {
        let operation = if operation.is_empty() {
            "(no operation)"
        } else {
            operation
        };
        eprintln!("  {operation}: {n} {severity}");
    }
}

/// One exchange: the request checked and forwarded unchanged, the answer checked and returned
/// unchanged (streamed when it is not JSON).
async fn forward(State(proxy): State<Arc<Proxy>>, request: Request) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    let path = parts.uri.path().to_string();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_string());
    let Ok(body) = axum::body::to_bytes(body, MAX_REQUEST).await else {
        return plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is too large for the proxy",
        );
    };
    let content_type = header(&parts.headers, "content-type");
    log(
        &proxy,
        &proxy
            .checker
            .check_request(method.as_str(), &path, content_type.as_deref(), &body),
    );
    *proxy.exchanges.lock().unwrap_or_else(|e| e.into_inner()) += 1;

    let mut upstream = proxy
        .http
        .request(
            method.clone(),
            format!("{}{path_and_query}", proxy.upstream),
        )
        .body(body);
    for (name, value) in &parts.headers {
        if super::forwarded(name) {
            upstream = upstream.header(HeaderName::from(name), value);
        }
    }
    let answer = match upstream.send().await {
        Ok(answer) => answer,
        Err(error) => {
            return plain(
                StatusCode::BAD_GATEWAY,
                &format!("the upstream did not answer: {}", error.without_url()),
            );
        }
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let answer_type = header(&headers, "content-type");
    let is_json = answer_type.as_deref().is_some_and(gu1_kyc_spec::is_json);
    let mut response = Response::builder().status(status);
    for (name, value) in &headers {
        if super::forwarded(name) {
            response = response.header(name, value);
        }
    }
    if !is_json {
        // Status and type are all there is to check: the bytes stream through.
        log(
            &proxy,
            &proxy.checker.check(&Exchange {
                method: method.as_str(),
                path: &path,
                status: status.as_u16(),
                content_type: answer_type.as_deref(),
                body: b"",
            }),
        );
        let stream = answer.bytes_stream().map_err(std::io::Error::other);
        return response
            .body(Body::from_stream(stream))
            .unwrap_or_else(|_| {
                plain(
                    StatusCode::BAD_GATEWAY,
                    "the upstream's answer could not be relayed",
                )
            });
    }
    let bytes = match read_json(answer).await {
        Ok(bytes) => bytes,
        Err(message) => return plain(StatusCode::BAD_GATEWAY, &message),
    };
    log(
        &proxy,
        &proxy.checker.check(&Exchange {
            method: method.as_str(),
            path: &path,
            status: status.as_u16(),
            content_type: answer_type.as_deref(),
            body: &bytes,
        }),
    );
    response.body(Body::from(bytes)).unwrap_or_else(|_| {
        plain(
            StatusCode::BAD_GATEWAY,
            "the upstream's answer could not be relayed",
        )
    })
}

/// A JSON answer, read whole (at most [`MAX_JSON_ANSWER`]).
async fn read_json(mut answer: reqwest::Response) -> Result<Bytes, String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = answer
        .chunk()
        .await
        .map_err(|e| format!("the upstream's answer broke off: {}", e.without_url()))?
    {
        if bytes.len() + chunk.len() > MAX_JSON_ANSWER {
            return Err("the upstream's JSON answer is larger than the proxy checks".into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The proxy's own refusal, in the API's error shape.
fn plain(status: StatusCode, message: &str) -> Response<Body> {
    let body = json!({ "error": "PROXY_ERROR", "message": message }).to_string();
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap_or_default()
}
