//! Promises kept on a bad network, against a server that misbehaves on purpose: bodies cut or
//! stalled mid-way, creates answered 200, `Retry-After` as a date, redirects, deadlines across
//! attempts, the retry policy against `is_retryable()`, and custom reqwest clients.

use std::{
    sync::{Arc, OnceLock},
    time::{Duration, Instant, SystemTime},
};

use crate::support::api::fixture;
use crate::support::misbehaving::{Behaviour, Misbehaving};
use gu1_kyc::{
    ClientBuilder, ErrorKind, Operation, RequestOptions, RetryPolicy,
    types::{EntityId, ValidationId},
};

const VALIDATION_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const ENTITY_ID: &str = "123e4567-e89b-12d3-a456-426614174000";
const GET_PATH: &str = "/api/kyc/validations/550e8400-e29b-41d4-a716-446655440000";
const CREATE_PATH: &str = "/api/kyc/validations";

fn validation_body() -> Vec<u8> {
    serde_json::to_vec(&fixture("get_validation_200_pending")).unwrap()
}

fn builder(server: &Misbehaving) -> ClientBuilder {
    server
        .builder()
        .retry_policy(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(50),
        })
        .timeout(Duration::from_millis(500))
}

fn id() -> ValidationId {
    ValidationId::parse(VALIDATION_ID).unwrap()
}

fn entity() -> EntityId {
    EntityId::parse(ENTITY_ID).unwrap()
}

// ---- 1. bodies cut or stalled mid-way ------------------------------------------------------

#[tokio::test]
async fn a_read_whose_body_is_cut_mid_way_is_retried_and_then_succeeds() {
    let server = Misbehaving::start(|_, n| {
        let body = validation_body();
        if n == 0 {
            Behaviour::DropMidBody { sent: 20, body }
        } else {
            Behaviour::Reply {
                status: 200,
                headers: vec![("content-type".into(), "application/json".into())],
                body,
            }
        }
    })
    .await;
    let client = builder(&server).build().unwrap();

    let validation = client
        .validations()
        .get(&id())
        .await
        .expect("the retry succeeds");

    assert_eq!(validation.id, id());
    assert_eq!(server.count("GET", GET_PATH), 2);
}

#[tokio::test]
async fn a_body_cut_on_every_attempt_is_a_retryable_network_error_not_a_decode_error() {
    let server = Misbehaving::start(|_, _| Behaviour::DropMidBody {
        sent: 20,
        body: validation_body(),
    })
    .await;
    let client = builder(&server).build().unwrap();

    let error = client.validations().get(&id()).await.unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Network, "{error}");
    assert!(error.is_retryable());
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.count("GET", GET_PATH), 3);
}

#[tokio::test]
async fn a_read_whose_body_stalls_is_retried_then_times_out() {
    let server = Misbehaving::start(|_, _| Behaviour::StallMidBody {
        sent: 20,
        body: validation_body(),
    })
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();

    let error = client.validations().get(&id()).await.unwrap_err();

    assert!(error.is_timeout(), "{error}");
    assert_eq!(server.count("GET", GET_PATH), 3);
}

// ---- 2. a create answered 200 instead of 201 -----------------------------------------------

#[tokio::test]
async fn a_create_answered_200_instead_of_201_is_a_success() {
    let server =
        Misbehaving::start(|_, _| Behaviour::json(200, &fixture("create_validation_201_created")))
            .await;
    let client = builder(&server).build().unwrap();

    let created = client.validations().create(&entity()).send().await;

    let created = created.expect("any 2xx whose body decodes is a success");
    assert_eq!(
        created.id.to_string(),
        fixture("create_validation_201_created")["id"]
    );
    assert_eq!(server.count("POST", CREATE_PATH), 1);
}

// ---- 3. Retry-After as an HTTP date ----------------------------------------------------------

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let asked_at = SystemTime::now() + Duration::from_secs(30);
    let date = httpdate::fmt_http_date(asked_at);
    let server = Misbehaving::start(move |_, _| {
        Behaviour::json(429, &fixture("rate_limited_rate_limited"))
            .with_header("retry-after", &date)
    })
    .await;
    let client = builder(&server).build().unwrap();

    let error = client.validations().get(&id()).await.unwrap_err();

    let asked = error.retry_after().expect("the date was read");
    assert!(
        (Duration::from_secs(28)..=Duration::from_secs(30)).contains(&asked),
        "{asked:?}"
    );
    // 30 s is past the client's longest wait: it answers at once instead of retrying early.
    assert_eq!(server.count("GET", GET_PATH), 1);
}

// ---- 4. redirects --------------------------------------------------------------------------

#[tokio::test]
async fn a_redirected_create_is_not_followed_and_is_a_typed_error_without_the_url() {
    let server = Misbehaving::start(|request, _| {
        if request.path == CREATE_PATH {
            Behaviour::Reply {
                status: 302,
                headers: vec![("location".into(), "/elsewhere?taxId=99990001".into())],
                body: Vec::new(),
            }
        } else {
            Behaviour::json(200, &fixture("create_validation_201_created"))
        }
    })
    .await;
    let client = builder(&server).build().unwrap();

    let error = client
        .validations()
        .create(&entity())
        .send()
        .await
        .unwrap_err();

    assert_eq!(error.kind(), ErrorKind::Redirect, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(302));
    assert!(!error.to_string().contains("99990001"), "{error}");
    assert!(!format!("{error:?}").contains("elsewhere"), "{error:?}");
    assert_eq!(server.counts().len(), 1, "{:?}", server.counts());
    assert_eq!(server.count("POST", CREATE_PATH), 1);
}

#[tokio::test]
async fn a_redirected_read_is_followed() {
    let server = Misbehaving::start(|request, _| {
        if request.path == GET_PATH {
            Behaviour::Reply {
                status: 301,
                headers: vec![("location".into(), "/moved".into())],
                body: Vec::new(),
            }
        } else {
            Behaviour::json(200, &fixture("get_validation_200_pending"))
        }
    })
    .await;
    let client = builder(&server).build().unwrap();

    let validation = client.validations().get(&id()).await.expect("followed");

    assert_eq!(validation.id, id());
    assert_eq!(server.count("GET", "/moved"), 1);
    let moved = server
        .received()
        .into_iter()
        .find(|r| r.path == "/moved")
        .unwrap();
    assert!(
        moved.headers.iter().any(|(n, _)| n == "authorization"),
        "same origin: the key goes along"
    );
}

#[tokio::test]
async fn a_redirect_chain_that_left_the_api_origin_never_carries_the_key_again() {
    // The other origin sends the client back to the API, whose address is known once it runs.
    let api_url = Arc::new(OnceLock::<String>::new());
    let elsewhere = Misbehaving::start({
        let api_url = api_url.clone();
        move |_, _| Behaviour::Reply {
            status: 302,
            headers: vec![(
                "location".into(),
                format!("{}/back", api_url.get().expect("the API runs")),
            )],
            body: Vec::new(),
        }
    })
    .await;
    let away = format!("{}/away", elsewhere.base_url);
    let api = Misbehaving::start(move |request, _| match request.path.as_str() {
        GET_PATH => Behaviour::Reply {
            status: 302,
            headers: vec![("location".into(), away.clone())],
            body: Vec::new(),
        },
        _ => Behaviour::json(200, &fixture("get_validation_200_pending")),
    })
    .await;
    api_url.set(api.base_url.clone()).expect("set once");
    let client = builder(&api).build().unwrap();

    client
        .validations()
        .get(&id())
        .await
        .expect("followed there and back");

    let carries_key = |r: &crate::support::misbehaving::Received| {
        r.headers.iter().any(|(n, _)| n == "authorization")
    };
    let first = api.received().into_iter().find(|r| r.path == GET_PATH);
    assert!(carries_key(&first.expect("asked")), "the API gets the key");
    let away = elsewhere.received();
    assert_eq!(away.len(), 1);
    assert!(!carries_key(&away[0]), "another origin never sees the key");
    let back = api.received().into_iter().find(|r| r.path == "/back");
    assert!(
        !carries_key(&back.expect("came back")),
        "once the chain left the API, the key stays behind"
    );
}

#[tokio::test]
async fn a_body_without_a_length_is_read_within_the_limit_and_refused_over_it() {
    let body = validation_body();
    let length = body.len();
    let server = Misbehaving::start(move |_, _| Behaviour::Chunked {
        status: 200,
        body: body.clone(),
        chunk: 100,
    })
    .await;
    let within = builder(&server).max_response_bytes(length).build().unwrap();
    let over = builder(&server)
        .max_response_bytes(length - 1)
        .build()
        .unwrap();

    let validation = within.validations().get(&id()).await.expect("decodes");
    let error = over
        .validations()
        .get(&id())
        .await
        .expect_err("one byte over");

    assert_eq!(validation.id, id());
    assert_eq!(error.kind(), ErrorKind::BodyTooLarge, "{error}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.attempts(), 1, "a body over the limit is not retried");
}

// ---- 5. a deadline across attempts -----------------------------------------------------------

#[tokio::test]
async fn a_stalled_read_fails_by_the_deadline_not_after_every_attempt_timeout() {
    let server = Misbehaving::start(|_, _| Behaviour::Silent).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(400))
        .deadline(Duration::from_millis(600))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.validations().get(&id()).await.unwrap_err();
    let took = started.elapsed();

    assert!(error.is_timeout(), "{error}");
    // Three attempts of 400 ms would take 1.2 s; the deadline stops the second one.
    assert!(took < Duration::from_millis(1000), "took {took:?}");
    assert_eq!(server.count("GET", GET_PATH), 2);
}

#[tokio::test]
async fn a_timeout_and_deadline_of_duration_max_mean_no_limit() {
    let server = Misbehaving::start(|_, _| Behaviour::Delayed {
        delay: Duration::from_millis(20),
        then: Box::new(Behaviour::json(200, &fixture("get_validation_200_pending"))),
    })
    .await;
    let client = builder(&server).timeout(Duration::MAX).build().unwrap();
    let options = RequestOptions::new()
        .timeout(Duration::MAX)
        .deadline(Duration::MAX);

    let read = client.validations().get(&id()).await;
    let read_with_options = client.validations().with_options(options).get(&id()).await;

    assert_eq!(read.expect("no limit").id, id());
    assert_eq!(read_with_options.expect("no limit").id, id());
}

#[tokio::test]
async fn a_long_retry_after_ends_the_call_at_once_with_the_asked_delay() {
    let server = Misbehaving::start(|_, _| {
        Behaviour::json(429, &fixture("rate_limited_rate_limited"))
            .with_header("retry-after", "120")
    })
    .await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::default())
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.validations().get(&id()).await.unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(server.count("GET", GET_PATH), 1);
}

#[tokio::test]
async fn per_call_options_override_the_client_timeout_deadline_and_retries() {
    let server = Misbehaving::start(|_, _| Behaviour::Silent).await;
    let client = builder(&server)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let options = RequestOptions::new()
        .timeout(Duration::from_millis(100))
        .max_retries(0);

    let started = Instant::now();
    let error = client
        .validations()
        .with_options(options)
        .get(&id())
        .await
        .unwrap_err();

    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.count("GET", GET_PATH), 1);
}

// ---- 6. what is retried matches is_retryable() -----------------------------------------------

#[tokio::test]
async fn reads_are_retried_on_every_status_is_retryable_names() {
    for status in [408u16, 429, 500, 502, 503, 504] {
        for html in [false, true] {
            let server = Misbehaving::start(move |_, _| {
                if html {
                    Behaviour::html(status)
                } else {
                    Behaviour::json(status, &serde_json::json!({"error": "X", "message": "m"}))
                }
            })
            .await;
            let client = builder(&server).build().unwrap();

            let error = client.validations().get(&id()).await.unwrap_err();

            assert!(error.is_retryable(), "{status}");
            assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
            assert_eq!(server.count("GET", GET_PATH), 3, "{status} html={html}");
            assert_eq!(error.attempts(), 3);
        }
    }
}

#[tokio::test]
async fn statuses_is_retryable_rejects_are_not_retried() {
    for status in [400u16, 401, 404, 409, 501, 599] {
        let server = Misbehaving::start(move |_, _| {
            Behaviour::json(status, &serde_json::json!({"error": "X", "message": "m"}))
        })
        .await;
        let client = builder(&server).build().unwrap();

        let error = client.validations().get(&id()).await.unwrap_err();

        assert!(!error.is_retryable(), "{status}");
        assert_eq!(server.count("GET", GET_PATH), 1, "{status}");
    }
}

#[tokio::test]
async fn a_create_is_never_repeated_once_it_may_have_reached_the_server() {
    for status in [408u16, 500, 502, 503, 504] {
        let server = Misbehaving::start(move |_, _| {
            Behaviour::json(status, &serde_json::json!({"error": "X", "message": "m"}))
        })
        .await;
        let client = builder(&server).build().unwrap();

        let error = client
            .validations()
            .create(&entity())
            .send()
            .await
            .unwrap_err();

        assert!(
            error.is_retryable(),
            "the caller may decide to retry ({status})"
        );
        assert_eq!(server.count("POST", CREATE_PATH), 1, "{status}");
        assert_eq!(error.attempts(), 1);
    }
    let dropped = Misbehaving::start(|_, _| Behaviour::DropMidBody {
        sent: 10,
        body: validation_body(),
    })
    .await;
    let client = builder(&dropped).build().unwrap();
    let error = client
        .validations()
        .create(&entity())
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Network);
    assert_eq!(dropped.count("POST", CREATE_PATH), 1);
}

#[tokio::test]
async fn a_rate_limited_create_is_retried_because_the_server_did_nothing() {
    let server = Misbehaving::start(|_, n| {
        if n == 0 {
            Behaviour::json(429, &fixture("rate_limited_rate_limited"))
                .with_header("retry-after", "0")
        } else {
            Behaviour::json(201, &fixture("create_validation_201_created"))
        }
    })
    .await;
    let client = builder(&server).build().unwrap();

    client
        .validations()
        .create(&entity())
        .send()
        .await
        .expect("second attempt");

    assert_eq!(server.count("POST", CREATE_PATH), 2);
}

#[tokio::test]
async fn approve_reject_and_cancel_are_sent_once_on_a_503() {
    let server = Misbehaving::start(|_, _| {
        Behaviour::json(503, &serde_json::json!({"error": "SERVICE_UNAVAILABLE"}))
    })
    .await;
    let client = builder(&server).build().unwrap();

    let approve = client
        .validations()
        .approve(&id(), "looks fine")
        .await
        .unwrap_err();
    let reject = client
        .validations()
        .reject(&id(), "looks wrong")
        .await
        .unwrap_err();
    let cancel = client
        .validations()
        .cancel(&id(), "asked to stop")
        .await
        .unwrap_err();

    for (error, operation) in [
        (approve, Operation::ApproveValidation),
        (reject, Operation::RejectValidation),
        (cancel, Operation::CancelValidation),
    ] {
        assert_eq!(error.operation(), Some(operation));
        assert_eq!(error.attempts(), 1, "{operation}");
    }
    let received = server.received();
    assert_eq!(received.len(), 3, "{:?}", server.counts());
    let bodies: Vec<_> = received
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    for reason in ["looks fine", "looks wrong", "asked to stop"] {
        assert!(
            bodies.iter().any(|body| body.contains(reason)),
            "each decision was sent once, with its reason: {bodies:?}"
        );
    }
}

#[tokio::test]
async fn a_sync_is_retried_because_the_spec_marks_it_safe_to_repeat() {
    let server = Misbehaving::start(|_, _| Behaviour::html(502)).await;
    let client = builder(&server).build().unwrap();

    let error = client.validations().sync(&id(), false).await.unwrap_err();

    assert_eq!(error.operation(), Some(Operation::SyncValidation));
    assert_eq!(server.count("POST", &format!("{GET_PATH}/sync")), 3);
}

// ---- 7. a custom reqwest client keeps the SDK's timeouts ---------------------------------------

#[tokio::test]
async fn a_custom_reqwest_client_keeps_the_sdk_timeout_and_deadline() {
    let server = Misbehaving::start(|_, _| Behaviour::Silent).await;
    let client = builder(&server)
        .http_client(reqwest::Client::new())
        .timeout(Duration::from_millis(100))
        .deadline(Duration::from_millis(250))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.validations().get(&id()).await.unwrap_err();

    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() < Duration::from_secs(2));
}
