//! Every operation of the spec is sent by exactly one public method, and `Operation` is the spec's
//! list of operations. Removing a public method (and its line here) leaves its operation unsent,
//! and this test names it.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
};

use crate::support::api::{Api, ENTITY_ID, FACE_MATCH_ID, ID_VERIFICATION_ID, VALIDATION_ID};
use gu1_kyc::{
    ImageInput, Operation, RetryPolicy,
    types::{EntityId, FaceMatchId, IdVerificationId, ValidationId},
};

/// A JPEG's first bytes: enough for the upload's format check.
fn jpeg() -> ImageInput {
    ImageInput::from_bytes(
        vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'],
        None,
    )
}

#[tokio::test]
async fn every_operation_is_sent_by_exactly_one_public_method() {
    let seen: Arc<Mutex<Vec<Operation>>> = Arc::default();
    let recorder = seen.clone();
    let api = Api::start_with(move |builder| {
        builder
            .retry_policy(RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            })
            .on_attempt(move |attempt| recorder.lock().unwrap().push(attempt.operation))
    })
    .await;
    let client = &api.client;
    let entity = EntityId::parse(ENTITY_ID).unwrap();
    let validation = ValidationId::parse(VALIDATION_ID).unwrap();
    let id_verification = IdVerificationId::parse(ID_VERIFICATION_ID).unwrap();
    let face_match = FaceMatchId::parse(FACE_MATCH_ID).unwrap();

    // Each line calls one public method; the catch-all answers, so each call fails, after
    // sending exactly the request the method makes.
    let mut sent: BTreeMap<&str, Vec<Operation>> = BTreeMap::new();
    macro_rules! calls {
        ($($name:literal => $call:expr;)*) => {$(
            let _ = $call.await;
            sent.insert($name, std::mem::take(&mut *seen.lock().unwrap()));
        )*};
    }
    calls! {
        "validations.create" => client.validations().create(&entity).send();
        "validations.get" => client.validations().get(&validation);
        "validations.current" => client.validations().current(&entity);
        "validations.history" => client.validations().history(&entity).send();
        "validations.list" => client.validations().list().send();
        "validations.sync" => client.validations().sync(&validation, false);
        "validations.approve" => client.validations().approve(&validation, "checked by hand");
        "validations.reject" => client.validations().reject(&validation, "checked by hand");
        "validations.cancel" => client.validations().cancel(&validation, "customer asked");
        "validations.entity_status" => client.validations().entity_status(&entity);
        "validations.media" => client.validations().media(&validation, "kyc/org/v/front.jpg");
        "id_verifications.create" => client.id_verifications().create(jpeg()).send();
        "id_verifications.list" => client.id_verifications().list().send();
        "id_verifications.get" => client.id_verifications().get(&id_verification);
        "id_verifications.front_image" => client.id_verifications().front_image(&id_verification);
        "id_verifications.back_image" => client.id_verifications().back_image(&id_verification);
        "face_matches.create" => client.face_matches().create(jpeg(), jpeg()).send();
        "face_matches.list" => client.face_matches().list().send();
        "face_matches.get" => client.face_matches().get(&face_match);
        "face_matches.document_image" => client.face_matches().document_image(&face_match);
        "face_matches.selfie_image" => client.face_matches().selfie_image(&face_match);
        "entities.create_person" => client.entities().create_person("Test Person", "AR").send();
        "entities.get" => client.entities().get(&entity);
        "entities.get_by_external_id" => client.entities().get_by_external_id("ext-1");
        "entities.get_by_tax_id" => client.entities().get_by_tax_id("20123456789");
        "entities.list" => client.entities().list().send();
    }

    let mut senders: BTreeMap<Operation, Vec<&str>> = BTreeMap::new();
    for (method, operations) in &sent {
        assert_eq!(
            operations.len(),
            1,
            "{method} sent {operations:?}: a public method sends exactly one request here"
        );
        senders.entry(operations[0]).or_default().push(method);
    }
    let unsent: Vec<_> = Operation::ALL
        .iter()
        .filter(|op| !senders.contains_key(op))
        .collect();
    assert!(
        unsent.is_empty(),
        "no public method sends {unsent:?}: each operation of the spec needs one"
    );
    let spec = gu1_kyc_spec::Spec::load_default().expect("openapi/gu1-kyc.yaml loads");
    for (operation, methods) in &senders {
        assert_eq!(methods.len(), 1, "{operation} is sent by {methods:?}");
        // The spec names the method too (`x-sdk-method`), for the diff's changelog.
        let named = spec
            .operation_by_id(operation.id())
            .and_then(|op| op.extension("x-sdk-method"))
            .and_then(|v| v.as_str())
            .map(|m| m.replace("()", ""));
        assert_eq!(
            named.as_deref(),
            Some(methods[0]),
            "x-sdk-method of {operation} in openapi/gu1-kyc.yaml"
        );
    }
    assert_eq!(api.unmatched().await, Operation::ALL.len());
}

#[test]
fn operation_lists_the_spec_operations_with_their_method_and_path() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/gu1-kyc.yaml"))
            .unwrap();
    let spec: serde_json::Value = serde_yaml_ng::from_str(&text).unwrap();
    let mut in_spec = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(id) = op.get("operationId").and_then(|v| v.as_str()) {
                in_spec.push((id.to_owned(), method.to_uppercase(), path.clone()));
            }
        }
    }
    let mut in_sdk: Vec<_> = Operation::ALL
        .iter()
        .map(|op| {
            (
                op.id().to_owned(),
                op.method().to_owned(),
                op.path().to_owned(),
            )
        })
        .collect();
    in_spec.sort();
    in_sdk.sort();
    assert_eq!(in_sdk, in_spec);
}

#[test]
fn file_responses_and_retry_marks_come_from_the_spec() {
    let mut streamed: Vec<_> = Operation::ALL
        .iter()
        .filter(|op| op.is_streamed())
        .map(|op| op.id())
        .collect();
    streamed.sort_unstable();
    assert_eq!(
        streamed,
        [
            "getFaceMatchDocumentImage",
            "getFaceMatchSelfieImage",
            "getIdVerificationBackImage",
            "getIdVerificationFrontImage",
            "getValidationMedia",
        ]
    );
    let repeatable_writes: Vec<_> = Operation::ALL
        .iter()
        .filter(|op| op.is_retry_safe() && op.method() != "GET")
        .map(|op| op.id())
        .collect();
    assert_eq!(repeatable_writes, ["syncValidation"]);
    let mut multipart: Vec<_> = Operation::ALL
        .iter()
        .filter(|op| op.is_multipart())
        .map(|op| op.id())
        .collect();
    multipart.sort_unstable();
    assert_eq!(multipart, ["createFaceMatch", "createIdVerification"]);
}
