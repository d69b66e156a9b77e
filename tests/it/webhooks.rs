//! Webhook signatures and events: what verifies, what doesn't, and that nothing leaks.

use std::collections::BTreeSet;

use gu1_kyc::webhooks::{self, EntitySummary, LegacyWebhookData, WebhookSecret};
use gu1_kyc::{
    Error, ErrorKind,
    types::{ValidationStatus, WebhookEventType},
};
use serde_json::{Value, json};

const SECRET: &str = "whsec_test_5b1f0c9e";
const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";

fn secret() -> WebhookSecret {
    WebhookSecret::new(SECRET)
}

/// A webhook body from the spec's examples, byte for byte as stored in `tests/fixtures`.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn current_body() -> Vec<u8> {
    fixture("webhook_kyc_validation_approved")
}

fn legacy_body() -> Vec<u8> {
    fixture("webhook_legacy_validation_approved")
}

/// The current example, enriched with every kind of personal data a real delivery carries.
fn body_full_of_personal_data() -> Vec<u8> {
    let mut body: Value = serde_json::from_slice(&current_body()).expect("the fixture is JSON");
    let payload = &mut body["payload"];
    payload["providerSessionUrl"] = json!("https://verify.example.com/session_secret_url");
    payload["decision"]["id_verification"] = json!({
        "status": "Approved",
        "document_number": "AB123456",
        "full_name": "John Doe",
        "date_of_birth": "1990-01-15"
    });
    payload["extractedData"]["documentNumber"] = json!("AB123456");
    payload["extractedData"]["dateOfBirth"] = json!("1990-01-15");
    payload["entity"]["taxId"] = json!("20999900013");
    payload["somethingNew"] = json!({ "nickname": "Johnny" });
    serde_json::to_vec(&body).expect("the body serializes")
}

const PERSONAL_DATA: &[&str] = &[
    "John",
    "Doe",
    "Johnny",
    "AB123456",
    "1990-01-15",
    "20999900013",
    "session_secret_url",
];

fn webhook_error(result: Result<(), Error>) -> Error {
    let error = result.expect_err("verification fails");
    assert_eq!(error.kind(), ErrorKind::Webhook, "{error}");
    error
}

/// Flips one bit of `bytes`, numbered from the first byte's lowest bit.
fn flip_bit(bytes: &[u8], bit: usize) -> Vec<u8> {
    let mut flipped = bytes.to_vec();
    flipped[bit / 8] ^= 1 << (bit % 8);
    flipped
}

#[test]
fn a_signature_made_with_the_secret_verifies() {
    let body = current_body();
    let header = webhooks::sign(&secret(), &body);
    assert_eq!(header.len(), 64);
    assert_eq!(header, header.to_lowercase());
    webhooks::verify_signature(&secret(), &body, &header).expect("a genuine signature verifies");
}

#[test]
fn a_signature_matches_an_independent_hmac_sha256() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    let signature = webhooks::sign(&WebhookSecret::new("Jefe"), b"what do ya want for nothing?");
    assert_eq!(
        signature,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn a_one_byte_change_of_the_body_fails_verification() {
    let body = current_body();
    let header = webhooks::sign(&secret(), &body);
    let mut changed = body.clone();
    let at = changed
        .iter()
        .position(|&b| b == b'J')
        .expect("the body names John");
    changed[at] = b'K';
    let error = webhook_error(webhooks::verify_signature(&secret(), &changed, &header));
    assert!(error.to_string().contains("does not match"), "{error}");
}

#[test]
fn a_signature_made_with_another_secret_fails() {
    let body = current_body();
    let header = webhooks::sign(&WebhookSecret::new("whsec_someone_else"), &body);
    webhook_error(webhooks::verify_signature(&secret(), &body, &header));
}

#[test]
fn an_uppercase_hex_signature_verifies() {
    let body = legacy_body();
    let header = webhooks::sign(&secret(), &body).to_uppercase();
    webhooks::verify_signature(&secret(), &body, &header).expect("uppercase hex verifies");
}

#[test]
fn a_sha256_prefix_and_surrounding_whitespace_are_accepted() {
    let body = legacy_body();
    let digest = webhooks::sign(&secret(), &body);
    for header in [
        format!("sha256={digest}"),
        format!("SHA256={}", digest.to_uppercase()),
        format!("  sha256={digest}\r\n"),
        format!("\t{digest} "),
    ] {
        webhooks::verify_signature(&secret(), &body, &header)
            .unwrap_or_else(|e| panic!("{header:?} should verify: {e}"));
    }
}

#[test]
fn malformed_signature_headers_fail_with_kind_webhook_and_say_what_was_wrong() {
    let body = current_body();
    let digest = webhooks::sign(&secret(), &body);
    let cases = [
        (String::new(), "missing or empty"),
        ("   ".to_owned(), "missing or empty"),
        ("sha256=".to_owned(), "no digest"),
        (format!("g{}", &digest[1..]), "not hexadecimal"),
        ("zz".repeat(32), "not hexadecimal"),
        ("é".repeat(32), "not hexadecimal"),
        ("sha25é".to_owned() + &digest, "not hexadecimal"),
        ("sha256é".to_owned() + &digest, "not hexadecimal"),
        // A base64 digest of the same length class: the spec documents hex only.
        (
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=".to_owned(),
            "not hexadecimal",
        ),
        (digest[..63].to_owned(), "odd number"),
        (digest[..62].to_owned(), "wrong length"),
        (format!("{digest}00"), "wrong length"),
        (format!("sha256=sha256={digest}"), "not hexadecimal"),
        (format!("{digest},{digest}"), "not hexadecimal"),
    ];
    for (header, what) in cases {
        let error = webhook_error(webhooks::verify_signature(&secret(), &body, &header));
        let shown = error.to_string();
        assert!(shown.contains(what), "{header:?}: {shown}");
        if header.len() > 8 {
            assert!(!shown.contains(header.trim()), "the header leaked: {shown}");
        }
    }
}

#[test]
fn an_empty_secret_verifies_nothing() {
    let empty = WebhookSecret::new("");
    let body = legacy_body();
    let header = webhooks::sign(&empty, &body);
    let error = webhook_error(webhooks::verify_signature(&empty, &body, &header));
    assert!(error.to_string().contains("secret is empty"), "{error}");
}

#[test]
fn verify_and_parse_checks_the_signature_before_reading_the_body() {
    let error = webhooks::verify_and_parse(&secret(), b"not json at all", &"0".repeat(64))
        .expect_err("a bad signature fails");
    assert_eq!(error.kind(), ErrorKind::Webhook);

    let body = current_body();
    let header = webhooks::sign(&secret(), &body);
    let event = webhooks::verify_and_parse(&secret(), &body, &header).expect("a genuine event");
    assert_eq!(event.event_type, WebhookEventType::ValidationApproved);
}

#[test]
fn errors_never_show_the_secret_the_header_or_the_body() {
    let body = body_full_of_personal_data();
    let header = webhooks::sign(&WebhookSecret::new("whsec_someone_else"), &body);
    let mut errors = vec![
        webhook_error(webhooks::verify_signature(&secret(), &body, &header)),
        webhooks::verify_and_parse(&secret(), &body, &header).expect_err("a wrong signature"),
    ];
    // A genuine body gu1 might send in a shape this SDK can't read: the status is a number.
    let mut odd: Value = serde_json::from_slice(&body).expect("JSON");
    odd["payload"]["status"] = json!(42);
    let odd = serde_json::to_vec(&odd).expect("serializes");
    errors.push(
        webhooks::verify_and_parse(&secret(), &odd, &webhooks::sign(&secret(), &odd))
            .expect_err("a status that is not a string"),
    );
    errors.push(webhooks::parse_event(b"{\"event\": John Doe AB123456}").expect_err("not JSON"));

    for error in errors {
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains(SECRET), "the secret leaked: {shown}");
            assert!(!shown.contains(&header), "the header leaked: {shown}");
            for personal in PERSONAL_DATA {
                assert!(!shown.contains(personal), "{personal} leaked: {shown}");
            }
        }
    }
}

#[test]
fn the_secret_prints_as_redacted() {
    let shown = format!("{:?}", secret());
    assert!(!shown.contains(SECRET));
    assert!(shown.contains("[redacted]"));
}

#[test]
fn an_events_debug_output_hides_names_document_numbers_and_urls() {
    let event = webhooks::parse_event(&body_full_of_personal_data()).expect("the body decodes");
    let shown = format!("{event:?}");
    for personal in PERSONAL_DATA {
        assert!(!shown.contains(personal), "{personal} leaked: {shown}");
    }
    assert!(shown.contains(VALIDATION_ID), "IDs stay visible: {shown}");

    let legacy = webhooks::parse_event(&legacy_body()).expect("the legacy body decodes");
    let shown = format!("{legacy:?}");
    assert!(!shown.contains("John") && !shown.contains("Doe"), "{shown}");
}

#[test]
fn the_current_envelope_from_the_spec_parses() {
    let event = webhooks::parse_event(&current_body()).expect("the spec's example decodes");
    assert_eq!(event.event_type, WebhookEventType::ValidationApproved);
    assert_eq!(
        event.timestamp.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-01-15T10:45:00+00:00")
    );
    assert_eq!(event.organization_id.as_deref(), Some("org_abc123"));
    assert_eq!(event.validation_id().as_str(), VALIDATION_ID);
    assert_eq!(event.entity_id().map(|id| id.as_str()), Some(ENTITY_ID));
    assert_eq!(event.status(), ValidationStatus::Approved);

    let validation = event
        .validation()
        .expect("the current body carries the validation");
    assert!(validation.is_current);
    let names: Vec<&str> = validation.verified_field_names().collect();
    assert_eq!(names, ["firstName", "lastName"]);
    let first_name = validation
        .extracted_data
        .as_ref()
        .and_then(|d| d.first_name.as_ref())
        .map(|n| n.expose().as_str());
    assert_eq!(first_name, Some("John"));
    assert!(
        !validation.extra.expose().contains_key("entity"),
        "the entity is not left among the validation's unknown fields"
    );

    let entity = event.entity().expect("approved events carry the entity");
    assert_eq!(entity.id.as_str(), ENTITY_ID);
    assert_eq!(
        entity.name.as_ref().map(|n| n.expose().as_str()),
        Some("John Doe")
    );
    assert!(event.entity_summary().is_none());
}

#[test]
fn the_legacy_envelope_from_the_spec_parses() {
    let event = webhooks::parse_event(&legacy_body()).expect("the spec's example decodes");
    assert_eq!(event.event_type, WebhookEventType::ValidationApproved);
    assert_eq!(event.timestamp, None);
    assert_eq!(event.organization_id, None);
    assert_eq!(event.validation_id().as_str(), VALIDATION_ID);
    assert_eq!(event.entity_id().map(|id| id.as_str()), Some(ENTITY_ID));
    assert_eq!(event.status(), ValidationStatus::Approved);
    assert!(event.validation().is_none());
    assert!(event.entity().is_none());

    let summary = event
        .entity_summary()
        .expect("the legacy body has a summary");
    assert_eq!(summary.id.as_str(), ENTITY_ID);
    assert_eq!(
        summary.external_id.as_ref().map(|v| v.expose().as_str()),
        Some("customer-42")
    );
    assert_eq!(
        summary.name.as_ref().map(|n| n.expose().as_str()),
        Some("John Doe")
    );
    assert_eq!(
        summary.entity_type,
        Some(gu1_kyc::types::EntityType::Person)
    );
}

#[test]
fn a_legacy_body_without_an_entity_id_takes_it_from_the_summary() {
    let body = json!({
        "type": "kyc.validation_rejected",
        "data": { "validationId": VALIDATION_ID, "status": "rejected", "entity": { "id": ENTITY_ID } }
    });
    let event = webhooks::parse_event(body.to_string().as_bytes()).expect("decodes");
    assert_eq!(event.entity_id().map(|id| id.as_str()), Some(ENTITY_ID));

    let bare =
        json!({ "type": "kyc.validation_rejected", "data": { "validationId": VALIDATION_ID } });
    let event = webhooks::parse_event(bare.to_string().as_bytes()).expect("decodes");
    assert_eq!(event.entity_id(), None);
    assert_eq!(event.status(), ValidationStatus::Rejected);
}

#[test]
fn an_unknown_event_type_and_extra_fields_decode() {
    let body = json!({
        "event": "kyc.validation_on_hold",
        "timestamp": "2025-01-15T10:45:00Z",
        "deliveryId": "dlv_1",
        "environment": "Sandbox",
        "payload": {
            "id": VALIDATION_ID,
            "entityId": ENTITY_ID,
            "status": "on_hold",
            "riskLevel": { "score": 12 }
        }
    });
    let event = webhooks::parse_event(body.to_string().as_bytes()).expect("decodes");
    assert_eq!(
        event.event_type,
        WebhookEventType::Unknown("kyc.validation_on_hold".to_owned())
    );
    assert_eq!(
        event.status(),
        ValidationStatus::Unknown("on_hold".to_owned())
    );
    let validation = event.validation().expect("current body");
    assert!(validation.extra.expose().contains_key("riskLevel"));

    let legacy = json!({
        "type": "kyc.validation_on_hold",
        "data": { "validationId": VALIDATION_ID, "reviewer": "ops" },
        "version": 1
    });
    let event = webhooks::parse_event(legacy.to_string().as_bytes()).expect("decodes");
    assert!(event.event_type.is_unknown());
    assert_eq!(
        event.status(),
        ValidationStatus::Unknown("on_hold".to_owned()),
        "with no status, the event type names it"
    );
}

#[test]
fn all_eight_documented_event_types_map_to_their_variants() {
    let documented = [
        (
            "kyc.validation_created",
            WebhookEventType::ValidationCreated,
            ValidationStatus::Pending,
        ),
        (
            "kyc.validation_in_progress",
            WebhookEventType::ValidationInProgress,
            ValidationStatus::InProgress,
        ),
        (
            "kyc.validation_in_review",
            WebhookEventType::ValidationInReview,
            ValidationStatus::InReview,
        ),
        (
            "kyc.validation_approved",
            WebhookEventType::ValidationApproved,
            ValidationStatus::Approved,
        ),
        (
            "kyc.validation_rejected",
            WebhookEventType::ValidationRejected,
            ValidationStatus::Rejected,
        ),
        (
            "kyc.validation_abandoned",
            WebhookEventType::ValidationAbandoned,
            ValidationStatus::Abandoned,
        ),
        (
            "kyc.validation_expired",
            WebhookEventType::ValidationExpired,
            ValidationStatus::Expired,
        ),
        (
            "kyc.validation_cancelled",
            WebhookEventType::ValidationCancelled,
            ValidationStatus::Cancelled,
        ),
    ];
    assert_eq!(documented.len(), WebhookEventType::KNOWN.len());
    for (wire, variant, status) in documented {
        let current = json!({
            "event": wire,
            "payload": { "id": VALIDATION_ID, "entityId": ENTITY_ID, "status": status.as_str() }
        });
        let event = webhooks::parse_event(current.to_string().as_bytes()).expect(wire);
        assert_eq!(event.event_type, variant, "{wire}");
        assert_eq!(event.status(), status, "{wire}");

        // The older body with no status: the event type names it.
        let legacy = json!({ "type": wire, "data": { "validationId": VALIDATION_ID } });
        let event = webhooks::parse_event(legacy.to_string().as_bytes()).expect(wire);
        assert_eq!(event.event_type, variant, "{wire}");
        assert_eq!(event.status(), status, "{wire}");
    }
}

#[test]
fn a_status_in_the_body_wins_over_the_event_type() {
    let body = json!({
        "type": "kyc.validation_approved",
        "data": { "validationId": VALIDATION_ID, "status": "in_review" }
    });
    let event = webhooks::parse_event(body.to_string().as_bytes()).expect("decodes");
    assert_eq!(event.status(), ValidationStatus::InReview);
}

#[test]
fn a_body_that_is_not_an_event_fails_cleanly() {
    let bodies: [&[u8]; 9] = [
        b"",
        b"not json",
        b"{\"event\": \"kyc.validation_approved\"",
        b"[]",
        b"null",
        b"{}",
        b"{\"event\": \"kyc.validation_approved\"}",
        b"{\"payload\": {\"id\": \"x\", \"entityId\": \"y\", \"status\": \"approved\"}}",
        b"{\"event\": \"kyc.validation_approved\", \"payload\": {\"status\": \"approved\"}}",
    ];
    for body in bodies {
        let error = webhooks::parse_event(body).expect_err("not an event");
        assert_eq!(
            error.kind(),
            ErrorKind::Decode,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert!(error.to_string().contains("webhook body"), "{error}");
    }
    let invalid_utf8 = webhooks::parse_event(&[0xff, 0xfe, b'{']).expect_err("not UTF-8");
    assert_eq!(invalid_utf8.kind(), ErrorKind::Decode);
}

#[test]
fn the_idempotency_key_is_the_validation_id_and_the_status() {
    let current = webhooks::parse_event(&current_body()).expect("decodes");
    let legacy = webhooks::parse_event(&legacy_body()).expect("decodes");
    let expected = format!("{VALIDATION_ID}:approved");
    assert_eq!(current.idempotency_key(), expected);
    assert_eq!(
        legacy.idempotency_key(),
        expected,
        "both shapes of one event share a key"
    );
}

/// A deterministic xorshift generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next().to_le_bytes()[0]).collect()
    }
}

#[test]
fn signing_then_verifying_holds_for_many_bodies_and_any_flipped_bit_fails() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for round in 0..48 {
        let len = match round {
            0 => 0,
            1 => 1,
            2 => 64,
            _ => usize::try_from(rng.next() % 96).expect("small"),
        };
        let key_len = usize::try_from(1 + rng.next() % 80).expect("small");
        let secret = WebhookSecret::new(
            rng.bytes(key_len)
                .iter()
                .map(|b| char::from(b'!' + b % 94))
                .collect::<String>(),
        );
        let body = rng.bytes(len);
        let header = webhooks::sign(&secret, &body);
        webhooks::verify_signature(&secret, &body, &header)
            .unwrap_or_else(|e| panic!("round {round}: a fresh signature fails: {e}"));

        for bit in 0..body.len() * 8 {
            let tampered = flip_bit(&body, bit);
            let error = webhooks::verify_signature(&secret, &tampered, &header)
                .expect_err("a flipped body bit fails");
            assert_eq!(error.kind(), ErrorKind::Webhook, "round {round}, bit {bit}");
        }

        let digest: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&header[i * 2..i * 2 + 2], 16).expect("hex"))
            .collect();
        for bit in 0..digest.len() * 8 {
            let tampered: String = flip_bit(&digest, bit)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let error = webhooks::verify_signature(&secret, &body, &tampered)
                .expect_err("a flipped signature bit fails");
            assert_eq!(error.kind(), ErrorKind::Webhook, "round {round}, bit {bit}");
        }
    }
}

/// The property names of a component schema in the spec.
fn spec_properties(name: &str) -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/gu1-kyc.yaml");
    let text = std::fs::read_to_string(path).expect("the spec is readable");
    let spec: Value = serde_yaml_ng::from_str(&text).expect("the spec is YAML");
    spec["components"]["schemas"][name]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("the spec has no schema {name} with properties"))
        .keys()
        .cloned()
        .collect()
}

fn rust_properties<T: schemars::JsonSchema>() -> BTreeSet<String> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("a schema serializes");
    schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn the_legacy_body_types_match_the_schemas_they_stand_in_for() {
    assert_eq!(
        rust_properties::<LegacyWebhookData>(),
        spec_properties("LegacyKycWebhookData")
    );
    assert_eq!(
        rust_properties::<EntitySummary>(),
        spec_properties("EntitySummary")
    );
}
