//! Which API operation a request is: the `operationId` of `openapi/gu1-kyc.yaml` for each route
//! template and method. The sandbox cannot read the spec at run time, so the table lives here and
//! a unit test checks it against the spec, entry for entry.

/// Every operation the sandbox serves: method, route template (as axum's `MatchedPath` gives
/// it, which is the spec's path template) and `operationId`.
pub(crate) const OPERATIONS: &[(&str, &str, &str)] = &[
    ("POST", "/api/kyc/validations", "createValidation"),
    ("GET", "/api/kyc/validations", "listValidations"),
    ("GET", "/api/kyc/validations/{id}", "getValidation"),
    ("POST", "/api/kyc/validations/{id}/sync", "syncValidation"),
    (
        "POST",
        "/api/kyc/validations/{id}/approve",
        "approveValidation",
    ),
    (
        "POST",
        "/api/kyc/validations/{id}/reject",
        "rejectValidation",
    ),
    (
        "DELETE",
        "/api/kyc/validations/{id}/cancel",
        "cancelValidation",
    ),
    (
        "GET",
        "/api/kyc/validations/{id}/media",
        "getValidationMedia",
    ),
    (
        "GET",
        "/api/kyc/entities/{entityId}/current",
        "getCurrentValidation",
    ),
    (
        "GET",
        "/api/kyc/entities/{entityId}/validations",
        "listEntityValidations",
    ),
    (
        "GET",
        "/api/kyc/entities/{entityId}/status",
        "getEntityKycStatus",
    ),
    ("POST", "/api/kyc/id-verification", "createIdVerification"),
    (
        "GET",
        "/api/kyc/id-verification/verifications",
        "listIdVerifications",
    ),
    (
        "GET",
        "/api/kyc/id-verification/verifications/{id}",
        "getIdVerification",
    ),
    (
        "GET",
        "/api/kyc/id-verification/verifications/{id}/document-front-image",
        "getIdVerificationFrontImage",
    ),
    (
        "GET",
        "/api/kyc/id-verification/verifications/{id}/document-back-image",
        "getIdVerificationBackImage",
    ),
    ("POST", "/api/kyc/face-match", "createFaceMatch"),
    (
        "GET",
        "/api/kyc/face-match/verifications",
        "listFaceMatches",
    ),
    (
        "GET",
        "/api/kyc/face-match/verifications/{id}",
        "getFaceMatch",
    ),
    (
        "GET",
        "/api/kyc/face-match/verifications/{id}/document-image",
        "getFaceMatchDocumentImage",
    ),
    (
        "GET",
        "/api/kyc/face-match/verifications/{id}/selfie-image",
        "getFaceMatchSelfieImage",
    ),
    ("POST", "/entities", "createEntity"),
    ("GET", "/entities", "listEntities"),
    ("GET", "/entities/{id}", "getEntity"),
    (
        "GET",
        "/entities/by-external-id/{externalId}",
        "getEntityByExternalId",
    ),
    ("GET", "/entities/by-tax-id/{taxId}", "getEntityByTaxId"),
];

/// The `operationId` of a request, from its method and the route template that matched.
pub(crate) fn operation_id(method: &str, template: &str) -> Option<&'static str> {
    OPERATIONS
        .iter()
        .find(|(m, t, _)| m.eq_ignore_ascii_case(method) && *t == template)
        .map(|&(_, _, id)| id)
}

/// Whether `id` is an operation the sandbox serves.
pub(crate) fn is_known(id: &str) -> bool {
    OPERATIONS.iter().any(|&(_, _, known)| known == id)
}

/// Every `operationId` the sandbox serves, in the table's order.
pub(crate) fn operation_ids() -> impl Iterator<Item = &'static str> {
    OPERATIONS.iter().map(|&(_, _, id)| id)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_table_is_exactly_the_specs_operations() {
        let spec = gu1_kyc_spec::Spec::load_default().expect("openapi/gu1-kyc.yaml loads");
        let from_spec: BTreeSet<(String, String, String)> = spec
            .operations()
            .map(|op| {
                (
                    op.method().to_ascii_uppercase(),
                    op.path().to_string(),
                    op.operation_id().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let ours: BTreeSet<(String, String, String)> = OPERATIONS
            .iter()
            .map(|&(m, t, id)| (m.to_string(), t.to_string(), id.to_string()))
            .collect();
        assert_eq!(ours.len(), OPERATIONS.len(), "the table has duplicates");
        assert_eq!(ours, from_spec);
    }

    #[test]
    fn lookups_use_method_and_template() {
        assert_eq!(
            operation_id("post", "/api/kyc/validations"),
            Some("createValidation")
        );
        assert_eq!(
            operation_id("GET", "/api/kyc/validations"),
            Some("listValidations")
        );
        assert_eq!(operation_id("PUT", "/api/kyc/validations"), None);
        assert!(is_known("getEntityByTaxId"));
        assert!(!is_known("deleteEverything"));
        assert_eq!(operation_ids().count(), OPERATIONS.len());
    }
}
