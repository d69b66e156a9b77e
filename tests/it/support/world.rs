//! Helpers for the end-to-end tests: a sandbox with a client pointed at it, bounded polling,
//! synthetic images, the hosted page played as the customer, and a loopback webhook receiver.

use std::{fmt::Debug, future::Future, time::Duration};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use gu1_kyc::{
    Client, ClientBuilder, Download, ErrorCode, ErrorKind, ImageInput, Result,
    types::{
        Entity, EntityId, FaceMatchRecord, FaceMatchResult, IdVerificationRecord,
        IdVerificationResult, Sensitive, Validation, ValidationId, ValidationStatus,
    },
};
use gu1_kyc_sandbox::Sandbox;
use tokio::sync::mpsc;

/// How often and how long to poll for an asynchronous outcome.
const POLL_EVERY: Duration = Duration::from_millis(20);
const POLL_FOR: Duration = Duration::from_secs(5);

/// The most any test download may weigh.
const DOWNLOAD_LIMIT: usize = 1 << 20;

/// A sandbox of its own, and a client for its first organization.
pub struct World {
    pub sandbox: Sandbox,
    pub client: Client,
}

impl World {
    /// Starts a sandbox whose test numbers move every 20 ms.
    pub async fn start() -> Self {
        let sandbox = Sandbox::builder()
            .outcome_delay(Duration::from_millis(20))
            .start()
            .await
            .expect("the sandbox starts");
        Self::on(sandbox, |builder| builder)
    }

    /// A world on `sandbox`, its client built with what `configure` adds.
    pub fn on(sandbox: Sandbox, configure: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Self {
        let builder = builder_for(&sandbox, sandbox.api_key(), sandbox.organization_id());
        let client = configure(builder).build().expect("the client builds");
        Self { sandbox, client }
    }

    /// The sandbox's port.
    pub fn port(&self) -> u16 {
        self.sandbox
            .base_url()
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .expect("the base URL ends with a port")
    }

    /// A create for an entity that does not exist (`n` picks its ID), and the 404 it gets.
    pub async fn refused_create(&self, n: u8) -> (EntityId, gu1_kyc::Error) {
        let unknown =
            EntityId::parse(format!("00000000-0000-4000-8000-0000000000{n:02x}")).expect("an ID");
        let error = self
            .client
            .validations()
            .create(&unknown)
            .send()
            .await
            .expect_err("no such entity");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
        (unknown, error)
    }

    /// A person in Argentina with `tax_id` (the sandbox picks the outcome from it).
    pub async fn person(&self, tax_id: &str) -> Entity {
        self.client
            .entities()
            .create_person("Ana Test", "AR")
            .tax_id(tax_id)
            .send()
            .await
            .expect("the person is created")
    }

    /// A person and a validation for it, with the default options.
    pub async fn validated_person(&self, tax_id: &str) -> (Entity, Validation) {
        let person = self.person(tax_id).await;
        let validation = self.validate(&person).await;
        (person, validation)
    }

    /// A person with the in-review `tax_id`, and its validation once it waits for a decision.
    pub async fn in_review(&self, tax_id: &str) -> (Entity, ValidationId) {
        let (person, validation) = self.validated_person(tax_id).await;
        self.wait_for_status(&validation.id, ValidationStatus::InReview)
            .await;
        (person, validation.id)
    }

    /// A new validation for `person`.
    pub async fn validate(&self, person: &Entity) -> Validation {
        self.client
            .validations()
            .create(&person.id)
            .send()
            .await
            .expect("the validation is created")
    }

    /// Polls the validation until it has `status`.
    pub async fn wait_for_status(&self, id: &ValidationId, status: ValidationStatus) -> Validation {
        let what = format!("validation to become {status}");
        eventually(&what, || async {
            let validation = self.client.validations().get(id).await.expect("get");
            (validation.status == status).then_some(validation)
        })
        .await
    }
}

/// A client for `api_key` and `organization_id` against `sandbox`.
pub fn client_for(sandbox: &Sandbox, api_key: &str, organization_id: &str) -> Client {
    builder_for(sandbox, api_key, organization_id)
        .build()
        .expect("the client builds")
}

/// The builder of [`client_for`], for a test to add its own settings.
pub fn builder_for(sandbox: &Sandbox, api_key: &str, organization_id: &str) -> ClientBuilder {
    Client::builder()
        .api_key(api_key)
        .organization_id(organization_id)
        .base_url(sandbox.base_url())
}

/// Polls `check` every 20 ms until it yields a value, failing after 5 s with `what`.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + POLL_FOR;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for the {what}"
        );
        tokio::time::sleep(POLL_EVERY).await;
    }
}

/// Asserts that `result` failed with the API error `code`.
#[track_caller]
pub fn assert_code<T: Debug>(result: Result<T>, code: ErrorCode) {
    let error = result.expect_err("the call should fail");
    assert_eq!(error.code(), Some(&code), "unexpected error: {error:?}");
}

/// Asserts that `result` failed before anything was sent.
#[track_caller]
pub fn assert_invalid_input<T: Debug>(result: Result<T>) {
    let error = result.expect_err("the call should fail");
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error:?}");
    assert_eq!(error.status(), None, "nothing should have been sent");
}

/// Asserts that `result` failed as not found.
#[track_caller]
pub fn assert_not_found<T: Debug>(result: Result<T>) {
    let error = result.expect_err("the call should fail");
    assert!(error.is_not_found(), "expected not found, got {error:?}");
}

/// A synthetic JPEG: the magic bytes and padding that depends on `seed`.
pub fn jpeg(seed: u8) -> Vec<u8> {
    image(&[0xFF, 0xD8, 0xFF, 0xE0], seed)
}

/// A synthetic PNG: the signature and padding that depends on `seed`.
pub fn png(seed: u8) -> Vec<u8> {
    image(b"\x89PNG\r\n\x1a\n", seed)
}

/// The bytes as an upload, its type sniffed from them.
pub fn input(bytes: Vec<u8>) -> ImageInput {
    ImageInput::from_bytes(bytes, None)
}

/// A redacted text, shown.
pub fn shown(value: &Option<Sensitive<String>>) -> Option<&str> {
    value.as_ref().map(|v| v.expose().as_str())
}

/// Something with an ID, so lists and their expected contents compare as ID lists.
pub trait Listed {
    fn key(&self) -> String;
}

macro_rules! listed {
    ($($type:ty => $field:ident),+) => {
        $(impl Listed for $type {
            fn key(&self) -> String {
                self.$field.to_string()
            }
        })+
    };
}

listed!(
    Entity => id, Validation => id, IdVerificationRecord => id, FaceMatchRecord => id,
    IdVerificationResult => verification_id, FaceMatchResult => verification_id
);

impl<T: Listed> Listed for &T {
    fn key(&self) -> String {
        (*self).key()
    }
}

/// The IDs of `items`, in order.
pub fn ids<T: Listed>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    items.into_iter().map(|item| item.key()).collect()
}

fn image(magic: &[u8], seed: u8) -> Vec<u8> {
    let mut bytes = magic.to_vec();
    bytes.extend((0..1024u32).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    bytes
}

/// Downloads a file: its content type and its bytes.
pub async fn fetch(download: Result<Download>) -> (String, Bytes) {
    let download = download.expect("the download starts");
    let content_type = download.content_type().unwrap_or_default().to_owned();
    let bytes = download
        .bytes(DOWNLOAD_LIMIT)
        .await
        .expect("the download ends");
    (content_type, bytes)
}

/// Every item of a paged stream, failing on the first error.
pub async fn collect<T>(stream: impl Stream<Item = Result<T>>) -> Vec<T> {
    let items: Vec<Result<T>> = stream.collect().await;
    items
        .into_iter()
        .collect::<Result<_>>()
        .expect("every page reads")
}

/// Plays the customer on the hosted page: starts the session, then finishes it with `outcome`.
pub async fn complete_hosted_session(url: &str, outcome: &str) {
    let browser = reqwest::Client::new();
    for (step, body) in [
        ("start", String::new()),
        ("complete", format!("outcome={outcome}")),
    ] {
        browser
            .post(format!("{url}/{step}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .unwrap_or_else(|e| panic!("the hosted page's {step} step failed: {e}"));
    }
}

/// A webhook delivery as received: the signature header and the raw body.
pub type Delivery = (String, Vec<u8>);

/// Serves `POST /` on loopback and forwards each delivery; returns the URL to give the sandbox.
pub async fn webhook_receiver() -> (String, mpsc::UnboundedReceiver<Delivery>) {
    use axum::{Router, body::Bytes, http::HeaderMap, routing::post};
    let (sender, received) = mpsc::unbounded_channel();
    let app = Router::new().route(
        "/",
        post(move |headers: HeaderMap, body: Bytes| {
            let sender = sender.clone();
            async move {
                let signature = headers
                    .get(gu1_kyc::webhooks::SIGNATURE_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let _ = sender.send((signature, body.to_vec()));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("the receiver binds");
    let address = listener.local_addr().expect("the receiver has an address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}/"), received)
}

/// The next delivery, waiting at most 5 s.
pub async fn next_delivery(received: &mut mpsc::UnboundedReceiver<Delivery>) -> Delivery {
    tokio::time::timeout(POLL_FOR, received.recv())
        .await
        .expect("a webhook arrives in time")
        .expect("the receiver is open")
}
