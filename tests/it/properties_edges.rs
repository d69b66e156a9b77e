//! Properties over generated input at the edges: the client turns any body into a value or a
//! typed error, webhook verification accepts exactly the right signature, and retries stay within
//! their attempt count and the call's deadline.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use crate::support::misbehaving::{Behaviour, Misbehaving};
use crate::support::properties::*;
use gu1_kyc::{
    ErrorKind, RetryPolicy,
    types::{Validation, ValidationId},
    webhooks::{self, WebhookSecret},
};
use hmac::{Hmac, Mac};
use proptest::{
    prelude::*,
    sample::Index,
    test_runner::{Config, TestRunner},
};
use sha2::Sha256;

// ---- 3. any body through the client --------------------------------------------------------

/// A body the loopback server answers with: random bytes, a random JSON tree, or a mutated
/// validation.
fn response_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        json_tree().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        (prop::collection::vec(mutation(), 0..4), byte_edit()).prop_map(|(ms, e)| {
            let mut value = fixture("get_validation_200_pending");
            for m in &ms {
                apply(&mut value, m);
            }
            edit(serde_json::to_vec(&value).unwrap(), &e)
        }),
    ]
}

#[test]
fn any_response_body_is_a_value_or_a_typed_error() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer: Arc<Mutex<Behaviour>> = Arc::new(Mutex::new(Behaviour::html(500)));
    let scripted = answer.clone();
    let server = runtime.block_on(Misbehaving::start(move |_, _| {
        scripted.lock().unwrap().clone()
    }));
    let client = server
        .builder()
        .retry_policy(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let id = ValidationId::parse(VALIDATION_ID).unwrap();
    let content_types = ["application/json", "text/html", "application/octet-stream"];

    let mut runner = TestRunner::new(Config::with_cases(32));
    runner
        .run(
            &(
                response_body(),
                prop::sample::select(vec![200u16, 400, 404, 409, 422, 500]),
                prop::sample::select(content_types.to_vec()),
            ),
            |(body, status, content_type)| {
                *answer.lock().unwrap() = Behaviour::Reply {
                    status,
                    headers: vec![("content-type".into(), content_type.into())],
                    body: body.clone(),
                };
                let before = server.count("GET", GET_PATH);
                let result = runtime.block_on(client.validations().get(&id));
                prop_assert_eq!(server.count("GET", GET_PATH), before + 1);
                match result {
                    Ok(validation) => {
                        prop_assert_eq!(status, 200);
                        // Whatever decoded is what a direct decode of the body gives.
                        let direct: Validation = serde_json::from_slice(&body).unwrap();
                        prop_assert_eq!(validation, direct);
                    }
                    Err(error) if status == 200 => {
                        prop_assert_eq!(error.kind(), ErrorKind::Decode, "{:?}", error);
                        prop_assert!(serde_json::from_slice::<Validation>(&body).is_err());
                    }
                    Err(error) => {
                        prop_assert_eq!(error.kind(), ErrorKind::Api, "{:?}", error);
                        prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                        prop_assert_eq!(error.attempts(), 1);
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}

// ---- 4. webhook verification ---------------------------------------------------------------

/// The signature computed here, independently of the SDK.
fn hmac_hex(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Headers a receiver may be handed: anything, or something shaped like a signature.
fn signature_header() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-fA-F]{0,80}",
        "(sha256=|SHA256=|sha256:|sha1=)?[0-9a-f]{63,65}",
        "[ \t]*(sha256=)?[0-9a-fA-FgG]{64}[ \t\n]*",
        "sha256=.{0,70}",
        Just("sha256=".to_owned()),
        Just("é".repeat(32)),
        Just(format!("sha256={}", "ä".repeat(32))),
        prop::collection::vec(any::<u8>(), 0..80)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// The digest a header carries, read the way the documentation promises (trimmed, optional
/// `sha256=` in any case, hex in any case), or `None`.
fn documented_digest(header: &str) -> Option<String> {
    let header = header.trim();
    let hex = match header.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("sha256=") => &header[7..],
        _ => header,
    };
    (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn verification_never_panics_and_accepts_only_the_right_digest(
        secret in ".{0,40}",
        body in prop::collection::vec(any::<u8>(), 0..300),
        header in signature_header(),
    ) {
        let result = webhooks::verify_and_parse(&WebhookSecret::new(secret.clone()), &body, &header);
        let right = !secret.is_empty()
            && documented_digest(&header) == Some(hmac_hex(&secret, &body));
        match result {
            Err(e) if e.kind() == ErrorKind::Webhook => prop_assert!(!right, "the right signature was refused: {e}"),
            Err(e) => {
                prop_assert!(right, "a wrong signature got past verification: {e}");
                prop_assert_eq!(e.kind(), ErrorKind::Decode);
            }
            Ok(_) => prop_assert!(right, "a wrong signature was accepted"),
        }
        let checked = webhooks::verify_signature(&WebhookSecret::new(secret), &body, &header);
        prop_assert_eq!(checked.is_ok(), right);
    }

    #[test]
    fn a_correctly_signed_body_always_verifies(
        secret in ".{1,64}",
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..300),
            json_tree().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        ],
        prefix in prop::sample::select(vec!["", "sha256=", "SHA256=", "Sha256="]),
        upper in any::<bool>(),
        padding in "[ \t]{0,3}",
        flip in any::<Index>(),
    ) {
        let hex = hmac_hex(&secret, &body);
        prop_assert_eq!(&webhooks::sign(&WebhookSecret::new(secret.clone()), &body), &hex);
        let digest = if upper { hex.to_ascii_uppercase() } else { hex.clone() };
        let header = format!("{padding}{prefix}{digest}{padding}");
        let key = WebhookSecret::new(secret.clone());
        prop_assert!(webhooks::verify_signature(&key, &body, &header).is_ok(), "{header:?}");
        match webhooks::verify_and_parse(&key, &body, &header) {
            Ok(_) => {}
            Err(e) => prop_assert_eq!(e.kind(), ErrorKind::Decode, "{}", e),
        }
        // Changing one digit of the digest makes it fail.
        let mut wrong = hex.into_bytes();
        let i = flip.index(wrong.len());
        wrong[i] = if wrong[i] == b'0' { b'1' } else { b'0' };
        let wrong = String::from_utf8(wrong).unwrap();
        let refused = webhooks::verify_and_parse(&key, &body, &wrong).unwrap_err();
        prop_assert_eq!(refused.kind(), ErrorKind::Webhook);
        // The error never quotes the header or the secret.
        prop_assert!(!refused.to_string().contains(&wrong));
    }
}

// ---- 5. retries within their count and the deadline ----------------------------------------

#[derive(Clone, Debug)]
struct RetryCase {
    policy: RetryPolicy,
    deadline: Duration,
    timeout: Duration,
    silent: bool,
    retry_after: Option<&'static str>,
}

fn retry_case() -> impl Strategy<Value = RetryCase> {
    (
        0..4u32,
        0..20u64,
        0..50u64,
        50..300u64,
        20..300u64,
        prop::bool::weighted(0.25),
        prop::sample::select(vec![None, Some("0"), Some("1")]),
    )
        .prop_map(
            |(max_retries, base, max, deadline, timeout, silent, retry_after)| RetryCase {
                policy: RetryPolicy {
                    max_retries,
                    base_delay: Duration::from_millis(base),
                    max_delay: Duration::from_millis(max),
                },
                deadline: Duration::from_millis(deadline),
                timeout: Duration::from_millis(timeout),
                silent,
                retry_after,
            },
        )
}

#[test]
fn retries_stay_within_their_count_and_the_deadline() {
    const MARGIN: Duration = Duration::from_millis(150);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer: Arc<Mutex<Behaviour>> = Arc::new(Mutex::new(Behaviour::Silent));
    let scripted = answer.clone();
    let server = runtime.block_on(Misbehaving::start(move |_, _| {
        scripted.lock().unwrap().clone()
    }));
    let id = ValidationId::parse(VALIDATION_ID).unwrap();

    let mut runner = TestRunner::new(Config::with_cases(16));
    runner
        .run(&retry_case(), |case| {
            *answer.lock().unwrap() = if case.silent {
                Behaviour::Silent
            } else {
                let reply = Behaviour::json(
                    503,
                    &serde_json::json!({"error": "SERVICE_UNAVAILABLE", "message": "down"}),
                );
                match case.retry_after {
                    Some(seconds) => reply.with_header("retry-after", seconds),
                    None => reply,
                }
            };
            let client = server
                .builder()
                .retry_policy(case.policy.clone())
                .deadline(case.deadline)
                .timeout(case.timeout)
                .build()
                .unwrap();
            let before = server.count("GET", GET_PATH);
            let started = Instant::now();
            let error = runtime
                .block_on(client.validations().get(&id))
                .expect_err("the server never succeeds");
            let elapsed = started.elapsed();
            let seen = (server.count("GET", GET_PATH) - before) as u32;
            let most = case.policy.max_retries + 1;

            prop_assert!(
                elapsed <= case.deadline + MARGIN,
                "took {:?} with a deadline of {:?}",
                elapsed,
                case.deadline
            );
            prop_assert!(error.attempts() >= 1);
            prop_assert!(error.attempts() <= most, "{} attempts", error.attempts());
            prop_assert!(seen <= most, "the server saw {seen} requests");
            if error.kind() == ErrorKind::Api {
                // Every attempt was answered, so each one reached the server.
                prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
                prop_assert_eq!(seen, error.attempts());
            } else {
                // An attempt cut short by the deadline may end before its request arrives.
                prop_assert!(error.is_timeout(), "{:?}", error);
                prop_assert!(seen <= error.attempts() && seen + 1 >= error.attempts());
            }
            if case.retry_after == Some("1") && !case.silent {
                // Asked to wait longer than max_delay (< 50 ms): the client gives up at once.
                prop_assert_eq!(error.attempts(), 1);
            }
            if case.silent {
                prop_assert!(error.is_timeout(), "{:?}", error);
            }
            Ok(())
        })
        .unwrap();
}
