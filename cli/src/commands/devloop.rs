//! The webhook dev loop against a running local sandbox (`gu1-kyc sandbox`): `listen`,
//! `trigger`, `events` and `logs`, through the sandbox's control API (`/_sandbox/...`, described
//! in the sandbox's `openapi/control.yaml`) and the API itself.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::routing::any;
use gu1_kyc::Client;
use gu1_kyc::types::{EntityId, ValidationId};
use gu1_kyc::webhooks::{Verifier, WebhookSecret};
use reqwest::Method;
use serde_json::{Value, json};

use crate::args::{Events, Logs, TriggerStatus};
use crate::failure::{Failure, Outcome};
use crate::output::{Field, Output, print_line};

/// Where `gu1-kyc sandbox` listens by default, and its default key: the dev loop works with no
/// configuration against a sandbox started with no options.
const DEFAULT_BASE_URL: &str = "http://127.0.0.1:4010";
const DEFAULT_API_KEY: &str = "gk_sandbox_local";

/// The running sandbox: its control API, and its API through the SDK.
struct Sandbox {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Sandbox {
    /// The sandbox named by the chosen profile, or by GU1_BASE_URL and GU1_API_KEY, or at
    /// `gu1-kyc sandbox`'s defaults.
    fn from_env() -> Result<Sandbox, Failure> {
        let profile = super::profile()?;
        let var = |name: &str, default: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| Failure::Usage(format!("cannot build an HTTP client: {e}")))?;
        let (base, key) = match profile {
            Some(profile) => (
                profile
                    .base_url
                    .unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
                profile.api_key,
            ),
            None => (
                var("GU1_BASE_URL", DEFAULT_BASE_URL),
                var("GU1_API_KEY", DEFAULT_API_KEY),
            ),
        };
        Ok(Sandbox {
            http,
            base: base.trim_end_matches('/').to_string(),
            key,
        })
    }

    /// The SDK's client for the sandbox's API.
    fn client(&self) -> Result<Client, Failure> {
        Ok(Client::builder()
            .api_key(&self.key)
            .base_url(&self.base)
            .build()?)
    }

    /// Fails unless the base URL is a local sandbox (its control API answers): nothing is sent
    /// to the API before this holds, so a base URL pointing at gu1 itself changes nothing.
    async fn ensure(&self) -> Result<Value, Failure> {
        match self.control(Method::GET, "/webhooks/endpoint", None).await {
            Err(Failure::NotFound(_)) => Err(Failure::Usage(format!(
                "{} has no control API: is it a local sandbox (`gu1-kyc sandbox`)?",
                self.base
            ))),
            other => other,
        }
    }

    /// One control call; a sandbox that is not there, or a base URL that is not a sandbox,
    /// gets a message that says so.
    async fn control(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, Failure> {
        let mut request = self
            .http
            .request(method, format!("{}/_sandbox{path}", self.base))
            .bearer_auth(&self.key);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send().await.map_err(|e| {
            Failure::Unreachable(format!(
                "no sandbox answers at {} ({}); start one with `gu1-kyc sandbox`",
                self.base,
                e.without_url()
            ))
        })?;
        let status = answer.status().as_u16();
        let json: Value = answer.json().await.unwrap_or(Value::Null);
        let message = || json["message"].as_str().unwrap_or("no message").to_string();
        match status {
            200..=299 => Ok(json),
            401 => Err(Failure::Usage(format!(
                "the sandbox refused the key in GU1_API_KEY: {}",
                message()
            ))),
            404 if json["error"].is_null() => Err(Failure::Usage(format!(
                "{} has no control API: is it a local sandbox (`gu1-kyc sandbox`)?",
                self.base
            ))),
            404 => Err(Failure::NotFound(message())),
            400..=499 => Err(Failure::Refused(message())),
            _ => Err(Failure::Unreachable(format!(
                "the sandbox answered {status}"
            ))),
        }
    }
}

/// `gu1-kyc listen --forward-to URL`.
pub async fn listen(forward_to: String, output: Output) -> Outcome {
    let target = reqwest::Url::parse(&forward_to)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
        .ok_or_else(|| {
            Failure::Usage("--forward-to must be an absolute http or https URL".into())
        })?;
    let sandbox = Sandbox::from_env()?;
    let endpoint = sandbox.ensure().await?;
    let secret = endpoint["secret"].as_str().unwrap_or_default().to_string();
    let previous = endpoint["url"].clone();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| Failure::Usage(format!("cannot listen on 127.0.0.1: {e}")))?;
    let relay_url = format!(
        "http://{}/relay",
        listener
            .local_addr()
            .map_err(|e| Failure::Usage(format!("cannot listen on 127.0.0.1: {e}")))?
    );
    let relay = Arc::new(Relay {
        verifier: Verifier::new([WebhookSecret::new(secret)]),
        target,
        http: sandbox.http.clone(),
        output,
    });
    let app = Router::new().fallback(any(forward)).with_state(relay);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await;
    });
    sandbox
        .control(
            Method::PUT,
            "/webhooks/endpoint",
            Some(json!({ "url": relay_url })),
        )
        .await?;
    eprintln!(
        "Ready: the sandbox at {} sends its webhooks to {forward_to} (through {relay_url}). Ctrl-C stops and puts its webhook URL back.",
        sandbox.base
    );
    super::sandbox::stopped().await;
    let restored = sandbox
        .control(
            Method::PUT,
            "/webhooks/endpoint",
            Some(json!({ "url": previous })),
        )
        .await;
    let _ = stop.send(());
    let _ = server.await;
    restored.map(|_| ())
}

/// What the relay needs for each delivery.
struct Relay {
    verifier: Verifier,
    target: reqwest::Url,
    http: reqwest::Client,
    output: Output,
}

/// One delivery: verified, printed, forwarded unchanged; the receiver's answer goes back to
/// the sandbox, so that its retries follow what the receiver says.
async fn forward(
    State(relay): State<Arc<Relay>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Bytes) {
    let signature = headers
        .get("x-webhook-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (event, validation, status, verified) = match relay.verifier.verify(&body, signature) {
        Ok(event) => (
            event.event_type.to_string(),
            event.validation_id().to_string(),
            event.status().to_string(),
            "valid".to_string(),
        ),
        Err(error) => (
            "?".into(),
            "?".into(),
            "?".into(),
            format!("invalid: {error}"),
        ),
    };
    let mut request = relay.http.post(relay.target.clone()).body(body.clone());
    for (name, value) in &headers {
        if super::forwarded(name) {
            request = request.header(HeaderName::from(name), value);
        }
    }
    let started = Instant::now();
    let answer = request.send().await;
    let latency_ms = started.elapsed().as_millis();
    let (code, reply, receiver) = match answer {
        Ok(answer) => {
            let code = answer.status().as_u16();
            let reply = answer.bytes().await.unwrap_or_default();
            (code, reply, json!(code))
        }
        Err(error) => (
            502,
            Bytes::new(),
            json!(format!("no answer: {}", error.without_url())),
        ),
    };
    let line = if relay.output.json {
        json!({
            "event": event, "validationId": validation, "status": status,
            "signature": verified, "receiverStatus": receiver, "latencyMs": latency_ms,
        })
        .to_string()
    } else {
        let receiver = receiver
            .as_u64()
            .map_or_else(|| receiver.to_string(), |c| c.to_string());
        format!(
            "{event}  {validation}  {status}  signature {verified}  -> {receiver} in {latency_ms} ms"
        )
    };
    let _ = print_line(&line);
    (
        StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_GATEWAY),
        reply,
    )
}

/// `gu1-kyc trigger STATUS [--entity ID]`.
pub async fn trigger(status: TriggerStatus, entity: Option<String>, output: Output) -> Outcome {
    let sandbox = Sandbox::from_env()?;
    sandbox.ensure().await?;
    let client = sandbox.client()?;
    let entity = match entity {
        Some(id) => EntityId::parse(&id)?,
        None => {
            let person = client
                .entities()
                .create_person("Test Person", "AR")
                .send()
                .await?;
            person.id
        }
    };
    let validation = client.validations().create(&entity).send().await?;
    let id = validation.id.clone();
    let set = |to: &'static str| {
        let path = format!("/validations/{id}/status");
        let sandbox = &sandbox;
        async move {
            sandbox
                .control(Method::POST, &path, Some(json!({ "status": to })))
                .await
        }
    };
    let reason = "Triggered from gu1-kyc";
    let done = match status {
        TriggerStatus::InReview => {
            set("in_review").await?;
            client.validations().get(&id).await?
        }
        TriggerStatus::Approved => {
            set("in_review").await?;
            client.validations().approve(&id, reason).await?
        }
        TriggerStatus::Rejected => {
            set("in_review").await?;
            client.validations().reject(&id, reason).await?
        }
        TriggerStatus::Expired => {
            set("expired").await?;
            client.validations().get(&id).await?
        }
        TriggerStatus::Cancelled => client.validations().cancel(&id, reason).await?,
    };
    output.one(
        &done,
        &[
            ("validation", "id"),
            ("entity", "entityId"),
            ("status", "status"),
        ],
    )
}

/// `gu1-kyc events list|resend`.
pub async fn events(command: Events, output: Output) -> Outcome {
    let sandbox = Sandbox::from_env()?;
    match command {
        Events::List => {
            let log = sandbox
                .control(Method::GET, "/webhooks/deliveries", None)
                .await?;
            let deliveries = log["deliveries"].as_array().cloned().unwrap_or_default();
            const COLUMNS: &[Field] = &[
                ("SEQ", "sequence"),
                ("EVENT", "event"),
                ("VALIDATION", "validationId"),
                ("STATE", "state"),
                ("ATTEMPTS", "attempts"),
                ("LAST STATUS", "lastStatus"),
            ];
            output.list(&deliveries, COLUMNS)
        }
        Events::Resend { validation } => {
            let id = ValidationId::parse(&validation)?;
            let sent = sandbox
                .control(Method::POST, &format!("/validations/{id}/webhook"), None)
                .await?;
            output.one(&sent, &[("validation", "validationId"), ("event", "event")])
        }
    }
}

/// `gu1-kyc logs tail [--no-follow]`: every request the sandbox logged after the last one
/// printed, every half second.
pub async fn logs(command: Logs, output: Output) -> Outcome {
    let Logs::Tail { no_follow } = command;
    let sandbox = Sandbox::from_env()?;
    let mut after: Option<u64> = None;
    loop {
        let log = sandbox.control(Method::GET, "/requests", None).await?;
        for entry in log["requests"].as_array().into_iter().flatten() {
            let Some(sequence) = entry["sequence"].as_u64() else {
                continue;
            };
            if after.is_some_and(|last| sequence <= last) {
                continue;
            }
            after = Some(sequence);
            let line = if output.json {
                entry.to_string()
            } else {
                let text = |key: &str| entry[key].as_str().unwrap_or("-").to_string();
                format!(
                    "{}  {} {}  {}  {:.0} ms  {}",
                    text("receivedAt"),
                    text("method"),
                    entry["operationId"]
                        .as_str()
                        .or(entry["pathTemplate"].as_str())
                        .unwrap_or("(no route)"),
                    entry["status"]
                        .as_u64()
                        .map_or_else(|| "-".to_string(), |s| s.to_string()),
                    entry["durationMs"].as_f64().unwrap_or(0.0),
                    entry["requestId"]
                        .as_str()
                        .unwrap_or_else(|| entry["serverRequestId"].as_str().unwrap_or("-")),
                )
            };
            print_line(&line)?;
        }
        if no_follow {
            return Ok(());
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(500)) => {}
            () = super::sandbox::stopped() => return Ok(()),
        }
    }
}
