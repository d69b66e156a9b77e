//! The workspace's spec, walked: the facts about it that the xtask, the sandbox's tests and the
//! SDK's build rely on.

use gu1_kyc_spec::Spec;

fn spec() -> Spec {
    Spec::load_default().expect("openapi/gu1-kyc.yaml loads")
}

#[test]
fn the_spec_parses_and_every_operation_has_its_typed_twin() {
    let spec = spec();
    assert!(spec.typed.is_ok(), "{:?}", spec.typed.as_ref().err());
    let operations: Vec<_> = spec.operations().collect();
    assert_eq!(operations.len(), 26);
    for op in &operations {
        let typed = op
            .typed()
            .unwrap_or_else(|| panic!("{}: no typed operation", op.label()));
        assert_eq!(typed.operation_id.as_deref(), op.operation_id());
    }
}

#[test]
fn only_sync_validation_is_retry_safe_beyond_reads() {
    let spec = spec();
    let marked: Vec<String> = spec
        .operations()
        .filter(|op| !matches!(op.method(), "get" | "head") && op.is_retry_safe())
        .map(|op| op.label())
        .collect();
    assert_eq!(
        marked,
        ["POST /api/kyc/validations/{id}/sync (syncValidation)"]
    );
}
