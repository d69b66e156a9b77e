//! `gu1-kyc entities ...`

use gu1_kyc::types::EntityId;

use crate::args::Entities;
use crate::failure::Outcome;
use crate::output::{Field, Output};

/// What an entity's table shows, in order.
const DETAIL: &[Field] = &[
    ("id", "id"),
    ("type", "type"),
    ("name", "name"),
    ("external ID", "externalId"),
    ("tax ID", "taxId"),
    ("country", "countryCode"),
    ("status", "status"),
    ("KYC verified", "kycVerified"),
    ("created", "createdAt"),
];

/// The columns of a list of entities.
const COLUMNS: &[Field] = &[
    ("ID", "id"),
    ("TYPE", "type"),
    ("NAME", "name"),
    ("COUNTRY", "countryCode"),
    ("KYC VERIFIED", "kycVerified"),
];

/// Runs one `entities` command.
pub async fn run(command: Entities, output: Output) -> Outcome {
    let client = super::client()?;
    let entities = client.entities();
    let one = match command {
        Entities::CreatePerson {
            name,
            country,
            tax_id,
            external_id,
        } => {
            let mut request = entities.create_person(name, country);
            if let Some(tax_id) = tax_id {
                request = request.tax_id(tax_id);
            }
            if let Some(external_id) = external_id {
                request = request.external_id(external_id);
            }
            request.send().await?
        }
        Entities::Get { id } => entities.get(&EntityId::parse(&id)?).await?,
        Entities::Find {
            external_id: Some(external_id),
            ..
        } => entities.get_by_external_id(&external_id).await?,
        Entities::Find {
            tax_id: Some(tax_id),
            ..
        } => entities.get_by_tax_id(&tax_id).await?,
        Entities::Find { .. } => {
            return Err(crate::failure::Failure::Usage(
                "give --external-id or --tax-id".to_string(),
            ));
        }
        Entities::List { country } => {
            let mut request = entities.list();
            if let Some(country) = country {
                request = request.country(country);
            }
            let items = request.send().await?;
            return output.list(&items, COLUMNS);
        }
    };
    output.one(&one, DETAIL)
}
