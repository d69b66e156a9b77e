//! The router: a route for every operation of the embedded `openapi/gu1-kyc.yaml`, served by
//! the handler registered under its `operationId`; the hosted page; the control API; and JSON
//! answers for everything else.

use std::collections::HashMap;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{MethodFilter, get, post};

use crate::auth::require_api_key;
use crate::extract::{MAX_MULTIPART_BODY, json_errors, route_not_found};
use crate::handlers::{BY_OPERATION_ID, Bind};
use crate::hosted;
use crate::operations::{self, Operation};
use crate::state::AppState;
use crate::{control, faults};

/// Builds the whole application.
///
/// # Panics
///
/// When the embedded spec and the handler register disagree (see `api_routes`): that is a
/// bug of the crate, which its unit tests catch, and no request can cause it.
pub(crate) fn router(state: AppState) -> Router {
    let api = api_routes(operations::all(), BY_OPERATION_ID)
        .unwrap_or_else(|problem| panic!("cannot route the sandbox's API: {problem}"))
        .route_layer(middleware::from_fn(crate::validate::check))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_api_key,
        ));
    let hosted = Router::new()
        .route("/verify/{sessionId}", get(hosted::show))
        .route("/verify/{sessionId}/start", post(hosted::start))
        .route("/verify/{sessionId}/complete", post(hosted::complete))
        .layer(middleware::from_fn(hosted::protect));
    Router::new()
        .merge(api)
        .merge(hosted)
        .merge(control::router(state.clone()))
        .fallback(route_not_found)
        .layer(middleware::from_fn(json_errors))
        // Inside the fault middleware, which tells it each request's operation: it drifts the
        // successful answers that faults leave to the operation.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::drift::apply,
        ))
        // Outermost, so it sees the route that matched and the final status of every answer,
        // and so injected faults take the place of everything inside.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::middleware::inject,
        ))
        .with_state(state)
}

/// A route for each operation, at the spec's path template for the spec's method, served by the
/// handler `handlers` registers under its `operationId`; uploads take the multipart body limit.
/// An operation without a handler, a handler for no operation or one registered twice is an
/// error naming them.
fn api_routes(
    operations: &[Operation],
    handlers: &[(&str, Bind)],
) -> Result<Router<AppState>, String> {
    let mut by_id: HashMap<&str, Bind> = HashMap::with_capacity(handlers.len());
    for &(id, bind) in handlers {
        if by_id.insert(id, bind).is_some() {
            return Err(format!("two handlers are registered for {id}"));
        }
    }
    let mut missing = Vec::new();
    let mut api = Router::new();
    for operation in operations {
        let label = format!(
            "{} {} ({})",
            operation.method, operation.template, operation.id
        );
        let Some(bind) = by_id.remove(operation.id) else {
            missing.push(label);
            continue;
        };
        let filter = MethodFilter::try_from(operation.method.clone())
            .map_err(|_| format!("{label}: axum cannot route this method"))?;
        let mut route = bind(filter);
        if operation.multipart {
            route = route.layer(DefaultBodyLimit::max(MAX_MULTIPART_BODY));
        }
        api = api.route(operation.template, route);
    }
    if !missing.is_empty() {
        return Err(format!(
            "no handler for {}: register one in handlers/mod.rs",
            missing.join(", ")
        ));
    }
    if !by_id.is_empty() {
        let mut unknown: Vec<&str> = by_id.into_keys().collect();
        unknown.sort_unstable();
        return Err(format!(
            "handlers registered for operations the spec does not have: {}",
            unknown.join(", ")
        ));
    }
    Ok(api)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(operations: &[Operation], handlers: &[(&str, Bind)]) -> String {
        match api_routes(operations, handlers) {
            Ok(_) => panic!("the routes were built"),
            Err(problem) => problem,
        }
    }

    #[test]
    fn every_spec_operation_has_a_handler_and_every_handler_an_operation() {
        if let Err(problem) = api_routes(operations::all(), BY_OPERATION_ID) {
            panic!("{problem}");
        }
        assert_eq!(BY_OPERATION_ID.len(), operations::all().len());
    }

    #[test]
    fn an_operation_without_a_handler_is_named() {
        let handlers: Vec<(&str, Bind)> = BY_OPERATION_ID
            .iter()
            .copied()
            .filter(|(id, _)| *id != "getEntityByTaxId")
            .collect();
        let found = problem(operations::all(), &handlers);
        assert_eq!(
            found,
            "no handler for GET /entities/by-tax-id/{taxId} (getEntityByTaxId): \
             register one in handlers/mod.rs"
        );
    }

    #[test]
    fn a_handler_for_an_unknown_operation_is_named() {
        let mut handlers = BY_OPERATION_ID.to_vec();
        handlers.push(("deleteEverything", |m| {
            axum::routing::on(m, || async { "" })
        }));
        let found = problem(operations::all(), &handlers);
        assert_eq!(
            found,
            "handlers registered for operations the spec does not have: deleteEverything"
        );
        let mut twice = BY_OPERATION_ID.to_vec();
        twice.push(BY_OPERATION_ID[0]);
        assert_eq!(
            problem(operations::all(), &twice),
            "two handlers are registered for createValidation"
        );
    }
}
