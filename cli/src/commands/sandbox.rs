//! `gu1-kyc sandbox`: the local sandbox in the foreground, until Ctrl-C or SIGTERM.

use std::time::Duration;

use gu1_kyc_sandbox::Sandbox;
use serde_json::json;

use crate::args::SandboxArgs;
use crate::failure::{Failure, Outcome};
use crate::output::{Output, print_line};

/// Starts the sandbox, prints where it listens (one JSON line with `--json`, the same line as
/// `gu1-kyc-sandbox --print-config json`), and serves until Ctrl-C or SIGTERM.
pub async fn run(args: SandboxArgs, output: Output) -> Outcome {
    let mut builder = Sandbox::builder()
        .port(args.port)
        .api_key(args.api_key)
        .outcome_delay(Duration::from_millis(args.outcome_delay_ms));
    if let Some(url) = args.webhook_url {
        builder = builder.webhook_url(url);
    }
    let sandbox = builder
        .start()
        .await
        .map_err(|e| Failure::Usage(format!("the sandbox did not start: {e}")))?;
    let config = json!({
        "baseUrl": sandbox.base_url(),
        "port": port_of(sandbox.base_url()),
        "apiKey": sandbox.api_key(),
        "organizationId": sandbox.organization_id(),
        "webhookSecret": sandbox.webhook_secret(),
        "controlUrl": format!("{}/_sandbox", sandbox.base_url()),
    });
    if output.json {
        print_line(&config.to_string())?;
    } else {
        print_line(&format!(
            "gu1 KYC sandbox on {}\n\n  export GU1_BASE_URL={}\n  export GU1_API_KEY={}\n  export GU1_WEBHOOK_SECRET={}\n\nCtrl-C stops it.",
            sandbox.base_url(),
            sandbox.base_url(),
            sandbox.api_key(),
            sandbox.webhook_secret()
        ))?;
    }
    stopped().await;
    sandbox.shutdown().await;
    Ok(())
}

/// The port of `http://127.0.0.1:PORT`.
fn port_of(base_url: &str) -> Option<u16> {
    base_url.rsplit(':').next()?.parse().ok()
}

/// Waits for Ctrl-C or SIGTERM.
pub async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
