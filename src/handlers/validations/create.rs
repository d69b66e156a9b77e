//! Creating a validation: the options of a new hosted session.

use serde_json::{Map, Value};

use crate::{
    error::{Error, Result},
    generated::types as api,
    handlers::ctx::{Ctx, with_options},
    types::{EntityId, Validation, ValidationStatus, WarningCode},
};

/// Options of a new validation; from [`Validations::create`](super::Validations::create). `Debug` leaves out the metadata
/// and the webhook URL, which can carry your customer's data or a token.
#[must_use = "a request does nothing until you call send()"]
pub struct CreateValidation<'a> {
    ctx: Ctx<'a>,
    entity_id: EntityId,
    integration_code: String,
    double_check_renaper: Option<bool>,
    omit_warnings: Vec<WarningCode>,
    workflow_id: Option<String>,
    webhook_url: Option<String>,
    metadata: Result<Option<Map<String, Value>>>,
}

impl std::fmt::Debug for CreateValidation<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateValidation")
            .field("entity_id", &self.entity_id)
            .field("integration_code", &self.integration_code)
            .field("double_check_renaper", &self.double_check_renaper)
            .field("omit_warnings", &self.omit_warnings)
            .field("workflow_id", &self.workflow_id)
            .field(
                "webhook_url",
                &self.webhook_url.as_ref().map(|_| "[redacted]"),
            )
            .field("metadata", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl<'a> CreateValidation<'a> {
    /// The integration code documented for hosted KYC (document, selfie, face match, liveness).
    pub const DEFAULT_INTEGRATION_CODE: &'static str = "global_gueno_validation_kyc";
    /// The most a validation's metadata may weigh once serialized (10 KB).
    pub const MAX_METADATA_BYTES: usize = 10 * 1024;

    pub(super) fn new(ctx: Ctx<'a>, entity_id: &EntityId) -> Self {
        Self {
            ctx,
            entity_id: entity_id.clone(),
            integration_code: Self::DEFAULT_INTEGRATION_CODE.to_owned(),
            double_check_renaper: None,
            omit_warnings: Vec::new(),
            workflow_id: None,
            webhook_url: None,
            metadata: Ok(None),
        }
    }

    /// The KYC integration to run (default `global_gueno_validation_kyc`).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// let request = client.validations().create(&entity).integration_code("global_gueno_validation_kyc");
    /// # }
    /// ```
    pub fn integration_code(mut self, code: impl Into<String>) -> Self {
        self.integration_code = code.into();
        self
    }

    /// Argentina only: re-check the document against RENAPER after the provider approves.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// let request = client.validations().create(&entity).double_check_renaper(true);
    /// # }
    /// ```
    pub fn double_check_renaper(mut self, enabled: bool) -> Self {
        self.double_check_renaper = Some(enabled);
        self
    }

    /// Warning codes to tolerate for this validation.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// use gu1_kyc::types::WarningCode;
    /// let request = client.validations().create(&entity).omit_warnings([WarningCode::PossibleDuplicatedUser]);
    /// # }
    /// ```
    pub fn omit_warnings(mut self, codes: impl IntoIterator<Item = WarningCode>) -> Self {
        self.omit_warnings = codes.into_iter().collect();
        self
    }

    /// A custom verification workflow.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// let request = client.validations().create(&entity).workflow_id("wf_standard");
    /// # }
    /// ```
    pub fn workflow_id(mut self, workflow_id: impl Into<String>) -> Self {
        self.workflow_id = Some(workflow_id.into());
        self
    }

    /// Where to send this validation's webhooks instead of the organization's endpoint.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// let request = client.validations().create(&entity).webhook_url("https://example.com/hooks/kyc");
    /// # }
    /// ```
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }

    /// Your own data to attach (a JSON object of at most 10 KB serialized).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// let request = client.validations().create(&entity).metadata(serde_json::json!({"source": "mobile_app"}));
    /// # }
    /// ```
    pub fn metadata(mut self, metadata: impl serde::Serialize) -> Self {
        self.metadata = match serde_json::to_value(metadata) {
            Ok(Value::Object(map)) => Ok(Some(map)),
            Ok(_) => Err(Error::invalid_input("metadata must be a JSON object")),
            Err(_) => Err(Error::invalid_input(
                "metadata could not be serialized to JSON",
            )),
        };
        self
    }

    /// Returns the entity's current validation when it is still open (`pending` or
    /// `in_progress`, with a verification URL that has not expired), and creates one with these
    /// options otherwise. The API has no idempotency key, so this is how a retried sign-up step
    /// avoids a second session: concurrent calls for one entity are serialized by a lock per
    /// entity, and all but the first find the validation the first created. The lock is in
    /// process by default; with a shared store
    /// ([`ClientBuilder::locks`](crate::ClientBuilder::locks)) it holds across every replica.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// let open = client
    ///     .validations()
    ///     .create(&entity)
    ///     .metadata(serde_json::json!({"source": "signup"}))
    ///     .ensure_open()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The current validation's read error (other than not found), or the create's errors; a
    /// [`Store`](crate::ErrorKind::Store) error when the shared lock could not be taken.
    pub async fn ensure_open(self) -> Result<Validation> {
        let held = self
            .ctx
            .lock("ensure_open", self.entity_id.as_str())
            .await?;
        let outcome = self.check_then_create().await;
        // A lock that could not be released ends when its time runs out.
        let _ = held.release().await;
        outcome
    }

    async fn check_then_create(self) -> Result<Validation> {
        let validations = super::Validations::new(self.ctx);
        match validations.current(&self.entity_id).await {
            Ok(current) if is_open(&current) => {
                self.ctx.record_open(&current).await;
                return Ok(current);
            }
            Ok(_) => {}
            Err(error) if error.is_not_found() => {}
            Err(error) => return Err(error),
        }
        self.send().await
    }

    /// Creates the validation. Not retried after the request may have reached the server, so a
    /// retry never creates a second validation.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// let validation = client.validations().create(&entity).send().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) before sending when the metadata is not an
    /// object or exceeds 10 KB, or the integration code is empty; the API's errors otherwise
    /// (`ENTITY_NOT_FOUND`, `INVALID_ENTITY_TYPE`, `KYC_NOT_CONFIGURED`).
    pub async fn send(self) -> Result<Validation> {
        let metadata = self.metadata?.unwrap_or_default();
        let size = serde_json::to_vec(&metadata)
            .map(|v| v.len())
            .unwrap_or(usize::MAX);
        if size > Self::MAX_METADATA_BYTES {
            return Err(Error::invalid_input(format!(
                "metadata is {size} bytes serialized; the API accepts at most {}",
                Self::MAX_METADATA_BYTES
            )));
        }
        let integration_code = self
            .integration_code
            .parse()
            .map_err(|_| Error::invalid_input("the integration code is empty"))?;
        let body = api::CreateValidationRequest {
            entity_id: self.entity_id,
            integration_code,
            double_check_renaper: self.double_check_renaper,
            omit_warnings: self.omit_warnings,
            workflow_id: self.workflow_id,
            webhook_url: self.webhook_url,
            metadata,
        };
        let call = self.ctx.call();
        let created: Validation = call.json(call.api().create_validation().body(body)).await?;
        self.ctx.record_open(&created).await;
        Ok(created)
    }
}

with_options!(CreateValidation, "validations().create(&entity)");

/// Whether a customer can still complete the validation through its URL.
fn is_open(validation: &Validation) -> bool {
    matches!(
        validation.status,
        ValidationStatus::Pending | ValidationStatus::InProgress
    ) && validation.verification_url().is_some()
        && validation
            .expires_at
            .is_none_or(|expires| expires > chrono::Utc::now())
}
