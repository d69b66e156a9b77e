//! Rule `example-valid`: every example in the spec validates against its schema.

use std::collections::HashMap;

use serde_json::Value;

use gu1_kyc_spec::{Validator, escape_pointer_token, follow_refs, resolve_pointer, validator_for};

use super::Lint;
use super::walk::{schema_roots, walk_schema};

/// One example to check: where it is, what it says, and the schema it must match.
struct Job {
    location: String,
    value: Value,
    schema: String,
}

/// Validates every example; returns how many were validated.
pub(crate) fn check(lint: &mut Lint<'_>) -> usize {
    let raw = lint.raw();
    let mut jobs = Vec::new();
    let mut broken = Vec::new();
    for root in schema_roots(lint.spec) {
        let Some(node) = resolve_pointer(raw, &root.pointer) else {
            continue;
        };
        walk_schema(node, &root.pointer, &mut |schema, pointer| {
            if let Some(example) = schema
                .get("example")
                .filter(|_| schema.get("$ref").is_none())
            {
                jobs.push(Job {
                    location: format!("{}: {pointer}/example", root.label),
                    value: example.clone(),
                    schema: pointer.to_string(),
                });
            }
        });
        let Some(holder_pointer) = &root.holder else {
            continue;
        };
        let Some(holder) = resolve_pointer(raw, holder_pointer) else {
            continue;
        };
        if let Some(example) = holder.get("example") {
            jobs.push(Job {
                location: format!("{}: {holder_pointer}/example", root.label),
                value: example.clone(),
                schema: root.pointer.clone(),
            });
        }
        for (name, entry) in holder
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let location = format!(
                "{}: {holder_pointer}/examples/{}",
                root.label,
                escape_pointer_token(name)
            );
            match follow_refs(raw, entry) {
                Some((example, via)) => {
                    let location = match via {
                        Some(target) => format!("{location} (-> {target})"),
                        None => location,
                    };
                    if let Some(value) = example.get("value") {
                        jobs.push(Job {
                            location: format!("{location}/value"),
                            value: value.clone(),
                            schema: root.pointer.clone(),
                        });
                    } else if example.get("externalValue").is_none() {
                        broken.push((
                            location,
                            "the example has neither `value` nor `externalValue`",
                        ));
                    }
                }
                None => broken.push((location, "the example's `$ref` points to nothing")),
            }
        }
    }
    for (location, message) in broken {
        lint.report(
            &location,
            "example-valid",
            message.to_string(),
            "give the example a `value`, or point the `$ref` at an entry of `components/examples`",
        );
    }
    let mut validators: HashMap<String, Result<Validator, String>> = HashMap::new();
    for job in &jobs {
        let validator = validators
            .entry(job.schema.clone())
            .or_insert_with(|| validator_for(lint.spec, &job.schema));
        match validator {
            Ok(validator) => {
                if let Err(errors) = validator.validate(&job.value) {
                    let schema = resolve_pointer(raw, &job.schema)
                        .and_then(|node| follow_refs(raw, node))
                        .and_then(|(_, via)| via)
                        .unwrap_or_else(|| job.schema.clone());
                    let message = format!(
                        "the example does not match its schema ({schema}): {}",
                        errors.join("; ")
                    );
                    lint.report(&job.location, "example-valid", message,
                        "correct the example (or the schema, if the example is what the API really sends)");
                }
            }
            Err(error) => {
                let message = format!("the example's schema cannot be checked: {error}");
                lint.report(
                    &job.location,
                    "schema-convertible",
                    message,
                    "fix the schema's `$ref`s so that they point into this document",
                );
            }
        }
    }
    jobs.len()
}
