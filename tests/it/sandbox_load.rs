//! The sandbox under load, on loopback: a thousand concurrent creates lose nothing and leave one
//! current validation per entity, and another organization reads none of it, even concurrently.

use std::{collections::BTreeSet, future::Future, time::Duration};

use crate::support::world::{World, client_for};
use futures_util::future::join_all;
use gu1_kyc::{
    Client, Result,
    types::{Entity, Validation},
};

const ENTITIES: usize = 50;
const PER_ENTITY: usize = 20;
/// Each test ends by itself well within 30 s, even if a request hangs.
const LIMIT: Duration = Duration::from_secs(25);

async fn bounded<T>(work: impl Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, work)
        .await
        .expect("the test finished within its time limit")
}

/// `count` people whose tax IDs are ordinary numbers (hosted sessions that stay pending).
async fn people(world: &World, first: u32, count: usize) -> Vec<Entity> {
    let mut people = Vec::new();
    for i in 0..count as u32 {
        people.push(world.person(&(first + i).to_string()).await);
    }
    people
}

/// Every validation of `entity`, checking that one page of 100 holds them all.
async fn history(client: &Client, entity: &Entity) -> Vec<Validation> {
    let page = client
        .validations()
        .history(&entity.id)
        .limit(100)
        .send()
        .await
        .expect("the history reads");
    assert_eq!(page.total, page.items.len() as u64, "history fits one page");
    page.items
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_creates_lose_nothing_and_leave_one_current_per_entity() {
    bounded(async {
        let world = World::start().await;
        let people = people(&world, 30_123_456, ENTITIES).await;

        let calls = people.iter().flat_map(|person| {
            (0..PER_ENTITY).map(|_| {
                let client = world.client.clone();
                let id = person.id.clone();
                tokio::spawn(async move { client.validations().create(&id).send().await })
            })
        });
        let results: Vec<Result<Validation>> = join_all(calls)
            .await
            .into_iter()
            .map(|joined| joined.expect("no create task panicked"))
            .collect();

        let failed: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err().map(|e| format!("{e:?}")))
            .collect();
        assert!(
            failed.is_empty(),
            "{} of {} creates failed, first: {:?}",
            failed.len(),
            results.len(),
            failed.first()
        );
        let created: BTreeSet<String> = results
            .iter()
            .map(|r| r.as_ref().unwrap().id.to_string())
            .collect();
        assert_eq!(
            created.len(),
            ENTITIES * PER_ENTITY,
            "every create made a new validation"
        );

        let mut listed = BTreeSet::new();
        for person in &people {
            let validations = history(&world.client, person).await;
            assert_eq!(validations.len(), PER_ENTITY, "validations of one entity");
            assert!(validations.iter().all(|v| v.entity_id == person.id));
            let current: Vec<&Validation> = validations.iter().filter(|v| v.is_current).collect();
            assert_eq!(
                current.len(),
                1,
                "exactly one current validation per entity"
            );
            let reported = world
                .client
                .validations()
                .current(&person.id)
                .await
                .expect("the entity has a current validation");
            assert_eq!(reported.id, current[0].id);
            assert!(reported.is_current);
            listed.extend(validations.iter().map(|v| v.id.to_string()));
        }
        assert_eq!(
            listed, created,
            "the histories hold exactly the created validations"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organization_reads_none_of_them_even_concurrently() {
    bounded(async {
        let world = World::start().await;
        let people = people(&world, 40_123_456, 10).await;
        let mut validations = Vec::new();
        for person in &people {
            for _ in 0..5 {
                validations.push(world.validate(person).await);
            }
        }
        let other = world.sandbox.add_organization();
        let stranger = client_for(&world.sandbox, &other.api_key, &other.organization_id);

        // The stranger's client works: its own objects are there.
        let own = stranger
            .entities()
            .create_person("Otra Persona", "AR")
            .tax_id("40999999")
            .send()
            .await
            .expect("the other organization creates its own person");
        stranger
            .entities()
            .get(&own.id)
            .await
            .expect("and reads it");

        // One by one, each kind of read.
        for (person, validation) in people.iter().zip(&validations) {
            let not_found = |what: &str, error: gu1_kyc::Error| {
                assert!(error.is_not_found(), "{what}: {error:?}");
            };
            not_found(
                "get",
                stranger
                    .validations()
                    .get(&validation.id)
                    .await
                    .unwrap_err(),
            );
            not_found(
                "current",
                stranger
                    .validations()
                    .current(&person.id)
                    .await
                    .unwrap_err(),
            );
            not_found(
                "history",
                stranger
                    .validations()
                    .history(&person.id)
                    .send()
                    .await
                    .unwrap_err(),
            );
            not_found(
                "entity",
                stranger.entities().get(&person.id).await.unwrap_err(),
            );
        }

        // All fifty validations and their entities at once, while the owner reads them too.
        let mut reads = Vec::new();
        for validation in &validations {
            let (stranger, owner) = (stranger.clone(), world.client.clone());
            let (id, entity) = (validation.id.clone(), validation.entity_id.clone());
            reads.push(tokio::spawn(async move {
                let mine = owner.validations().get(&id).await.map(|v| v.id == id);
                let theirs = [
                    stranger.validations().get(&id).await.map(drop),
                    stranger.validations().current(&entity).await.map(drop),
                    stranger
                        .validations()
                        .history(&entity)
                        .send()
                        .await
                        .map(drop),
                    stranger.entities().get(&entity).await.map(drop),
                ];
                (mine, theirs)
            }));
        }
        assert_eq!(reads.len(), 50);
        for read in join_all(reads).await {
            let (mine, theirs) = read.expect("no read task panicked");
            assert!(mine.expect("the owner reads its validation"));
            for result in theirs {
                let error = result.expect_err("the other organization reads nothing");
                assert!(error.is_not_found(), "{error:?}");
            }
        }
    })
    .await;
}
