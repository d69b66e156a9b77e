//! The list builder shared by ID-verification and face-match audit records, which the API pages
//! the same way (`entityId`, `withoutEntity`, `status`, `limit`, `offset`).

/// Defines an offset-paginated record list builder over one generated list operation.
macro_rules! record_list {
    (
        $(#[$doc:meta])*
        $name:ident, $status:ty, $record:ty, $generated:ident, $handler:literal
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until you call send() or stream()"]
        pub struct $name<'a> {
            ctx: crate::handlers::ctx::Ctx<'a>,
            entity_id: Option<crate::types::EntityId>,
            without_entity: Option<bool>,
            status: Option<$status>,
            limit: Option<u32>,
            offset: u64,
            concurrency: usize,
        }

        impl<'a> $name<'a> {
            /// The most records one page holds: the largest [`limit`](Self::limit).
            pub const MAX_LIMIT: u32 = crate::pagination::MAX_PAGE_SIZE;
            /// How many pages [`stream`](Self::stream) reads at once after the first, by default.
            pub const DEFAULT_CONCURRENCY: usize = crate::pagination::DEFAULT_PAGE_CONCURRENCY;

            pub(crate) fn new(ctx: crate::handlers::ctx::Ctx<'a>) -> Self {
                Self {
                    ctx,
                    entity_id: None,
                    without_entity: None,
                    status: None,
                    limit: None,
                    offset: 0,
                    concurrency: crate::pagination::DEFAULT_PAGE_CONCURRENCY,
                }
            }

            /// Only records linked to this person entity.
            ///
            /// ```no_run
            /// # fn demo(client: gu1_kyc::Client, entity: gu1_kyc::types::EntityId) {
            #[doc = concat!("let request = client.", $handler, "().list().entity_id(&entity);")]
            /// # }
            /// ```
            pub fn entity_id(mut self, entity_id: &crate::types::EntityId) -> Self {
                self.entity_id = Some(entity_id.clone());
                self
            }

            /// `true`: only records with no entity.
            ///
            /// ```no_run
            /// # fn demo(client: gu1_kyc::Client) {
            #[doc = concat!("let request = client.", $handler, "().list().without_entity(true);")]
            /// # }
            /// ```
            pub fn without_entity(mut self, without_entity: bool) -> Self {
                self.without_entity = Some(without_entity);
                self
            }

            /// Only records with this status.
            ///
            /// ```no_run
            /// # fn demo(client: gu1_kyc::Client) {
            #[doc = concat!("let request = client.", $handler, "().list().status(\"approved\".into());")]
            /// # }
            /// ```
            pub fn status(mut self, status: $status) -> Self {
                self.status = Some(status);
                self
            }

            /// Records per page, 1 to 100 (the API's default is 50).
            ///
            /// ```no_run
            /// # fn demo(client: gu1_kyc::Client) {
            #[doc = concat!("let request = client.", $handler, "().list().limit(20);")]
            /// # }
            /// ```
            pub fn limit(mut self, limit: u32) -> Self {
                self.limit = Some(limit);
                self
            }

            /// How many records to skip (default 0).
            ///
            /// ```no_run
            /// # fn demo(client: gu1_kyc::Client) {
            #[doc = concat!("let request = client.", $handler, "().list().offset(40);")]
            /// # }
            /// ```
            pub fn offset(mut self, offset: u64) -> Self {
                self.offset = offset;
                self
            }

            /// Reads one page.
            ///
            /// ```no_run
            /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
            #[doc = concat!("let page = client.", $handler, "().list().send().await?;")]
            /// println!("{} of {}", page.items.len(), page.total);
            /// # Ok(()) }
            /// ```
            ///
            /// # Errors
            ///
            /// [`InvalidInput`](crate::ErrorKind::InvalidInput) before sending when `limit` is
            /// outside 1..=100 or the offset is too large; the API's errors otherwise.
            pub async fn send(&self) -> crate::Result<crate::OffsetPage<$record>> {
                self.fetch(self.offset).await
            }

            /// How many pages [`stream`](Self::stream) reads at once after the first (8 by
            /// default; 1 reads page after page).
            ///
            /// ```no_run
            /// # fn demo(client: gu1_kyc::Client) {
            #[doc = concat!("let request = client.", $handler, "().list().limit(100).concurrency(8);")]
            /// # }
            /// ```
            pub fn concurrency(mut self, pages: usize) -> Self {
                self.concurrency = pages.max(1);
                self
            }

            /// Every record from the chosen offset on, collected; an error instead of more than
            /// `max`.
            ///
            /// ```no_run
            /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
            #[doc = concat!("let all = client.", $handler, "().list().collect_all(5_000).await?;")]
            /// # Ok(()) }
            /// ```
            ///
            /// # Errors
            ///
            /// [`BodyTooLarge`](crate::ErrorKind::BodyTooLarge) past `max` records; the first
            /// error of the walk otherwise.
            pub async fn collect_all(&self, max: usize) -> crate::Result<Vec<$record>> {
                crate::pagination::collect_at_most(self.stream(), max).await
            }

            /// Every record from the chosen offset on, in order. Once the first page gives the
            /// total, later pages are read [`concurrency`](Self::concurrency) at a time, with
            /// every filter; ends after the first error, having yielded every record before it.
            ///
            /// ```no_run
            /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
            /// use futures_util::StreamExt;
            #[doc = concat!("let request = client.", $handler, "().list();")]
            /// let mut all = std::pin::pin!(request.stream());
            /// while let Some(record) = all.next().await { let _record = record?; }
            /// # Ok(()) }
            /// ```
            pub fn stream(&self) -> impl futures_core::Stream<Item = crate::Result<$record>> + '_ {
                crate::pagination::walk(self.offset, self.concurrency, move |offset| async move {
                    Ok(self.fetch(offset).await?.walked())
                })
            }

            async fn fetch(&self, offset: u64) -> crate::Result<crate::OffsetPage<$record>> {
                let offset_param = i32::try_from(offset)
                    .map_err(|_| crate::Error::invalid_input("the offset is too large"))?;
                let call = self.ctx.call();
                let mut request = call.api().$generated().offset(offset_param);
                if let Some(limit) = self.limit {
                    let limit = crate::pagination::check_limit(limit)?;
                    if let Some(limit) = std::num::NonZeroU32::new(limit) {
                        request = request.limit(limit);
                    }
                }
                if let Some(entity_id) = &self.entity_id {
                    request = request.entity_id(entity_id.clone());
                }
                if let Some(without_entity) = self.without_entity {
                    request = request.without_entity(without_entity);
                }
                if let Some(status) = &self.status {
                    request = request.status(status.clone());
                }
                let body = call.json(request).await?;
                Ok(crate::OffsetPage {
                    items: body.verifications,
                    total: u64::try_from(body.pagination.total).unwrap_or(0),
                    offset: u64::try_from(body.pagination.offset).unwrap_or(offset),
                    limit: u32::try_from(body.pagination.limit).unwrap_or(0),
                })
            }
        }
    };
}
pub(crate) use record_list;
