//! `gu1-kyc webhooks verify|sign`: the same checks a receiver makes, from a shell.

use std::io::Read;
use std::time::Duration;

use gu1_kyc::webhooks::{self, Rejection, Verifier, WebhookSecret};
use serde_json::json;

use crate::args::Webhooks;
use crate::failure::{Failure, Outcome};
use crate::output::{Output, print_line};

/// The largest body read from stdin: far above any delivery.
const MAX_BODY: u64 = 10 * 1024 * 1024;

/// Runs one `webhooks` command.
pub fn run(command: Webhooks, output: Output) -> Outcome {
    match command {
        Webhooks::Verify {
            secret_env,
            signature,
            max_age_secs,
        } => {
            let secret = secret_from(&secret_env)?;
            let body = stdin_body()?;
            let mut verifier = Verifier::new([secret]);
            if max_age_secs > 0 {
                verifier = verifier.max_age(Duration::from_secs(max_age_secs));
            }
            let event = verifier
                .verify(&body, &signature)
                .map_err(|error| Failure::Rejected(reason(&error)))?;
            if output.json {
                print_line(
                    &json!({
                        "verified": true,
                        "event": event.event_type.to_string(),
                        "validationId": event.validation_id().to_string(),
                        "status": event.status().to_string(),
                    })
                    .to_string(),
                )
            } else {
                print_line(&format!(
                    "verified: {} for validation {} ({})",
                    event.event_type,
                    event.validation_id(),
                    event.status()
                ))
            }
        }
        Webhooks::Sign { secret_env } => {
            let secret = secret_from(&secret_env)?;
            let body = stdin_body()?;
            let signature = webhooks::sign(&secret, &body);
            if output.json {
                print_line(&json!({ "signature": signature }).to_string())
            } else {
                print_line(&signature)
            }
        }
    }
}

/// The secret in the named environment variable; the secret itself is never an argument, so
/// that it stays out of shell history and process listings.
fn secret_from(name: &str) -> Result<WebhookSecret, Failure> {
    match std::env::var(name) {
        Ok(secret) if !secret.trim().is_empty() => Ok(WebhookSecret::new(secret)),
        _ => Err(Failure::Usage(format!(
            "the environment variable {name} holds no webhook secret"
        ))),
    }
}

/// The delivery's raw body, byte for byte, from stdin.
fn stdin_body() -> Result<Vec<u8>, Failure> {
    let mut body = Vec::new();
    std::io::stdin()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|e| Failure::Usage(format!("cannot read the body from stdin: {e}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(Failure::Usage(format!(
            "the body on stdin is larger than {MAX_BODY} bytes"
        )));
    }
    Ok(body)
}

/// The precise reason a delivery was refused, in a receiver's words.
fn reason(error: &gu1_kyc::Error) -> String {
    let why = match Rejection::of(error) {
        Some(Rejection::BadSignature) => "bad signature: the body was not signed with this secret",
        Some(Rejection::MalformedSignature) => "malformed signature header",
        Some(Rejection::NoSecret) => "no usable secret",
        Some(Rejection::TooOld) => "too old: the signed timestamp is older than --max-age-secs",
        Some(Rejection::FromTheFuture) => {
            "from the future: the signed timestamp is ahead of this clock"
        }
        Some(Rejection::Undated) => {
            "undated: the body has no timestamp, so its age cannot be checked"
        }
        Some(_) => "refused",
        None => "not a webhook body (not JSON, or not an event)",
    };
    format!("{why} ({error})")
}
