//! The command line, as clap reads it.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The gu1 KYC API from a shell: look up and decide validations, manage person entities, run
/// the local sandbox, and verify or sign webhook deliveries.
///
/// Credentials come from GU1_API_KEY (required for API commands), GU1_BASE_URL (default: gu1's
/// production URL; the sandbox's for `gu1-kyc sandbox`) and GU1_ORGANIZATION_ID. Personal data
/// (names, tax IDs, dates of birth, session IDs, verification URLs) is shown as [redacted]
/// unless --show-personal-data is given.
///
/// Exit status: 0 done; 1 a webhook failed verification; 2 usage or configuration (a missing
/// key, a bad argument); 3 not found; 4 refused by the API (any other 4xx); 5 network, timeout
/// or server error (5xx, and 429 once retries are spent).
#[derive(Debug, Parser)]
#[command(
    name = "gu1-kyc",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Print JSON (one document; JSON lines for streams) instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    /// Show personal data instead of [redacted].
    #[arg(long, global = true)]
    pub show_personal_data: bool,
    /// Use the credentials of this profile (`gu1-kyc profiles set`) instead of GU1_API_KEY,
    /// GU1_BASE_URL and GU1_ORGANIZATION_ID.
    #[arg(long, global = true, env = "GU1_PROFILE")]
    pub profile: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look up, create and decide validations.
    #[command(subcommand)]
    Validations(Validations),
    /// Create and look up person entities.
    #[command(subcommand)]
    Entities(Entities),
    /// Check identity documents, and read the stored checks.
    #[command(subcommand)]
    IdVerifications(IdVerifications),
    /// Compare a portrait with a selfie, and read the stored comparisons.
    #[command(subcommand)]
    FaceMatches(FaceMatches),
    /// Download stored images.
    #[command(subcommand)]
    Images(Images),
    /// Verify or sign webhook deliveries (works with production deliveries too).
    #[command(subcommand)]
    Webhooks(Webhooks),
    /// Start the local sandbox and serve until Ctrl-C.
    ///
    /// Example: `gu1-kyc sandbox --port 4010 --json` prints one line of JSON with baseUrl,
    /// apiKey, organizationId and webhookSecret, then serves.
    Sandbox(SandboxArgs),
    /// Export the validations created in a period to a file (CSV or JSON lines), with a
    /// progress bar on a terminal.
    ///
    /// Reads the organization's validations newest first and stops at the first one created
    /// before --from. Personal columns are left out unless --show-personal-data is given. The
    /// file is written to `FILE.partial` and renamed once complete; on Unix it is readable by
    /// its owner only.
    ///
    /// Example: `gu1-kyc export --from 2026-11-01 --to 2026-12-01 --out november.csv`
    Export {
        /// The first day (YYYY-MM-DD, UTC), included.
        #[arg(long, value_parser = parse_day)]
        from: chrono::NaiveDate,
        /// The day after the last (YYYY-MM-DD, UTC), excluded.
        #[arg(long, value_parser = parse_day)]
        to: chrono::NaiveDate,
        /// The file's format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Forward the local sandbox's webhooks to your endpoint, verified, byte for byte.
    ///
    /// Points the sandbox (GU1_BASE_URL, GU1_API_KEY) at a local relay that checks each
    /// delivery's signature, prints its event, validation and status, forwards it unchanged
    /// with its signature headers, and prints your receiver's answer and latency. Ctrl-C puts
    /// the sandbox's previous webhook URL back.
    ///
    /// Example: `gu1-kyc listen --forward-to http://localhost:3000/webhooks/gu1`
    Listen {
        /// Your receiver's URL.
        #[arg(long, value_name = "URL")]
        forward_to: String,
    },
    /// Drive a new sandbox validation to a status, so that its webhook fires.
    ///
    /// Creates a test person (unless --entity is given) and a validation, then moves it to the
    /// status through the sandbox's control API and the API's own decisions.
    ///
    /// Example: `gu1-kyc trigger approved`
    Trigger {
        /// The status to reach.
        status: TriggerStatus,
        /// Use this entity instead of creating one.
        #[arg(long)]
        entity: Option<String>,
    },
    /// The local sandbox's webhook events.
    #[command(subcommand)]
    Events(Events),
    /// The local sandbox's request log.
    #[command(subcommand)]
    Logs(Logs),
    /// Check that a gu1 API still answers as the spec says (a live contract check).
    ///
    /// Runs a planned flow against --base-url (gu1's production API by default) with
    /// GU1_API_KEY and GU1_ORGANIZATION_ID (or --profile): read-only (GETs from
    /// listValidations, following the IDs it finds) unless --allow-writes, within
    /// --max-requests. Each answer is checked against the spec and against this SDK's types;
    /// findings name the operation, the JSON pointer and the type or documented value, never a
    /// value the API answered. Exit status: 0 nothing breaking; 1 something breaking (or drift
    /// with --strict); 2 usage; 3 the check could not run (unreachable, 401, budget too small).
    ///
    /// Example: `gu1-kyc contract --base-url http://127.0.0.1:4010 --allow-writes --format junit > contract.xml`
    Contract {
        /// The API's base URL.
        #[arg(long, default_value = gu1_kyc::ClientBuilder::DEFAULT_BASE_URL)]
        base_url: String,
        /// Also run the write flow (a person, a validation, a document check, a face match, a
        /// cancel). Refused unless the key looks like a sandbox key.
        #[arg(long)]
        allow_writes: bool,
        /// Allow --allow-writes with a key that does not look like a sandbox key.
        #[arg(long)]
        i_know_this_is_production: bool,
        /// Never send more requests than this.
        #[arg(long, default_value_t = 50)]
        max_requests: u32,
        /// Wait for a 429's Retry-After only within this many seconds from the start.
        #[arg(long, default_value_t = 120)]
        deadline_secs: u64,
        /// The report's format.
        #[arg(long, value_enum, default_value_t = ContractFormat::Text)]
        format: ContractFormat,
        /// Drift (an undocumented property, an unlisted value of an open enum) fails too.
        #[arg(long)]
        strict: bool,
        /// Check against this spec instead of the one built in (to try a patched spec).
        #[arg(long, value_name = "FILE")]
        spec: Option<std::path::PathBuf>,
        /// Write, for each drift finding, the spec change that would document it:
        /// DIR/suggestions.yaml (JSON Patch in YAML) and DIR/gu1-kyc.yaml (the patched spec).
        #[arg(long, value_name = "DIR")]
        suggest: Option<std::path::PathBuf>,
    },
    /// A validating proxy: forwards every exchange to --upstream unchanged and checks it both
    /// ways against the spec, printing findings as JSON lines as they happen (the `contract`
    /// report's fields, no value sent or answered) and a summary on stderr at exit.
    ///
    /// Point any client's gu1 base URL at it in staging or CI. Images stream through.
    ///
    /// Example: `gu1-kyc proxy --listen 127.0.0.1:8089 --upstream https://api.gu1.ai`
    Proxy {
        /// Where to listen (a loopback address).
        #[arg(long, default_value = "127.0.0.1:8089")]
        listen: String,
        /// The API to forward to.
        #[arg(long, default_value = gu1_kyc::ClientBuilder::DEFAULT_BASE_URL)]
        upstream: String,
    },
    /// Save, list and remove named credentials.
    #[command(subcommand)]
    Profiles(Profiles),
    /// Print a shell completion script.
    ///
    /// Example: `gu1-kyc completions bash > ~/.local/share/bash-completion/completions/gu1-kyc`
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// The report formats of `gu1-kyc contract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContractFormat {
    /// For a terminal.
    Text,
    /// A section for a pull request or an issue.
    Markdown,
    /// `{"findings", "coverage", "requests"}` (see the README).
    Json,
    /// JUnit XML: one test case per operation exercised.
    Junit,
}

/// `gu1-kyc profiles ...`
#[derive(Debug, Subcommand)]
pub enum Profiles {
    /// Save a profile; the API key is read from stdin (or the variable --api-key-env names),
    /// never from an argument.
    ///
    /// Example: `gu1-kyc profiles set sandbox --base-url https://sandbox.gu1.ai < key.txt`
    Set {
        /// The profile's name.
        name: String,
        /// The API's base URL.
        #[arg(long)]
        base_url: Option<String>,
        /// The organization, for keys that reach several.
        #[arg(long)]
        organization_id: Option<String>,
        /// Read the key from this environment variable instead of stdin.
        #[arg(long, value_name = "NAME")]
        api_key_env: Option<String>,
    },
    /// List the profiles (the keys are never shown).
    ///
    /// Example: `gu1-kyc profiles list`
    List,
    /// Remove a profile.
    ///
    /// Example: `gu1-kyc profiles remove sandbox`
    Remove {
        /// The profile's name.
        name: String,
    },
}

/// A day, `YYYY-MM-DD`.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a day written YYYY-MM-DD"))
}

/// The formats of `gu1-kyc export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The reports crate's CSV columns.
    Csv,
    /// One validation per line, as the API answers it (redacted unless asked otherwise).
    Jsonl,
}

/// The statuses `gu1-kyc trigger` drives a validation to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum TriggerStatus {
    /// Approved, after review (two events: in review, approved).
    Approved,
    /// Rejected, after review.
    Rejected,
    /// In review.
    InReview,
    /// Expired.
    Expired,
    /// Cancelled through the API.
    Cancelled,
}

/// `gu1-kyc events ...`
#[derive(Debug, Subcommand)]
pub enum Events {
    /// List the webhook events and their delivery state.
    ///
    /// Example: `gu1-kyc events list`
    List,
    /// Send a validation's webhook for its current status again.
    ///
    /// Example: `gu1-kyc events resend 550e8400-e29b-41d4-a716-446655440000`
    Resend {
        /// The validation's ID.
        validation: String,
    },
}

/// `gu1-kyc logs ...`
#[derive(Debug, Subcommand)]
pub enum Logs {
    /// Print the sandbox's request log as it grows (Ctrl-C stops).
    ///
    /// Example: `gu1-kyc logs tail --json`
    Tail {
        /// Print what the log holds and stop.
        #[arg(long)]
        no_follow: bool,
    },
}

/// `gu1-kyc validations ...`
#[derive(Debug, Subcommand)]
pub enum Validations {
    /// Start a validation for an entity.
    ///
    /// Example: `gu1-kyc validations create --entity 123e4567-e89b-12d3-a456-426614174000`
    Create {
        /// The entity to verify.
        #[arg(long)]
        entity: String,
        /// The KYC integration to run (default: the documented one).
        #[arg(long)]
        integration_code: Option<String>,
    },
    /// Show one validation.
    ///
    /// Example: `gu1-kyc validations get 550e8400-e29b-41d4-a716-446655440000`
    Get {
        /// The validation's ID.
        id: String,
    },
    /// Show an entity's current validation.
    ///
    /// Example: `gu1-kyc validations current --entity 123e4567-e89b-12d3-a456-426614174000`
    Current {
        /// The entity.
        #[arg(long)]
        entity: String,
    },
    /// List an entity's validations, newest first.
    ///
    /// Example: `gu1-kyc validations history --entity 123e4567-e89b-12d3-a456-426614174000`
    History {
        /// The entity.
        #[arg(long)]
        entity: String,
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// List the organization's validations, newest first.
    ///
    /// Example: `gu1-kyc validations list --status in_review --limit 20`
    List {
        /// Only this status (pending, in_progress, in_review, approved, rejected, expired,
        /// abandoned, cancelled).
        #[arg(long)]
        status: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Approve a validation in review.
    ///
    /// Example: `gu1-kyc validations approve 550e8400-... --reason "Documents checked"`
    Approve(Decision),
    /// Reject a validation in review.
    ///
    /// Example: `gu1-kyc validations reject 550e8400-... --reason "Document expired"`
    Reject(Decision),
    /// Cancel an open validation.
    ///
    /// Example: `gu1-kyc validations cancel 550e8400-... --reason "Customer asked"`
    Cancel(Decision),
    /// Ask gu1 to refresh a validation from its provider.
    ///
    /// Example: `gu1-kyc validations sync 550e8400-... --force`
    Sync {
        /// The validation's ID.
        id: String,
        /// Sync even if it was synced recently.
        #[arg(long)]
        force: bool,
    },
    /// Wait until a validation reaches an outcome (polling), then show it.
    ///
    /// Example: `gu1-kyc validations wait 550e8400-... --timeout-secs 600`
    Wait {
        /// The validation's ID.
        id: String,
        /// Give up after this many seconds (exit 5).
        #[arg(long, default_value_t = 600)]
        timeout_secs: u64,
    },
}

/// A decision on one validation, with its reason.
#[derive(Debug, Args)]
pub struct Decision {
    /// The validation's ID.
    pub id: String,
    /// Why (recorded with the decision).
    #[arg(long)]
    pub reason: String,
}

/// `gu1-kyc id-verifications ...`
#[derive(Debug, Subcommand)]
pub enum IdVerifications {
    /// Check a document from image files (JPEG, PNG, WebP or TIFF, 5 MB at most each).
    ///
    /// Example: `gu1-kyc id-verifications upload --front front.jpg --back back.jpg --entity 123e4567-...`
    Upload {
        /// The document's front.
        #[arg(long, value_name = "FILE")]
        front: std::path::PathBuf,
        /// The document's back, for two-sided documents.
        #[arg(long, value_name = "FILE")]
        back: Option<std::path::PathBuf>,
        /// Link the record to this entity.
        #[arg(long)]
        entity: Option<String>,
        /// Also check that the document is physically present.
        #[arg(long)]
        liveness: bool,
    },
    /// Show one stored check.
    ///
    /// Example: `gu1-kyc id-verifications get 7f1c2d3e-...`
    Get {
        /// The record's ID.
        id: String,
    },
    /// List stored checks, newest first.
    ///
    /// Example: `gu1-kyc id-verifications list --entity 123e4567-...`
    List {
        /// Only this entity's.
        #[arg(long)]
        entity: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

/// `gu1-kyc face-matches ...`
#[derive(Debug, Subcommand)]
pub enum FaceMatches {
    /// Compare a reference portrait with a selfie (image files).
    ///
    /// Example: `gu1-kyc face-matches create --document id-photo.jpg --selfie selfie.jpg`
    Create {
        /// The reference portrait (e.g. the photo on an ID).
        #[arg(long, value_name = "FILE")]
        document: std::path::PathBuf,
        /// The selfie.
        #[arg(long, value_name = "FILE")]
        selfie: std::path::PathBuf,
        /// Link the record to this entity.
        #[arg(long)]
        entity: Option<String>,
    },
    /// Show one stored comparison.
    ///
    /// Example: `gu1-kyc face-matches get 9a8b7c6d-...`
    Get {
        /// The record's ID.
        id: String,
    },
    /// List stored comparisons, newest first.
    ///
    /// Example: `gu1-kyc face-matches list`
    List {
        /// Only this entity's.
        #[arg(long)]
        entity: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

/// Which stored image of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    /// An ID verification's front, or a face match's document portrait.
    Front,
    /// An ID verification's back, or a face match's selfie.
    Back,
}

/// `gu1-kyc images ...`
#[derive(Debug, Subcommand)]
pub enum Images {
    /// Save a stored image to a file, streamed (never held in memory whole).
    ///
    /// ID is an ID verification's or a face match's record ID. The file is readable by its owner
    /// only, on Unix.
    ///
    /// Example: `gu1-kyc images save 7f1c2d3e-... --side front --out front.jpg`
    Save {
        /// The record's ID.
        id: String,
        /// Which image: front or back (document or selfie for a face match).
        #[arg(long, value_enum)]
        side: Side,
        /// Whose record: an ID verification (default) or a face match.
        #[arg(long, value_enum, default_value_t = Record::IdVerification)]
        record: Record,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

/// The kinds of record that store images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Record {
    /// An ID verification.
    IdVerification,
    /// A face match.
    FaceMatch,
}

/// `gu1-kyc entities ...`
#[derive(Debug, Subcommand)]
pub enum Entities {
    /// Create a person.
    ///
    /// Example: `gu1-kyc entities create-person --name "John Doe" --country AR --tax-id 20123456789`
    CreatePerson {
        /// Full name.
        #[arg(long)]
        name: String,
        /// ISO country code.
        #[arg(long)]
        country: String,
        /// Tax ID (DNI, CUIT, ...).
        #[arg(long)]
        tax_id: Option<String>,
        /// Your own ID for the person.
        #[arg(long)]
        external_id: Option<String>,
    },
    /// Show one entity.
    ///
    /// Example: `gu1-kyc entities get 123e4567-e89b-12d3-a456-426614174000`
    Get {
        /// The entity's ID.
        id: String,
    },
    /// Find an entity by your external ID or by tax ID.
    ///
    /// Example: `gu1-kyc entities find --external-id customer-42`
    Find {
        /// Your own ID for the person.
        #[arg(long, conflicts_with = "tax_id", required_unless_present = "tax_id")]
        external_id: Option<String>,
        /// The person's tax ID.
        #[arg(long)]
        tax_id: Option<String>,
    },
    /// List entities.
    ///
    /// Example: `gu1-kyc entities list --country AR`
    List {
        /// Only this country.
        #[arg(long)]
        country: Option<String>,
    },
}

/// `gu1-kyc webhooks ...`
#[derive(Debug, Subcommand)]
pub enum Webhooks {
    /// Verify a delivery read from stdin: exit 0, or 1 with the reason (bad signature, too old,
    /// not JSON).
    ///
    /// Example: `gu1-kyc webhooks verify --secret-env GU1_WEBHOOK_SECRET --signature "$SIG" < body.json`
    Verify {
        /// The environment variable that holds the webhook secret (never the secret itself).
        #[arg(long, value_name = "NAME")]
        secret_env: String,
        /// The X-Webhook-Signature header's value.
        #[arg(long)]
        signature: String,
        /// Refuse deliveries whose timestamp is older than this many seconds (0: no limit).
        #[arg(long, default_value_t = 300)]
        max_age_secs: u64,
    },
    /// Sign a body read from stdin with a secret and print the X-Webhook-Signature value.
    ///
    /// Example: `gu1-kyc webhooks sign --secret-env GU1_WEBHOOK_SECRET < body.json`
    Sign {
        /// The environment variable that holds the webhook secret.
        #[arg(long, value_name = "NAME")]
        secret_env: String,
    },
}

/// `gu1-kyc sandbox`
#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 4010)]
    pub port: u16,
    /// The organization's API key.
    #[arg(long, default_value = "gk_sandbox_local")]
    pub api_key: String,
    /// Where the sandbox sends webhooks.
    #[arg(long)]
    pub webhook_url: Option<String>,
    /// Delay before each automatic step of a test-number validation, in milliseconds.
    #[arg(long, default_value_t = 200)]
    pub outcome_delay_ms: u64,
}
