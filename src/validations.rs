//! KYC validations: hosted verification sessions for person entities.

use futures_core::Stream;
use serde_json::{Map, Value};

use crate::{
    call::{Ctx, with_options},
    client::Client,
    download::Download,
    error::{Error, Result},
    generated::types as api,
    operation::Operation,
    pagination::{self, DEFAULT_PAGE_CONCURRENCY, Page, check_limit},
    types::{EntityId, EntityKycStatus, Validation, ValidationId, ValidationStatus, WarningCode},
};

/// The integration code documented for hosted KYC (document, selfie, face match, liveness).
pub const DEFAULT_INTEGRATION_CODE: &str = "global_gueno_validation_kyc";
/// The most a validation's metadata may weigh once serialized (10 KB).
pub const MAX_METADATA_BYTES: usize = 10 * 1024;
/// The shortest reason accepted for approve, reject and cancel.
pub const MIN_REASON_CHARS: usize = 5;

/// Validation calls; from [`Client::validations`].
#[derive(Clone, Copy, Debug)]
pub struct Validations<'a> {
    ctx: Ctx<'a>,
}

with_options!(Validations, "validations()");

impl<'a> Validations<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self {
            ctx: Ctx::new(client),
        }
    }

    /// Starts a validation for a person entity; set options on the builder, then `send()`.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
    /// let validation = client
    ///     .validations()
    ///     .create(&entity)
    ///     .metadata(serde_json::json!({"userId": "user_12345"}))
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create(&self, entity_id: &EntityId) -> CreateValidation<'a> {
        CreateValidation {
            ctx: self.ctx,
            entity_id: entity_id.clone(),
            integration_code: DEFAULT_INTEGRATION_CODE.to_owned(),
            double_check_renaper: None,
            omit_warnings: Vec::new(),
            workflow_id: None,
            webhook_url: None,
            metadata: Ok(None),
        }
    }

    /// Reads a validation, including its verification URL.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::ValidationId) -> gu1_kyc::Result<()> {
    /// let validation = client.validations().get(&id).await?;
    /// if let Some(url) = validation.verification_url() { /* send it to the customer */ }
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &ValidationId) -> Result<Validation> {
        let call = self.ctx.call(Operation::GetValidation);
        call.json(call.api().get_validation().id(id.clone()).send())
            .await
    }

    /// Reads an entity's current validation; [`Error::is_not_found`] when it has none.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
    /// let current = client.validations().current(&entity).await?;
    /// # Ok(()) }
    /// ```
    pub async fn current(&self, entity_id: &EntityId) -> Result<Validation> {
        let call = self.ctx.call(Operation::GetCurrentValidation);
        let request = call
            .api()
            .get_current_validation()
            .entity_id(entity_id.clone())
            .send();
        call.json(request).await
    }

    /// An entity's validation history, newest first; narrow it on the builder.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
    /// use gu1_kyc::ValidationStatus;
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
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::ValidationId) -> gu1_kyc::Result<()> {
    /// let fresh = client.validations().sync(&id, false).await?;
    /// # Ok(()) }
    /// ```
    pub async fn sync(&self, id: &ValidationId, force: bool) -> Result<Validation> {
        let call = self.ctx.call(Operation::SyncValidation);
        let request = call
            .api()
            .sync_validation()
            .id(id.clone())
            .body(api::SyncValidationRequest { force })
            .send();
        call.json(request).await
    }

    /// Approves a validation in `in_review`; `reason` (at least 5 characters) goes to the audit log.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::ValidationId) -> gu1_kyc::Result<()> {
    /// client.validations().approve(&id, "Documents reviewed manually").await?;
    /// # Ok(()) }
    /// ```
    pub async fn approve(&self, id: &ValidationId, reason: &str) -> Result<Validation> {
        let body = reason_body(reason)?;
        let call = self.ctx.call(Operation::ApproveValidation);
        let request = call
            .api()
            .approve_validation()
            .id(id.clone())
            .body(body)
            .send();
        call.json(request).await
    }

    /// Rejects a validation in `in_review`; it stops being current.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::ValidationId) -> gu1_kyc::Result<()> {
    /// client.validations().reject(&id, "Selfie does not match the document").await?;
    /// # Ok(()) }
    /// ```
    pub async fn reject(&self, id: &ValidationId, reason: &str) -> Result<Validation> {
        let body = reason_body(reason)?;
        let call = self.ctx.call(Operation::RejectValidation);
        let request = call
            .api()
            .reject_validation()
            .id(id.clone())
            .body(body)
            .send();
        call.json(request).await
    }

    /// Cancels a validation in `pending`, `in_progress` or `in_review`; its URL stops working.
    /// Irreversible.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::ValidationId) -> gu1_kyc::Result<()> {
    /// client.validations().cancel(&id, "User requested to cancel").await?;
    /// # Ok(()) }
    /// ```
    pub async fn cancel(&self, id: &ValidationId, reason: &str) -> Result<Validation> {
        let body = reason_body(reason)?;
        let call = self.ctx.call(Operation::CancelValidation);
        let request = call
            .api()
            .cancel_validation()
            .id(id.clone())
            .body(body)
            .send();
        call.json(request).await
    }

    /// An entity's KYC summary: verified or not, since when, and whether to verify again.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
    /// let summary = client.validations().entity_status(&entity).await?;
    /// if summary.needs_reverification { /* start a new validation */ }
    /// # Ok(()) }
    /// ```
    pub async fn entity_status(&self, entity_id: &EntityId) -> Result<EntityKycStatus> {
        let call = self.ctx.call(Operation::GetEntityKycStatus);
        let request = call
            .api()
            .get_entity_kyc_status()
            .entity_id(entity_id.clone())
            .send();
        call.json(request).await
    }

    /// Downloads a session image or video by its `kyc/...` storage key (from the decision).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::ValidationId) -> gu1_kyc::Result<()> {
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
        let call = self.ctx.call(Operation::GetValidationMedia);
        let request = call
            .api()
            .get_validation_media()
            .id(id.clone())
            .key(key)
            .send();
        call.download(request).await
    }
}

fn reason_body(reason: &str) -> Result<api::DecisionReasonRequest> {
    let reason = reason.trim();
    if reason.chars().count() < MIN_REASON_CHARS {
        return Err(Error::invalid_input(format!(
            "the reason must have at least {MIN_REASON_CHARS} characters"
        )));
    }
    Ok(api::DecisionReasonRequest {
        reason: reason
            .parse()
            .map_err(|_| Error::invalid_input("invalid reason"))?,
    })
}

/// Options of a new validation; from [`Validations::create`]. `Debug` leaves out the metadata
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

impl CreateValidation<'_> {
    /// The KYC integration to run (default `global_gueno_validation_kyc`).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
    /// use gu1_kyc::WarningCode;
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
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

    /// Creates the validation. Not retried after the request may have reached the server, so a
    /// retry never creates a second validation.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
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
        if size > MAX_METADATA_BYTES {
            return Err(Error::invalid_input(format!(
                "metadata is {size} bytes serialized; the API accepts at most {MAX_METADATA_BYTES}"
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
        let call = self.ctx.call(Operation::CreateValidation);
        call.json(call.api().create_validation().body(body).send())
            .await
    }
}

#[derive(Clone, Debug)]
enum Scope {
    Entity(EntityId),
    Organization(Option<EntityId>),
}

/// Filters and paging of a validation list; from [`Validations::history`] or [`Validations::list`].
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until you call send() or stream()"]
pub struct ListValidations<'a> {
    ctx: Ctx<'a>,
    scope: Scope,
    page: u32,
    limit: Option<u32>,
    status: Option<ValidationStatus>,
    is_current: Option<bool>,
    concurrency: usize,
}

impl<'a> ListValidations<'a> {
    fn new(ctx: Ctx<'a>, scope: Scope) -> Self {
        Self {
            ctx,
            scope,
            page: 1,
            limit: None,
            status: None,
            is_current: None,
            concurrency: DEFAULT_PAGE_CONCURRENCY,
        }
    }

    /// How many pages [`stream`](Self::stream) reads at once after the first (4 by default;
    /// 1 reads page after page).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
    /// let request = client.validations().history(&entity).limit(100).concurrency(8);
    /// # }
    /// ```
    pub fn concurrency(mut self, pages: usize) -> Self {
        self.concurrency = pages.max(1);
        self
    }

    /// The page to read, from 1 (default 1).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
    /// let request = client.validations().history(&entity).page(2);
    /// # }
    /// ```
    pub fn page(mut self, page: u32) -> Self {
        self.page = page;
        self
    }

    /// Items per page, 1 to 100 (the API's default is 100).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
    /// let request = client.validations().history(&entity).limit(25);
    /// # }
    /// ```
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Only validations with this status.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
    /// let request = client.validations().history(&entity).status(gu1_kyc::ValidationStatus::Rejected);
    /// # }
    /// ```
    pub fn status(mut self, status: ValidationStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// `true`: only the current validation; `false`: only historical ones.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
    /// let request = client.validations().history(&entity).is_current(false);
    /// # }
    /// ```
    pub fn is_current(mut self, is_current: bool) -> Self {
        self.is_current = Some(is_current);
        self
    }

    /// Only validations of this entity (organization-wide list only).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) {
    /// let request = client.validations().list().entity_id(&entity);
    /// # }
    /// ```
    pub fn entity_id(mut self, entity_id: &EntityId) -> Self {
        self.scope = match self.scope {
            Scope::Entity(_) => Scope::Entity(entity_id.clone()),
            Scope::Organization(_) => Scope::Organization(Some(entity_id.clone())),
        };
        self
    }

    /// Reads one page.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
    /// let page = client.validations().history(&entity).send().await?;
    /// println!("{} of {}", page.items.len(), page.total);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) before sending when `limit` is outside
    /// 1..=100 or `page` is 0; the API's errors otherwise.
    pub async fn send(&self) -> Result<Page<Validation>> {
        self.fetch(self.page).await
    }

    /// Every validation from the chosen page on, in order. Once the first page gives the total,
    /// later pages are read [`concurrency`](Self::concurrency) at a time, with every filter, and
    /// at most that many pages are held in memory. Ends after the first error, having yielded
    /// every validation before it.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
    /// use futures_util::StreamExt;
    /// let request = client.validations().history(&entity);
    /// let mut all = std::pin::pin!(request.stream());
    /// while let Some(validation) = all.next().await {
    ///     println!("{}", validation?.status);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stream(&self) -> impl Stream<Item = Result<Validation>> + '_ {
        pagination::walk(
            u64::from(self.page),
            self.concurrency,
            move |page| async move {
                let page = u32::try_from(page)
                    .map_err(|_| Error::invalid_input("the page number is too large"))?;
                Ok(self.fetch(page).await?.walked())
            },
        )
    }

    /// Every validation from the chosen page on, collected; an error instead of more than `max`.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::EntityId) -> gu1_kyc::Result<()> {
    /// let all = client.validations().history(&entity).limit(100).collect_all(10_000).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`BodyTooLarge`](crate::ErrorKind::BodyTooLarge) when the list holds more than `max`
    /// validations; the first error of the walk otherwise.
    pub async fn collect_all(&self, max: usize) -> Result<Vec<Validation>> {
        pagination::collect_at_most(self.stream(), max).await
    }

    async fn fetch(&self, page: u32) -> Result<Page<Validation>> {
        let page_number = std::num::NonZeroU32::new(page)
            .ok_or_else(|| Error::invalid_input("page numbers start at 1"))?;
        let limit = self.limit.map(check_limit).transpose()?;
        let limit = limit.and_then(std::num::NonZeroU32::new);
        // Both lists take the same filters; only the operation (and the entity filter) differ.
        macro_rules! filtered {
            ($call:expr) => {{
                let mut call = $call.page(page_number);
                if let Some(limit) = limit {
                    call = call.limit(limit);
                }
                if let Some(status) = &self.status {
                    call = call.status(status.clone());
                }
                if let Some(is_current) = self.is_current {
                    call = call.is_current(is_current);
                }
                call
            }};
        }
        let body = match &self.scope {
            Scope::Entity(entity_id) => {
                let call = self.ctx.call(Operation::ListEntityValidations);
                let request = filtered!(
                    call.api()
                        .list_entity_validations()
                        .entity_id(entity_id.clone())
                );
                call.json(request.send()).await?
            }
            Scope::Organization(entity_id) => {
                let call = self.ctx.call(Operation::ListValidations);
                let mut request = filtered!(call.api().list_validations());
                if let Some(entity_id) = entity_id {
                    request = request.entity_id(entity_id.clone());
                }
                call.json(request.send()).await?
            }
        };
        Ok(Page {
            items: body.validations,
            total: u64::try_from(body.total).unwrap_or(0),
            page: u32::from(body.page),
            limit: u32::from(body.limit),
        })
    }
}

with_options!(CreateValidation, "validations().create(&entity)");
with_options!(ListValidations, "validations().history(&entity)");
