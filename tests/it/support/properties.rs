//! Seeds, generators and mutations shared by the property tests.

use std::path::Path;

use gu1_kyc::{
    ErrorBody, ErrorKind,
    types::{
        Entity, EntityKycStatus, FaceMatchRecord, FaceMatchResult, IdVerificationRecord,
        IdVerificationResult, Validation, ValidationStatus,
    },
    webhooks,
};
use proptest::{prelude::*, sample::Index};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

pub const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
pub const GET_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";

// ---- seeds ---------------------------------------------------------------------------------

/// The response types, each with its decoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
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

pub const KINDS: [Kind; 9] = [
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
pub struct Seed {
    pub name: String,
    pub kind: Kind,
    pub value: Value,
}

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("fixture JSON")
}

/// Every response example among the fixtures, unwrapped from list and creation envelopes.
pub fn seeds() -> Vec<Seed> {
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
pub fn decode(kind: Kind, bytes: &[u8]) -> Result<(), String> {
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
pub fn decode_everything(bytes: &[u8]) {
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
pub const FIELD_NAMES: &[&str] = &[
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
pub fn interesting_string() -> impl Strategy<Value = String> {
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

pub fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FIELD_NAMES).prop_map(str::to_owned),
        1 => any::<String>(),
    ]
}

pub fn json_leaf() -> impl Strategy<Value = Value> {
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
pub fn json_tree() -> impl Strategy<Value = Value> {
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
pub enum Mutation {
    /// Removes a key of an object node.
    DropKey(Index, Index),
    /// Replaces a node with a random value.
    Replace(Index, Value),
    /// Adds an unknown key to an object node.
    InsertKey(Index, String, Value),
    /// Replaces a node with a string (often an unknown enum value).
    SetString(Index, String),
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
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
pub enum ByteEdit {
    None,
    Truncate(Index),
    Flip(Index, u8),
    Splice(Index, Vec<u8>),
}

pub fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        2 => Just(ByteEdit::None),
        2 => any::<Index>().prop_map(ByteEdit::Truncate),
        1 => (any::<Index>(), 1..=255u8).prop_map(|(i, x)| ByteEdit::Flip(i, x)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| ByteEdit::Splice(i, b)),
    ]
}

/// RFC 6901 pointers to every node of `value`, the root first.
pub fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
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

pub fn apply(value: &mut Value, mutation: &Mutation) {
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

pub fn edit(mut bytes: Vec<u8>, edit: &ByteEdit) -> Vec<u8> {
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
