//! One job: turn `openapi/gu1-kyc.yaml` into a client with progenitor, in `$OUT_DIR/codegen.rs`,
//! the table of its operations (`Operation`), in `$OUT_DIR/operations.rs`, and what each
//! generated builder sends (`Request`), in `$OUT_DIR/requests.rs`. The spec is read
//! through the light core of `gu1-kyc-spec`, the reader the sandbox and the xtask share.
//!
//! Rule for what is generated: every operation of the spec except those whose request body is
//! `multipart/form-data` only (ID-verification upload and face match), which progenitor cannot
//! generate; the hand-written layer implements those with reqwest's multipart support.

use std::{env, fs, path::Path};

#[path = "build/operations.rs"]
mod operations;
#[path = "build/requests.rs"]
mod requests;

const SPEC: &str = "openapi/gu1-kyc.yaml";

/// Schemas whose Rust type is hand-written (open enums, typed IDs, redacting models).
const REPLACEMENTS: &[(&str, &str)] = &[
    ("ErrorCode", "crate::error::ErrorCode"),
    ("Error", "crate::error::ErrorBody"),
    ("ValidationId", "crate::types::ValidationId"),
    ("EntityId", "crate::types::EntityId"),
    ("IdVerificationId", "crate::types::IdVerificationId"),
    ("FaceMatchId", "crate::types::FaceMatchId"),
    ("ValidationStatus", "crate::types::ValidationStatus"),
    ("IdVerificationStatus", "crate::types::IdVerificationStatus"),
    ("FaceMatchStatus", "crate::types::FaceMatchStatus"),
    ("EntityType", "crate::types::EntityType"),
    ("WarningCode", "crate::types::WarningCode"),
    ("KycValidation", "crate::types::Validation"),
    ("EntityKycStatus", "crate::types::EntityKycStatus"),
    ("IdVerificationRecord", "crate::types::IdVerificationRecord"),
    ("FaceMatchRecord", "crate::types::FaceMatchRecord"),
    ("Entity", "crate::types::Entity"),
    ("EntityStatus", "crate::types::EntityStatus"),
    ("StorageProvider", "crate::types::StorageProvider"),
    ("DecisionStatus", "crate::types::DecisionStatus"),
    ("WebhookEventType", "crate::types::WebhookEventType"),
    // The closed forms that requests take stand for the same open types: the SDK sends known
    // values and keeps the open type's `Other` for what a newer server answers.
    ("KnownValidationStatus", "crate::types::ValidationStatus"),
    (
        "KnownIdVerificationStatus",
        "crate::types::IdVerificationStatus",
    ),
    ("KnownFaceMatchStatus", "crate::types::FaceMatchStatus"),
    ("KnownEntityType", "crate::types::EntityType"),
    ("KnownEntityStatus", "crate::types::EntityStatus"),
];

fn main() {
    println!("cargo:rerun-if-changed={SPEC}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/operations.rs");
    println!("cargo:rerun-if-changed=build/requests.rs");
    let spec = gu1_kyc_spec::Spec::from_path(Path::new(SPEC))
        .expect("read openapi/gu1-kyc.yaml (run from the crate root; `cargo xtask lint` explains a YAML error)");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(
        Path::new(&out_dir).join("operations.rs"),
        operations::generate(&spec),
    )
    .expect("write $OUT_DIR/operations.rs");
    let spec: openapiv3::OpenAPI = serde_json::from_value(without_multipart_operations(&spec))
        .expect("openapi/gu1-kyc.yaml is not OpenAPI 3.0: run `cargo xtask lint`");

    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_inner_type(quote_inner())
        .with_derive("PartialEq");
    for (schema, rust_type) in REPLACEMENTS {
        settings.with_replacement(schema, rust_type, std::iter::empty());
    }
    let tokens = progenitor::Generator::new(&settings)
        .generate_tokens(&spec)
        .expect("progenitor rejected openapi/gu1-kyc.yaml: run `cargo xtask lint` for the reason");
    let file = syn::parse2(tokens).expect("progenitor produced code that does not parse");
    fs::write(
        Path::new(&out_dir).join("requests.rs"),
        requests::generate(&file),
    )
    .expect("write $OUT_DIR/requests.rs");
    let code = format!(
        "// generated from openapi/gu1-kyc.yaml; do not edit (cargo xtask codegen refreshes the snapshot)\n{}",
        // progenitor's usage snippets are marked `ignore`; as private docs they are text, not tests.
        prettyplease::unparse(&file).replace("```ignore", "```text")
    );
    let out = Path::new(&out_dir).join("codegen.rs");
    fs::write(out, code).expect("write $OUT_DIR/codegen.rs");
}

/// The inner value every generated call carries: the hand-written transport (retries, limits).
fn quote_inner() -> proc_macro2::TokenStream {
    "crate::call::hooks::CallState"
        .parse()
        .expect("a valid type path")
}

/// The document without the operations whose request body is `multipart/form-data` only, per
/// the rule above.
fn without_multipart_operations(spec: &gu1_kyc_spec::Spec) -> serde_json::Value {
    let mut doc = spec.raw.clone();
    for op in spec.operations().filter(operations::multipart_only) {
        let item = doc
            .get_mut("paths")
            .and_then(|paths| paths.get_mut(op.path()));
        if let Some(item) = item.and_then(|item| item.as_object_mut()) {
            item.remove(op.method());
        }
    }
    doc
}
