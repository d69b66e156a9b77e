//! `gu1-kyc contract` (and `cargo xtask contract`): runs a planned flow against a gu1 API
//! (production by default, read-only unless `--allow-writes`), checks every answer against the
//! spec with the spec crate's contract engine and against this SDK's public types, and reports
//! the findings without any value the API answered.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use gu1_kyc_spec::Spec;
use gu1_kyc_spec::contract::{ContractChecker, Exchange, Finding, FindingKind, Severity};
use reqwest::Method;
use serde_json::{Value, json};

use crate::args::ContractFormat;
use crate::failure::{Failure, Outcome};
use crate::output::print_line;

/// The spec this binary was built with.
pub(crate) const SPEC: &str = gu1_kyc_sandbox::SPEC_YAML;

/// The most of a byte answer (an image) that is read: its status and type are what is checked.
const MAX_BYTES_READ: usize = 64 * 1024;

/// A small JPEG's first bytes: what an upload needs to be accepted as an image.
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1];

/// The options of one run.
pub struct Options {
    /// The API's base URL.
    pub base_url: String,
    /// Run the write flow too.
    pub allow_writes: bool,
    /// Allow writes with a key that does not look like a sandbox key.
    pub production: bool,
    /// At most this many requests.
    pub max_requests: u32,
    /// Give up waiting (for `Retry-After`) past this.
    pub deadline: Duration,
    /// The report's format.
    pub format: ContractFormat,
    /// Drift fails the run too.
    pub strict: bool,
    /// Check against this spec file instead of the one built in.
    pub spec: Option<std::path::PathBuf>,
    /// Write the spec changes that would document the drift here.
    pub suggest: Option<std::path::PathBuf>,
}

/// What the run could not do: exit 3.
fn cannot_run(message: impl Into<String>) -> Failure {
    Failure::CannotRun(message.into())
}

/// Runs the check and prints the report.
pub async fn run(options: Options) -> Outcome {
    let (key, organization) = credentials()?;
    if options.allow_writes && !options.production && !looks_like_sandbox(&key) {
        return Err(Failure::Usage(
            "--allow-writes creates entities and validations: the key does not look like a sandbox key (gk_sandbox_..., sk_test_...); add --i-know-this-is-production to write to this API anyway".into(),
        ));
    }
    if options.max_requests < 2 {
        return Err(cannot_run("--max-requests below 2 leaves no room to start"));
    }
    let spec = match &options.spec {
        Some(path) => Spec::from_path(path).map_err(|e| Failure::Usage(format!("--spec: {e}")))?,
        None => Spec::from_yaml_str(SPEC, "openapi/gu1-kyc.yaml")
            .map_err(|e| cannot_run(format!("the embedded spec does not load: {e}")))?,
    };
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| cannot_run(format!("no HTTP client: {e}")))?;
    let mut run = Run {
        http,
        base: options.base_url.trim_end_matches('/').to_string(),
        key,
        organization,
        checker: ContractChecker::new(&spec),
        spec: &spec,
        budget: options.max_requests,
        sent: 0,
        deadline: Instant::now() + options.deadline,
        findings: BTreeSet::new(),
        seen: BTreeMap::new(),
        observations: Vec::new(),
    };
    if options.allow_writes {
        run.write_flow().await?;
    }
    run.read_flow().await?;
    if let Some(dir) = &options.suggest {
        let changes = super::suggest::write(&spec, &run.observations, dir)?;
        eprintln!(
            "{changes} suggested spec changes in {} (suggestions.yaml, and the patched gu1-kyc.yaml)",
            dir.display()
        );
    }
    let report = run.report();
    let breaking = run
        .findings
        .iter()
        .any(|f| f.severity == Severity::Breaking);
    let drift = run.findings.iter().any(|f| f.severity == Severity::Drift);
    print(&report, options.format, &run)?;
    if breaking || (options.strict && drift) {
        let what = if breaking {
            "breaking"
        } else {
            "drift (with --strict)"
        };
        Err(Failure::Findings(format!(
            "the API does not answer as the spec says: {what} findings"
        )))
    } else {
        Ok(())
    }
}

fn credentials() -> Result<(String, Option<String>), Failure> {
    if let Some(profile) = super::profile()? {
        return Ok((profile.api_key, profile.organization_id));
    }
    let key = std::env::var("GU1_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| Failure::Usage("GU1_API_KEY is not set".into()))?;
    let organization = std::env::var("GU1_ORGANIZATION_ID")
        .ok()
        .filter(|o| !o.trim().is_empty());
    Ok((key, organization))
}

/// Whether a key is a sandbox or test key, by its documented prefixes.
fn looks_like_sandbox(key: &str) -> bool {
    key.starts_with("gk_sandbox_") || key.starts_with("sk_test_")
}

/// One answer, as the flow needs it.
struct Answer {
    status: u16,
    json: Value,
}

/// The state of one run.
struct Run<'s> {
    http: reqwest::Client,
    base: String,
    key: String,
    organization: Option<String>,
    checker: ContractChecker<'s>,
    spec: &'s Spec,
    budget: u32,
    sent: u32,
    deadline: Instant,
    findings: BTreeSet<Finding>,
    /// Per operation, the statuses it answered.
    seen: BTreeMap<String, BTreeSet<u16>>,
    /// The drift seen, with what documenting it needs (for `--suggest`).
    observations: Vec<super::suggest::Observation>,
}

/// A request of the flow.
enum Body {
    None,
    Json(Value),
    Form(Vec<(&'static str, Part)>),
}

enum Part {
    Text(String),
    Image(&'static [u8]),
}

impl Run<'_> {
    /// Sends one request (within the budget; a 429 is waited out once, within the deadline),
    /// checks the answer, and returns it; `None` once the budget is spent.
    async fn call(
        &mut self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Body,
    ) -> Result<Option<Answer>, Failure> {
        loop {
            if self.sent >= self.budget {
                return Ok(None);
            }
            self.sent += 1;
            let mut request = self
                .http
                .request(method.clone(), format!("{}{path}", self.base))
                .bearer_auth(&self.key)
                .query(query);
            if let Some(organization) = &self.organization {
                request = request.header("x-organization-id", organization);
            }
            request = match &body {
                Body::None => request,
                Body::Json(value) => request.json(value),
                Body::Form(parts) => {
                    let mut form = reqwest::multipart::Form::new();
                    for (name, part) in parts {
                        form = match part {
                            Part::Text(text) => form.text(*name, text.clone()),
                            Part::Image(bytes) => form.part(
                                *name,
                                reqwest::multipart::Part::bytes(bytes.to_vec())
                                    .file_name("image.jpg")
                                    .mime_str("image/jpeg")
                                    .map_err(|e| cannot_run(e.to_string()))?,
                            ),
                        };
                    }
                    request.multipart(form)
                }
            };
            let answer = request.send().await.map_err(|e| {
                cannot_run(format!(
                    "{} does not answer: {}",
                    self.base,
                    e.without_url()
                ))
            })?;
            let status = answer.status().as_u16();
            if status == 401 && self.sent == 1 {
                return Err(cannot_run(
                    "the API refused the key (401): check GU1_API_KEY",
                ));
            }
            if status == 429 {
                let wait = answer
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map_or(Duration::from_secs(1), Duration::from_secs);
                if Instant::now() + wait < self.deadline {
                    tokio::time::sleep(wait).await;
                    continue;
                }
            }
            let content_type = answer
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let bytes = read_capped(answer).await;
            let exchange = Exchange {
                method: method.as_str(),
                path,
                status,
                content_type: content_type.as_deref(),
                body: &bytes,
            };
            let findings = self.checker.check(&exchange);
            let (template, operation) = self
                .checker
                .operation(method.as_str(), path)
                .unwrap_or_default();
            self.seen
                .entry(operation.clone())
                .or_default()
                .insert(status);
            let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            for drift in findings.iter().filter(|f| f.severity == Severity::Drift) {
                let at = json.pointer(&drift.location);
                self.observations.push(super::suggest::Observation {
                    method: method.as_str().to_string(),
                    template: template.clone(),
                    status,
                    location: drift.location.clone(),
                    json_type: super::suggest::json_type(at),
                    enum_value: (drift.kind == FindingKind::UnknownEnumValue)
                        .then(|| super::suggest::enum_word(at))
                        .flatten(),
                });
            }
            // A body that already breaks the spec need not be decoded to know it fails.
            let only_drift = findings.iter().all(|f| f.severity == Severity::Drift);
            if only_drift && let Some(failure) = decode_failure(&operation, status, &json) {
                self.findings.insert(failure);
            }
            self.findings.extend(findings);
            return Ok(Some(Answer { status, json }));
        }
    }

    async fn get(&mut self, path: &str) -> Result<Option<Answer>, Failure> {
        self.call(Method::GET, path, &[], Body::None).await
    }

    /// Starts from `listValidations` and follows the IDs it finds: reads only.
    async fn read_flow(&mut self) -> Result<(), Failure> {
        let query = [("limit", "5".to_string())];
        let Some(list) = self
            .call(Method::GET, "/api/kyc/validations", &query, Body::None)
            .await?
        else {
            return Ok(());
        };
        let validations = list.json["validations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let ids: Vec<(String, String)> = validations
            .iter()
            .filter_map(|v| {
                Some((
                    v["id"].as_str()?.to_string(),
                    v["entityId"].as_str()?.to_string(),
                ))
            })
            .take(2)
            .collect();
        for (validation, entity) in &ids {
            let Some(one) = self
                .get(&format!("/api/kyc/validations/{validation}"))
                .await?
            else {
                return Ok(());
            };
            if let Some(key) = media_key(&one.json) {
                let query = [("key", key)];
                self.call(
                    Method::GET,
                    &format!("/api/kyc/validations/{validation}/media"),
                    &query,
                    Body::None,
                )
                .await?;
            }
            for path in [
                format!("/api/kyc/entities/{entity}/current"),
                format!("/api/kyc/entities/{entity}/validations"),
                format!("/api/kyc/entities/{entity}/status"),
                format!("/entities/{entity}"),
            ] {
                self.get(&path).await?;
            }
        }
        self.get("/entities").await?;
        for (list, one, images) in [
            (
                "/api/kyc/id-verification/verifications",
                "/api/kyc/id-verification/verifications/",
                ["document-front-image", "document-back-image"],
            ),
            (
                "/api/kyc/face-match/verifications",
                "/api/kyc/face-match/verifications/",
                ["document-image", "selfie-image"],
            ),
        ] {
            let Some(page) = self
                .call(Method::GET, list, &[("limit", "5".to_string())], Body::None)
                .await?
            else {
                return Ok(());
            };
            let first = page.json["verifications"][0]["id"]
                .as_str()
                .map(str::to_string);
            if let Some(id) = first {
                self.get(&format!("{one}{id}")).await?;
                for image in images {
                    self.get(&format!("{one}{id}/{image}")).await?;
                }
            }
        }
        Ok(())
    }

    /// Creates what it reads: a person with the documented sandbox test tax ID, a validation,
    /// a document check and a face match; then the reads that follow, and a cancel.
    async fn write_flow(&mut self) -> Result<(), Failure> {
        let tax_id = "99990001";
        let external_id = format!("contract-check-{}", std::process::id());
        let person = json!({
            "type": "person", "name": "Contract Check", "countryCode": "AR",
            "taxId": tax_id, "externalId": external_id,
        });
        let Some(created) = self
            .call(Method::POST, "/entities", &[], Body::Json(person))
            .await?
        else {
            return Ok(());
        };
        let entity = match created.json["entity"]["id"].as_str() {
            Some(id) => id.to_string(),
            None => {
                // Already there from an earlier run: find it.
                let Some(found) = self.get(&format!("/entities/by-tax-id/{tax_id}")).await? else {
                    return Ok(());
                };
                match found.json["id"].as_str() {
                    Some(id) => id.to_string(),
                    None => return Ok(()),
                }
            }
        };
        if created.status < 300 {
            self.get(&format!("/entities/by-tax-id/{tax_id}")).await?;
            self.get(&format!("/entities/by-external-id/{external_id}"))
                .await?;
        }
        let validation =
            json!({ "entityId": entity, "integrationCode": "global_gueno_validation_kyc" });
        let Some(created) = self
            .call(
                Method::POST,
                "/api/kyc/validations",
                &[],
                Body::Json(validation),
            )
            .await?
        else {
            return Ok(());
        };
        let validation = created.json["id"].as_str().map(str::to_string);
        let upload = Body::Form(vec![
            ("documentFront", Part::Image(JPEG)),
            ("documentBack", Part::Image(JPEG)),
            ("entityId", Part::Text(entity.clone())),
            ("performDocumentLiveness", Part::Text("true".into())),
        ]);
        self.call(Method::POST, "/api/kyc/id-verification", &[], upload)
            .await?;
        let faces = Body::Form(vec![
            ("documentImage", Part::Image(JPEG)),
            ("selfieImage", Part::Image(JPEG)),
            ("entityId", Part::Text(entity.clone())),
        ]);
        self.call(Method::POST, "/api/kyc/face-match", &[], faces)
            .await?;
        if let Some(id) = validation {
            self.call(
                Method::POST,
                &format!("/api/kyc/validations/{id}/sync"),
                &[],
                Body::Json(json!({})),
            )
            .await?;
            let reason = json!({ "reason": "Contract check run" });
            self.call(
                Method::DELETE,
                &format!("/api/kyc/validations/{id}/cancel"),
                &[],
                Body::Json(reason),
            )
            .await?;
        }
        Ok(())
    }

    /// The JSON report: findings, coverage, requests.
    fn report(&self) -> Value {
        let documented: BTreeMap<String, Vec<String>> = self
            .spec
            .operations()
            .filter_map(|op| {
                let id = op.operation_id()?.to_string();
                let statuses = op
                    .responses()
                    .iter()
                    .map(|r| r.status.to_string())
                    .collect();
                Some((id, statuses))
            })
            .collect();
        let exercised: Vec<&String> = documented
            .keys()
            .filter(|id| self.seen.contains_key(*id))
            .collect();
        let not_exercised: Vec<&String> = documented
            .keys()
            .filter(|id| !self.seen.contains_key(*id))
            .collect();
        let statuses: BTreeMap<&String, Value> = documented
            .iter()
            .map(|(id, all)| {
                let seen: Vec<String> = self
                    .seen
                    .get(id)
                    .map(|s| s.iter().map(u16::to_string).collect())
                    .unwrap_or_default();
                let missing: Vec<&String> = all.iter().filter(|s| !seen.contains(s)).collect();
                (id, json!({ "exercised": seen, "notExercised": missing }))
            })
            .collect();
        json!({
            "findings": self.findings.iter().map(|f| json!({
                "operationId": f.operation_id,
                "severity": f.severity,
                "kind": f.kind.name(),
                "location": f.location,
                "message": f.message,
            })).collect::<Vec<_>>(),
            "coverage": {
                "operations": { "exercised": exercised, "notExercised": not_exercised },
                "statuses": statuses,
            },
            "requests": self.sent,
        })
    }
}

/// Reads at most [`MAX_BYTES_READ`] of an answer.
async fn read_capped(mut answer: reqwest::Response) -> Vec<u8> {
    let mut bytes = Vec::new();
    while let Ok(Some(chunk)) = answer.chunk().await {
        bytes.extend_from_slice(&chunk);
        if bytes.len() >= MAX_BYTES_READ {
            bytes.truncate(MAX_BYTES_READ);
            break;
        }
    }
    bytes
}

/// The first media key a validation's decision holds (`kyc/...`), to read its media.
fn media_key(validation: &Value) -> Option<String> {
    fn find(value: &Value) -> Option<String> {
        match value {
            Value::String(s) if s.starts_with("kyc/") => Some(s.clone()),
            Value::Object(map) => map.values().find_map(find),
            Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    find(&validation["decision"])
}

/// Whether this SDK's public types decode a successful JSON answer; a finding if not.
fn decode_failure(operation: &str, status: u16, json: &Value) -> Option<Finding> {
    use gu1_kyc::types::{
        Entity, EntityKycStatus, FaceMatchRecord, IdVerificationRecord, Validation,
    };
    if !(200..300).contains(&status) || json.is_null() {
        return None;
    }
    fn each<T: serde::de::DeserializeOwned>(items: &Value) -> Result<(), serde_json::Error> {
        for item in items.as_array().into_iter().flatten() {
            serde_json::from_value::<T>(item.clone())?;
        }
        Ok(())
    }
    fn one<T: serde::de::DeserializeOwned>(value: &Value) -> Result<(), serde_json::Error> {
        serde_json::from_value::<T>(value.clone()).map(drop)
    }
    let (ty, decoded) = match operation {
        "createValidation"
        | "getValidation"
        | "getCurrentValidation"
        | "syncValidation"
        | "approveValidation"
        | "rejectValidation"
        | "cancelValidation" => ("Validation", one::<Validation>(json)),
        "listValidations" | "listEntityValidations" => {
            ("Validation", each::<Validation>(&json["validations"]))
        }
        "getEntityKycStatus" => ("EntityKycStatus", one::<EntityKycStatus>(json)),
        "getEntity" | "getEntityByExternalId" | "getEntityByTaxId" => {
            ("Entity", one::<Entity>(json))
        }
        "createEntity" => ("Entity", one::<Entity>(&json["entity"])),
        "listEntities" => ("Entity", each::<Entity>(&json["entities"])),
        "getIdVerification" => ("IdVerificationRecord", one::<IdVerificationRecord>(json)),
        "listIdVerifications" => (
            "IdVerificationRecord",
            each::<IdVerificationRecord>(&json["verifications"]),
        ),
        "getFaceMatch" => ("FaceMatchRecord", one::<FaceMatchRecord>(json)),
        "listFaceMatches" => (
            "FaceMatchRecord",
            each::<FaceMatchRecord>(&json["verifications"]),
        ),
        _ => return None,
    };
    decoded.err().map(|error| Finding {
        operation_id: operation.to_string(),
        severity: Severity::Breaking,
        kind: FindingKind::DecodeFailed,
        location: String::new(),
        message: format!(
            "this SDK's gu1_kyc::types::{ty} does not decode the answer ({:?} error)",
            error.classify()
        ),
    })
}

fn print(report: &Value, format: ContractFormat, run: &Run<'_>) -> Result<(), Failure> {
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let exercised = report["coverage"]["operations"]["exercised"]
        .as_array()
        .map_or(0, Vec::len);
    let total = exercised
        + report["coverage"]["operations"]["notExercised"]
            .as_array()
            .map_or(0, Vec::len);
    let text = |f: &Value, key: &str| f[key].as_str().unwrap_or("").to_string();
    match format {
        ContractFormat::Json => print_line(&report.to_string()),
        ContractFormat::Text => {
            let mut out = format!(
                "contract check of {}: {} requests, {exercised} of {total} operations exercised, {} findings\n",
                run.base,
                run.sent,
                findings.len()
            );
            for f in &findings {
                out.push_str(&format!(
                    "  {:<8} {:<26} {} at {}: {}\n",
                    text(f, "severity"),
                    text(f, "kind"),
                    text(f, "operationId"),
                    location_or_body(&text(f, "location")),
                    text(f, "message")
                ));
            }
            print_line(out.trim_end())
        }
        ContractFormat::Markdown => {
            let mut out = format!(
                "## Contract check\n\n{} requests; {exercised} of {total} operations exercised; {} findings.\n",
                run.sent,
                findings.len()
            );
            if !findings.is_empty() {
                out.push_str("\n| severity | operation | kind | location | what |\n| --- | --- | --- | --- | --- |\n");
                for f in &findings {
                    out.push_str(&format!(
                        "| {} | `{}` | `{}` | `{}` | {} |\n",
                        text(f, "severity"),
                        text(f, "operationId"),
                        text(f, "kind"),
                        location_or_body(&text(f, "location")),
                        text(f, "message").replace('|', "\\|")
                    ));
                }
            }
            print_line(out.trim_end())
        }
        ContractFormat::Junit => print_line(&junit(report)),
    }
}

fn location_or_body(location: &str) -> &str {
    if location.is_empty() {
        "(the answer)"
    } else {
        location
    }
}

/// JUnit XML: one test case per operation exercised, failed when it has a breaking finding.
fn junit(report: &Value) -> String {
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let exercised: Vec<String> = report["coverage"]["operations"]["exercised"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let failures = exercised
        .iter()
        .filter(|op| {
            findings
                .iter()
                .any(|f| f["operationId"] == op.as_str() && f["severity"] == "breaking")
        })
        .count();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"gu1-kyc contract\" tests=\"{}\" failures=\"{failures}\">\n",
        exercised.len()
    );
    for op in &exercised {
        out.push_str(&format!(
            "    <testcase classname=\"contract\" name=\"{}\">\n",
            xml(op)
        ));
        for f in findings.iter().filter(|f| f["operationId"] == op.as_str()) {
            let what = format!(
                "{} at {}: {}",
                f["kind"].as_str().unwrap_or(""),
                location_or_body(f["location"].as_str().unwrap_or("")),
                f["message"].as_str().unwrap_or("")
            );
            if f["severity"] == "breaking" {
                out.push_str(&format!(
                    "      <failure type=\"breaking\" message=\"{}\"/>\n",
                    xml(&what)
                ));
            } else {
                out.push_str(&format!(
                    "      <system-out>drift: {}</system-out>\n",
                    xml(&what)
                ));
            }
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>");
    out
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_this_sdk_cannot_decode_is_a_breaking_finding_without_its_values() {
        let good = json!({"id": "550e8400-e29b-41d4-a716-446655440000",
                          "entityId": "123e4567-e89b-12d3-a456-426614174000", "status": "approved"});
        assert_eq!(decode_failure("getValidation", 200, &good), None);
        let bad = json!({"id": "550e8400-e29b-41d4-a716-446655440000", "isCurrent": "Jane Doe", "entityId": "123e4567-e89b-12d3-a456-426614174000",
                         "status": "approved"});
        let finding = decode_failure("getValidation", 200, &bad).expect("a finding");
        assert_eq!(finding.kind, FindingKind::DecodeFailed);
        assert_eq!(finding.severity, Severity::Breaking);
        assert!(
            finding.message.contains("gu1_kyc::types::Validation"),
            "{finding:?}"
        );
        assert!(!finding.message.contains("Jane"), "{finding:?}");
        let list = json!({"validations": [good, bad]});
        assert!(decode_failure("listValidations", 200, &list).is_some());
        assert_eq!(
            decode_failure("getValidation", 404, &bad),
            None,
            "errors are not decoded as success"
        );
    }
}
