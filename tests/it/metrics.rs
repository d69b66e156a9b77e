//! The metrics (feature `metrics`) as the OpenTelemetry SDK's in-memory exporter receives them,
//! for a read that retries once and for a create that fails: `http.client.request.duration` per
//! attempt with the conventions' buckets and attributes, and per call its duration, attempts
//! and errors. No attribute holds an ID or a personal datum.

use opentelemetry::{KeyValue, metrics::MeterProvider as _};
use opentelemetry_sdk::metrics::{
    InMemoryMetricExporter, PeriodicReader, SdkMeterProvider,
    data::{AggregatedMetrics, Metric, MetricData, ResourceMetrics},
};

use gu1_kyc_sandbox::{Fault, Sandbox};

use crate::support::world::World;

/// The conventions' buckets for `http.client.request.duration`, in seconds.
const BUCKETS: [f64; 14] = [
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
];

fn find<'a>(all: &'a [ResourceMetrics], name: &str) -> &'a Metric {
    all.iter()
        .flat_map(|rm| rm.scope_metrics())
        .flat_map(|sm| sm.metrics())
        .filter(|m| m.name() == name)
        .last()
        .unwrap_or_else(|| panic!("no {name}"))
}

/// `key=value` pairs of a data point's attributes, sorted.
fn labels<'a>(attributes: impl Iterator<Item = &'a KeyValue>) -> Vec<String> {
    let mut labels: Vec<String> = attributes
        .map(|kv| format!("{}={}", kv.key, kv.value))
        .collect();
    labels.sort();
    labels
}

/// Each data point of a histogram: its labels, count, and bounds.
fn histogram(metric: &Metric) -> Vec<(Vec<String>, u64, Vec<f64>)> {
    let AggregatedMetrics::F64(MetricData::Histogram(histogram)) = metric.data() else {
        panic!("{} is not an f64 histogram", metric.name());
    };
    histogram
        .data_points()
        .map(|p| (labels(p.attributes()), p.count(), p.bounds().collect()))
        .collect()
}

/// Each data point of a counter: its labels and value.
fn counter(metric: &Metric) -> Vec<(Vec<String>, u64)> {
    let AggregatedMetrics::U64(MetricData::Sum(sum)) = metric.data() else {
        panic!("{} is not a u64 sum", metric.name());
    };
    sum.data_points()
        .map(|p| (labels(p.attributes()), p.value()))
        .collect()
}

fn has(points: &[(Vec<String>, u64)], wanted: &[&str], value: u64) -> bool {
    points.iter().any(|(labels, v)| {
        *v == value
            && labels.len() == wanted.len()
            && wanted.iter().all(|w| labels.contains(&w.to_string()))
    })
}

#[tokio::test]
async fn a_read_that_retries_and_a_create_that_fails_are_measured() {
    let exporter = InMemoryMetricExporter::default();
    let provider = SdkMeterProvider::builder()
        .with_reader(PeriodicReader::builder(exporter.clone()).build())
        .build();
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let world = World::on(sandbox, |b| b.meter(provider.meter("gu1-kyc")));
    let port = world.port();
    let (person, validation) = world.validated_person("30270001").await;
    world
        .sandbox
        .inject_fault(Fault::status(503).on("getValidation"))
        .expect("a fault");
    world
        .client
        .validations()
        .get(&validation.id)
        .await
        .expect("the retry succeeds");
    let (unknown, _) = world.refused_create(0xbb).await;
    provider.force_flush().expect("flushed");
    let all = exporter.get_finished_metrics().expect("the metrics");

    let requests = find(&all, "http.client.request.duration");
    assert_eq!(requests.unit(), "s");
    let points = histogram(requests);
    let server = [
        "server.address=127.0.0.1".to_owned(),
        format!("server.port={port}"),
    ];
    let attempt = |method: &str, template: &str, status: u16, error: bool| {
        let mut labels = vec![
            format!("http.request.method={method}"),
            format!("url.template={template}"),
            format!("http.response.status_code={status}"),
        ];
        labels.extend(server.iter().cloned());
        if error {
            labels.push(format!("error.type={status}"));
        }
        labels.sort();
        labels
    };
    for (labels, count) in [
        (attempt("GET", "/api/kyc/validations/{id}", 503, true), 1),
        (attempt("GET", "/api/kyc/validations/{id}", 200, false), 1),
        (attempt("POST", "/api/kyc/validations", 404, true), 1),
    ] {
        let point = points
            .iter()
            .find(|(l, _, _)| *l == labels)
            .unwrap_or_else(|| panic!("no point {labels:?} in {points:?}"));
        assert_eq!(point.1, count, "{labels:?}");
        assert_eq!(point.2, BUCKETS, "the conventions' buckets");
    }

    let calls = histogram(find(&all, "gu1_kyc.client.call.duration"));
    let read = vec!["gu1_kyc.operation=getValidation".to_owned()];
    let create = vec![
        "error.type=404".to_owned(),
        "gu1_kyc.operation=createValidation".to_owned(),
    ];
    assert!(
        calls.iter().any(|(l, n, _)| *l == read && *n == 1),
        "{calls:?}"
    );
    assert!(
        calls.iter().any(|(l, n, _)| *l == create && *n == 1),
        "{calls:?}"
    );

    let attempts = counter(find(&all, "gu1_kyc.client.call.attempts"));
    assert!(
        has(&attempts, &["gu1_kyc.operation=getValidation"], 2),
        "{attempts:?}"
    );
    // The set-up's create, and the one that failed.
    assert!(
        has(&attempts, &["gu1_kyc.operation=createValidation"], 2),
        "{attempts:?}"
    );
    let errors = counter(find(&all, "gu1_kyc.client.call.errors"));
    assert!(
        has(
            &errors,
            &["gu1_kyc.operation=createValidation", "error.type=404"],
            1
        ),
        "{errors:?}"
    );
    assert!(
        !errors
            .iter()
            .any(|(l, _)| l.iter().any(|l| l.contains("getValidation"))),
        "the read succeeded: {errors:?}"
    );

    let everything = format!("{all:?}");
    for secret in [
        validation.id.as_ref(),
        person.id.as_ref(),
        unknown.as_ref(),
        world.sandbox.api_key(),
        "Ana Test",
        "30270001",
    ] {
        assert!(!everything.contains(secret), "a metric holds {secret:?}");
    }
}
