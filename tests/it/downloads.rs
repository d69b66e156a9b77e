//! Saving downloads on a bad network and at size: a file bigger than the step at which `save`
//! starts writing to disk comes out byte-exact, a body cut or stalled mid-way leaves no file
//! behind, and a slow but live body is not cut off by the idle timeout.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use crate::support::misbehaving::{Behaviour, Misbehaving};
use gu1_kyc::{Client, ErrorKind, types::IdVerificationId};

const ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const FRONT_IMAGE_PATH: &str = "/api/kyc/id-verification/verifications/550e8400-e29b-41d4-a716-446655440000/document-front-image";

fn image(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn id() -> IdVerificationId {
    IdVerificationId::parse(ID).unwrap()
}

/// A path in the temporary directory, and the `.partial` file `save` writes beside it.
fn target() -> (PathBuf, PathBuf) {
    let path = std::env::temp_dir().join(format!(
        "gu1-kyc-download-{}-{}.jpg",
        std::process::id(),
        uuid::Uuid::new_v4()
    ));
    let mut partial = path.clone().into_os_string();
    partial.push(".partial");
    (path, PathBuf::from(partial))
}

fn client(server: &Misbehaving, idle: Duration) -> Client {
    server
        .builder()
        .download_idle_timeout(idle)
        .build()
        .unwrap()
}

async fn save(client: &Client, path: &Path) -> gu1_kyc::Result<u64> {
    client
        .id_verifications()
        .front_image(&id())
        .await?
        .save(path)
        .await
}

#[tokio::test]
async fn a_file_larger_than_the_writeback_step_is_saved_byte_exact() {
    let body = image(20 << 20);
    let served = body.clone();
    let server = Misbehaving::start(move |_, _| Behaviour::Reply {
        status: 200,
        headers: vec![("content-type".into(), "image/jpeg".into())],
        body: served.clone(),
    })
    .await;
    let (path, partial) = target();

    let written = save(&client(&server, Duration::from_secs(5)), &path).await;
    let saved = std::fs::read(&path);
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777)
    };
    let _ = std::fs::remove_file(&path);

    assert_eq!(written.expect("saved"), body.len() as u64);
    #[cfg(unix)]
    assert_eq!(
        mode.expect("the file exists"),
        0o600,
        "an image is its owner's only"
    );
    assert!(saved.expect("the file exists") == body, "the file differs");
    assert!(!partial.exists(), "the partial file was renamed");
    assert_eq!(server.count("GET", FRONT_IMAGE_PATH), 1);
}

/// Saves from a server that behaves as `behaviour`, expects the save to fail, checks that it
/// left no file (neither the target nor the partial one), and returns the error and how long
/// the save took.
async fn failed_save_leaving_no_file(
    behaviour: Behaviour,
    idle: Duration,
) -> (gu1_kyc::Error, Duration) {
    let server = Misbehaving::start(move |_, _| behaviour.clone()).await;
    let (path, partial) = target();
    let started = Instant::now();

    let error = save(&client(&server, idle), &path)
        .await
        .expect_err("the save fails");

    assert!(!path.exists() && !partial.exists(), "no file is left");
    (error, started.elapsed())
}

#[tokio::test]
async fn a_body_cut_past_the_writeback_step_is_a_network_error_and_leaves_no_file() {
    let cut = Behaviour::DropMidBody {
        body: image(16 << 20),
        sent: 12 << 20,
    };

    let (error, _) = failed_save_leaving_no_file(cut, Duration::from_secs(5)).await;

    assert_eq!(error.kind(), ErrorKind::Network, "{error}");
}

#[tokio::test]
async fn a_body_that_stalls_ends_at_the_idle_timeout_and_leaves_no_file() {
    let stall = Behaviour::StallMidBody {
        body: image(1 << 20),
        sent: 64 << 10,
    };

    let (error, waited) = failed_save_leaving_no_file(stall, Duration::from_millis(300)).await;

    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

#[tokio::test]
async fn a_slow_but_live_body_outlasts_the_idle_timeout() {
    let body = image(40 << 10);
    let served = body.clone();
    // Eight pieces, 100 ms apart: 800 ms in all, four times the idle timeout, never idle for it.
    let server = Misbehaving::start(move |_, _| Behaviour::Trickle {
        body: served.clone(),
        chunk: 5 << 10,
        every: Duration::from_millis(100),
    })
    .await;
    let (path, _) = target();
    let started = Instant::now();

    let written = save(&client(&server, Duration::from_millis(200)), &path).await;
    let saved = std::fs::read(&path);
    let _ = std::fs::remove_file(&path);

    assert_eq!(written.expect("saved"), body.len() as u64);
    assert!(saved.expect("the file exists") == body);
    assert!(started.elapsed() >= Duration::from_millis(800));
}

#[tokio::test]
async fn an_idle_timeout_of_duration_max_means_no_limit() {
    let body = image(20 << 10);
    let served = body.clone();
    // Pieces 20 ms apart: the timer is made while the body waits, then moved at each piece.
    let server = Misbehaving::start(move |_, _| Behaviour::Trickle {
        body: served.clone(),
        chunk: 5 << 10,
        every: Duration::from_millis(20),
    })
    .await;
    let (path, _) = target();

    let written = save(&client(&server, Duration::MAX), &path).await;
    let _ = std::fs::remove_file(&path);

    assert_eq!(written.expect("saved"), body.len() as u64);
}
