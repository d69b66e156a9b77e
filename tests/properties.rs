//! Properties over generated input: every response type decodes or errors on random and mutated
//! JSON (never panics), open enums keep the strings they do not know, the client turns any body
//! into a value or a typed error, webhook verification accepts exactly the right signature, and
//! retries stay within their attempt count and the call's deadline.

mod misbehaving;

use std::{
    path::Path,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use gu1_kyc::{
    Client, Entity, EntityKycStatus, EntityType, ErrorBody, ErrorCode, ErrorKind, FaceMatchRecord,
    FaceMatchResult, FaceMatchStatus, IdVerificationRecord, IdVerificationResult,
    IdVerificationStatus, RetryPolicy, Validation, ValidationId, ValidationStatus, WarningCode,
    WebhookEventType,
    types::EntityStatus,
    webhooks::{self, WebhookSecret},
};
use hmac::{Hmac, Mac};
use misbehaving::{Behaviour, Misbehaving};
use proptest::{
    prelude::*,
    sample::Index,
    test_runner::{Config, TestRunner},
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};
use sha2::Sha256;

const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const GET_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";

// ---- seeds ---------------------------------------------------------------------------------

/// The response types, each with its decoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Validation,
    Entity,
    EntityKycStatus,
    IdVerificationRecord,
    IdVerificationResult,
    FaceMatchRecord,
    FaceMatchResult,
    Webhook,
    ErrorBody,
}

const KINDS: [Kind; 9] = [
    Kind::Validation,
    Kind::Entity,
    Kind::EntityKycStatus,
    Kind::IdVerificationRecord,
    Kind::IdVerificationResult,
    Kind::FaceMatchRecord,
    Kind::FaceMatchResult,
    Kind::Webhook,
    Kind::ErrorBody,
];

/// A response body from `tests/fixtures` and the type it is an example of.
#[derive(Clone, Debug)]
struct Seed {
    name: String,
    kind: Kind,
    value: Value,
}

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("fixture JSON")
}

/// Every response example among the fixtures, unwrapped from list and creation envelopes.
fn seeds() -> Vec<Seed> {
    let mut seeds = Vec::new();
    let mut add = |name: &str, kind: Kind, value: Value| {
        seeds.push(Seed {
            name: name.to_owned(),
            kind,
            value,
        })
    };
    for name in [
        "create_validation_201_created",
        "get_validation_200_approved",
        "get_validation_200_pending",
        "get_current_validation_200_current",
        "cancel_validation_200_cancelled",
    ] {
        add(name, Kind::Validation, fixture(name));
    }
    let history = fixture("list_entity_validations_200_history");
    for item in history["validations"].as_array().expect("validations") {
        add(
            "list_entity_validations_200_history",
            Kind::Validation,
            item.clone(),
        );
    }
    add(
        "entity_created_created",
        Kind::Entity,
        fixture("entity_created_created")["entity"].clone(),
    );
    add(
        "get_entity_kyc_status_200_verified",
        Kind::EntityKycStatus,
        fixture("get_entity_kyc_status_200_verified"),
    );
    add(
        "get_id_verification_200_stored",
        Kind::IdVerificationRecord,
        fixture("get_id_verification_200_stored"),
    );
    let list = fixture("list_id_verifications_200_list");
    for item in list["verifications"].as_array().expect("verifications") {
        add(
            "list_id_verifications_200_list",
            Kind::IdVerificationRecord,
            item.clone(),
        );
    }
    add(
        "create_id_verification_200_approved",
        Kind::IdVerificationResult,
        fixture("create_id_verification_200_approved"),
    );
    for name in ["get_face_match_200_approved", "get_face_match_200_failed"] {
        add(name, Kind::FaceMatchRecord, fixture(name));
    }
    add(
        "create_face_match_200_match",
        Kind::FaceMatchResult,
        fixture("create_face_match_200_match"),
    );
    for name in [
        "webhook_kyc_validation_approved",
        "webhook_legacy_validation_approved",
    ] {
        add(name, Kind::Webhook, fixture(name));
    }
    // Every error answer among the fixtures: `{"error", "message"}`.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
        .collect();
    names.sort();
    for name in names {
        let value = fixture(&name);
        let is_error = value.get("error").is_some_and(Value::is_string)
            && value.as_object().is_some_and(|o| o.len() <= 3);
        if is_error {
            add(&name, Kind::ErrorBody, value);
        }
    }
    seeds
}

/// Decodes `bytes` as `kind`; `Err` carries the message. Panics propagate to the runner.
fn decode(kind: Kind, bytes: &[u8]) -> Result<(), String> {
    fn typed<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<(), String> {
        let value: T = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        // What the SDK decoded, it can write and read back.
        let written = serde_json::to_vec(&value).expect("a decoded value serializes");
        if let Err(e) = serde_json::from_slice::<T>(&written) {
            panic!("re-decoding what the SDK wrote failed: {e}");
        }
        Ok(())
    }
    match kind {
        Kind::Validation => typed::<Validation>(bytes),
        Kind::Entity => typed::<Entity>(bytes),
        Kind::EntityKycStatus => typed::<EntityKycStatus>(bytes),
        Kind::IdVerificationRecord => typed::<IdVerificationRecord>(bytes),
        Kind::IdVerificationResult => typed::<IdVerificationResult>(bytes),
        Kind::FaceMatchRecord => typed::<FaceMatchRecord>(bytes),
        Kind::FaceMatchResult => typed::<FaceMatchResult>(bytes),
        Kind::ErrorBody => typed::<ErrorBody>(bytes),
        Kind::Webhook => match webhooks::parse_event(bytes) {
            Ok(event) => {
                // The accessors read whatever shape was decoded.
                let _ = (
                    event.status(),
                    event.validation_id(),
                    event.idempotency_key(),
                );
                let _ = format!("{event:?}");
                Ok(())
            }
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Decode, "{e:?}");
                Err(e.to_string())
            }
        },
    }
}

/// Decodes `bytes` as every response type, from bytes and from a `Value`; never panics.
fn decode_everything(bytes: &[u8]) {
    for kind in KINDS {
        let _ = decode(kind, bytes);
    }
    if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
        // `from_value` takes another path through `#[serde(flatten)]` than `from_slice`.
        let _ = serde_json::from_value::<Validation>(value.clone());
        let _ = serde_json::from_value::<Entity>(value.clone());
        let _ = serde_json::from_value::<EntityKycStatus>(value.clone());
        let _ = serde_json::from_value::<IdVerificationRecord>(value.clone());
        let _ = serde_json::from_value::<IdVerificationResult>(value.clone());
        let _ = serde_json::from_value::<FaceMatchRecord>(value.clone());
        let _ = serde_json::from_value::<FaceMatchResult>(value.clone());
        let _ = serde_json::from_value::<ErrorBody>(value);
    }
}

// ---- generators ----------------------------------------------------------------------------

/// Field names the response types know, so random objects reach their decoders' branches.
const FIELD_NAMES: &[&str] = &[
    "id",
    "entityId",
    "organizationId",
    "status",
    "type",
    "event",
    "payload",
    "data",
    "entity",
    "validationId",
    "verificationId",
    "timestamp",
    "createdAt",
    "updatedAt",
    "expiresAt",
    "verifiedAt",
    "isCurrent",
    "decision",
    "extractedData",
    "warnings",
    "metadata",
    "match",
    "score",
    "error",
    "message",
    "hasKyc",
    "isVerified",
    "currentValidation",
    "storageProvider",
    "sessionId",
    "validationSessionId",
    "providerSessionUrl",
    "verifiedFields",
    "documentsVerified",
    "kycData",
    "attributes",
    "riskScore",
];

/// Strings that look like what the API sends, or almost.
fn interesting_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(VALIDATION_ID.to_owned()),
        Just("550e8400-e29b-41d4-a716-44665544000".to_owned()),
        Just("2025-01-15T10:45:00Z".to_owned()),
        Just("2025-02-30T25:61:00Z".to_owned()),
        Just("".to_owned()),
        Just("Approved".to_owned()),
        Just("kyc.validation_approved".to_owned()),
        Just("1e999".to_owned()),
        Just("\u{0}\u{feff}é漢🦀".to_owned()),
        "[a-zA-Z_.]{0,24}",
        prop::sample::select(ValidationStatus::WIRE_VALUES).prop_map(str::to_owned),
    ]
}

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FIELD_NAMES).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        any::<String>().prop_map(Value::String),
        interesting_string().prop_map(Value::String),
    ]
}

/// A random JSON tree, at most 4 levels deep.
fn json_tree() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((json_key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One change to a JSON tree, at a node chosen by index among its nodes.
#[derive(Clone, Debug)]
enum Mutation {
    /// Removes a key of an object node.
    DropKey(Index, Index),
    /// Replaces a node with a random value.
    Replace(Index, Value),
    /// Adds an unknown key to an object node.
    InsertKey(Index, String, Value),
    /// Replaces a node with a string (often an unknown enum value).
    SetString(Index, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(n, k)| Mutation::DropKey(n, k)),
        (any::<Index>(), json_tree()).prop_map(|(n, v)| Mutation::Replace(n, v)),
        (any::<Index>(), json_key(), json_tree())
            .prop_map(|(n, k, v)| Mutation::InsertKey(n, k, v)),
        (any::<Index>(), interesting_string()).prop_map(|(n, s)| Mutation::SetString(n, s)),
    ]
}

/// A change to the serialized bytes.
#[derive(Clone, Debug)]
enum ByteEdit {
    None,
    Truncate(Index),
    Flip(Index, u8),
    Splice(Index, Vec<u8>),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        2 => Just(ByteEdit::None),
        2 => any::<Index>().prop_map(ByteEdit::Truncate),
        1 => (any::<Index>(), 1..=255u8).prop_map(|(i, x)| ByteEdit::Flip(i, x)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| ByteEdit::Splice(i, b)),
    ]
}

/// RFC 6901 pointers to every node of `value`, the root first.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn apply(value: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    let objects: Vec<&String> = all
        .iter()
        .filter(|p| value.pointer(p).is_some_and(Value::is_object))
        .collect();
    match mutation {
        Mutation::DropKey(node, key) => {
            if objects.is_empty() {
                return;
            }
            let at = node.get(&objects).to_string();
            let map = value
                .pointer_mut(&at)
                .and_then(Value::as_object_mut)
                .unwrap();
            if !map.is_empty() {
                let name = key.get(&map.keys().cloned().collect::<Vec<_>>()).clone();
                map.remove(&name);
            }
        }
        Mutation::Replace(node, new) => {
            let at = node.get(&all).clone();
            *value.pointer_mut(&at).unwrap() = new.clone();
        }
        Mutation::InsertKey(node, key, new) => {
            if objects.is_empty() {
                return;
            }
            let at = node.get(&objects).to_string();
            let map = value
                .pointer_mut(&at)
                .and_then(Value::as_object_mut)
                .unwrap();
            map.insert(key.clone(), new.clone());
        }
        Mutation::SetString(node, text) => {
            let at = node.get(&all).clone();
            *value.pointer_mut(&at).unwrap() = Value::String(text.clone());
        }
    }
}

fn edit(mut bytes: Vec<u8>, edit: &ByteEdit) -> Vec<u8> {
    match edit {
        ByteEdit::None => {}
        ByteEdit::Truncate(at) => bytes.truncate(at.index(bytes.len() + 1)),
        ByteEdit::Flip(at, x) => {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] ^= x;
            }
        }
        ByteEdit::Splice(at, extra) => {
            let i = at.index(bytes.len() + 1);
            bytes.splice(i..i, extra.iter().copied());
        }
    }
    bytes
}

// ---- 1. decoding never panics --------------------------------------------------------------

#[test]
fn every_seed_decodes_as_its_type() {
    let seeds = seeds();
    assert!(seeds.len() >= 20, "only {} seeds", seeds.len());
    for kind in KINDS {
        assert!(seeds.iter().any(|s| s.kind == kind), "no seed for {kind:?}");
    }
    for seed in &seeds {
        let bytes = serde_json::to_vec(&seed.value).unwrap();
        if let Err(e) = decode(seed.kind, &bytes) {
            panic!("{} does not decode as {:?}: {e}", seed.name, seed.kind);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Fixtures with keys dropped, values replaced by other types, unknown keys and strings
    /// inserted, then serialized, maybe pretty, maybe cut, flipped or spliced.
    #[test]
    fn mutated_fixtures_decode_or_error_without_panicking(
        seed in prop::sample::select(seeds()),
        mutations in prop::collection::vec(mutation(), 0..5),
        pretty in any::<bool>(),
        bytes_edit in byte_edit(),
    ) {
        let mut value = seed.value.clone();
        for m in &mutations {
            apply(&mut value, m);
        }
        let bytes = if pretty {
            serde_json::to_vec_pretty(&value).unwrap()
        } else {
            serde_json::to_vec(&value).unwrap()
        };
        let bytes = edit(bytes, &bytes_edit);
        let _ = decode(seed.kind, &bytes);
        decode_everything(&bytes);
        // Unknown keys never make a seed fail: only the changes to known fields can.
        if mutations.iter().all(|m| matches!(m, Mutation::InsertKey(..)))
            && matches!(bytes_edit, ByteEdit::None)
        {
            let mut only_unknown = seed.value.clone();
            for m in &mutations {
                if let Mutation::InsertKey(_, key, _) = m
                    && !FIELD_NAMES.contains(&key.as_str())
                    && let Some(map) = only_unknown.as_object_mut()
                {
                    map.insert(key.clone(), Value::Null);
                }
            }
            let bytes = serde_json::to_vec(&only_unknown).unwrap();
            prop_assert!(decode(seed.kind, &bytes).is_ok(), "{}: unknown top-level keys broke decoding", seed.name);
        }
    }

    /// Fully random JSON trees, and random bytes.
    #[test]
    fn random_json_and_bytes_decode_or_error_without_panicking(
        tree in json_tree(),
        bytes in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        decode_everything(&serde_json::to_vec(&tree).unwrap());
        decode_everything(&bytes);
    }
}

// ---- 2. open enums keep what they do not know ----------------------------------------------

/// A random wire string: a documented value in random case, or anything at all.
fn enum_string(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        (
            prop::sample::select(known),
            prop::collection::vec(any::<bool>(), 32)
        )
            .prop_map(|(wire, upper)| wire
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
                .collect()),
        any::<String>(),
        "[a-z_.]{1,20}",
    ]
}

/// The open-enum contract: a documented value matched case-insensitively, anything else kept
/// exactly as sent.
fn kept(as_str: &str, is_unknown: bool, sent: &str, known: &[&str]) -> Result<(), TestCaseError> {
    if is_unknown {
        prop_assert_eq!(as_str, sent);
        prop_assert!(
            !known.iter().any(|k| k.eq_ignore_ascii_case(sent)),
            "{sent:?} is documented but decoded as unknown"
        );
    } else {
        prop_assert!(
            as_str.eq_ignore_ascii_case(sent),
            "{sent:?} decoded as {as_str:?}"
        );
        prop_assert!(known.contains(&as_str));
    }
    Ok(())
}

fn with(seed: &str, pointer: &str, text: &str) -> Vec<u8> {
    let mut value = fixture(seed);
    *value.pointer_mut(pointer).expect("pointer") = Value::String(text.to_owned());
    serde_json::to_vec(&value).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn an_unknown_validation_status_or_warning_is_kept(s in enum_string(ValidationStatus::WIRE_VALUES), w in enum_string(WarningCode::WIRE_VALUES)) {
        let v: Validation = serde_json::from_slice(&with("get_validation_200_pending", "/status", &s)).unwrap();
        kept(v.status.as_str(), v.status.is_unknown(), &s, ValidationStatus::WIRE_VALUES)?;
        // Written back as it came when unknown.
        if v.status.is_unknown() {
            let written = serde_json::to_value(&v).unwrap();
            prop_assert_eq!(written["status"].as_str(), Some(s.as_str()));
        }
        let mut value = fixture("get_validation_200_pending");
        value["warnings"] = serde_json::json!([w]);
        let v: Validation = serde_json::from_value(value).unwrap();
        kept(v.warnings[0].as_str(), v.warnings[0].is_unknown(), &w, WarningCode::WIRE_VALUES)?;
    }

    #[test]
    fn unknown_entity_types_and_statuses_are_kept(t in enum_string(EntityType::WIRE_VALUES), s in enum_string(EntityStatus::WIRE_VALUES)) {
        let mut value = fixture("entity_created_created")["entity"].clone();
        value["type"] = Value::String(t.clone());
        value["status"] = Value::String(s.clone());
        let e: Entity = serde_json::from_value(value).unwrap();
        kept(e.entity_type.as_str(), e.entity_type.is_unknown(), &t, EntityType::WIRE_VALUES)?;
        let status = e.status.unwrap();
        kept(status.as_str(), status.is_unknown(), &s, EntityStatus::WIRE_VALUES)?;
    }

    #[test]
    fn unknown_record_statuses_are_kept(i in enum_string(IdVerificationStatus::WIRE_VALUES), f in enum_string(FaceMatchStatus::WIRE_VALUES)) {
        let r: IdVerificationRecord = serde_json::from_slice(&with("get_id_verification_200_stored", "/status", &i)).unwrap();
        kept(r.status.as_str(), r.status.is_unknown(), &i, IdVerificationStatus::WIRE_VALUES)?;
        let r: IdVerificationResult = serde_json::from_slice(&with("create_id_verification_200_approved", "/status", &i)).unwrap();
        kept(r.status.as_str(), r.status.is_unknown(), &i, IdVerificationStatus::WIRE_VALUES)?;
        let r: FaceMatchRecord = serde_json::from_slice(&with("get_face_match_200_approved", "/status", &f)).unwrap();
        kept(r.status.as_str(), r.status.is_unknown(), &f, FaceMatchStatus::WIRE_VALUES)?;
        let r: FaceMatchResult = serde_json::from_slice(&with("create_face_match_200_match", "/status", &f)).unwrap();
        kept(r.status.as_str(), r.status.is_unknown(), &f, FaceMatchStatus::WIRE_VALUES)?;
        let k: EntityKycStatus = serde_json::from_slice(&with("get_entity_kyc_status_200_verified", "/currentValidation/status", &i)).unwrap();
        let status = k.current_validation.unwrap().status;
        kept(status.as_str(), status.is_unknown(), &i, ValidationStatus::WIRE_VALUES)?;
    }

    #[test]
    fn unknown_webhook_events_statuses_and_error_codes_are_kept(e in enum_string(WebhookEventType::WIRE_VALUES), s in enum_string(ValidationStatus::WIRE_VALUES), c in enum_string(ErrorCode::WIRE_VALUES)) {
        for (seed, event_at, status_at) in [
            ("webhook_kyc_validation_approved", "/event", "/payload/status"),
            ("webhook_legacy_validation_approved", "/type", "/data/status"),
        ] {
            let mut value = fixture(seed);
            *value.pointer_mut(event_at).unwrap() = Value::String(e.clone());
            *value.pointer_mut(status_at).unwrap() = Value::String(s.clone());
            let event = webhooks::parse_event(&serde_json::to_vec(&value).unwrap()).unwrap();
            kept(event.event_type.as_str(), event.event_type.is_unknown(), &e, WebhookEventType::WIRE_VALUES)?;
            let status = event.status();
            kept(status.as_str(), status.is_unknown(), &s, ValidationStatus::WIRE_VALUES)?;
        }
        let body: ErrorBody = serde_json::from_slice(&with("rate_limited_rate_limited", "/error", &c)).unwrap();
        let code = body.error.unwrap();
        kept(code.as_str(), code.is_unknown(), &c, ErrorCode::WIRE_VALUES)?;
    }
}

// ---- 3. any body through the client --------------------------------------------------------

/// A body the loopback server answers with: random bytes, a random JSON tree, or a mutated
/// validation.
fn response_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        json_tree().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        (prop::collection::vec(mutation(), 0..4), byte_edit()).prop_map(|(ms, e)| {
            let mut value = fixture("get_validation_200_pending");
            for m in &ms {
                apply(&mut value, m);
            }
            edit(serde_json::to_vec(&value).unwrap(), &e)
        }),
    ]
}

#[test]
fn any_response_body_is_a_value_or_a_typed_error() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer: Arc<Mutex<Behaviour>> = Arc::new(Mutex::new(Behaviour::html(500)));
    let scripted = answer.clone();
    let server = runtime.block_on(Misbehaving::start(move |_, _| {
        scripted.lock().unwrap().clone()
    }));
    let client = Client::builder()
        .api_key("gk_test_key")
        .base_url(&server.base_url)
        .retry_policy(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let id = ValidationId::parse(VALIDATION_ID).unwrap();
    let content_types = ["application/json", "text/html", "application/octet-stream"];

    let mut runner = TestRunner::new(Config::with_cases(32));
    runner
        .run(
            &(
                response_body(),
                prop::sample::select(vec![200u16, 400, 404, 409, 422, 500]),
                prop::sample::select(content_types.to_vec()),
            ),
            |(body, status, content_type)| {
                *answer.lock().unwrap() = Behaviour::Reply {
                    status,
                    headers: vec![("content-type".into(), content_type.into())],
                    body: body.clone(),
                };
                let before = server.count("GET", GET_PATH);
                let result = runtime.block_on(client.validations().get(&id));
                prop_assert_eq!(server.count("GET", GET_PATH), before + 1);
                match result {
                    Ok(validation) => {
                        prop_assert_eq!(status, 200);
                        // Whatever decoded is what a direct decode of the body gives.
                        let direct: Validation = serde_json::from_slice(&body).unwrap();
                        prop_assert_eq!(validation, direct);
                    }
                    Err(error) if status == 200 => {
                        prop_assert_eq!(error.kind(), ErrorKind::Decode, "{:?}", error);
                        prop_assert!(serde_json::from_slice::<Validation>(&body).is_err());
                    }
                    Err(error) => {
                        prop_assert_eq!(error.kind(), ErrorKind::Api, "{:?}", error);
                        prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                        prop_assert_eq!(error.attempts(), 1);
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}

// ---- 4. webhook verification ---------------------------------------------------------------

/// The signature computed here, independently of the SDK.
fn hmac_hex(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Headers a receiver may be handed: anything, or something shaped like a signature.
fn signature_header() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-fA-F]{0,80}",
        "(sha256=|SHA256=|sha256:|sha1=)?[0-9a-f]{63,65}",
        "[ \t]*(sha256=)?[0-9a-fA-FgG]{64}[ \t\n]*",
        "sha256=.{0,70}",
        Just("sha256=".to_owned()),
        Just("é".repeat(32)),
        Just(format!("sha256={}", "ä".repeat(32))),
        prop::collection::vec(any::<u8>(), 0..80)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// The digest a header carries, read the way the documentation promises (trimmed, optional
/// `sha256=` in any case, hex in any case), or `None`.
fn documented_digest(header: &str) -> Option<String> {
    let header = header.trim();
    let hex = match header.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("sha256=") => &header[7..],
        _ => header,
    };
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn verification_never_panics_and_accepts_only_the_right_digest(
        secret in ".{0,40}",
        body in prop::collection::vec(any::<u8>(), 0..300),
        header in signature_header(),
    ) {
        let result = webhooks::verify_and_parse(&WebhookSecret::new(secret.clone()), &body, &header);
        let right = !secret.is_empty()
            && documented_digest(&header) == Some(hmac_hex(&secret, &body));
        match result {
            Err(e) if e.kind() == ErrorKind::Webhook => prop_assert!(!right, "the right signature was refused: {e}"),
            Err(e) => {
                prop_assert!(right, "a wrong signature got past verification: {e}");
                prop_assert_eq!(e.kind(), ErrorKind::Decode);
            }
            Ok(_) => prop_assert!(right, "a wrong signature was accepted"),
        }
        let checked = webhooks::verify_signature(&WebhookSecret::new(secret), &body, &header);
        prop_assert_eq!(checked.is_ok(), right);
    }

    #[test]
    fn a_correctly_signed_body_always_verifies(
        secret in ".{1,64}",
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..300),
            json_tree().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        ],
        prefix in prop::sample::select(vec!["", "sha256=", "SHA256=", "Sha256="]),
        upper in any::<bool>(),
        padding in "[ \t]{0,3}",
        flip in any::<Index>(),
    ) {
        let hex = hmac_hex(&secret, &body);
        prop_assert_eq!(&webhooks::sign(&WebhookSecret::new(secret.clone()), &body), &hex);
        let digest = if upper { hex.to_ascii_uppercase() } else { hex.clone() };
        let header = format!("{padding}{prefix}{digest}{padding}");
        let key = WebhookSecret::new(secret.clone());
        prop_assert!(webhooks::verify_signature(&key, &body, &header).is_ok(), "{header:?}");
        match webhooks::verify_and_parse(&key, &body, &header) {
            Ok(_) => {}
            Err(e) => prop_assert_eq!(e.kind(), ErrorKind::Decode, "{}", e),
        }
        // Changing one digit of the digest makes it fail.
        let mut wrong = hex.into_bytes();
        let i = flip.index(wrong.len());
        wrong[i] = if wrong[i] == b'0' { b'1' } else { b'0' };
        let wrong = String::from_utf8(wrong).unwrap();
        let refused = webhooks::verify_and_parse(&key, &body, &wrong).unwrap_err();
        prop_assert_eq!(refused.kind(), ErrorKind::Webhook);
        // The error never quotes the header or the secret.
        prop_assert!(!refused.to_string().contains(&wrong));
    }
}

// ---- 5. retries within their count and the deadline ----------------------------------------

#[derive(Clone, Debug)]
struct RetryCase {
    policy: RetryPolicy,
    deadline: Duration,
    timeout: Duration,
    silent: bool,
    retry_after: Option<&'static str>,
}

fn retry_case() -> impl Strategy<Value = RetryCase> {
    (
        0..4u32,
        0..20u64,
        0..50u64,
        50..300u64,
        20..300u64,
        prop::bool::weighted(0.25),
        prop::sample::select(vec![None, Some("0"), Some("1")]),
    )
        .prop_map(
            |(max_retries, base, max, deadline, timeout, silent, retry_after)| RetryCase {
                policy: RetryPolicy {
                    max_retries,
                    base_delay: Duration::from_millis(base),
                    max_delay: Duration::from_millis(max),
                },
                deadline: Duration::from_millis(deadline),
                timeout: Duration::from_millis(timeout),
                silent,
                retry_after,
            },
        )
}

#[test]
fn retries_stay_within_their_count_and_the_deadline() {
    const MARGIN: Duration = Duration::from_millis(150);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer: Arc<Mutex<Behaviour>> = Arc::new(Mutex::new(Behaviour::Silent));
    let scripted = answer.clone();
    let server = runtime.block_on(Misbehaving::start(move |_, _| {
        scripted.lock().unwrap().clone()
    }));
    let id = ValidationId::parse(VALIDATION_ID).unwrap();

    let mut runner = TestRunner::new(Config::with_cases(16));
    runner
        .run(&retry_case(), |case| {
            *answer.lock().unwrap() = if case.silent {
                Behaviour::Silent
            } else {
                let reply = Behaviour::json(
                    503,
                    &serde_json::json!({"error": "SERVICE_UNAVAILABLE", "message": "down"}),
                );
                match case.retry_after {
                    Some(seconds) => reply.with_header("retry-after", seconds),
                    None => reply,
                }
            };
            let client = Client::builder()
                .api_key("gk_test_key")
                .base_url(&server.base_url)
                .retry_policy(case.policy.clone())
                .deadline(case.deadline)
                .timeout(case.timeout)
                .build()
                .unwrap();
            let before = server.count("GET", GET_PATH);
            let started = Instant::now();
            let error = runtime
                .block_on(client.validations().get(&id))
                .expect_err("the server never succeeds");
            let elapsed = started.elapsed();
            let seen = (server.count("GET", GET_PATH) - before) as u32;
            let most = case.policy.max_retries + 1;

            prop_assert!(
                elapsed <= case.deadline + MARGIN,
                "took {:?} with a deadline of {:?}",
                elapsed,
                case.deadline
            );
            prop_assert!(error.attempts() >= 1);
            prop_assert!(error.attempts() <= most, "{} attempts", error.attempts());
            prop_assert!(seen <= most, "the server saw {seen} requests");
            if error.kind() == ErrorKind::Api {
                // Every attempt was answered, so each one reached the server.
                prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
                prop_assert_eq!(seen, error.attempts());
            } else {
                // An attempt cut short by the deadline may end before its request arrives.
                prop_assert!(error.is_timeout(), "{:?}", error);
                prop_assert!(seen <= error.attempts() && seen + 1 >= error.attempts());
            }
            if case.retry_after == Some("1") && !case.silent {
                // Asked to wait longer than max_delay (< 50 ms): the client gives up at once.
                prop_assert_eq!(error.attempts(), 1);
            }
            if case.silent {
                prop_assert!(error.is_timeout(), "{:?}", error);
            }
            Ok(())
        })
        .unwrap();
}
