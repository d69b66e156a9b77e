//! `gu1-kyc` in a real pseudo-terminal (util-linux `script`) and piped: on a terminal the export
//! draws a progress bar and lists render as tables with coloured statuses (none with NO_COLOR);
//! piped, neither appears. Also what the export writes.

use std::path::PathBuf;
use std::process::Command;

use gu1_kyc::Client;
use gu1_kyc_sandbox::Sandbox;

/// A sandbox's address and key, to run `gu1-kyc` against it off the async runtime.
#[derive(Clone)]
struct Target {
    base: String,
    key: String,
}

impl Target {
    fn of(sandbox: &Sandbox) -> Target {
        Target {
            base: sandbox.base_url().to_string(),
            key: sandbox.api_key().to_string(),
        }
    }

    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env("GU1_BASE_URL", &self.base)
            .env("GU1_API_KEY", &self.key)
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR");
        command
    }

    /// `gu1-kyc ARGS` in a pseudo-terminal: (exit status, everything it drew).
    async fn in_terminal(&self, args: String, no_color: bool) -> (i32, String) {
        let mut command = self.command("script");
        command.args([
            "-qec",
            &format!(
                "{} {args}",
                assert_cmd::cargo::cargo_bin("gu1-kyc").display()
            ),
            "/dev/null",
        ]);
        if no_color {
            command.env("NO_COLOR", "1");
        }
        let output = tokio::task::spawn_blocking(move || command.output())
            .await
            .unwrap()
            .expect("script (util-linux) runs");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    }

    /// `gu1-kyc ARGS` piped: (exit status, stdout, stderr).
    async fn piped(&self, args: Vec<String>) -> (i32, String, String) {
        let mut command = self.command(assert_cmd::cargo::cargo_bin("gu1-kyc"));
        command.args(args);
        let output = tokio::task::spawn_blocking(move || command.output())
            .await
            .unwrap()
            .expect("gu1-kyc runs");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

/// A sandbox with three validations for one person: one approved, two pending.
async fn sandbox_with_validations() -> (Sandbox, Vec<String>) {
    let sandbox = Sandbox::start().await.expect("the sandbox starts");
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.base_url())
        .build()
        .expect("a client");
    let person = client
        .entities()
        .create_person("Terminal Testperson", "AR")
        .send()
        .await
        .expect("a person");
    let mut ids = Vec::new();
    for _ in 0..3 {
        let validation = client
            .validations()
            .create(&person.id)
            .send()
            .await
            .expect("a validation");
        ids.push(validation.id.to_string());
    }
    sandbox
        .set_status_quietly(&ids[0], "approved")
        .expect("approved");
    (sandbox, ids)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gu1-kyc-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Yesterday and tomorrow, `YYYY-MM-DD`.
fn around_today() -> (String, String) {
    let today = chrono::Utc::now().date_naive();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    (
        day(today - chrono::Days::new(1)),
        day(today + chrono::Days::new(1)),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn the_export_draws_a_progress_bar_on_a_terminal_and_none_when_piped() {
    let (sandbox, ids) = sandbox_with_validations().await;
    let target = Target::of(&sandbox);
    let dir = scratch("export");
    let (from, to) = around_today();

    let on_terminal = dir.join("terminal.csv");
    let (code, drawn) = target
        .in_terminal(
            format!(
                "export --from {from} --to {to} --out {}",
                on_terminal.display()
            ),
            false,
        )
        .await;
    assert_eq!(code, 0, "{drawn}");
    assert!(
        drawn.contains("3/3 validations read"),
        "a progress bar: {drawn:?}"
    );
    assert!(drawn.contains("=="), "the bar itself: {drawn:?}");
    assert!(drawn.contains("exported 3 validations"), "{drawn:?}");

    let piped = dir.join("piped.csv");
    let args = [
        "export",
        "--from",
        &from,
        "--to",
        &to,
        "--out",
        &piped.display().to_string(),
    ]
    .map(String::from)
    .to_vec();
    let (code, stdout, stderr) = target.piped(args).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "no progress bar when piped: {stderr:?}");
    assert_eq!(
        stdout,
        format!("exported 3 validations to {}\n", piped.display())
    );

    // Both files hold the same three rows, without personal data, readable by their owner only.
    for file in [&on_terminal, &piped] {
        let csv = std::fs::read_to_string(file).expect("the export");
        assert_eq!(csv.lines().count(), 4, "a header and three rows: {csv}");
        for id in &ids {
            assert!(csv.contains(id.as_str()), "{id} in {csv}");
        }
        assert!(
            !csv.contains("Terminal Testperson") && !csv.contains("/verify/"),
            "{csv}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", file.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_export_keeps_to_its_period_and_writes_json_lines() {
    let (sandbox, ids) = sandbox_with_validations().await;
    let target = Target::of(&sandbox);
    let dir = scratch("jsonl");
    let (from, to) = around_today();
    let out = dir.join("out.jsonl");
    let args = [
        "--json", "export", "--from", &from, "--to", &to, "--format", "jsonl", "--out",
    ]
    .map(String::from)
    .into_iter()
    .chain([out.display().to_string()])
    .collect();
    let (code, stdout, stderr) = target.piped(args).await;
    assert_eq!(code, 0, "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["rows"], 3);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut exported: Vec<&str> = lines.iter().map(|v| v["id"].as_str().unwrap()).collect();
    exported.sort_unstable();
    let mut expected: Vec<&str> = ids.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(exported, expected);
    assert!(
        lines
            .iter()
            .all(|v| v["providerSessionUrl"] == "[redacted]"),
        "{text}"
    );

    // A period that ended before any of them: nothing.
    let empty = dir.join("empty.csv");
    let args = [
        "export",
        "--from",
        "2020-01-01",
        "--to",
        "2020-02-01",
        "--out",
        &empty.display().to_string(),
    ]
    .map(String::from)
    .to_vec();
    let (code, stdout, _) = target.piped(args).await;
    assert_eq!(code, 0);
    assert!(stdout.starts_with("exported 0 validations"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&empty).unwrap().lines().count(),
        1,
        "the header only"
    );

    let args = [
        "export",
        "--from",
        &to,
        "--to",
        &from,
        "--out",
        &empty.display().to_string(),
    ]
    .map(String::from)
    .to_vec();
    let (code, _, stderr) = target.piped(args).await;
    assert_eq!(code, 2, "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_are_tables_with_coloured_statuses_on_a_terminal_unless_no_color() {
    let (sandbox, ids) = sandbox_with_validations().await;
    let target = Target::of(&sandbox);
    let (code, coloured) = target.in_terminal("validations list".into(), false).await;
    assert_eq!(code, 0, "{coloured}");
    let header = coloured.lines().next().unwrap_or_default();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["ID", "ENTITY", "STATUS", "CURRENT", "CREATED"],
        "{coloured:?}"
    );
    assert!(
        coloured.contains("\x1b[32mapproved"),
        "approved in green: {coloured:?}"
    );
    for id in &ids {
        assert!(coloured.contains(id.as_str()));
    }
    let (code, plain) = target.in_terminal("validations list".into(), true).await;
    assert_eq!(code, 0);
    assert!(plain.starts_with("ID "), "{plain:?}");
    assert!(!plain.contains('\x1b'), "NO_COLOR: {plain:?}");
}
