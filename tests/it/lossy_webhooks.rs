//! Never miss an outcome: 510 validations reach mixed outcomes (approved, rejected, cancelled,
//! expired by the sandbox's clock, a few left in review) while the sandbox drops 30% of their
//! webhooks, sends others twice and holds others back to release them out of order; a receiver
//! handles what arrives through the inbox and a reconciler runs beside it. Once the deliveries
//! have settled, every terminal outcome reached the one handler exactly once, by one path or the
//! other. On the memory store and on PostgreSQL.

use std::{collections::HashMap, sync::Arc, time::Duration};

use axum::{Router, body::Bytes, extract::State, http::HeaderMap, http::StatusCode, routing::post};
use gu1_kyc::{
    outcomes::{OutcomeHandler, Reconciler},
    store::{Inbox, InboxStore, MemoryStore},
    types::{ValidationId, ValidationStatus},
    webhooks::{SIGNATURE_HEADER, WebhookSecret, verify_and_parse},
};
use gu1_kyc_sandbox::{DeliveryFault, DeliveryState, ReleaseOrder, Sandbox};

use crate::reconciler::Seen;
use crate::support::world::World;

/// People, and validations per person.
const PEOPLE: usize = 170;
const PER_PERSON: usize = 3;

/// A receiver on loopback: verifies each delivery, hands it to `handler` through `inbox`, and
/// answers what the inbox says. Returns its URL.
async fn receiver<H: OutcomeHandler>(secret: WebhookSecret, inbox: Inbox, handler: H) -> String {
    struct Receiver<H> {
        secret: WebhookSecret,
        inbox: Inbox,
        handler: H,
    }
    async fn receive<H: OutcomeHandler>(
        State(receiver): State<Arc<Receiver<H>>>,
        headers: HeaderMap,
        body: Bytes,
    ) -> StatusCode {
        let signature = headers
            .get(SIGNATURE_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let Ok(event) = verify_and_parse(&receiver.secret, &body, signature) else {
            return StatusCode::UNAUTHORIZED;
        };
        let handled = receiver
            .inbox
            .handle(&event, |event| receiver.handler.handle(event.clone()))
            .await;
        StatusCode::from_u16(handled.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
    let app = Router::new()
        .route("/", post(receive::<H>))
        .with_state(Arc::new(Receiver {
            secret,
            inbox,
            handler,
        }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("the receiver binds");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/")
}

/// Runs the scenario on `store`.
async fn scenario(store: impl InboxStore + Clone + 'static) {
    let sandbox = Sandbox::builder()
        .outcome_delay(Duration::from_millis(20))
        .webhook_retries(3, Duration::from_millis(20))
        .start()
        .await
        .expect("the sandbox starts");
    let seen = Seen::default();
    let inbox = Inbox::new(store.clone());
    let url = receiver(
        WebhookSecret::new(sandbox.webhook_secret()),
        inbox.clone(),
        seen.handler(Duration::ZERO),
    )
    .await;
    sandbox
        .set_webhook_url(sandbox.organization_id(), Some(&url))
        .expect("the webhook URL");
    // 30% dropped; of the rest, 20% sent twice and 15% held back.
    for fault in [
        DeliveryFault::drop().fraction(0.3, 1),
        DeliveryFault::duplicate().fraction(0.2, 2),
        DeliveryFault::hold().fraction(0.15, 3),
    ] {
        sandbox.inject_delivery_fault(fault).expect("a fault");
    }
    let world = World::on(sandbox, |builder| builder.store(store.clone()));
    let (sandbox, client) = (&world.sandbox, &world.client);
    let running = Reconciler::new(client.clone(), inbox.clone())
        .every(Duration::from_millis(150))
        .budget(0)
        .start(seen.handler(Duration::ZERO));

    let mut people = Vec::new();
    for n in 0..PEOPLE {
        people.push(world.person(&format!("3022{n:04}")).await.id);
    }
    let create = |n: usize| {
        let people = &people;
        async move {
            client
                .validations()
                .create(&people[n % PEOPLE])
                .send()
                .await
                .expect("the validation is created")
                .id
        }
    };
    let mut outcome: HashMap<ValidationId, ValidationStatus> = HashMap::new();
    // A first batch expires: the sandbox's clock passes their 7 days.
    for n in 0..100 {
        outcome.insert(create(n).await, ValidationStatus::Expired);
    }
    sandbox.advance_clock(Duration::from_secs(8 * 86_400));
    for n in 100..PEOPLE * PER_PERSON {
        let id = create(n).await;
        let status = match n % 8 {
            0..=2 => "approved",
            3..=4 => "rejected",
            5..=6 => "cancelled",
            _ => "in_review",
        };
        if status == "cancelled" {
            client
                .validations()
                .cancel(&id, "the customer left")
                .await
                .expect("cancelled");
        } else {
            sandbox
                .set_status(id.as_ref(), "in_progress")
                .expect("a status change");
            sandbox.set_status(id.as_ref(), status).expect("an outcome");
        }
        outcome.insert(id, ValidationStatus::from_wire(status));
        if n % 50 == 0 {
            // What was held so far arrives now, shuffled: late, and out of order.
            sandbox.release_held(ReleaseOrder::Shuffled(n as u64));
        }
    }
    // Whatever is still held arrives in reverse; then the deliveries settle.
    sandbox.clear_delivery_faults();
    sandbox.release_held(ReleaseOrder::Reverse);
    let settle = tokio::time::Instant::now() + Duration::from_secs(30);
    while sandbox
        .webhook_deliveries()
        .iter()
        .any(|d| matches!(d.state, DeliveryState::Pending | DeliveryState::Held))
    {
        assert!(
            tokio::time::Instant::now() < settle,
            "the deliveries did not settle"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let deliveries = sandbox.webhook_deliveries();
    let dropped = deliveries
        .iter()
        .filter(|d| d.state == DeliveryState::Dropped)
        .count();
    assert!(
        dropped * 4 > deliveries.len(),
        "about 30% of {} deliveries were dropped, not {dropped}",
        deliveries.len()
    );
    running.stop().await;
    // One more cycle after the last change, as the running reconciler's next would be.
    Reconciler::new(client.clone(), inbox)
        .budget(0)
        .run_once(seen.handler(Duration::ZERO))
        .await
        .expect("a last cycle");

    let counts = seen.counts();
    let mut terminal = 0;
    for (id, status) in &outcome {
        if !status.is_terminal() {
            continue;
        }
        terminal += 1;
        let key = format!("{id}:{status}");
        assert_eq!(
            counts.get(&key),
            Some(&1),
            "the {status} outcome of a validation was handled {:?} times",
            counts.get(&key)
        );
    }
    assert!(terminal >= 400, "{terminal} terminal outcomes");
    // No terminal outcome the validations did not reach.
    let handled_terminal = counts
        .keys()
        .filter(|key| {
            key.rsplit_once(':')
                .is_some_and(|(_, status)| ValidationStatus::from_wire(status).is_terminal())
        })
        .count();
    assert_eq!(handled_terminal, terminal);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_outcome_reaches_the_handler_once_though_webhooks_are_lost_on_the_memory_store() {
    scenario(MemoryStore::new()).await;
}

#[cfg(feature = "postgres")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_outcome_reaches_the_handler_once_though_webhooks_are_lost_on_postgres() {
    use crate::support::servers::{drop_schema, postgres_in};
    let schema = format!("lossy_{:08x}", fastrand::u32(..));
    let store = postgres_in(&schema).await;
    scenario(store.clone()).await;
    drop_schema(&store, &schema).await;
}
