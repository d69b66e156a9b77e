//! Pages of results and streams that walk every page.

use std::future::Future;

use futures_core::Stream;

use crate::error::{Error, Result};

/// The most items one page can hold.
pub(crate) const MAX_PAGE_SIZE: u32 = 100;

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
    /// # fn demo(page: Page<gu1_kyc::types::Validation>) {
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
    /// # fn demo(page: OffsetPage<gu1_kyc::types::IdVerificationRecord>) {
    /// if let Some(offset) = page.next_offset() { /* ask from offset */ }
    /// # }
    /// ```
    pub fn next_offset(&self) -> Option<u64> {
        let next = self.offset + self.items.len() as u64;
        (!self.items.is_empty() && next < self.total).then_some(next)
    }
}

/// How many pages a `stream()` reads at once after the first, by default.
pub(crate) const DEFAULT_PAGE_CONCURRENCY: usize = 8;

/// One page as a walk sees it: its items and, from its total and position, where every later
/// page starts (page numbers or offsets).
pub(crate) struct Walked<T> {
    pub(crate) items: Vec<T>,
    pub(crate) later: Vec<u64>,
}

impl<T> Page<T> {
    /// The numbers of the pages after this one, from its total.
    pub(crate) fn walked(self) -> Walked<T> {
        let limit = u64::from(self.limit.max(1));
        let last = self.total.div_ceil(limit);
        let later = if self.items.is_empty() {
            Vec::new()
        } else {
            (u64::from(self.page) + 1..=last).collect()
        };
        Walked {
            items: self.items,
            later,
        }
    }
}

impl<T> OffsetPage<T> {
    /// The offsets of the pages after this one, from its total.
    pub(crate) fn walked(self) -> Walked<T> {
        let step = u64::from(self.limit.max(1));
        let later = match self.next_offset() {
            Some(next) => (0..)
                .map(|k| next + k * step)
                .take_while(|offset| *offset < self.total)
                .collect(),
            None => Vec::new(),
        };
        Walked {
            items: self.items,
            later,
        }
    }
}

/// Walks a list: the page at `first`, then every later page its total announces, up to
/// `concurrency` at a time, yielding items in order. Stops after the first error, having yielded
/// every item before it. Holds at most `concurrency` pages besides the one being yielded.
///
/// A list that grows while it is walked (newest first) pushes items past the pages planned from
/// the first total: those are not read, as a page-by-page loop would read some twice instead.
pub(crate) fn walk<'a, T, F, Fut>(
    first: u64,
    concurrency: usize,
    fetch: F,
) -> impl Stream<Item = Result<T>> + 'a
where
    T: 'a,
    F: Fn(u64) -> Fut + Copy + 'a,
    Fut: Future<Output = Result<Walked<T>>> + 'a,
{
    use futures_util::{
        StreamExt,
        future::{Either, ready},
        stream,
    };
    stream::once(fetch(first))
        .flat_map(move |head| match head {
            Err(error) => Either::Left(stream::once(ready(Err(error)))),
            Ok(mut head) => {
                let later = std::mem::take(&mut head.later);
                let rest = stream::iter(later).map(fetch).buffered(concurrency.max(1));
                Either::Right(stream::once(ready(Ok(head))).chain(rest))
            }
        })
        .scan(false, |failed, page| {
            if *failed {
                return ready(None);
            }
            *failed = page.is_err();
            ready(Some(page))
        })
        .flat_map(|page| match page {
            Ok(page) => Either::Left(stream::iter(page.items.into_iter().map(Ok))),
            Err(error) => Either::Right(stream::once(ready(Err(error)))),
        })
}

/// Collects a walk, refusing to hold more than `max` items.
pub(crate) async fn collect_at_most<T>(
    items: impl Stream<Item = Result<T>>,
    max: usize,
) -> Result<Vec<T>> {
    use futures_util::StreamExt;
    let mut items = std::pin::pin!(items);
    let mut all = Vec::new();
    while let Some(item) = items.next().await {
        if all.len() == max {
            return Err(
                Error::new(crate::ErrorKind::BodyTooLarge).with_detail(format!(
                    "the list holds more than the {max} items collect_all was allowed"
                )),
            );
        }
        all.push(item?);
    }
    Ok(all)
}
