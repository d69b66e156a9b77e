//! `gu1-kyc-sandbox`: serves the gu1 KYC sandbox on 127.0.0.1 until Ctrl-C.

use std::process::ExitCode;
use std::time::Duration;

use gu1_kyc_sandbox::Sandbox;

const USAGE: &str = "\
Usage: gu1-kyc-sandbox [--port N] [--api-key KEY] [--webhook-url URL] [--outcome-delay-ms N] [--strict]

Serves a local gu1 KYC sandbox on 127.0.0.1 until Ctrl-C.

  --port N               port to listen on (default 4010; 0 picks a free one)
  --api-key KEY          API key of the organization (default gk_sandbox_local)
  --webhook-url URL      the organization's webhook URL (default: none, events are only recorded)
  --outcome-delay-ms N   delay before each automatic step of a test-number validation (default 200)
  --strict               refuse body properties, query parameters and form fields the spec does not declare
  -h, --help             show this help";

struct Options {
    port: u16,
    api_key: String,
    webhook_url: Option<String>,
    outcome_delay_ms: u64,
    strict: bool,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        port: 4010,
        api_key: "gk_sandbox_local".to_string(),
        webhook_url: None,
        outcome_delay_ms: 200,
        strict: false,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        if flag == "--strict" && inline.is_none() {
            options.strict = true;
            continue;
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                options.port = value()?
                    .parse()
                    .map_err(|_| "--port must be a number from 0 to 65535".to_string())?;
            }
            "--api-key" => {
                let key = value()?;
                if key.trim().is_empty() || key.contains(char::is_whitespace) {
                    return Err("--api-key must be non-empty and contain no spaces".to_string());
                }
                options.api_key = key;
            }
            "--webhook-url" => options.webhook_url = Some(value()?),
            "--outcome-delay-ms" => {
                options.outcome_delay_ms = value()?
                    .parse()
                    .map_err(|_| "--outcome-delay-ms must be a whole number".to_string())?;
            }
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Some(options))
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Sandbox::builder()
        .port(options.port)
        .api_key(options.api_key)
        .outcome_delay(Duration::from_millis(options.outcome_delay_ms))
        .strict(options.strict);
    if let Some(url) = options.webhook_url {
        builder = builder.webhook_url(url);
    }
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // These are local, throwaway sandbox credentials: printing them is the point.
    println!("gu1 KYC sandbox listening");
    println!("  base URL:        {}", sandbox.base_url());
    println!("  API key:         {}", sandbox.api_key());
    println!("  organization id: {}", sandbox.organization_id());
    println!("  webhook secret:  {}", sandbox.webhook_secret());
    println!("Press Ctrl-C to stop.");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("error: cannot wait for Ctrl-C: {e}");
    }
    sandbox.shutdown().await;
    println!("stopped");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn defaults_are_port_4010_and_the_local_key() {
        let options = parse(args(&[])).unwrap().unwrap();
        assert_eq!(options.port, 4010);
        assert_eq!(options.api_key, "gk_sandbox_local");
        assert_eq!(options.outcome_delay_ms, 200);
        assert!(options.webhook_url.is_none());
        assert!(!options.strict);
        assert!(parse(args(&["--strict"])).unwrap().unwrap().strict);
        assert!(parse(args(&["--strict=yes"])).is_err());
    }

    #[test]
    fn flags_take_separate_or_inline_values() {
        let options = parse(args(&[
            "--port=0",
            "--api-key",
            "gk_sandbox_x",
            "--webhook-url",
            "http://127.0.0.1:9000/h",
            "--outcome-delay-ms=0",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(options.port, 0);
        assert_eq!(options.api_key, "gk_sandbox_x");
        assert_eq!(
            options.webhook_url.as_deref(),
            Some("http://127.0.0.1:9000/h")
        );
        assert_eq!(options.outcome_delay_ms, 0);
    }

    #[test]
    fn bad_arguments_are_explained_and_help_is_not_an_error() {
        assert!(parse(args(&["--port", "99999"])).is_err());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--api-key", "a b"])).is_err());
        assert!(parse(args(&["--verbose"])).is_err());
        assert!(parse(args(&["--help"])).unwrap().is_none());
    }
}
