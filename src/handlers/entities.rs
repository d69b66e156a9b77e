//! The person entities that KYC validations verify (the part of the Entities API KYC needs).

use serde_json::{Map, Value};

use crate::{
    error::{Error, ErrorCode, Result},
    generated::types as api,
    handlers::ctx::{Ctx, with_options},
    types::{Entity, EntityId, EntityType, Sensitive},
};

/// Entity calls; from [`Client::entities`](crate::Client::entities).
#[derive(Clone, Copy, Debug)]
pub struct Entities<'a> {
    ctx: Ctx<'a>,
}

with_options!(Entities, "entities()");

impl<'a> Entities<'a> {
    pub(crate) fn new(ctx: Ctx<'a>) -> Self {
        Self { ctx }
    }

    /// Creates a person, the kind of entity KYC verifies. `country_code` is ISO 3166-1 alpha-2.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let person = client
    ///     .entities()
    ///     .create_person("John Doe", "AR")
    ///     .tax_id("99990001")
    ///     .external_id("customer-42")
    ///     .first_name("John")
    ///     .last_name("Doe")
    ///     .date_of_birth("1990-01-15")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create_person(
        &self,
        name: impl Into<String>,
        country_code: impl Into<String>,
    ) -> CreatePerson<'a> {
        CreatePerson {
            ctx: self.ctx,
            name: name.into(),
            country_code: country_code.into(),
            tax_id: None,
            external_id: None,
            person: Map::new(),
            attributes: Map::new(),
            is_client: None,
            or_get: false,
        }
    }

    /// Creates a person identified by `external_id`, or returns the one that already has it:
    /// when the API answers `DUPLICATE_EXTERNAL_ID` (or `DUPLICATE_TAX_ID`), the existing entity
    /// is read by external ID. The API documents no idempotency key; this makes a retried
    /// sign-up step safe. Concurrent calls for one external ID wait for each other on a lock
    /// (in process, or across replicas with [`ClientBuilder::locks`](crate::ClientBuilder::locks)).
    /// Set other fields on the builder as with [`create_person`](Self::create_person).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let person = client
    ///     .entities()
    ///     .create_or_get_person("John Doe", "AR", "customer-42")
    ///     .tax_id("99990001")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create_or_get_person(
        &self,
        name: impl Into<String>,
        country_code: impl Into<String>,
        external_id: impl Into<String>,
    ) -> CreatePerson<'a> {
        let mut create = self
            .create_person(name, country_code)
            .external_id(external_id);
        create.or_get = true;
        create
    }

    /// Reads an entity by its gu1 ID.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// let entity = client.entities().get(&id).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &EntityId) -> Result<Entity> {
        let call = self.ctx.call();
        call.json(call.api().get_entity().id(id.clone())).await
    }

    /// Reads an entity by the external ID you gave it.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let entity = client.entities().get_by_external_id("customer-42").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_by_external_id(&self, external_id: &str) -> Result<Entity> {
        let external_id = non_empty(external_id, "external ID")?;
        let call = self.ctx.call();
        let request = call
            .api()
            .get_entity_by_external_id()
            .external_id(external_id);
        call.json(request).await
    }

    /// Reads an entity by its tax ID.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let entity = client.entities().get_by_tax_id("99990001").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_by_tax_id(&self, tax_id: &str) -> Result<Entity> {
        let tax_id = non_empty(tax_id, "tax ID")?;
        let call = self.ctx.call();
        let request = call.api().get_entity_by_tax_id().tax_id(tax_id);
        call.json(request).await
    }

    /// Lists entities (up to 100) matching every filter set on the builder.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// use gu1_kyc::types::EntityType;
    /// let people = client.entities().list().entity_type(EntityType::Person).country("AR").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListEntities<'a> {
        ListEntities {
            ctx: self.ctx,
            entity_type: None,
            country: None,
            tax_id: None,
            external_id: None,
        }
    }
}

/// Whether the API refused a create because the entity exists.
fn is_duplicate(error: &Error) -> bool {
    matches!(
        error.code(),
        Some(ErrorCode::DuplicateExternalId | ErrorCode::DuplicateTaxId)
    ) || error.status().is_some_and(|s| s.as_u16() == 409)
}

fn non_empty<'s>(value: &'s str, what: &str) -> Result<&'s str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid_input(format!("the {what} is empty")));
    }
    Ok(value)
}

fn country(code: &str) -> Result<api::CountryCode> {
    let valid = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
    if !valid {
        return Err(Error::invalid_input(
            "the country code must be two upper-case letters (ISO 3166-1 alpha-2)",
        ));
    }
    code.parse()
        .map_err(|_| Error::invalid_input("invalid country code"))
}

/// A new person; from [`Entities::create_person`].
#[must_use = "a request does nothing until you call send()"]
pub struct CreatePerson<'a> {
    ctx: Ctx<'a>,
    name: String,
    country_code: String,
    tax_id: Option<String>,
    external_id: Option<String>,
    person: Map<String, Value>,
    attributes: Map<String, Value>,
    is_client: Option<bool>,
    /// On a duplicate, return the entity with the external ID instead of the error.
    or_get: bool,
}

impl std::fmt::Debug for CreatePerson<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatePerson")
            .field("country_code", &self.country_code)
            .field("external_id", &self.external_id)
            .finish_non_exhaustive()
    }
}

impl CreatePerson<'_> {
    /// The tax ID (DNI/CUIL in Argentina, CPF in Brazil); in the sandbox it selects the outcome.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").tax_id("99.990.001");
    /// # }
    /// ```
    pub fn tax_id(mut self, tax_id: impl Into<String>) -> Self {
        self.tax_id = Some(tax_id.into());
        self
    }

    /// Your own ID for the person.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").external_id("customer-42");
    /// # }
    /// ```
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }

    /// Given names.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").first_name("John");
    /// # }
    /// ```
    pub fn first_name(self, value: impl Into<String>) -> Self {
        self.person_field("firstName", value.into())
    }

    /// Family names.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").last_name("Doe");
    /// # }
    /// ```
    pub fn last_name(self, value: impl Into<String>) -> Self {
        self.person_field("lastName", value.into())
    }

    /// Date of birth, `YYYY-MM-DD`.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").date_of_birth("1990-01-15");
    /// # }
    /// ```
    pub fn date_of_birth(self, value: impl Into<String>) -> Self {
        self.person_field("dateOfBirth", value.into())
    }

    /// Nationality (a country code).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").nationality("AR");
    /// # }
    /// ```
    pub fn nationality(self, value: impl Into<String>) -> Self {
        self.person_field("nationality", value.into())
    }

    /// A free key/value attribute.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").attribute("segment", "retail");
    /// # }
    /// ```
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.attributes.insert(key.into(), value.into());
        self
    }

    /// Whether the person is your client.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().create_person("John Doe", "AR").is_client(true);
    /// # }
    /// ```
    pub fn is_client(mut self, is_client: bool) -> Self {
        self.is_client = Some(is_client);
        self
    }

    fn person_field(mut self, key: &str, value: String) -> Self {
        self.person.insert(key.to_owned(), Value::String(value));
        self
    }

    /// Creates the person. Not retried once the request may have reached the server.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let person = client.entities().create_person("John Doe", "AR").tax_id("99990001").send().await?;
    /// println!("entity {}", person.id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) before sending for an empty name or a
    /// malformed country code; the API's errors otherwise (409 `DUPLICATE_TAX_ID`, 400
    /// `INVALID_TAX_ID`).
    pub async fn send(self) -> Result<Entity> {
        let existing = self.external_id.clone().filter(|_| self.or_get);
        let Some(external_id) = existing else {
            return self.create().await;
        };
        // Creates for one external ID wait for each other, so that the second finds the first's
        // entity instead of racing it (across replicas with a shared lock store).
        let held = self.ctx.lock("create_person", &external_id).await?;
        let outcome = self.create_or_get(external_id).await;
        // A lock that could not be released ends when its time runs out.
        let _ = held.release().await;
        outcome
    }

    async fn create_or_get(self, external_id: String) -> Result<Entity> {
        let ctx = self.ctx;
        let existing = Some(external_id);
        let created = self.create().await;
        match (created, existing) {
            (Err(error), Some(external_id)) if is_duplicate(&error) => {
                let entities = Entities { ctx };
                match entities.get_by_external_id(&external_id).await {
                    Ok(entity) => Ok(entity),
                    // The duplicate was the tax ID of an entity with another external ID.
                    Err(lookup) if lookup.is_not_found() => Err(error),
                    Err(lookup) => Err(lookup),
                }
            }
            (outcome, _) => outcome,
        }
    }

    async fn create(self) -> Result<Entity> {
        let name = non_empty(&self.name, "name")?;
        let entity_data = if self.person.is_empty() {
            None
        } else {
            let data = serde_json::json!({ "person": Value::Object(self.person) });
            Some(
                serde_json::from_value(data)
                    .map_err(|_| Error::invalid_input("invalid person data"))?,
            )
        };
        let body = api::CreateEntityRequest {
            type_: EntityType::Person,
            name: name
                .parse()
                .map_err(|_| Error::invalid_input("the name is empty"))?,
            country_code: country(&self.country_code)?,
            tax_id: self
                .tax_id
                .map(|id| id.parse())
                .transpose()
                .map_err(|_| Error::invalid_input("the tax ID is empty"))?,
            external_id: self
                .external_id
                .map(|id| id.parse())
                .transpose()
                .map_err(|_| Error::invalid_input("the external ID is empty"))?,
            entity_data,
            attributes: self.attributes,
            is_client: self.is_client,
            registration_date: None,
            risk_matrix_id: None,
            skip_rules_execution: None,
            status: None,
        };
        let call = self.ctx.call();
        Ok(call
            .json(call.api().create_entity().body(body))
            .await?
            .entity)
    }
}

/// Filters of an entity list; from [`Entities::list`].
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until you call send()"]
pub struct ListEntities<'a> {
    ctx: Ctx<'a>,
    entity_type: Option<EntityType>,
    country: Option<String>,
    tax_id: Option<Sensitive<String>>,
    external_id: Option<String>,
}

impl ListEntities<'_> {
    /// Only entities of this type.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().list().entity_type(gu1_kyc::types::EntityType::Person);
    /// # }
    /// ```
    pub fn entity_type(mut self, entity_type: EntityType) -> Self {
        self.entity_type = Some(entity_type);
        self
    }

    /// Only entities of this country (ISO 3166-1 alpha-2).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().list().country("BR");
    /// # }
    /// ```
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = Some(country.into());
        self
    }

    /// Only entities with this tax ID.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().list().tax_id("99990001");
    /// # }
    /// ```
    pub fn tax_id(mut self, tax_id: impl Into<String>) -> Self {
        self.tax_id = Some(Sensitive::new(tax_id.into()));
        self
    }

    /// Only entities with this external ID.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client) {
    /// let request = client.entities().list().external_id("customer-42");
    /// # }
    /// ```
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }

    /// Reads the matching entities (at most 100).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let entities = client.entities().list().external_id("customer-42").send().await?;
    /// # Ok(()) }
    /// ```
    pub async fn send(&self) -> Result<Vec<Entity>> {
        let call = self.ctx.call();
        let mut request = call.api().list_entities();
        if let Some(entity_type) = &self.entity_type {
            request = request.type_(entity_type.clone());
        }
        if let Some(code) = &self.country {
            request = request.country(country(code)?);
        }
        if let Some(tax_id) = &self.tax_id {
            request = request.tax_id(tax_id.expose().clone());
        }
        if let Some(external_id) = &self.external_id {
            request = request.external_id(external_id.clone());
        }
        Ok(call.json(request).await?.entities)
    }
}

with_options!(
    CreatePerson,
    "entities().create_person(\"John Doe\", \"AR\")"
);
with_options!(ListEntities, "entities().list()");
