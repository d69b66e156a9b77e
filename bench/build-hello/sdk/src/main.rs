#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = gu1_kyc::Client::builder()
        .api_key("gk_hello")
        .base_url("http://127.0.0.1:9")
        .build()?;
    let id = gu1_kyc::ValidationId::parse("550e8400-e29b-41d4-a716-446655440000")?;
    if std::env::args().any(|a| a == "--call") {
        let validation = client.validations().get(&id).await?;
        println!("{}", validation.id);
    }
    println!("hello from {}", client.base_url());
    Ok(())
}
