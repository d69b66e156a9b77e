//! `gu1-kyc` as a user runs it: every command against the in-process sandbox, checked on stdout,
//! stderr and the exit status; `--json` output parsed; no personal datum in any output unless
//! `--show-personal-data` is given.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as StdCommand, Stdio};
use std::sync::Mutex;

use assert_cmd::Command;
use gu1_kyc_sandbox::Sandbox;
use serde_json::Value;

/// What one run printed.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }
}

/// Every output of every run, searched for personal data at the end of a test.
static OUTPUTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Runs `gu1-kyc` against `sandbox` (or with the given environment), off the async runtime.
async fn gu1(sandbox: &Sandbox, args: &[&str]) -> Run {
    let env = vec![
        ("GU1_BASE_URL".to_string(), sandbox.base_url().to_string()),
        ("GU1_API_KEY".to_string(), sandbox.api_key().to_string()),
    ];
    gu1_with(env, args, None).await
}

async fn gu1_with(env: Vec<(String, String)>, args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let args: Vec<String> = args.iter().map(ToString::to_string).collect();
    tokio::task::spawn_blocking(move || {
        let mut command = Command::cargo_bin("gu1-kyc").expect("the binary is built");
        command
            .env_remove("GU1_API_KEY")
            .env_remove("GU1_BASE_URL")
            .env_remove("GU1_ORGANIZATION_ID")
            .env("NO_COLOR", "1")
            .args(&args)
            .timeout(std::time::Duration::from_secs(60));
        for (name, value) in env {
            command.env(name, value);
        }
        command.write_stdin(stdin.unwrap_or_default());
        let output = command.output().expect("gu1-kyc runs");
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        let mut outputs = OUTPUTS.lock().unwrap_or_else(|e| e.into_inner());
        outputs.push(run.stdout.clone());
        outputs.push(run.stderr.clone());
        run
    })
    .await
    .expect("the run finishes")
}

/// Asserts that no output so far holds any of `values`.
fn assert_never_printed(values: &[&str]) {
    let outputs = OUTPUTS.lock().unwrap_or_else(|e| e.into_inner());
    for value in values {
        assert!(!value.is_empty());
        for output in outputs.iter() {
            assert!(!output.contains(value), "`{value}` was printed:\n{output}");
        }
    }
}

const NAME: &str = "Ana Testcase";
const TAX_ID: &str = "30290001";
const EXTERNAL_ID: &str = "customer-cli-42";

#[tokio::test(flavor = "multi_thread")]
async fn the_validation_lifecycle_from_a_shell() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let created = gu1(
        &sandbox,
        &[
            "--json",
            "entities",
            "create-person",
            "--name",
            NAME,
            "--country",
            "AR",
            "--tax-id",
            TAX_ID,
            "--external-id",
            EXTERNAL_ID,
        ],
    )
    .await;
    assert_eq!(created.code, 0, "{created:?}");
    let entity = created.json();
    let entity_id = entity["id"].as_str().expect("an id").to_string();
    assert_eq!(entity["name"], "[redacted]");
    assert_eq!(entity["taxId"], "[redacted]");

    for args in [
        vec!["--json", "entities", "get", &entity_id],
        vec!["--json", "entities", "find", "--external-id", EXTERNAL_ID],
        vec!["--json", "entities", "find", "--tax-id", TAX_ID],
    ] {
        let found = gu1(&sandbox, &args).await;
        assert_eq!(found.code, 0, "{args:?}: {found:?}");
        assert_eq!(found.json()["id"], entity_id.as_str(), "{args:?}");
    }
    let list = gu1(&sandbox, &["--json", "entities", "list", "--country", "AR"]).await;
    assert_eq!(list.json().as_array().map(Vec::len), Some(1), "{list:?}");

    // Create, review, approve.
    let validation = gu1(
        &sandbox,
        &["--json", "validations", "create", "--entity", &entity_id],
    )
    .await;
    assert_eq!(validation.code, 0, "{validation:?}");
    let validation = validation.json();
    let id = validation["id"].as_str().expect("an id").to_string();
    assert_eq!(validation["status"], "pending");
    assert_eq!(validation["providerSessionUrl"], "[redacted]");
    let (session_url, session_id) = sandbox_session(&sandbox, &id).await;

    let current = gu1(
        &sandbox,
        &["--json", "validations", "current", "--entity", &entity_id],
    )
    .await;
    assert_eq!(current.json()["id"], id.as_str());
    let refused = gu1(
        &sandbox,
        &[
            "validations",
            "approve",
            &id,
            "--reason",
            "Documents checked",
        ],
    )
    .await;
    assert_eq!(
        refused.code, 4,
        "approving a pending validation is refused: {refused:?}"
    );
    assert!(
        refused.stderr.starts_with("error (refused by the API): "),
        "{refused:?}"
    );

    sandbox
        .set_status_quietly(&id, "in_review")
        .expect("the status is set");
    let synced = gu1(&sandbox, &["--json", "validations", "sync", &id]).await;
    assert_eq!(synced.code, 0, "{synced:?}");
    let approved = gu1(
        &sandbox,
        &[
            "--json",
            "validations",
            "approve",
            &id,
            "--reason",
            "Documents checked",
        ],
    )
    .await;
    assert_eq!(approved.code, 0, "{approved:?}");
    assert_eq!(approved.json()["status"], "approved");
    let waited = gu1(
        &sandbox,
        &["--json", "validations", "wait", &id, "--timeout-secs", "5"],
    )
    .await;
    assert_eq!(waited.json()["status"], "approved", "{waited:?}");

    // Piped, a single object is `label<TAB>value` lines.
    let lines = gu1(&sandbox, &["validations", "get", &id]).await;
    assert_eq!(lines.code, 0);
    assert!(
        lines.stdout.starts_with(&format!("id\t{id}\n")),
        "{}",
        lines.stdout
    );
    assert!(
        lines.stdout.contains("\nstatus\tapproved\n"),
        "{}",
        lines.stdout
    );
    assert!(
        lines.stdout.contains("\nverification URL\t[redacted]\n"),
        "{}",
        lines.stdout
    );
    assert!(!lines.stdout.contains('\x1b'), "no colour when piped");

    // Reject one, cancel another; then the history and the organization's list.
    let second = gu1(
        &sandbox,
        &["--json", "validations", "create", "--entity", &entity_id],
    )
    .await
    .json();
    let second = second["id"].as_str().unwrap().to_string();
    sandbox
        .set_status_quietly(&second, "in_review")
        .expect("the status is set");
    let rejected = gu1(
        &sandbox,
        &[
            "--json",
            "validations",
            "reject",
            &second,
            "--reason",
            "Document expired",
        ],
    )
    .await;
    assert_eq!(rejected.json()["status"], "rejected", "{rejected:?}");
    let third = gu1(
        &sandbox,
        &["--json", "validations", "create", "--entity", &entity_id],
    )
    .await
    .json();
    let third = third["id"].as_str().unwrap().to_string();
    let cancelled = gu1(
        &sandbox,
        &[
            "--json",
            "validations",
            "cancel",
            &third,
            "--reason",
            "Customer asked",
        ],
    )
    .await;
    assert_eq!(cancelled.json()["status"], "cancelled", "{cancelled:?}");

    let history = gu1(
        &sandbox,
        &["--json", "validations", "history", "--entity", &entity_id],
    )
    .await
    .json();
    let statuses: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 3, "{history}");
    for status in ["approved", "rejected", "cancelled"] {
        assert!(statuses.contains(&status), "{statuses:?}");
    }
    let approved_only = gu1(
        &sandbox,
        &["--json", "validations", "list", "--status", "approved"],
    )
    .await
    .json();
    assert_eq!(
        approved_only.as_array().map(Vec::len),
        Some(1),
        "{approved_only}"
    );
    // Piped, a list is tab-separated lines without a header, one per item.
    let piped = gu1(&sandbox, &["validations", "list"]).await;
    let rows: Vec<Vec<&str>> = piped
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 3, "{}", piped.stdout);
    assert!(
        rows.iter().all(|r| r.len() == 5 && r[1] == entity_id),
        "{rows:?}"
    );
    assert!(!piped.stdout.contains("ENTITY"), "no header when piped");

    assert_never_printed(&[NAME, TAX_ID, EXTERNAL_ID, &session_url, &session_id]);

    // Asked for, the personal data is shown.
    let shown = gu1(
        &sandbox,
        &[
            "--json",
            "--show-personal-data",
            "entities",
            "get",
            &entity_id,
        ],
    )
    .await;
    assert_eq!(shown.json()["name"], NAME);
}

/// The SDK's client for a sandbox, to read what the command line must not print.
fn sdk(sandbox: &Sandbox) -> gu1_kyc::Client {
    gu1_kyc::Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.base_url())
        .build()
        .expect("a client")
}

/// The verification URL and session ID the sandbox gave a validation.
async fn sandbox_session(sandbox: &Sandbox, id: &str) -> (String, String) {
    let id = gu1_kyc::types::ValidationId::parse(id).expect("an id");
    let validation = sdk(sandbox)
        .validations()
        .get(&id)
        .await
        .expect("the validation");
    (
        validation
            .verification_url()
            .expect("a verification URL")
            .to_string(),
        validation.session_id().expect("a session ID").to_string(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn each_error_class_has_its_exit_status() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let missing = "00000000-0000-4000-8000-000000000000";
    let not_found = gu1(&sandbox, &["validations", "get", missing]).await;
    assert_eq!(not_found.code, 3, "{not_found:?}");
    assert!(
        not_found.stderr.starts_with("error (not found): "),
        "{not_found:?}"
    );
    assert!(not_found.stdout.is_empty());

    let bad_id = gu1(&sandbox, &["validations", "get", "not-a-uuid"]).await;
    assert_eq!(bad_id.code, 2, "{bad_id:?}");
    assert!(bad_id.stderr.contains("not a UUID"), "{bad_id:?}");

    let bad_status = gu1(&sandbox, &["validations", "list", "--status", "done"]).await;
    assert_eq!(bad_status.code, 2, "{bad_status:?}");

    let no_key = gu1_with(vec![], &["validations", "list"], None).await;
    assert_eq!(no_key.code, 2, "{no_key:?}");
    assert!(no_key.stderr.contains("GU1_API_KEY"), "{no_key:?}");

    let usage = gu1(&sandbox, &["validations", "approve", missing]).await;
    assert_eq!(usage.code, 2, "clap's usage errors: {usage:?}");
    assert!(usage.stderr.contains("--reason"), "{usage:?}");

    // Nothing listens on a port just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let unreachable = gu1_with(
        vec![
            ("GU1_BASE_URL".into(), format!("http://127.0.0.1:{port}")),
            ("GU1_API_KEY".into(), "gk_sandbox_local".into()),
        ],
        &["validations", "get", missing],
        None,
    )
    .await;
    assert_eq!(unreachable.code, 5, "{unreachable:?}");
    assert!(
        unreachable.stderr.starts_with("error (no answer): "),
        "{unreachable:?}"
    );
    assert!(
        !unreachable.stderr.contains("gk_sandbox_local"),
        "the key is never printed"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn webhooks_are_signed_and_verified_with_precise_reasons() {
    const SECRET: &str = "whsec_cli_test";
    let env = || vec![("GU1_WEBHOOK_SECRET".to_string(), SECRET.to_string())];
    // `webhooks sign` on a body; its stdout is the signature.
    let sign = |body: &[u8]| {
        let body = body.to_vec();
        async move {
            let signed = gu1_with(
                env(),
                &["webhooks", "sign", "--secret-env", "GU1_WEBHOOK_SECRET"],
                Some(body),
            )
            .await;
            assert_eq!(signed.code, 0, "{signed:?}");
            signed.stdout.trim().to_string()
        }
    };
    // `webhooks verify` of a body with a signature and extra arguments.
    let verify = |body: &[u8], signature: String, extra: &'static [&'static str]| {
        let body = body.to_vec();
        async move {
            let mut args = vec![
                "--json",
                "webhooks",
                "verify",
                "--secret-env",
                "GU1_WEBHOOK_SECRET",
                "--signature",
                &signature,
            ];
            args.extend(extra);
            gu1_with(env(), &args, Some(body)).await
        }
    };

    let body = br#"{"event":"kyc.validation_approved","timestamp":"2030-01-01T00:00:00Z","payload":{"id":"550e8400-e29b-41d4-a716-446655440000","entityId":"123e4567-e89b-12d3-a456-426614174000","status":"approved"}}"#;
    let signature = sign(body).await;
    assert_eq!(
        signature,
        gu1_kyc::webhooks::sign(&gu1_kyc::webhooks::WebhookSecret::new(SECRET), body)
    );

    // The timestamp is in the future of this clock: with no age limit it verifies.
    let ok = verify(body, signature.clone(), &["--max-age-secs", "0"]).await;
    assert_eq!(ok.code, 0, "{ok:?}");
    assert_eq!(ok.json()["event"], "kyc.validation_approved");
    assert_eq!(ok.json()["status"], "approved");

    let future = verify(body, signature.clone(), &[]).await;
    assert_eq!(future.code, 1, "{future:?}");
    assert!(future.stderr.contains("from the future"), "{future:?}");

    let mut tampered = body.to_vec();
    tampered[12] = b'X';
    let bad = verify(&tampered, signature, &["--max-age-secs", "0"]).await;
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(
        bad.stderr.starts_with("error (rejected): bad signature"),
        "{bad:?}"
    );

    let not_json = b"not json";
    let run = verify(not_json, sign(not_json).await, &["--max-age-secs", "0"]).await;
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("not a webhook body"), "{run:?}");

    let old = br#"{"event":"kyc.validation_approved","timestamp":"2020-01-01T00:00:00Z","payload":{"id":"550e8400-e29b-41d4-a716-446655440000","entityId":"123e4567-e89b-12d3-a456-426614174000","status":"approved"}}"#;
    let run = verify(old, sign(old).await, &[]).await;
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("too old"), "{run:?}");

    let no_secret = gu1_with(
        vec![],
        &["webhooks", "sign", "--secret-env", "GU1_WEBHOOK_SECRET"],
        Some(body.to_vec()),
    )
    .await;
    assert_eq!(no_secret.code, 2, "{no_secret:?}");
    assert_never_printed(&[SECRET]);
}

#[test]
fn the_sandbox_command_prints_its_config_serves_and_stops_on_sigterm() {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("gu1-kyc"))
        .args(["sandbox", "--port", "0", "--json"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("gu1-kyc sandbox starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a line");
    let config: Value = serde_json::from_str(&line).expect("one line of JSON");
    for key in [
        "baseUrl",
        "port",
        "apiKey",
        "organizationId",
        "webhookSecret",
        "controlUrl",
    ] {
        assert!(!config[key].is_null(), "{key} in {config}");
    }
    let base = config["baseUrl"].as_str().unwrap();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    // It answers the API as the sandbox does.
    let port: u16 = config["port"].as_u64().unwrap().try_into().unwrap();
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("it listens");
    write!(
        stream,
        "GET /api/kyc/validations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        config["apiKey"].as_str().unwrap()
    )
    .unwrap();
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // SIGTERM stops it cleanly.
    let pid = child.id().to_string();
    let killed = StdCommand::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = child.wait().expect("it exits");
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let output = Command::cargo_bin("gu1-kyc")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(
            script.contains("gu1-kyc") && script.contains("validations"),
            "{shell}: {script}"
        );
    }
}

/// A JPEG's first bytes and a marker: what the sandbox needs to accept an image.
fn jpeg(marker: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend_from_slice(marker.as_bytes());
    bytes
}

#[tokio::test(flavor = "multi_thread")]
async fn documents_and_faces_are_checked_and_their_images_saved() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let dir = std::env::temp_dir().join(format!("gu1-kyc-cli-records-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };
    let (front, back) = (jpeg("front-side"), jpeg("back-side"));
    let (front_path, back_path) = (file("front.jpg", &front), file("back.jpg", &back));

    let uploaded = gu1(
        &sandbox,
        &[
            "--json",
            "id-verifications",
            "upload",
            "--front",
            &front_path,
            "--back",
            &back_path,
            "--liveness",
        ],
    )
    .await;
    assert_eq!(uploaded.code, 0, "{uploaded:?}");
    let result = uploaded.json();
    let id = result["verificationId"]
        .as_str()
        .expect("a record id")
        .to_string();
    assert_eq!(
        result["extractedData"]["firstName"], "[redacted]",
        "{result}"
    );
    assert_eq!(
        result["extractedData"]["documentNumber"], "[redacted]",
        "{result}"
    );

    let stored = sdk(&sandbox)
        .id_verifications()
        .get(&gu1_kyc::types::IdVerificationId::parse(&id).unwrap())
        .await
        .expect("the record");
    let extracted = stored.extracted_data.expect("extracted data");
    let personal: Vec<String> = [
        &extracted.full_name,
        &extracted.date_of_birth,
        &extracted.document_number,
    ]
    .into_iter()
    .map(|v| v.as_ref().expect("read from the document").expose().clone())
    .collect();
    let record = gu1(&sandbox, &["--json", "id-verifications", "get", &id]).await;
    assert_eq!(record.json()["id"], id.as_str(), "{record:?}");
    let listed = gu1(&sandbox, &["--json", "id-verifications", "list"]).await;
    assert_eq!(
        listed.json().as_array().map(Vec::len),
        Some(1),
        "{listed:?}"
    );

    for (side, expected) in [("front", &front), ("back", &back)] {
        let out = dir.join(format!("saved-{side}.jpg"));
        let saved = gu1(
            &sandbox,
            &[
                "--json",
                "images",
                "save",
                &id,
                "--side",
                side,
                "--out",
                &out.display().to_string(),
            ],
        )
        .await;
        assert_eq!(saved.code, 0, "{saved:?}");
        assert_eq!(saved.json()["bytes"], expected.len());
        assert_eq!(
            &std::fs::read(&out).unwrap(),
            expected,
            "{side} saved byte for byte"
        );
    }

    let (portrait, selfie) = (
        file("portrait.jpg", &jpeg("portrait")),
        file("selfie.jpg", &jpeg("selfie")),
    );
    let matched = gu1(
        &sandbox,
        &[
            "--json",
            "face-matches",
            "create",
            "--document",
            &portrait,
            "--selfie",
            &selfie,
        ],
    )
    .await;
    assert_eq!(matched.code, 0, "{matched:?}");
    let face = matched.json()["verificationId"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(matched.json()["score"].is_number());
    let shown = gu1(&sandbox, &["face-matches", "get", &face]).await;
    assert!(
        shown.stdout.starts_with(&format!("id\t{face}\n")),
        "{shown:?}"
    );
    let listed = gu1(&sandbox, &["--json", "face-matches", "list"]).await;
    assert_eq!(
        listed.json().as_array().map(Vec::len),
        Some(1),
        "{listed:?}"
    );
    let out = dir.join("selfie-saved.jpg");
    let saved = gu1(
        &sandbox,
        &[
            "images",
            "save",
            &face,
            "--record",
            "face-match",
            "--side",
            "back",
            "--out",
            &out.display().to_string(),
        ],
    )
    .await;
    assert_eq!(saved.code, 0, "{saved:?}");
    assert_eq!(std::fs::read(&out).unwrap(), jpeg("selfie"));

    // Not an image: refused before anything is sent.
    let text = file("notes.txt", b"not an image");
    let refused = gu1(&sandbox, &["id-verifications", "upload", "--front", &text]).await;
    assert_eq!(refused.code, 2, "{refused:?}");
    let missing = gu1(
        &sandbox,
        &[
            "images",
            "save",
            "00000000-0000-4000-8000-000000000000",
            "--side",
            "front",
            "--out",
            &dir.join("x").display().to_string(),
        ],
    )
    .await;
    assert_eq!(missing.code, 3, "{missing:?}");
    assert!(!dir.join("x").exists(), "no file for a failed download");
    let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
    assert_never_printed(&personal);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn profiles_hold_credentials_privately_and_never_print_the_key() {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let dir = std::env::temp_dir().join(format!("gu1-kyc-cli-profiles-{}", std::process::id()));
    let config = (
        "GU1_CONFIG_DIR".to_string(),
        dir.join("config").display().to_string(),
    );
    let key = sandbox.api_key().to_string();

    let set = gu1_with(
        vec![config.clone()],
        &["profiles", "set", "local", "--base-url", sandbox.base_url()],
        Some(format!("{key}\n").into_bytes()),
    )
    .await;
    assert_eq!(set.code, 0, "{set:?}");
    let file = dir.join("config").join("profiles.json");
    let stored = std::fs::read_to_string(&file).expect("the profiles file");
    assert!(stored.contains(&key), "the key is stored");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600, "the file is its owner's only");
        assert_eq!(mode(&dir.join("config")), 0o700, "so is its directory");
    }

    let listed = gu1_with(vec![config.clone()], &["--json", "profiles", "list"], None).await;
    assert_eq!(listed.code, 0, "{listed:?}");
    assert_eq!(listed.json()[0]["name"], "local");
    assert_eq!(listed.json()[0]["apiKey"], "set");

    // The profile's credentials, with no GU1_API_KEY in the environment.
    let created = gu1_with(
        vec![config.clone()],
        &[
            "--profile",
            "local",
            "--json",
            "entities",
            "create-person",
            "--name",
            "Profile Person",
            "--country",
            "AR",
        ],
        None,
    )
    .await;
    assert_eq!(created.code, 0, "{created:?}");
    let by_env = gu1_with(
        vec![config.clone(), ("GU1_PROFILE".into(), "local".into())],
        &["--json", "entities", "list"],
        None,
    )
    .await;
    assert_eq!(
        by_env.json().as_array().map(Vec::len),
        Some(1),
        "{by_env:?}"
    );

    let unknown = gu1_with(
        vec![config.clone()],
        &["--profile", "nope", "entities", "list"],
        None,
    )
    .await;
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(unknown.stderr.contains("profiles set nope"), "{unknown:?}");
    let empty = gu1_with(
        vec![config.clone()],
        &["profiles", "set", "blank"],
        Some(b"\n".to_vec()),
    )
    .await;
    assert_eq!(empty.code, 2, "{empty:?}");

    let removed = gu1_with(vec![config.clone()], &["profiles", "remove", "local"], None).await;
    assert_eq!(removed.code, 0, "{removed:?}");
    let again = gu1_with(vec![config], &["profiles", "remove", "local"], None).await;
    assert_eq!(again.code, 3, "{again:?}");
    assert_never_printed(&[&key]);
    let _ = std::fs::remove_dir_all(&dir);
}
