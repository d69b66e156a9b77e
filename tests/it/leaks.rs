//! Nothing personal or secret reaches logs: with a subscriber at TRACE (reqwest's `log` records
//! bridged in), the whole KYC flow runs against the sandbox, every value and error is printed
//! with `{:?}` and `{:#?}`, and the captured output is searched for every secret and every piece
//! of personal data the flow used.
//!
//! The subscriber is global, so that spawned tasks are captured too. In the test binary that
//! every module shares it would capture other tests' output (and they would lose theirs), so the
//! test runs its flow in a child process of the same binary, alone.

use std::{
    fmt::Debug,
    io::Write,
    sync::{Arc, Mutex},
    time::Duration,
};

use crate::support::alone::run_alone;
use crate::support::world::{
    World, complete_hosted_session, input, jpeg, next_delivery, webhook_receiver,
};
use gu1_kyc::{types::ValidationStatus, webhooks};
use tracing_subscriber::layer::SubscriberExt;

/// Where the subscriber writes.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    fn print(&self, value: &impl Debug) {
        let mut out = self.0.lock().unwrap();
        let _ = writeln!(out, "{value:?}\n{value:#?}");
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

const NAME: &str = "Zoraida Quintanilla";
const FIRST_NAME: &str = "Zoraida";
const BIRTH_DATE: &str = "1987-03-29";
const TAX_ID: &str = "99990001";
const EXTERNAL_ID: &str = "crm-customer-77812";
const METADATA_VALUE: &str = "loyalty-card-5512";
const VENDOR_DATA: &str = "vendor-ref-90817";

#[test]
fn the_whole_flow_at_trace_prints_no_secret_and_no_personal_data() {
    run_alone(
        "leaks::the_whole_flow_at_trace_prints_no_secret_and_no_personal_data",
        whole_flow_at_trace,
    );
}

async fn whole_flow_at_trace() {
    let capture = Capture::default();
    let writer = capture.clone();
    // What a service exports: the log lines, and the spans through OpenTelemetry.
    let exporter = opentelemetry_sdk::trace::InMemorySpanExporter::default();
    let provider = opentelemetry_sdk::trace::SdkTracerProvider::builder()
        .with_simple_exporter(exporter.clone())
        .build();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish()
        .with(tracing_opentelemetry::layer().with_tracer(
            opentelemetry::trace::TracerProvider::tracer(&provider, "leaks"),
        ));
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
    tracing_log::LogTracer::init().expect("log records are bridged");

    let (hook_url, mut deliveries) = webhook_receiver().await;
    let world = World::start().await;
    world
        .sandbox
        .set_webhook_url(world.sandbox.organization_id(), Some(&hook_url))
        .unwrap();
    let client = &world.client;
    capture.print(client);

    let person = client
        .entities()
        .create_person(NAME, "AR")
        .tax_id(TAX_ID)
        .external_id(EXTERNAL_ID)
        .first_name(FIRST_NAME)
        .date_of_birth(BIRTH_DATE)
        .send()
        .await
        .unwrap();
    capture.print(&person);
    capture.print(&client.entities().get_by_external_id(EXTERNAL_ID).await);
    capture.print(&client.entities().get_by_tax_id(TAX_ID).await);
    capture.print(&client.entities().get_by_tax_id("20999999990").await);
    capture.print(
        &client
            .entities()
            .list()
            .external_id(EXTERNAL_ID)
            .send()
            .await,
    );

    let request = client
        .validations()
        .create(&person.id)
        .metadata(serde_json::json!({ "card": METADATA_VALUE }))
        .webhook_url(hook_url.clone());
    capture.print(&request);
    let validation = request.send().await.unwrap();
    capture.print(&validation);
    let url = validation.verification_url().map(str::to_owned);
    let session = validation.session_id().map(str::to_owned);

    let hosted = world.validate(&world.person("30123456").await).await;
    capture.print(&hosted);
    let hosted_url = hosted
        .verification_url()
        .expect("a hosted session")
        .to_owned();
    let hosted_session = hosted.session_id().map(str::to_owned);
    complete_hosted_session(&hosted_url, "approved").await;

    let done = world
        .wait_for_status(&validation.id, ValidationStatus::Approved)
        .await;
    capture.print(&done);
    capture.print(&client.validations().current(&person.id).await);
    capture.print(&client.validations().history(&person.id).send().await);
    capture.print(&client.validations().sync(&validation.id, false).await);
    capture.print(
        &client
            .validations()
            .approve(&validation.id, "no decision pending")
            .await,
    );
    capture.print(&client.validations().entity_status(&person.id).await);

    let (signature, body) = next_delivery(&mut deliveries).await;
    let secret = webhooks::WebhookSecret::new(world.sandbox.webhook_secret());
    capture.print(&secret);
    let event = webhooks::verify_and_parse(&secret, &body, &signature);
    capture.print(&event);
    let wrong = webhooks::WebhookSecret::new("wrong-secret");
    capture.print(&webhooks::verify_and_parse(&wrong, &body, &signature));

    let upload = client
        .id_verifications()
        .create(input(jpeg(3)))
        .entity_id(&person.id)
        .vendor_data(VENDOR_DATA);
    capture.print(&upload);
    let record = upload.send().await.unwrap();
    // The document data the sandbox read from the image: personal data the output must not hold.
    let extracted = record
        .extracted_data
        .as_ref()
        .expect("the sandbox extracts document data");
    let document: Vec<String> = [
        &extracted.full_name,
        &extracted.first_name,
        &extracted.date_of_birth,
        &extracted.document_number,
    ]
    .into_iter()
    .map(|field| field.as_ref().expect("a document field").expose().clone())
    .collect();
    capture.print(&record);
    let image = client
        .id_verifications()
        .front_image(&record.verification_id)
        .await;
    capture.print(&image);
    capture.print(&client.id_verifications().get(&record.verification_id).await);

    // A reconciliation cycle finds the hosted validation's approval, which the store does not
    // know of; its span carries counts, and no ID.
    let store = gu1_kyc::store::MemoryStore::new();
    gu1_kyc::store::InboxStore::record_status(&store, &hosted.id, &ValidationStatus::Pending)
        .await
        .expect("recorded");
    let printer = capture.clone();
    let report =
        gu1_kyc::outcomes::Reconciler::new(client.clone(), gu1_kyc::store::Inbox::new(store))
            .budget(0)
            .run_once(move |event: webhooks::WebhookEvent| {
                printer.print(&event);
                async { Ok::<_, std::convert::Infallible>(()) }
            })
            .await
            .expect("a cycle");
    capture.print(&report);
    tokio::time::sleep(Duration::from_millis(50)).await;

    provider.force_flush().expect("the spans are exported");
    let exported = exporter.get_finished_spans().expect("the exported spans");
    assert!(
        exported
            .iter()
            .any(|span| span.name == "POST /api/kyc/validations"),
        "the OpenTelemetry pipeline saw the calls"
    );
    for span in &exported {
        capture.print(&(&span.name, &span.attributes, &span.events));
    }
    let output = capture.text();
    let cycle: Vec<&str> = output
        .lines()
        .filter(|line| line.contains("gu1_kyc.reconcile"))
        .collect();
    assert!(
        cycle
            .iter()
            .any(|line| line.contains("changed=1") && line.contains("requests=4")),
        "the cycle's span has its counts: {cycle:?}"
    );
    let hosted_id = hosted.id.to_string();
    assert!(
        cycle.iter().all(|line| !line.contains(&hosted_id)),
        "the cycle's span names a validation: {cycle:?}"
    );
    assert!(output.contains("gu1_kyc.call"), "the spans were captured");
    assert!(
        output.contains("createValidation"),
        "the operations were captured"
    );
    let mut secrets = vec![
        world.sandbox.api_key().to_owned(),
        world.sandbox.webhook_secret().to_owned(),
        hosted_url,
        NAME.to_owned(),
        FIRST_NAME.to_owned(),
        BIRTH_DATE.to_owned(),
        TAX_ID.to_owned(),
        "20999999990".to_owned(),
        EXTERNAL_ID.to_owned(),
        METADATA_VALUE.to_owned(),
        VENDOR_DATA.to_owned(),
        hook_url,
    ];
    secrets.extend(url);
    secrets.extend(session);
    secrets.extend(hosted_session);
    secrets.extend(document);
    secrets.push("30123456".to_owned());
    for secret in secrets {
        assert!(
            !output.contains(&secret),
            "{secret:?} was printed; the capture holds {} bytes",
            output.len()
        );
    }
}
