#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Validation {
    id: String,
    status: String,
    provider_session_url: Option<String>,
    metadata: serde_json::Map<String, serde_json::Value>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base_url = "http://127.0.0.1:9";
    let client = reqwest::Client::builder().build()?;
    if std::env::args().any(|a| a == "--call") {
        let validation: Validation = client
            .get(format!(
                "{base_url}/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000"
            ))
            .bearer_auth("gk_hello")
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        println!(
            "{} {} {:?} {}",
            validation.id,
            validation.status,
            validation.provider_session_url,
            validation.metadata.len()
        );
    }
    println!("hello from {base_url}");
    Ok(())
}
