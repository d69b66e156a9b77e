//! `gu1-kyc-sandbox`: serves the gu1 KYC sandbox on 127.0.0.1 until Ctrl-C or SIGTERM.

use std::process::ExitCode;
use std::time::Duration;

use gu1_kyc_sandbox::{DEFAULT_HEADER_READ_TIMEOUT, Sandbox};

const USAGE: &str = "\
Usage: gu1-kyc-sandbox [--port N] [--api-key KEY] [--webhook-url URL] [--outcome-delay-ms N]
                       [--strict] [--lenient] [--rate-limit N/PERIOD]
                       [--header-read-timeout-ms N] [--print-config json]

Serves a local gu1 KYC sandbox on 127.0.0.1 until Ctrl-C or SIGTERM (then exits with status 0).

  --port N               port to listen on (default 4010; 0 picks a free one)
  --api-key KEY          API key of the organization (default gk_sandbox_local)
  --webhook-url URL      the organization's webhook URL (default: none, events are only recorded)
  --outcome-delay-ms N   delay before each automatic step of a test-number validation (default 200)
  --strict               refuse body properties, query parameters and form fields the spec does not declare
  --lenient              accept a JSON body whose Content-Type is missing or not JSON
                         (default: such a body is answered 415)
  --rate-limit N/PERIOD  at most N requests per PERIOD per organization, in bursts of up to N
                         (PERIOD: s, m, h, or a number with ms, s, m or h: 10/s, 100/h, 5/500ms);
                         beyond it, 429 with Retry-After (default: no limit)
  --header-read-timeout-ms N
                         close a connection that sends no complete request head within N ms,
                         with a 408 if it sent part of one (default 10000; at most a day)
  --print-config json    once listening, print one line of JSON to stdout with baseUrl, port,
                         apiKey, organizationId and webhookSecret (the log goes to stderr)
  -h, --help             show this help";

struct Options {
    port: u16,
    api_key: String,
    webhook_url: Option<String>,
    outcome_delay_ms: u64,
    strict: bool,
    lenient: bool,
    rate_limit: Option<(u32, Duration)>,
    header_read_timeout_ms: u64,
    print_config_json: bool,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        port: 4010,
        api_key: "gk_sandbox_local".to_string(),
        webhook_url: None,
        outcome_delay_ms: 200,
        strict: false,
        lenient: false,
        rate_limit: None,
        header_read_timeout_ms: DEFAULT_HEADER_READ_TIMEOUT.as_secs() * 1000,
        print_config_json: false,
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
        if flag == "--lenient" && inline.is_none() {
            options.lenient = true;
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
            "--rate-limit" => options.rate_limit = Some(rate_limit(&value()?)?),
            "--header-read-timeout-ms" => {
                options.header_read_timeout_ms =
                    value()?.parse().ok().filter(|ms| *ms > 0).ok_or_else(|| {
                        "--header-read-timeout-ms must be a whole number above zero".to_string()
                    })?;
            }
            "--print-config" => match value()?.as_str() {
                "json" => options.print_config_json = true,
                _ => return Err("--print-config supports only json".to_string()),
            },
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(Some(options))
}

/// `N/PERIOD`: `10/s`, `100/h`, `5/500ms`, `30/2m`.
fn rate_limit(text: &str) -> Result<(u32, Duration), String> {
    let problem = || format!("--rate-limit {text:?}: expected N/PERIOD, such as 10/s or 100/h");
    let (count, period) = text.split_once('/').ok_or_else(problem)?;
    let count: u32 = count.parse().map_err(|_| problem())?;
    let digits = period
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(period.len());
    let (number, unit) = period.split_at(digits);
    let number: u64 = if number.is_empty() {
        1
    } else {
        number.parse().map_err(|_| problem())?
    };
    let unit = match unit {
        "ms" => Duration::from_millis(1),
        "s" => Duration::from_secs(1),
        "m" => Duration::from_secs(60),
        "h" => Duration::from_secs(3600),
        _ => return Err(problem()),
    };
    let period = unit
        .checked_mul(u32::try_from(number).map_err(|_| problem())?)
        .ok_or_else(problem)?;
    if count == 0 || period.is_zero() {
        return Err(format!(
            "--rate-limit {text:?}: N and PERIOD must be above zero"
        ));
    }
    Ok((count, period))
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
    let mut signals = match StopSignals::listen() {
        Ok(signals) => signals,
        Err(e) => {
            eprintln!("error: cannot listen for Ctrl-C and SIGTERM: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut builder = Sandbox::builder()
        .port(options.port)
        .api_key(options.api_key)
        .outcome_delay(Duration::from_millis(options.outcome_delay_ms))
        .strict(options.strict)
        .lenient(options.lenient)
        .header_read_timeout(Duration::from_millis(options.header_read_timeout_ms));
    if let Some((requests, period)) = options.rate_limit {
        builder = builder.rate_limit(requests, period);
    }
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
    if options.print_config_json {
        println!("{}", config_json(&sandbox));
        eprintln!(
            "gu1 KYC sandbox listening on {} (port {})",
            sandbox.base_url(),
            port_of(sandbox.base_url())
        );
    } else {
        println!(
            "gu1 KYC sandbox listening on {} (port {})",
            sandbox.base_url(),
            port_of(sandbox.base_url())
        );
        println!("  base URL:        {}", sandbox.base_url());
        println!("  API key:         {}", sandbox.api_key());
        println!("  organization id: {}", sandbox.organization_id());
        println!("  webhook secret:  {}", sandbox.webhook_secret());
        println!("Press Ctrl-C to stop.");
    }
    let signal = signals.wait().await;
    sandbox.shutdown().await;
    eprintln!("stopped ({signal})");
    ExitCode::SUCCESS
}

/// The port of `http://127.0.0.1:PORT`.
fn port_of(base_url: &str) -> u16 {
    base_url
        .rsplit(':')
        .next()
        .and_then(|port| port.parse().ok())
        .unwrap_or(0)
}

/// The one line `--print-config json` prints.
fn config_json(sandbox: &Sandbox) -> String {
    serde_json::json!({
        "baseUrl": sandbox.base_url(),
        "port": port_of(sandbox.base_url()),
        "apiKey": sandbox.api_key(),
        "organizationId": sandbox.organization_id(),
        "webhookSecret": sandbox.webhook_secret(),
        "controlUrl": format!("{}/_sandbox", sandbox.base_url()),
    })
    .to_string()
}

/// Ctrl-C and SIGTERM, listened for from the start so that a signal arriving right after the
/// sandbox reports its address still stops it cleanly.
struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn listen() -> std::io::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignals {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(StopSignals {})
        }
    }

    /// Waits for either signal and names the one that came.
    async fn wait(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => "Ctrl-C",
                _ = self.terminate.recv() => "SIGTERM",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
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
        let limited = parse(args(&["--rate-limit", "10/s"])).unwrap().unwrap();
        assert_eq!(limited.rate_limit, Some((10, Duration::from_secs(1))));
        assert_eq!(rate_limit("100/h"), Ok((100, Duration::from_secs(3600))));
        assert_eq!(rate_limit("5/500ms"), Ok((5, Duration::from_millis(500))));
        assert_eq!(rate_limit("30/2m"), Ok((30, Duration::from_secs(120))));
        for bad in ["10", "0/s", "10/0s", "10/x", "ten/s", "10/5d", "/s"] {
            assert!(rate_limit(bad).is_err(), "{bad}");
        }
        assert!(!options.print_config_json);
    }

    #[test]
    fn lenient_and_the_header_read_timeout_parse() {
        let defaults = parse(args(&[])).unwrap().unwrap();
        assert!(!defaults.lenient);
        assert_eq!(defaults.header_read_timeout_ms, 10_000);
        let set = parse(args(&["--lenient", "--header-read-timeout-ms", "250"]))
            .unwrap()
            .unwrap();
        assert!(set.lenient);
        assert!(!set.strict, "--lenient is not --strict");
        assert_eq!(set.header_read_timeout_ms, 250);
        let inline = parse(args(&["--header-read-timeout-ms=1500", "--strict"]))
            .unwrap()
            .unwrap();
        assert_eq!(inline.header_read_timeout_ms, 1500);
        assert!(inline.strict && !inline.lenient);
        assert!(parse(args(&["--lenient=yes"])).is_err());
        for bad in ["0", "-5", "1.5", "ten", ""] {
            let found = parse(args(&["--header-read-timeout-ms", bad]));
            assert!(
                found
                    .as_ref()
                    .err()
                    .is_some_and(|e| e.contains("--header-read-timeout-ms")),
                "{bad}"
            );
        }
        assert!(parse(args(&["--header-read-timeout-ms"])).is_err());
        assert!(USAGE.contains("--lenient") && USAGE.contains("--header-read-timeout-ms N"));
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
        let json = parse(args(&["--print-config", "json"])).unwrap().unwrap();
        assert!(json.print_config_json);
        let inline = parse(args(&["--print-config=json"])).unwrap().unwrap();
        assert!(inline.print_config_json);
    }

    #[test]
    fn the_port_comes_from_the_base_url() {
        assert_eq!(port_of("http://127.0.0.1:4010"), 4010);
        assert_eq!(port_of("http://127.0.0.1:54321"), 54321);
    }

    #[test]
    fn bad_arguments_are_explained_and_help_is_not_an_error() {
        assert!(parse(args(&["--port", "99999"])).is_err());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--api-key", "a b"])).is_err());
        assert!(parse(args(&["--verbose"])).is_err());
        assert!(parse(args(&["--print-config", "yaml"])).is_err());
        assert!(parse(args(&["--help"])).unwrap().is_none());
    }
}
