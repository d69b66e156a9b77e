//! Walking a long history: `.stream()` (later pages read concurrently) against a sequential loop
//! over the SDK's own `page(n).send()`, on 10,000 validations behind 5 ms of added latency per
//! request, and the peak memory each walk allocates.
//!
//! The server is an in-process axum app on 127.0.0.1 serving pre-encoded pages; every request
//! waits 5 ms before its answer, as a nearby API would. The two walks alternate for a fixed number
//! of rounds; the report gives medians and the ratio. Memory is the peak of bytes allocated by the
//! whole process above what was live when the walk began (a counting global allocator), with the
//! items counted as they arrive, not kept.
//!
//! ```sh
//! cargo bench --bench history_walk
//! ```
//!
//! Row 2 of `cargo xtask bench` (see `BENCHMARKS.md`).

use std::{
    alloc::{GlobalAlloc, Layout, System},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{
    Router,
    extract::{Query, State},
    http::header,
    response::IntoResponse,
    routing::get,
};
use futures_util::StreamExt;
use gu1_kyc::{Client, types::EntityId};

const TOTAL: usize = 10_000;
const PER_PAGE: usize = 100;
const LATENCY: Duration = Duration::from_millis(5);
const ROUNDS: usize = 5;
const ENTITY: &str = "123e4567-e89b-12d3-a456-426614174000";

/// Counts live bytes and remembers the peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Starts measuring: the peak restarts from what is live now.
fn reset_peak() -> usize {
    let live = LIVE.load(Ordering::Relaxed);
    PEAK.store(live, Ordering::Relaxed);
    live
}

fn peak_above(base: usize) -> usize {
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

fn page_body(page: usize) -> Vec<u8> {
    let start = (page - 1) * PER_PAGE;
    let items: Vec<_> = (start..(start + PER_PAGE).min(TOTAL))
        .map(|i| {
            serde_json::json!({
                "id": format!("550e8400-e29b-41d4-a716-{i:012}"),
                "entityId": ENTITY,
                "status": if i % 3 == 0 { "approved" } else { "abandoned" },
                "isCurrent": i == 0,
                "provider": "Gu1 KYC",
                "providerSessionUrl": format!("https://verify.example.com/session_{i}"),
                "decision": {"status": "Approved", "features": ["id_verification", "liveness"]},
                "createdAt": "2025-01-27T09:00:00Z",
                "updatedAt": "2025-01-27T10:30:00Z",
                "metadata": {"integrationCode": "global_gueno_validation_kyc"}
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "validations": items, "total": TOTAL, "page": page, "limit": PER_PAGE
    }))
    .expect("serializes")
}

#[derive(serde::Deserialize)]
struct PageQuery {
    page: Option<usize>,
}

async fn history(
    State(pages): State<Arc<Vec<bytes::Bytes>>>,
    Query(query): Query<PageQuery>,
) -> impl IntoResponse {
    tokio::time::sleep(LATENCY).await;
    let page = query.page.unwrap_or(1).clamp(1, pages.len());
    (
        [(header::CONTENT_TYPE, "application/json")],
        pages[page - 1].clone(),
    )
}

async fn sequential(client: &Client, entity: &EntityId) -> usize {
    let mut seen = 0;
    let mut page = 1;
    loop {
        let got = client
            .validations()
            .history(entity)
            .limit(PER_PAGE as u32)
            .page(page)
            .send()
            .await
            .expect("a page");
        seen += got.items.len();
        if !got.has_next() {
            return seen;
        }
        page += 1;
    }
}

async fn streamed(client: &Client, entity: &EntityId) -> usize {
    let request = client.validations().history(entity).limit(PER_PAGE as u32);
    let mut items = std::pin::pin!(request.stream());
    let mut seen = 0;
    while let Some(item) = items.next().await {
        std::hint::black_box(item.expect("an item"));
        seen += 1;
    }
    seen
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let pages: Vec<bytes::Bytes> = (1..=TOTAL.div_ceil(PER_PAGE))
        .map(|p| bytes::Bytes::from(page_body(p)))
        .collect();
    let app = Router::new()
        .route(
            &format!("/api/kyc/entities/{ENTITY}/validations"),
            get(history),
        )
        .with_state(Arc::new(pages));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback");
    let address = listener.local_addr().expect("address");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let client = Client::builder()
        .api_key("gk_bench")
        .base_url(format!("http://{address}"))
        .build()
        .expect("client");
    let entity = EntityId::parse(ENTITY).expect("id");

    // Warm the connection pool and the code paths once.
    assert_eq!(streamed(&client, &entity).await, TOTAL);

    let (mut a, mut b, mut a_peak, mut b_peak) = (vec![], vec![], 0, 0);
    for _ in 0..ROUNDS {
        let base = reset_peak();
        let start = Instant::now();
        assert_eq!(sequential(&client, &entity).await, TOTAL);
        a.push(start.elapsed());
        a_peak = a_peak.max(peak_above(base));

        let base = reset_peak();
        let start = Instant::now();
        assert_eq!(streamed(&client, &entity).await, TOTAL);
        b.push(start.elapsed());
        b_peak = b_peak.max(peak_above(base));
    }
    let (a, b) = (median(a), median(b));
    println!(
        "walk {TOTAL} validations, {PER_PAGE} per page, {} ms added per request ({ROUNDS} rounds)\n  \
         A: sequential page(n).send() loop   {:>8.1} ms   peak {:>6} KiB\n  \
         B: .stream() (8 pages in flight)    {:>8.1} ms   peak {:>6} KiB\n  \
         speed-up A/B: {:.1}x",
        LATENCY.as_millis(),
        a.as_secs_f64() * 1e3,
        a_peak / 1024,
        b.as_secs_f64() * 1e3,
        b_peak / 1024,
        a.as_secs_f64() / b.as_secs_f64(),
    );
    // One tab-separated line for `cargo xtask bench`'s table.
    let speed_up = a.as_secs_f64() / b.as_secs_f64();
    println!(
        "ROW\t2\twalk {TOTAL} validations, {} ms added per request\t\
         page(n).send() loop: {:.0} ms, peak {} KiB\t.stream(): {:.0} ms, peak {} KiB\t\
         {speed_up:.1}x faster\t≥ 5x\t{}",
        LATENCY.as_millis(),
        a.as_secs_f64() * 1e3,
        a_peak / 1024,
        b.as_secs_f64() * 1e3,
        b_peak / 1024,
        if speed_up >= 5.0 { "yes" } else { "NO" },
    );
    server.abort();
}
