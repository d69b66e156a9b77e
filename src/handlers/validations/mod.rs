//! KYC validations: hosted verification sessions for person entities.

use crate::{
    download::Download,
    error::{Error, Result},
    generated::types as api,
    handlers::ctx::{Ctx, with_options},
    types::{EntityId, EntityKycStatus, Validation, ValidationId},
};

mod create;
mod list;
mod wait;

pub use create::CreateValidation;
pub use list::ListValidations;
use list::Scope;
pub use wait::WaitForOutcome;

/// Validation calls; from [`Client::validations`](crate::Client::validations).
#[derive(Clone, Copy, Debug)]
pub struct Validations<'a> {
    ctx: Ctx<'a>,
}

with_options!(Validations, "validations()");

impl<'a> Validations<'a> {
    /// The shortest reason accepted for approve, reject and cancel.
    pub const MIN_REASON_CHARS: usize = 5;

    pub(crate) fn new(ctx: Ctx<'a>) -> Self {
        Self { ctx }
    }

    /// Polls a validation until it is terminal or `in_review`, within a time limit: the
    /// fallback when webhooks are not available (see [`WaitForOutcome`] for the polling pace).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// use std::time::Duration;
    /// let done = client
    ///     .validations()
    ///     .wait_for_outcome(&id)
    ///     .timeout(Duration::from_secs(600))
    ///     .send()
    ///     .await?;
    /// println!("{}", done.status);
    /// # Ok(()) }
    /// ```
    pub fn wait_for_outcome(&self, id: &ValidationId) -> WaitForOutcome<'a> {
        WaitForOutcome::new(self.ctx, id)
    }

    /// The entity's open validation: its current one when it is `pending` or `in_progress` with
    /// a verification URL that has not expired, else a new one (with default options; set
    /// options with [`CreateValidation::ensure_open`]). Concurrent calls for one entity on one
    /// client create at most one validation.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// let open = client.validations().ensure_open(&entity).await?;
    /// if let Some(url) = open.verification_url() { /* send it to the customer */ }
    /// # Ok(()) }
    /// ```
    pub fn ensure_open(
        &self,
        entity_id: &EntityId,
    ) -> impl std::future::Future<Output = Result<Validation>> + use<'a> {
        self.create(entity_id).ensure_open()
    }

    /// Starts a validation for a person entity; set options on the builder, then `send()`.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// let validation = client
    ///     .validations()
    ///     .create(&entity)
    ///     .metadata(serde_json::json!({"userId": "user_12345"}))
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create(&self, entity_id: &EntityId) -> CreateValidation<'a> {
        CreateValidation::new(self.ctx, entity_id)
    }

    /// Reads a validation, including its verification URL.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// let validation = client.validations().get(&id).await?;
    /// if let Some(url) = validation.verification_url() { /* send it to the customer */ }
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &ValidationId) -> Result<Validation> {
        let call = self.ctx.call();
        call.json(call.api().get_validation().id(id.clone())).await
    }

    /// Reads an entity's current validation; [`Error::is_not_found`] when it has none.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// let current = client.validations().current(&entity).await?;
    /// # Ok(()) }
    /// ```
    pub async fn current(&self, entity_id: &EntityId) -> Result<Validation> {
        let call = self.ctx.call();
        let request = call
            .api()
            .get_current_validation()
            .entity_id(entity_id.clone());
        call.json(request).await
    }

    /// An entity's validation history, newest first; narrow it on the builder.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// use gu1_kyc::types::ValidationStatus;
    /// let page = client.validations().history(&entity).status(ValidationStatus::Approved).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn history(&self, entity_id: &EntityId) -> ListValidations<'a> {
        ListValidations::new(self.ctx, Scope::Entity(entity_id.clone()))
    }

    /// Validations across the organization, newest first. The API documents this list only by
    /// name; its parameters mirror the history's.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let page = client.validations().list().limit(50).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListValidations<'a> {
        ListValidations::new(self.ctx, Scope::Organization(None))
    }

    /// Refreshes a validation from the provider (no credits used).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// let fresh = client.validations().sync(&id, false).await?;
    /// # Ok(()) }
    /// ```
    pub async fn sync(&self, id: &ValidationId, force: bool) -> Result<Validation> {
        let call = self.ctx.call();
        let request = call
            .api()
            .sync_validation()
            .id(id.clone())
            .body(api::SyncValidationRequest { force });
        call.json(request).await
    }

    /// Approves a validation in `in_review`; `reason` (at least 5 characters) goes to the audit log.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// client.validations().approve(&id, "Documents reviewed manually").await?;
    /// # Ok(()) }
    /// ```
    pub async fn approve(&self, id: &ValidationId, reason: &str) -> Result<Validation> {
        let body = reason_body(reason)?;
        let call = self.ctx.call();
        let request = call.api().approve_validation().id(id.clone()).body(body);
        call.json(request).await
    }

    /// Rejects a validation in `in_review`; it stops being current.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// client.validations().reject(&id, "Selfie does not match the document").await?;
    /// # Ok(()) }
    /// ```
    pub async fn reject(&self, id: &ValidationId, reason: &str) -> Result<Validation> {
        let body = reason_body(reason)?;
        let call = self.ctx.call();
        let request = call.api().reject_validation().id(id.clone()).body(body);
        call.json(request).await
    }

    /// Cancels a validation in `pending`, `in_progress` or `in_review`; its URL stops working.
    /// Irreversible.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// client.validations().cancel(&id, "User requested to cancel").await?;
    /// # Ok(()) }
    /// ```
    pub async fn cancel(&self, id: &ValidationId, reason: &str) -> Result<Validation> {
        let body = reason_body(reason)?;
        let call = self.ctx.call();
        let request = call.api().cancel_validation().id(id.clone()).body(body);
        call.json(request).await
    }

    /// An entity's KYC summary: verified or not, since when, and whether to verify again.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
    /// let summary = client.validations().entity_status(&entity).await?;
    /// if summary.needs_reverification { /* start a new validation */ }
    /// # Ok(()) }
    /// ```
    pub async fn entity_status(&self, entity_id: &EntityId) -> Result<EntityKycStatus> {
        let call = self.ctx.call();
        let request = call
            .api()
            .get_entity_kyc_status()
            .entity_id(entity_id.clone());
        call.json(request).await
    }

    /// Downloads a session image or video by its `kyc/...` storage key (from the decision).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::ValidationId) -> gu1_kyc::Result<()> {
    /// let media = client.validations().media(&id, "kyc/org/validation/front.jpg").await?;
    /// media.save("front.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn media(&self, id: &ValidationId, key: &str) -> Result<Download> {
        if !key.starts_with("kyc/") {
            return Err(Error::invalid_input(
                "a media key starts with kyc/ (older validations hold URLs: fetch those directly)",
            ));
        }
        let call = self.ctx.call();
        let request = call.api().get_validation_media().id(id.clone()).key(key);
        call.download(request).await
    }
}

fn reason_body(reason: &str) -> Result<api::DecisionReasonRequest> {
    let reason = reason.trim();
    if reason.chars().count() < Validations::MIN_REASON_CHARS {
        return Err(Error::invalid_input(format!(
            "the reason must have at least {} characters",
            Validations::MIN_REASON_CHARS
        )));
    }
    Ok(api::DecisionReasonRequest {
        reason: reason
            .parse()
            .map_err(|_| Error::invalid_input("invalid reason"))?,
    })
}
