//! Properties over generated input: every response type decodes or errors on random and mutated
//! JSON (never panics), and open enums keep the strings they do not know.

use crate::support::properties::*;
use gu1_kyc::{
    ErrorBody, ErrorCode,
    types::{
        Entity, EntityKycStatus, EntityStatus, EntityType, FaceMatchRecord, FaceMatchResult,
        FaceMatchStatus, IdVerificationRecord, IdVerificationResult, IdVerificationStatus,
        Validation, ValidationStatus, WarningCode, WebhookEventType,
    },
    webhooks::{self},
};
use proptest::prelude::*;
use serde_json::Value;

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
