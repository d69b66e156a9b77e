//! `gu1-kyc validations ...`

use std::time::Duration;

use gu1_kyc::types::{EntityId, ValidationId, ValidationStatus};

use crate::args::{Decision, Validations};
use crate::failure::{Failure, Outcome};
use crate::output::{Field, Output};

/// What a validation's table shows, in order.
const DETAIL: &[Field] = &[
    ("id", "id"),
    ("entity", "entityId"),
    ("status", "status"),
    ("current", "isCurrent"),
    ("provider", "provider"),
    ("verification URL", "providerSessionUrl"),
    ("warnings", "warnings"),
    ("created", "createdAt"),
    ("updated", "updatedAt"),
    ("expires", "expiresAt"),
    ("verified", "verifiedAt"),
];

/// The columns of a list of validations.
const COLUMNS: &[Field] = &[
    ("ID", "id"),
    ("ENTITY", "entityId"),
    ("STATUS", "status"),
    ("CURRENT", "isCurrent"),
    ("CREATED", "createdAt"),
];

/// Runs one `validations` command.
pub async fn run(command: Validations, output: Output) -> Outcome {
    let client = super::client()?;
    let validations = client.validations();
    let one = match command {
        Validations::Create {
            entity,
            integration_code,
        } => {
            let entity = EntityId::parse(&entity)?;
            let mut request = validations.create(&entity);
            if let Some(code) = integration_code {
                request = request.integration_code(code);
            }
            request.send().await?
        }
        Validations::Get { id } => validations.get(&ValidationId::parse(&id)?).await?,
        Validations::Current { entity } => validations.current(&EntityId::parse(&entity)?).await?,
        Validations::History { entity, limit } => {
            let entity = EntityId::parse(&entity)?;
            let items = validations.history(&entity).collect_all(limit).await?;
            return output.list(&items, COLUMNS);
        }
        Validations::List { status, limit } => {
            let mut request = validations.list();
            if let Some(status) = status {
                request = request.status(known_status(&status)?);
            }
            let items = request.collect_all(limit).await?;
            return output.list(&items, COLUMNS);
        }
        Validations::Approve(Decision { id, reason }) => {
            validations
                .approve(&ValidationId::parse(&id)?, &reason)
                .await?
        }
        Validations::Reject(Decision { id, reason }) => {
            validations
                .reject(&ValidationId::parse(&id)?, &reason)
                .await?
        }
        Validations::Cancel(Decision { id, reason }) => {
            validations
                .cancel(&ValidationId::parse(&id)?, &reason)
                .await?
        }
        Validations::Sync { id, force } => {
            validations.sync(&ValidationId::parse(&id)?, force).await?
        }
        Validations::Wait { id, timeout_secs } => {
            validations
                .wait_for_outcome(&ValidationId::parse(&id)?)
                .timeout(Duration::from_secs(timeout_secs))
                .send()
                .await?
        }
    };
    output.one(&one, DETAIL)
}

/// A status filter the API knows; anything else is a usage error that lists the known ones.
fn known_status(text: &str) -> Result<ValidationStatus, Failure> {
    if ValidationStatus::WIRE_VALUES.contains(&text) {
        Ok(ValidationStatus::from(text))
    } else {
        Err(Failure::Usage(format!(
            "`{text}` is not a validation status; one of: {}",
            ValidationStatus::WIRE_VALUES.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_filter_must_be_a_known_status() {
        assert_eq!(
            known_status("in_review").unwrap(),
            ValidationStatus::InReview
        );
        let error = known_status("in-review").unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(error.to_string().contains("in_review"), "{error}");
    }
}
