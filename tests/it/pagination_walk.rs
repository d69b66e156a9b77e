//! `stream()` walks a list with later pages read concurrently: in order, with every filter on
//! every page, bounded, stopping at the first error with every item before it, and
//! `collect_all` refusing more than its bound.

use std::time::Duration;

use crate::support::misbehaving::{Behaviour, Misbehaving, Received};
use futures_util::StreamExt;
use gu1_kyc::{
    Client, ErrorKind,
    types::{EntityId, ValidationStatus},
};
use serde_json::{Value, json};

const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";
const HISTORY_PATH: &str = "/api/kyc/entities/123e4567-e89b-12d3-a456-426614174000/validations";

/// The validation numbered `n` (0 is the newest).
fn validation(n: u64) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "entityId": ENTITY_ID,
        "status": "approved",
        "isCurrent": n == 0,
    })
}

/// A history of `total` validations served `limit` per page; page 1 answers at once, later pages
/// after a delay that is longest for the earliest page, so they complete out of order.
fn history(
    total: u64,
    limit: u64,
    fail_page: Option<u64>,
) -> impl Fn(&Received, usize) -> Behaviour {
    move |request, _| {
        let page: u64 = param(request, "page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        if Some(page) == fail_page {
            return Behaviour::json(400, &json!({"error": "VALIDATION_ERROR", "message": "x"}));
        }
        let start = (page - 1) * limit;
        let items: Vec<Value> = (start..(start + limit).min(total))
            .map(validation)
            .collect();
        let body = json!({"validations": items, "total": total, "page": page, "limit": limit});
        let delay = Duration::from_millis(if page == 1 {
            0
        } else {
            5 * (12 - page.min(11))
        });
        Behaviour::Delayed {
            delay,
            then: Box::new(Behaviour::json(200, &body)),
        }
    }
}

fn param(request: &Received, name: &str) -> Option<String> {
    request
        .query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

fn client(server: &Misbehaving) -> Client {
    server.builder().build().unwrap()
}

fn entity() -> EntityId {
    EntityId::parse(ENTITY_ID).unwrap()
}

fn ids(items: &[gu1_kyc::types::Validation]) -> Vec<String> {
    items.iter().map(|v| v.id.to_string()).collect()
}

fn expected(total: u64) -> Vec<String> {
    (0..total)
        .map(|n| validation(n)["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_walk_yields_every_item_in_order_though_pages_complete_out_of_order() {
    let server = Misbehaving::start(history(250, 25, None)).await;
    let client = client(&server);

    let walked: Vec<_> = client
        .validations()
        .history(&entity())
        .limit(25)
        .stream()
        .collect()
        .await;

    let walked: Vec<_> = walked.into_iter().collect::<gu1_kyc::Result<_>>().unwrap();
    assert_eq!(ids(&walked), expected(250));
    assert_eq!(server.count("GET", HISTORY_PATH), 10, "each page read once");
    let max = server.max_in_flight();
    assert!(
        (2..=8).contains(&max),
        "{max} pages in flight, default concurrency is 8"
    );
}

#[tokio::test]
async fn concurrency_bounds_the_pages_in_flight_and_one_reads_page_after_page() {
    for (concurrency, bound) in [(1usize, 1usize), (2, 2), (8, 8)] {
        let server = Misbehaving::start(history(300, 20, None)).await;
        let client = client(&server);

        let walked = client
            .validations()
            .history(&entity())
            .limit(20)
            .concurrency(concurrency)
            .collect_all(1_000)
            .await
            .unwrap();

        assert_eq!(ids(&walked), expected(300));
        assert!(
            server.max_in_flight() <= bound,
            "{concurrency}: {}",
            server.max_in_flight()
        );
    }
}

#[tokio::test]
async fn every_filter_is_sent_on_every_page() {
    let server = Misbehaving::start(history(120, 30, None)).await;
    let client = client(&server);

    let walked = client
        .validations()
        .history(&entity())
        .limit(30)
        .status(ValidationStatus::Approved)
        .is_current(false)
        .collect_all(500)
        .await
        .unwrap();

    assert_eq!(walked.len(), 120);
    let pages: Vec<_> = server.received();
    assert_eq!(pages.len(), 4);
    for request in &pages {
        assert_eq!(param(request, "status").as_deref(), Some("approved"));
        assert_eq!(param(request, "isCurrent").as_deref(), Some("false"));
        assert_eq!(param(request, "limit").as_deref(), Some("30"));
    }
    let mut numbers: Vec<_> = pages.iter().filter_map(|r| param(r, "page")).collect();
    numbers.sort();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
}

#[tokio::test]
async fn a_walk_stops_at_the_first_error_having_yielded_every_item_before_it() {
    let server = Misbehaving::start(history(200, 20, Some(4))).await;
    let client = client(&server);

    let walked: Vec<_> = client
        .validations()
        .history(&entity())
        .limit(20)
        .stream()
        .collect()
        .await;

    let (items, rest): (Vec<_>, Vec<_>) = walked.into_iter().partition(Result::is_ok);
    let items: Vec<_> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(ids(&items), expected(60), "pages 1 to 3, in order");
    assert_eq!(rest.len(), 1, "one error, then the stream ends");
    let error = rest.into_iter().next().unwrap().unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
}

#[tokio::test]
async fn collect_all_refuses_more_than_its_bound() {
    let server = Misbehaving::start(history(150, 50, None)).await;
    let client = client(&server);

    let error = client
        .validations()
        .history(&entity())
        .limit(50)
        .collect_all(120)
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::BodyTooLarge, "{error}");
    let all = client
        .validations()
        .history(&entity())
        .limit(50)
        .collect_all(150)
        .await
        .unwrap();
    assert_eq!(all.len(), 150);
}

#[tokio::test]
async fn an_empty_history_is_one_request_and_no_items() {
    let server = Misbehaving::start(history(0, 100, None)).await;
    let client = client(&server);

    let all = client
        .validations()
        .history(&entity())
        .collect_all(10)
        .await
        .unwrap();

    assert!(all.is_empty());
    assert_eq!(server.received().len(), 1);
}
