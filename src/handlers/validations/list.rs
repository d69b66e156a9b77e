//! Validation lists: an entity's history and the organization-wide list, page by page or walked.

use futures_core::Stream;

use crate::{
    error::{Error, Result},
    handlers::ctx::{Ctx, with_options},
    pagination::{self, DEFAULT_PAGE_CONCURRENCY, Page, check_limit},
    types::{EntityId, Validation, ValidationStatus},
};

#[derive(Clone, Debug)]
pub(super) enum Scope {
    Entity(EntityId),
    Organization(Option<EntityId>),
}

/// Filters and paging of a validation list; from
/// [`Validations::history`](super::Validations::history) or
/// [`Validations::list`](super::Validations::list).
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
    /// The most validations one page holds: the largest [`limit`](Self::limit).
    pub const MAX_LIMIT: u32 = pagination::MAX_PAGE_SIZE;
    /// How many pages [`stream`](Self::stream) reads at once after the first, by default.
    pub const DEFAULT_CONCURRENCY: usize = DEFAULT_PAGE_CONCURRENCY;

    pub(super) fn new(ctx: Ctx<'a>, scope: Scope) -> Self {
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

    /// How many pages [`stream`](Self::stream) reads at once after the first (8 by default;
    /// 1 reads page after page).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
    /// let request = client.validations().history(&entity).status(gu1_kyc::types::ValidationStatus::Rejected);
    /// # }
    /// ```
    pub fn status(mut self, status: ValidationStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// `true`: only the current validation; `false`: only historical ones.
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
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
    /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
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
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
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
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
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
    /// # async fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) -> gu1_kyc::Result<()> {
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
                let call = self.ctx.call();
                let request = filtered!(
                    call.api()
                        .list_entity_validations()
                        .entity_id(entity_id.clone())
                );
                call.json(request).await?
            }
            Scope::Organization(entity_id) => {
                let call = self.ctx.call();
                let mut request = filtered!(call.api().list_validations());
                if let Some(entity_id) = entity_id {
                    request = request.entity_id(entity_id.clone());
                }
                call.json(request).await?
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

with_options!(ListValidations, "validations().history(&entity)");
