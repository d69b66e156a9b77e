//! The SDK's spans as OpenTelemetry receives them: through `tracing-opentelemetry` into the
//! OpenTelemetry SDK's in-memory exporter, for a read that retries once and for a create that
//! fails. Names, kinds, parentage and the HTTP client conventions' attributes, and no attribute
//! holding an ID, a URL with an ID, the key or a personal datum.

use opentelemetry::{
    Value,
    trace::{SpanKind, Status, TracerProvider as _},
};
use opentelemetry_sdk::trace::{InMemorySpanExporter, SdkTracerProvider, SpanData};
use tracing_subscriber::layer::SubscriberExt;

use gu1_kyc_sandbox::Fault;

use crate::support::{alone::run_alone, world::World};

/// Collects every span of this process from here on: the test runs alone in its process.
fn collect() -> (InMemorySpanExporter, SdkTracerProvider) {
    let exporter = InMemorySpanExporter::default();
    let provider = SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    let layer = tracing_opentelemetry::layer().with_tracer(provider.tracer("gu1-kyc-tests"));
    let subscriber = tracing_subscriber::registry()
        .with(tracing_subscriber::filter::LevelFilter::DEBUG)
        .with(layer);
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
    (exporter, provider)
}

/// The spans exported so far, and forgets them.
fn finished(exporter: &InMemorySpanExporter, provider: &SdkTracerProvider) -> Vec<SpanData> {
    provider.force_flush().expect("flushed");
    let all = exporter.get_finished_spans().expect("the spans");
    exporter.reset();
    all
}

fn attribute<'a>(span: &'a SpanData, key: &str) -> Option<&'a Value> {
    span.attributes
        .iter()
        .find(|kv| kv.key.as_str() == key)
        .map(|kv| &kv.value)
}

fn text(span: &SpanData, key: &str) -> String {
    attribute(span, key)
        .unwrap_or_else(|| panic!("{} has no {key}: {:?}", span.name, span.attributes))
        .as_str()
        .into_owned()
}

fn number(span: &SpanData, key: &str) -> i64 {
    match attribute(span, key) {
        Some(Value::I64(n)) => *n,
        other => panic!("{} has {key} = {other:?}", span.name),
    }
}

/// The spans named `name` with `attempt` (none for the call's span), oldest first.
fn spans<'a>(all: &'a [SpanData], name: &str, attempts: bool) -> Vec<&'a SpanData> {
    all.iter()
        .filter(|s| s.name == name && attribute(s, "attempt").is_some() == attempts)
        .collect()
}

/// Asserts the HTTP client conventions every call and attempt span of `operation` carries.
fn assert_client_span(span: &SpanData, method: &str, template: &str, port: u16) {
    assert_eq!(span.span_kind, SpanKind::Client, "{}", span.name);
    assert_eq!(text(span, "http.request.method"), method);
    assert_eq!(text(span, "url.template"), template);
    assert_eq!(text(span, "server.address"), "127.0.0.1");
    assert_eq!(number(span, "server.port"), i64::from(port));
    assert!(
        attribute(span, "url.full").is_none(),
        "url.full carries IDs"
    );
}

/// No attribute value holds one of `secrets`.
fn assert_no_secret(all: &[SpanData], secrets: &[&str]) {
    for span in all {
        for kv in &span.attributes {
            let value = kv.value.as_str();
            for secret in secrets {
                assert!(
                    !value.contains(secret),
                    "{} = {value} holds {secret:?}",
                    kv.key
                );
            }
        }
    }
}

#[test]
fn the_spans_follow_opentelemetrys_http_client_conventions() {
    run_alone(
        "telemetry::the_spans_follow_opentelemetrys_http_client_conventions",
        || async {
            let (exporter, provider) = collect();
            a_read_that_retries_once_is_a_client_span_over_two_attempt_spans(&exporter, &provider)
                .await;
            a_create_that_fails_is_an_error_span_with_its_error_type(&exporter, &provider).await;
        },
    );
}

async fn a_read_that_retries_once_is_a_client_span_over_two_attempt_spans(
    exporter: &InMemorySpanExporter,
    provider: &SdkTracerProvider,
) {
    let world = World::start().await;
    let port = world.port();
    let (person, validation) = world.validated_person("30250001").await;
    world
        .sandbox
        .inject_fault(Fault::status(503).on("getValidation"))
        .expect("a fault");
    finished(exporter, provider);
    world
        .client
        .validations()
        .get(&validation.id)
        .await
        .expect("the retry succeeds");
    let all = finished(exporter, provider);

    let name = "GET /api/kyc/validations/{id}";
    let calls = spans(&all, name, false);
    let attempts = spans(&all, name, true);
    assert_eq!((calls.len(), attempts.len()), (1, 2), "{all:#?}");
    let call = calls[0];
    assert_client_span(call, "GET", "/api/kyc/validations/{id}", port);
    assert_eq!(text(call, "operation"), "getValidation");
    assert_eq!(number(call, "http.response.status_code"), 200);
    assert_eq!(call.status, Status::Unset);
    let request_id = text(call, "request_id");
    assert!(request_id.starts_with("req_"), "{request_id}");

    let (first, second) = (attempts[0], attempts[1]);
    for attempt in [first, second] {
        assert_client_span(attempt, "GET", "/api/kyc/validations/{id}", port);
        assert_eq!(
            attempt.parent_span_id,
            call.span_context.span_id(),
            "a child of the call"
        );
        assert_eq!(
            attempt.span_context.trace_id(),
            call.span_context.trace_id()
        );
        assert_eq!(
            text(attempt, "request_id"),
            request_id,
            "one id on every attempt"
        );
    }
    assert_eq!(number(first, "http.response.status_code"), 503);
    assert_eq!(text(first, "error.type"), "503");
    assert!(
        matches!(first.status, Status::Error { .. }),
        "{:?}",
        first.status
    );
    assert!(attribute(first, "http.request.resend_count").is_none());
    assert_eq!(number(second, "http.response.status_code"), 200);
    assert_eq!(number(second, "http.request.resend_count"), 1);
    assert!(attribute(second, "error.type").is_none());

    // The sandbox logged the same id on both attempts.
    let logged = world.sandbox.requests_for("getValidation");
    let tail: Vec<_> = logged[logged.len() - 2..]
        .iter()
        .map(|r| r.request_id.clone())
        .collect();
    assert_eq!(tail, [Some(request_id.clone()), Some(request_id)]);

    assert_no_secret(
        &all,
        &[
            validation.id.as_ref(),
            person.id.as_ref(),
            world.sandbox.api_key(),
            "Ana Test",
            "30250001",
        ],
    );
}

async fn a_create_that_fails_is_an_error_span_with_its_error_type(
    exporter: &InMemorySpanExporter,
    provider: &SdkTracerProvider,
) {
    let world = World::start().await;
    let port = world.port();
    finished(exporter, provider);
    let (unknown, error) = world.refused_create(0xaa).await;
    let all = finished(exporter, provider);

    let name = "POST /api/kyc/validations";
    let calls = spans(&all, name, false);
    let attempts = spans(&all, name, true);
    assert_eq!((calls.len(), attempts.len()), (1, 1), "{all:#?}");
    for span in [calls[0], attempts[0]] {
        assert_client_span(span, "POST", "/api/kyc/validations", port);
        assert_eq!(number(span, "http.response.status_code"), 404);
        assert_eq!(text(span, "error.type"), "404");
        assert!(
            matches!(span.status, Status::Error { .. }),
            "{:?}",
            span.status
        );
        assert_eq!(
            Some(text(span, "request_id").as_str()),
            error.request_id(),
            "the error's id is the span's"
        );
    }
    assert_eq!(text(calls[0], "operation"), "createValidation");
    assert_eq!(attempts[0].parent_span_id, calls[0].span_context.span_id());
    assert_no_secret(&all, &[unknown.as_ref(), world.sandbox.api_key()]);
}
