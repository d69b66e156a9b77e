//! The whole KYC flow, step by step.
//!
//! With no `GU1_API_KEY` in the environment it starts the embedded sandbox (no account, no
//! network) and plays the customer on the sandbox's hosted page. With `GU1_API_KEY` set it runs
//! against the real API, stops after printing the verification URL, and reads back what exists.
//!
//! ```sh
//! cargo run --example quickstart
//! ```

use std::time::Duration;

use gu1_kyc::{Client, types::ValidationStatus, webhooks};
use gu1_kyc_sandbox::Fault;
use tokio::sync::mpsc;

/// A synthetic JPEG: the magic bytes and some padding are all a sandbox needs.
fn sample_jpeg(seed: u8) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend((0..2048u32).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    bytes.extend([0xFF, 0xD9]);
    bytes
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os("GU1_API_KEY").is_some() {
        return against_the_real_api().await;
    }
    println!("gu1-kyc quickstart: no GU1_API_KEY set, so starting the embedded sandbox\n");
    let sandbox = gu1_kyc_sandbox::Sandbox::builder()
        .outcome_delay(Duration::from_millis(100))
        .start()
        .await?;
    println!("1. Sandbox listening at {}", sandbox.base_url());

    let client = Client::builder()
        .api_key(sandbox.api_key())
        .organization_id(sandbox.organization_id())
        .base_url(sandbox.base_url())
        .build()?;

    // A local webhook receiver; the validation's webhookUrl points at it.
    let (hooks, mut received) = mpsc::unbounded_channel();
    let receiver = webhook_receiver(hooks).await?;
    println!("2. Webhook receiver listening at {receiver}");

    let person = client
        .entities()
        .create_person("John Doe", "AR")
        .tax_id("30123456")
        .external_id("quickstart-customer")
        .first_name("John")
        .last_name("Doe")
        .date_of_birth("1990-01-15")
        .send()
        .await?;
    println!("3. Created person entity {}", person.id);

    let validation = client
        .validations()
        .create(&person.id)
        .webhook_url(&receiver)
        .metadata(serde_json::json!({ "source": "quickstart" }))
        .send()
        .await?;
    println!(
        "4. Created validation {} ({})",
        validation.id, validation.status
    );
    let url = validation
        .verification_url()
        .ok_or("the sandbox gave no verification URL")?
        .to_owned();
    println!("5. Verification URL for the customer: {url}");

    // Play the customer: open the hosted page, then finish with the sandbox's "approve" outcome.
    let browser = reqwest::Client::new();
    let page = browser
        .get(&url)
        .send()
        .await?
        .error_for_status()?
        .text()
        .await?;
    println!(
        "6. The customer opened the hosted page ({} bytes of HTML)",
        page.len()
    );
    browser
        .post(format!("{url}/complete"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("outcome=approved")
        .send()
        .await?
        .error_for_status()?;
    println!("   ... and completed verification");

    // Webhooks arrive for every change; wait for the final one and verify each signature.
    let secret = webhooks::WebhookSecret::new(sandbox.webhook_secret());
    let approved = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some((signature, body)) = received.recv().await {
            let event =
                webhooks::verify_and_parse(&secret, &body, signature.as_deref().unwrap_or(""))?;
            println!(
                "7. Webhook {} verified (status {})",
                event.event_type,
                event.status()
            );
            if event.status().is_terminal() {
                return Ok::<_, gu1_kyc::Error>(event.status());
            }
        }
        Ok(ValidationStatus::Unknown("receiver closed".into()))
    })
    .await??;
    println!("   Final status from the webhook: {approved}");

    let current = client.validations().current(&person.id).await?;
    println!(
        "8. Current validation {}: {}, verified fields: {:?}",
        current.id,
        current.status,
        current.verified_field_names().collect::<Vec<_>>()
    );
    let history = client.validations().history(&person.id).send().await?;
    println!("9. History: {} validation(s)", history.total);

    let front = gu1_kyc::ImageInput::from_bytes(sample_jpeg(1), None);
    let back = gu1_kyc::ImageInput::from_bytes(sample_jpeg(2), None);
    let check = client
        .id_verifications()
        .create(front)
        .back(back)
        .entity_id(&person.id)
        .send()
        .await?;
    println!(
        "10. ID document verified: {} ({})",
        check.verification_id, check.status
    );

    let target = std::env::temp_dir().join(format!(
        "gu1-kyc-quickstart-front-{}.jpg",
        std::process::id()
    ));
    let image = client
        .id_verifications()
        .front_image(&check.verification_id)
        .await?;
    let kind = image.content_type().unwrap_or("unknown").to_owned();
    let written = image.save(&target).await?;
    let same = tokio::fs::read(&target).await? == sample_jpeg(1);
    tokio::fs::remove_file(&target).await?;
    println!(
        "11. Downloaded the front image: {written} bytes of {kind}, identical to the upload: {same}"
    );
    if !same || approved != ValidationStatus::Approved {
        return Err("the flow did not end as expected".into());
    }

    // The sandbox is also a test kit: it records what the client sent, injects faults and sets
    // outcomes, so every path of an integration can be tested without waiting.
    let creates = sandbox.requests_for("createValidation");
    println!(
        "12. Request log: {} createValidation sent, answered {:?}",
        creates.len(),
        creates.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    if creates.len() != 1 {
        return Err("expected exactly one create".into());
    }

    sandbox.inject_fault(Fault::status(503).on("getValidation"))?;
    let read = client.validations().get(&validation.id).await?;
    let reads: Vec<_> = sandbox
        .requests_for("getValidation")
        .iter()
        .map(|r| r.status)
        .collect();
    println!(
        "13. A 503 on a read is retried by the client: answers {reads:?}, status {}",
        read.status
    );

    sandbox.inject_fault(Fault::status(503).on("createValidation"))?;
    let refused = client.validations().create(&person.id).send().await;
    let refused = refused.err().and_then(|e| e.status()).map(|s| s.as_u16());
    let creates = sandbox.requests_for("createValidation").len();
    println!(
        "14. A 503 on a create is not repeated: the client got {refused:?}, {creates} creates sent in all"
    );
    if refused != Some(503) || creates != 2 {
        return Err("a refused create must reach the caller without a repeat".into());
    }

    let second = client
        .validations()
        .create(&person.id)
        .webhook_url(&receiver)
        .send()
        .await?;
    sandbox.set_status(second.id.as_str(), "rejected")?;
    let rejected = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some((signature, body)) = received.recv().await {
            let event =
                webhooks::verify_and_parse(&secret, &body, signature.as_deref().unwrap_or(""))?;
            if event.status() == ValidationStatus::Rejected {
                return Ok::<_, gu1_kyc::Error>(event.event_type.as_str().to_owned());
            }
        }
        Ok("receiver closed".to_string())
    })
    .await??;
    let read = client.validations().get(&second.id).await?;
    println!(
        "15. Outcome control: validation {} set to {}; webhook {rejected} verified",
        second.id, read.status
    );
    if read.status != ValidationStatus::Rejected {
        return Err("outcome control did not take".into());
    }

    println!("\nDone: the whole KYC flow ran against the sandbox.");
    Ok(())
}

/// Serves `POST /` on loopback and forwards each body with its signature.
async fn webhook_receiver(
    hooks: mpsc::UnboundedSender<(Option<String>, Vec<u8>)>,
) -> std::io::Result<String> {
    use axum::{Router, body::Bytes, http::HeaderMap, routing::post};
    let app = Router::new().route(
        "/",
        post(move |headers: HeaderMap, body: Bytes| {
            let hooks = hooks.clone();
            async move {
                let signature = headers
                    .get("x-webhook-signature")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let _ = hooks.send((signature, body.to_vec()));
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(format!("http://{address}/"))
}

/// Against the real API: create a person and a validation, print the URL, read it back.
async fn against_the_real_api() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    println!("gu1-kyc quickstart against {}\n", client.base_url());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let person = client
        .entities()
        .create_person("Quickstart Person", "AR")
        .tax_id("99990001")
        .external_id(format!("gu1-kyc-quickstart-{stamp}"))
        .send()
        .await;
    let person = match person {
        Ok(person) => person,
        Err(e) if e.status().map(|s| s.as_u16()) == Some(409) => {
            client.entities().get_by_tax_id("99990001").await?
        }
        Err(e) => return Err(e.into()),
    };
    println!("1. Person entity {}", person.id);
    let validation = client.validations().create(&person.id).send().await?;
    println!("2. Validation {} ({})", validation.id, validation.status);
    if let Some(url) = validation.verification_url() {
        println!("3. Verification URL: {url}");
    }
    let history = client.validations().history(&person.id).send().await?;
    println!(
        "4. History: {} validation(s); results arrive by webhook",
        history.total
    );
    Ok(())
}
