//! End-to-end: every operation of the SDK, through its public API, against the in-process
//! sandbox. Each test starts its own sandbox, so tests are independent and run in parallel.

use crate::support::world::{
    World, assert_code, assert_invalid_input, assert_not_found, client_for, collect,
    complete_hosted_session, fetch, ids, input, jpeg, next_delivery, png, shown, webhook_receiver,
};
use gu1_kyc::{
    ErrorCode, ErrorKind,
    types::{
        EntityId, EntityType, FaceMatchStatus, IdVerificationStatus, ValidationStatus,
        WebhookEventType,
    },
    webhooks::{self, WebhookSecret},
};

/// A tax id with no test outcome: its validation gets a hosted session.
const HOSTED: &str = "30123456";
const APPROVED: &str = "99990001";
const REJECTED: &str = "99990002";
const IN_REVIEW: &str = "99990003";
/// The in-review test number again, as an AR CUIT, for a second entity.
const IN_REVIEW_CUIT: &str = "20-99990003-0";

fn unknown_entity() -> EntityId {
    EntityId::parse("00000000-0000-4000-8000-000000000000").expect("a UUID")
}

#[tokio::test]
async fn a_person_is_found_by_id_external_id_normalized_tax_id_and_list_filters() {
    let world = World::start().await;
    let entities = world.client.entities();
    let person = entities
        .create_person("John Doe", "AR")
        .tax_id("99.990.001")
        .external_id("customer-42")
        .first_name("John")
        .last_name("Doe")
        .date_of_birth("1990-01-15")
        .send()
        .await
        .expect("the person is created");
    assert_eq!(person.entity_type, EntityType::Person);
    assert_eq!(
        person.external_id.as_ref().map(|v| v.expose().as_str()),
        Some("customer-42")
    );
    assert_eq!(person.country_code.as_deref(), Some("AR"));
    assert_eq!(shown(&person.tax_id), Some(APPROVED), "stored normalized");
    assert!(!person.kyc_verified);
    let data = person.entity_data.as_ref().expect("person data").expose();
    assert_eq!(data["person"]["firstName"], "John");
    assert_eq!(data["person"]["dateOfBirth"], "1990-01-15");
    let other = world.person(HOSTED).await;

    assert_eq!(entities.get(&person.id).await.expect("get"), person);
    let by_external = entities.get_by_external_id("customer-42").await;
    assert_eq!(by_external.expect("by external id").id, person.id);
    for tax_id in ["99.990.001", APPROVED] {
        let found = entities.get_by_tax_id(tax_id).await.expect("by tax id");
        assert_eq!(found.id, person.id, "{tax_id}");
    }
    assert_not_found(entities.get_by_tax_id("11111111").await);
    assert_not_found(entities.get(&unknown_entity()).await);

    let people = entities.list().entity_type(EntityType::Person);
    let filters = [
        (people.country("AR"), ids([&other, &person])),
        (entities.list().tax_id("99.990.001"), ids([&person])),
        (entities.list().external_id("customer-42"), ids([&person])),
        (entities.list().country("BR"), vec![]),
        (entities.list().entity_type(EntityType::Company), vec![]),
    ];
    for (request, expected) in filters {
        assert_eq!(
            ids(request.send().await.expect("list")),
            expected,
            "{request:?}"
        );
    }
}

#[tokio::test]
async fn a_duplicate_or_malformed_tax_id_is_refused_with_its_code() {
    let world = World::start().await;
    world.person(APPROVED).await;
    let entities = world.client.entities();
    let duplicate = entities
        .create_person("Jane Doe", "AR")
        .tax_id("99.990.001");
    let duplicate = duplicate.send().await;
    let status = duplicate.as_ref().err().and_then(|e| e.status());
    assert_eq!(status.map(|s| s.as_u16()), Some(409));
    assert_code(duplicate, ErrorCode::DuplicateTaxId);
    let malformed = entities.create_person("Jane Doe", "AR").tax_id("123");
    assert_code(malformed.send().await, ErrorCode::InvalidTaxId);
    assert_eq!(entities.list().send().await.expect("list").len(), 1);
}

#[tokio::test]
async fn a_hosted_validation_is_pending_with_a_url_and_a_session_and_can_be_synced() {
    let world = World::start().await;
    let (person, created) = world.validated_person(HOSTED).await;
    let validations = world.client.validations();
    let validation = validations.get(&created.id).await.expect("get");
    assert_eq!(
        (&validation.id, &validation.entity_id),
        (&created.id, &person.id)
    );
    assert_eq!(validation.status, ValidationStatus::Pending);
    assert!(validation.is_current);
    let url = validation.verification_url().expect("a verification URL");
    assert!(url.starts_with(world.sandbox.base_url()), "{url}");
    let session = validation.session_id().expect("a session id");
    assert!(url.ends_with(session), "the URL names the session");
    let current = validations.current(&person.id).await.expect("current");
    assert_eq!(current.id, created.id);

    let synced = validations.sync(&created.id, true).await.expect("sync");
    assert_eq!(
        (synced.id, synced.status),
        (created.id, ValidationStatus::Pending)
    );
}

#[tokio::test]
async fn a_test_number_validation_has_no_session_to_sync() {
    let world = World::start().await;
    let (_, validation) = world.validated_person(APPROVED).await;
    assert_eq!(validation.session_id(), None);
    let synced = world.client.validations().sync(&validation.id, false).await;
    assert_code(synced, ErrorCode::NoSessionId);
}

#[tokio::test]
async fn a_second_validation_demotes_the_first_and_the_history_reads_newest_first() {
    let world = World::start().await;
    let (person, first) = world.validated_person(HOSTED).await;
    let second = world.validate(&person).await;
    let (_, elsewhere) = world.validated_person("30123457").await;
    let validations = world.client.validations();

    let history = validations
        .history(&person.id)
        .send()
        .await
        .expect("history");
    assert_eq!(history.total, 2);
    assert_eq!(ids(&history.items), ids([&second, &first]));
    let current: Vec<_> = history.items.iter().filter(|v| v.is_current).collect();
    assert_eq!(ids(current), ids([&second]), "exactly one is current");
    let current = validations.current(&person.id).await.expect("current");
    assert_eq!(current.id, second.id);

    let history = || validations.history(&person.id);
    let filters = [
        (history().is_current(false), ids([&first])),
        (
            history().status(ValidationStatus::Pending),
            ids([&second, &first]),
        ),
        (history().status(ValidationStatus::Approved), vec![]),
        (validations.list(), ids([&elsewhere, &second, &first])),
        (
            validations.list().entity_id(&person.id),
            ids([&second, &first]),
        ),
    ];
    for (request, expected) in filters {
        let page = request.send().await.expect("list");
        assert_eq!(ids(&page.items), expected, "{request:?}");
    }

    let one_by_one = history().limit(1);
    let first_page = one_by_one.send().await.expect("page 1");
    assert_eq!((first_page.items.len(), first_page.total), (1, 2));
    assert!(first_page.has_next());
    let streamed = collect(one_by_one.stream()).await;
    assert_eq!(ids(streamed), ids([&second, &first]));
}

#[tokio::test]
async fn test_numbers_reach_their_documented_outcomes() {
    let world = World::start().await;
    let validations = world.client.validations();
    let (_, approved) = world.validated_person(APPROVED).await;
    let (_, rejected) = world.validated_person(REJECTED).await;
    for created in [&approved, &rejected] {
        assert_eq!(created.status, ValidationStatus::Pending);
        assert_eq!(created.verification_url(), None, "no hosted session");
    }

    let approved = world
        .wait_for_status(&approved.id, ValidationStatus::Approved)
        .await;
    assert!(approved.is_current && approved.verified_at.is_some());
    assert!(approved.decision.is_some() && approved.extracted_data.is_some());
    let rejected = world
        .wait_for_status(&rejected.id, ValidationStatus::Rejected)
        .await;
    assert!(
        !rejected.is_current,
        "a rejected validation stops being current"
    );

    let (reviewed, in_review) = world.in_review(IN_REVIEW).await;
    let decided = validations.approve(&in_review, "Documents checked by compliance");
    let decided = decided.await.expect("approve");
    assert_eq!(decided.status, ValidationStatus::Approved);
    assert!(decided.is_current && decided.verified_at.is_some());
    let status = validations.entity_status(&reviewed.id).await;
    assert!(status.expect("status").is_verified);

    let (_, second_review) = world.in_review(IN_REVIEW_CUIT).await;
    let refused = validations.reject(&second_review, "Selfie does not match");
    let refused = refused.await.expect("reject");
    assert_eq!(refused.status, ValidationStatus::Rejected);
    assert!(!refused.is_current);
    let read_back = validations.get(&second_review).await.expect("get");
    assert_eq!(read_back, refused);
}

#[tokio::test]
async fn a_pending_validation_can_be_cancelled_once_but_not_approved() {
    let world = World::start().await;
    let (person, validation) = world.validated_person(HOSTED).await;
    let validations = world.client.validations();
    let premature = validations
        .approve(&validation.id, "Looks fine to me")
        .await;
    assert_code(premature, ErrorCode::InvalidStatus);
    let premature = validations
        .reject(&validation.id, "Looks wrong to me")
        .await;
    assert_code(premature, ErrorCode::InvalidStatus);

    let reason = "User requested to cancel";
    let cancelled = validations.cancel(&validation.id, reason).await;
    let cancelled = cancelled.expect("cancel");
    assert_eq!(cancelled.status, ValidationStatus::Cancelled);
    assert!(!cancelled.is_current);
    assert_not_found(validations.current(&person.id).await);
    let again = validations.cancel(&validation.id, reason).await;
    assert_code(again, ErrorCode::InvalidStatus);
    assert_invalid_input(validations.cancel(&validation.id, "no").await);
}

#[tokio::test]
async fn the_entity_kyc_status_follows_the_current_validation() {
    let world = World::start().await;
    let person = world.person(APPROVED).await;
    let validations = world.client.validations();
    let before = validations.entity_status(&person.id).await.expect("status");
    assert_eq!(before.entity_id, person.id);
    assert!(!before.has_kyc && !before.is_verified && !before.needs_reverification);
    assert!(before.current_validation.is_none());

    let validation = world.validate(&person).await;
    let pending = validations.entity_status(&person.id).await.expect("status");
    assert!(pending.has_kyc && !pending.is_verified && pending.needs_reverification);

    let approved = world.wait_for_status(&validation.id, ValidationStatus::Approved);
    let approved = approved.await;
    let after = validations.entity_status(&person.id).await.expect("status");
    assert!(after.has_kyc && after.is_verified && !after.needs_reverification);
    let current = after.current_validation.expect("a current validation");
    assert_eq!(
        (current.id, current.status),
        (validation.id, ValidationStatus::Approved)
    );
    assert_eq!(after.last_verified_at, approved.verified_at);
    let verified = after.last_verified_at.expect("verified at");
    let expires = after.expires_at.expect("expires at");
    assert!(
        (expires - verified).num_days() >= 365,
        "verified for a year"
    );
    let entity = world.client.entities().get(&person.id).await.expect("get");
    assert!(entity.kyc_verified);
}

#[tokio::test]
async fn a_validation_for_an_unknown_entity_or_integration_is_refused() {
    // INVALID_ENTITY_TYPE is not covered: the SDK can only create person entities.
    let world = World::start().await;
    let validations = world.client.validations();
    let unknown = validations.create(&unknown_entity()).send().await;
    assert_code(unknown, ErrorCode::EntityNotFound);
    assert_not_found(validations.entity_status(&unknown_entity()).await);
    let person = world.person(HOSTED).await;
    let unconfigured = validations.create(&person.id).integration_code("nope");
    assert_code(unconfigured.send().await, ErrorCode::KycNotConfigured);
    let history = validations.history(&person.id).send().await;
    assert_eq!(history.expect("history").total, 0, "nothing was created");
}

#[tokio::test]
async fn a_completed_hosted_session_serves_its_media_by_decision_key() {
    let world = World::start().await;
    let (_, validation) = world.validated_person(HOSTED).await;
    let url = validation.verification_url().expect("a verification URL");
    complete_hosted_session(url, "approved").await;
    let approved = world.wait_for_status(&validation.id, ValidationStatus::Approved);
    let approved = approved.await;
    assert!(
        approved
            .verified_field_names()
            .any(|f| f == "documentNumber")
    );

    let decision = approved.decision.expect("a decision");
    let document = decision.id_verification.expect("a document decision");
    let front = document.front_image.expect("a front image").into_inner();
    let portrait = document.portrait_image.expect("a portrait").into_inner();
    let validations = world.client.validations();
    for (field, key) in [("front_image", &front), ("portrait_image", &portrait)] {
        assert!(key.starts_with("kyc/"), "{key}");
        let (content_type, bytes) = fetch(validations.media(&validation.id, key).await).await;
        assert_eq!(content_type, "image/png");
        assert!(bytes.starts_with(b"\x89PNG"), "{field} is a PNG");
    }
    let unknown = front.replace("front.png", "missing.png");
    assert_not_found(validations.media(&validation.id, &unknown).await);
    let elsewhere = validations.media(&validation.id, "https://example.com/x.png");
    assert_invalid_input(elsewhere.await);
}

#[tokio::test]
async fn an_id_verification_stores_both_sides_byte_for_byte() {
    let world = World::start().await;
    let person = world.person(HOSTED).await;
    let checks = world.client.id_verifications();
    let result = checks
        .create(input(jpeg(1)))
        .back(input(png(2)))
        .entity_id(&person.id)
        .vendor_data("ref-1")
        .send()
        .await
        .expect("the document is verified");
    assert_eq!(result.status, IdVerificationStatus::Approved);
    assert_eq!(shown(&result.vendor_data), Some("ref-1"));
    assert!(result.extracted_data.is_some());

    let id = &result.verification_id;
    let record = checks.get(id).await.expect("get");
    assert_eq!(&record.id, id);
    assert_eq!(record.entity_id.as_ref(), Some(&person.id));
    assert_eq!(record.status, IdVerificationStatus::Approved);
    assert_eq!(shown(&record.vendor_data), Some("ref-1"));

    let (front_type, front) = fetch(checks.front_image(id).await).await;
    assert_eq!(
        (front_type.as_str(), &front[..]),
        ("image/jpeg", &jpeg(1)[..])
    );
    let (back_type, back) = fetch(checks.back_image(id).await).await;
    assert_eq!((back_type.as_str(), &back[..]), ("image/png", &png(2)[..]));

    let name = format!("gu1-kyc-e2e-front-{}.jpg", std::process::id());
    let target = std::env::temp_dir().join(name);
    let download = checks.front_image(id).await.expect("download");
    assert_eq!(download.extension(), Some("jpg"));
    let written = download.save(&target).await.expect("save");
    let saved = tokio::fs::read(&target).await.expect("read back");
    tokio::fs::remove_file(&target).await.expect("clean up");
    assert_eq!((written, saved), (jpeg(1).len() as u64, jpeg(1)));
}

#[tokio::test]
async fn id_verification_records_are_listed_by_entity_status_and_page() {
    let world = World::start().await;
    let person = world.person(HOSTED).await;
    let checks = world.client.id_verifications();
    let linked = checks.create(input(jpeg(1))).entity_id(&person.id);
    let linked = linked.send().await.expect("upload");
    let too_young = checks.create(input(jpeg(2))).entity_id(&person.id);
    let declined = too_young.minimum_age(150).send().await.expect("upload");
    assert_eq!(declined.status, IdVerificationStatus::Declined);
    let orphan = checks.create(input(png(3))).send().await.expect("upload");

    let filters = [
        (checks.list(), ids([&orphan, &declined, &linked])),
        (
            checks.list().entity_id(&person.id),
            ids([&declined, &linked]),
        ),
        (checks.list().without_entity(true), ids([&orphan])),
        (
            checks.list().status(IdVerificationStatus::Declined),
            ids([&declined]),
        ),
    ];
    for (request, expected) in filters {
        let page = request.send().await.expect("list");
        assert_eq!(ids(&page.items), expected, "{request:?}");
    }

    let paged = checks.list().limit(1);
    let first = paged.send().await.expect("page");
    assert_eq!((first.items.len(), first.total), (1, 3));
    assert_eq!(first.next_offset(), Some(1));
    let streamed = collect(paged.stream()).await;
    assert_eq!(ids(streamed), ids([&orphan, &declined, &linked]));

    assert_not_found(checks.back_image(&linked.verification_id).await);
}

#[tokio::test]
async fn a_face_match_scores_identical_images_100_and_stores_both_images() {
    let world = World::start().await;
    let person = world.person(HOSTED).await;
    let faces = world.client.face_matches();
    let same = faces
        .create(input(jpeg(7)), input(jpeg(7)))
        .entity_id(&person.id)
        .vendor_data("ref-2")
        .send()
        .await
        .expect("compared");
    assert_eq!((same.is_match, same.score), (true, 100.0));
    assert_eq!(same.status, FaceMatchStatus::Approved);

    // The sandbox scores different images by a hash below 100; `match` is score >= threshold.
    let different = faces.create(input(jpeg(7)), input(png(8))).send().await;
    let different = different.expect("compared");
    let threshold = different
        .score_decline_threshold
        .expect("the threshold used");
    assert!(different.score < 100.0, "different images never score 100");
    assert_eq!(different.is_match, different.score >= threshold);
    let approved = different.status == FaceMatchStatus::Approved;
    assert_eq!(approved, different.is_match, "{:?}", different.status);
    let strict = faces
        .create(input(jpeg(7)), input(png(8)))
        .score_threshold(100.0);
    let strict = strict.send().await.expect("compared");
    assert!(!strict.is_match && strict.status == FaceMatchStatus::Declined);

    let record = faces.get(&same.verification_id).await.expect("get");
    assert_eq!(record.entity_id.as_ref(), Some(&person.id));
    assert_eq!((record.is_match, record.score), (true, Some(100.0)));
    assert_eq!(shown(&record.vendor_data), Some("ref-2"));
    let (_, document) = fetch(faces.document_image(&different.verification_id).await).await;
    assert_eq!(document, jpeg(7));
    let (selfie_type, selfie) = fetch(faces.selfie_image(&different.verification_id).await).await;
    assert_eq!((selfie_type.as_str(), selfie), ("image/png", png(8).into()));

    let newest_first = ids([&strict, &different, &same]);
    assert_eq!(
        ids(faces.list().send().await.expect("list").items),
        newest_first
    );
    let linked = faces
        .list()
        .entity_id(&person.id)
        .send()
        .await
        .expect("list");
    assert_eq!(ids(linked.items), ids([&same]));
    let declined = faces.list().status(FaceMatchStatus::Declined).send().await;
    let declined = declined.expect("list").items;
    assert!(declined.iter().any(|r| r.id == strict.verification_id));
    assert!(
        declined
            .iter()
            .all(|r| r.status == FaceMatchStatus::Declined && !r.is_match)
    );
    assert_eq!(
        ids(collect(faces.list().limit(1).stream()).await),
        newest_first
    );

    let out_of_range = faces
        .create(input(jpeg(7)), input(jpeg(7)))
        .score_threshold(101.0);
    assert_invalid_input(out_of_range.send().await);
    let total = faces.list().send().await.expect("list").total;
    assert_eq!(total, 3, "nothing was sent");
}

#[tokio::test]
async fn an_approved_test_number_sends_signed_webhooks_in_order() {
    let world = World::start().await;
    let (receiver, mut received) = webhook_receiver().await;
    let person = world.person(APPROVED).await;
    let create = world
        .client
        .validations()
        .create(&person.id)
        .webhook_url(&receiver);
    let validation = create.send().await.expect("the validation is created");
    let secret = WebhookSecret::new(world.sandbox.webhook_secret());
    let expected = [
        (
            WebhookEventType::ValidationCreated,
            ValidationStatus::Pending,
        ),
        (
            WebhookEventType::ValidationInProgress,
            ValidationStatus::InProgress,
        ),
        (
            WebhookEventType::ValidationApproved,
            ValidationStatus::Approved,
        ),
    ];
    let mut last = None;
    for (event_type, status) in expected {
        let (signature, body) = next_delivery(&mut received).await;
        let event = webhooks::verify_and_parse(&secret, &body, &signature).expect("verified");
        assert_eq!((&event.event_type, event.status()), (&event_type, status));
        assert_eq!(event.validation_id(), &validation.id);
        assert_eq!(event.entity_id(), Some(&person.id));
        let organization = event.organization_id.as_deref();
        assert_eq!(organization, Some(world.sandbox.organization_id()));
        last = Some((event, signature, body));
    }
    let (approved, signature, body) = last.expect("three events");
    let entity = approved
        .entity()
        .expect("the approved event carries the entity");
    assert_eq!(entity.id, person.id);
    assert!(entity.kyc_verified);

    let mut tampered = body.clone();
    let end = tampered
        .iter()
        .rposition(|&b| b == b'}')
        .expect("a JSON body");
    tampered.insert(end, b' ');
    let forged = webhooks::verify_and_parse(&secret, &tampered, &signature);
    assert_eq!(forged.expect_err("tampered").kind(), ErrorKind::Webhook);
    let wrong_secret = WebhookSecret::new("not-the-secret");
    let forged = webhooks::verify_and_parse(&wrong_secret, &body, &signature);
    assert_eq!(forged.expect_err("wrong secret").kind(), ErrorKind::Webhook);
}

#[tokio::test]
async fn another_organization_sees_nothing_and_a_wrong_key_is_unauthorized() {
    let world = World::start().await;
    let (person, validation) = world.validated_person(HOSTED).await;
    let other = world.sandbox.add_organization();
    let outsider = client_for(&world.sandbox, &other.api_key, &other.organization_id);
    assert_not_found(outsider.validations().get(&validation.id).await);
    assert_not_found(outsider.entities().get(&person.id).await);
    assert_not_found(outsider.validations().history(&person.id).send().await);
    assert_not_found(outsider.entities().get_by_tax_id(HOSTED).await);
    let listed = outsider.validations().list().send().await.expect("list");
    assert_eq!(listed.total, 0);

    let organization = world.sandbox.organization_id();
    let intruder = client_for(&world.sandbox, "gk_wrong_key", organization);
    let refused = intruder.validations().get(&validation.id).await;
    let error = refused.expect_err("a wrong key is refused");
    assert!(
        error.is_unauthorized() && !error.is_retryable(),
        "{error:?}"
    );
    let refused = intruder
        .entities()
        .list()
        .send()
        .await
        .expect_err("refused");
    assert!(refused.is_unauthorized(), "{refused:?}");
    let owner = world.client.validations().get(&validation.id).await;
    assert_eq!(owner.expect("the owner still sees it").id, validation.id);
}
