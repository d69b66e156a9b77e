//! The API's operations, read once from the spec the crate embeds: each operation's method,
//! route template and `operationId`, so that routes, the request log, faults and the control API
//! all name operations the way `openapi/gu1-kyc.yaml` does, and each path is written only there.

use std::sync::LazyLock;

use axum::http::Method;
use gu1_kyc_spec::Spec;

/// The spec the sandbox answers by: the SDK's `openapi/gu1-kyc.yaml`, copied into the crate so
/// that the published crate carries it (a test keeps the copy identical).
pub const SPEC_YAML: &str = include_str!("../openapi/gu1-kyc.yaml");

/// One operation the sandbox serves.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The HTTP method, e.g. `POST`.
    pub method: Method,
    /// The path template, e.g. `/api/kyc/validations/{id}`: the spec's, which is also axum's
    /// `MatchedPath` for the route built from it.
    pub template: &'static str,
    /// The `operationId`, e.g. `createValidation`.
    pub id: &'static str,
    /// Whether its request body is a multipart form (an upload), which takes a larger body.
    pub multipart: bool,
}

/// The embedded spec, parsed once. It is a constant of the crate that its tests load, so failing
/// to read it is a bug of the build, not something a request can cause.
pub(crate) fn spec() -> &'static Spec {
    static SPEC: LazyLock<Spec> = LazyLock::new(|| {
        Spec::from_yaml_str(SPEC_YAML, "openapi/gu1-kyc.yaml")
            .unwrap_or_else(|e| panic!("the embedded openapi/gu1-kyc.yaml does not load: {e}"))
    });
    &SPEC
}

/// Every operation of the embedded spec, in the spec's order.
pub(crate) fn all() -> &'static [Operation] {
    static OPERATIONS: LazyLock<Vec<Operation>> = LazyLock::new(|| {
        read(spec()).unwrap_or_else(|e| panic!("the embedded openapi/gu1-kyc.yaml: {e}"))
    });
    &OPERATIONS
}

/// The table of a spec's operations; every operation needs an `operationId`, since that is the
/// name handlers are registered by.
fn read(spec: &'static Spec) -> Result<Vec<Operation>, String> {
    spec.operations()
        .map(|op| {
            let id = op
                .operation_id()
                .ok_or_else(|| format!("{} has no operationId", op.label()))?;
            let method = Method::from_bytes(op.http_method().as_bytes())
                .map_err(|_| format!("{}: not an HTTP method", op.label()))?;
            Ok(Operation {
                method,
                template: op.path(),
                id,
                multipart: op.request_media_types().contains(&"multipart/form-data"),
            })
        })
        .collect()
}

/// The `operationId` of a request, from its method and the route template that matched.
pub(crate) fn operation_id(method: &str, template: &str) -> Option<&'static str> {
    all()
        .iter()
        .find(|op| op.method.as_str().eq_ignore_ascii_case(method) && op.template == template)
        .map(|op| op.id)
}

/// Whether `id` is an operation the sandbox serves.
pub(crate) fn is_known(id: &str) -> bool {
    all().iter().any(|op| op.id == id)
}

/// Every `operationId` the sandbox serves, in the spec's order.
pub(crate) fn operation_ids() -> impl Iterator<Item = &'static str> {
    all().iter().map(|op| op.id)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_table_is_exactly_the_specs_operations() {
        let spec = Spec::load_default().expect("openapi/gu1-kyc.yaml loads");
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
        let ours: BTreeSet<(String, String, String)> = all()
            .iter()
            .map(|op| {
                (
                    op.method.to_string(),
                    op.template.to_string(),
                    op.id.to_string(),
                )
            })
            .collect();
        assert_eq!(ours.len(), all().len(), "the table has duplicates");
        assert_eq!(ours, from_spec);
        let uploads: BTreeSet<&str> = all()
            .iter()
            .filter(|op| op.multipart)
            .map(|op| op.id)
            .collect();
        assert_eq!(
            uploads,
            BTreeSet::from(["createFaceMatch", "createIdVerification"])
        );
    }

    #[test]
    fn an_operation_without_an_id_cannot_be_served() {
        let spec = Spec::from_yaml_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses: {'200': {description: ok}}\n",
            "test",
        )
        .unwrap();
        // The table borrows from a spec that lives as long as the program, as the embedded one does.
        let spec: &'static Spec = Box::leak(Box::new(spec));
        let problem = read(spec).unwrap_err();
        assert!(problem.contains("GET /x"), "{problem}");
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
        assert_eq!(operation_ids().count(), all().len());
    }
}
