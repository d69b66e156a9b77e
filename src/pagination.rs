//! Pages of results and streams that walk every page.

use std::future::Future;

use futures_core::Stream;

use crate::error::{Error, Result};

/// The most items one page can hold.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Checks a caller-given page size against the API's documented limit.
pub(crate) fn check_limit(limit: u32) -> Result<u32> {
    if (1..=MAX_PAGE_SIZE).contains(&limit) {
        Ok(limit)
    } else {
        Err(Error::invalid_input(format!(
            "limit must be between 1 and {MAX_PAGE_SIZE}, got {limit}"
        )))
    }
}

/// One page of a page-numbered list (validation history).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// How many items match the query in all.
    pub total: u64,
    /// This page's number, from 1.
    pub page: u32,
    /// The page size used.
    pub limit: u32,
}

impl<T> Page<T> {
    /// Whether a later page holds more items.
    ///
    /// ```
    /// # use gu1_kyc::Page;
    /// # fn demo(page: Page<gu1_kyc::Validation>) {
    /// if page.has_next() { /* ask for page.page + 1 */ }
    /// # }
    /// ```
    pub fn has_next(&self) -> bool {
        !self.items.is_empty() && u64::from(self.page) * u64::from(self.limit) < self.total
    }
}

/// One page of an offset-paginated list (ID-verification and face-match records).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OffsetPage<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// How many items match the filters in all.
    pub total: u64,
    /// How many items were skipped.
    pub offset: u64,
    /// The page size used.
    pub limit: u32,
}

impl<T> OffsetPage<T> {
    /// The offset of the next page, if there is one.
    ///
    /// ```
    /// # use gu1_kyc::OffsetPage;
    /// # fn demo(page: OffsetPage<gu1_kyc::IdVerificationRecord>) {
    /// if let Some(offset) = page.next_offset() { /* ask from offset */ }
    /// # }
    /// ```
    pub fn next_offset(&self) -> Option<u64> {
        let next = self.offset + self.items.len() as u64;
        (!self.items.is_empty() && next < self.total).then_some(next)
    }
}

/// Walks every page, starting at `first`, yielding items one by one; stops after the first error.
pub(crate) fn by_page<T, F, Fut>(first: u32, mut fetch: F) -> impl Stream<Item = Result<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<Page<T>>>,
{
    walk(Some(first), move |page| {
        let next = fetch(page);
        async move {
            let page = next.await?;
            let after = page.has_next().then_some(page.page + 1);
            Ok((page.items, after))
        }
    })
}

/// Walks every offset page, starting at `first`, yielding items one by one.
pub(crate) fn by_offset<T, F, Fut>(first: u64, mut fetch: F) -> impl Stream<Item = Result<T>>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<OffsetPage<T>>>,
{
    walk(Some(first), move |offset| {
        let next = fetch(offset);
        async move {
            let page = next.await?;
            let after = page.next_offset();
            Ok((page.items, after))
        }
    })
}

fn walk<T, C, F, Fut>(first: Option<C>, fetch: F) -> impl Stream<Item = Result<T>>
where
    C: Copy,
    F: FnMut(C) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Option<C>)>>,
{
    struct State<T, C, F> {
        buffered: std::vec::IntoIter<T>,
        cursor: Option<C>,
        fetch: F,
    }
    let state = State {
        buffered: Vec::new().into_iter(),
        cursor: first,
        fetch,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffered.next() {
                return Some((Ok(item), state));
            }
            let cursor = state.cursor.take()?;
            match (state.fetch)(cursor).await {
                Ok((items, next)) => {
                    state.buffered = items.into_iter();
                    state.cursor = next;
                }
                Err(error) => return Some((Err(error), state)),
            }
        }
    })
}
