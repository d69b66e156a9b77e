//! The images of the two uploads: the checks that stop a bad image (size, format, content type,
//! base64) before anything is sent, format detection, and what `Debug` shows of an image.

use crate::support::uploads::{
    assert_hidden, compare, entity, image, jpeg, png, refused, start, tiff, verify, webp,
};
use gu1_kyc::{ErrorKind, ImageInput};

#[tokio::test]
async fn an_image_over_5_mb_is_refused_before_sending() {
    let (server, client) = start().await;
    let too_large = image(&[0xFF, 0xD8, 0xFF, 0xE0], ImageInput::MAX_BYTES + 1);
    let exactly_the_limit = ImageInput::from_bytes(image(b"\x89PNG", ImageInput::MAX_BYTES), None);

    let request = client
        .face_matches()
        .create(exactly_the_limit, ImageInput::from_bytes(too_large, None))
        .send();
    let error = refused(&server, request, "selfieImage").await;

    assert!(error.to_string().contains("5 MB"), "{error}");
    assert_eq!(error.operation(), Some(gu1_kyc::Operation::CreateFaceMatch));
}

#[tokio::test]
async fn a_reader_stops_one_byte_past_the_limit_and_its_image_is_refused() {
    let (server, client) = start().await;
    let endless = image(&[0xFF, 0xD8, 0xFF, 0xE0], ImageInput::MAX_BYTES + 4096);

    let front = ImageInput::from_reader(endless.as_slice(), None)
        .await
        .expect("an in-memory reader reads");
    assert_eq!(front.size(), Some(ImageInput::MAX_BYTES + 1));
    let error = refused(&server, verify(&client, front).send(), "documentFront").await;

    assert_eq!(
        error.operation(),
        Some(gu1_kyc::Operation::CreateIdVerification)
    );
}

#[tokio::test]
async fn an_unsupported_format_is_refused_before_sending() {
    let (server, client) = start().await;
    let gif = image(b"GIF89a", 64);

    let detected = verify(&client, ImageInput::from_bytes(gif.clone(), None)).send();
    refused(&server, detected, "documentFront").await;
    let declared = verify(&client, ImageInput::from_bytes(jpeg(), None))
        .back(ImageInput::from_bytes(gif, Some("image/gif")))
        .send();
    let error = refused(&server, declared, "documentBack").await;

    assert!(error.to_string().contains("image/gif"), "{error}");
}

#[tokio::test]
async fn an_empty_image_is_refused_before_sending() {
    let (server, client) = start().await;

    let empty = ImageInput::from_bytes(Vec::new(), Some("image/jpeg"));
    let error = refused(&server, compare(&client, empty).send(), "selfieImage").await;

    assert!(error.to_string().contains("empty"), "{error}");
}

#[tokio::test]
async fn a_content_type_that_contradicts_the_bytes_is_refused_before_sending() {
    let (server, client) = start().await;

    let mislabelled = ImageInput::from_bytes(jpeg(), Some("image/png"));
    let error = refused(
        &server,
        verify(&client, mislabelled).send(),
        "documentFront",
    )
    .await;

    assert!(error.to_string().contains("JPEG"), "{error}");
}

#[tokio::test]
async fn a_score_threshold_outside_0_to_100_is_refused_before_sending() {
    let (server, client) = start().await;

    for threshold in [-0.5, 100.01, f64::NAN, f64::INFINITY] {
        let request = compare(&client, ImageInput::from_bytes(png(), None))
            .score_threshold(threshold)
            .send();
        refused(&server, request, "scoreThreshold").await;
    }
}

#[tokio::test]
async fn bad_base64_is_refused_before_sending() {
    let (server, client) = start().await;

    let cases = [
        "/9j/4G?i",                           // a character outside the alphabet
        "/9j/4",                              // a length no base64 string has
        "/9j=4GFi",                           // padding in the middle
        "data:image/jpeg,/9j/4GFi",           // a data URL without ;base64
        "R0lGODlhAQABAAAAACw=",               // a GIF
        "data:image/png;base64,/9j/4GFiYw==", // a PNG label on JPEG bytes
        "",                                   // nothing
    ];
    for case in cases {
        let request = verify(&client, ImageInput::from_base64(case)).send();
        refused(&server, request, "documentFront").await;
    }
}

#[tokio::test]
async fn a_file_that_cannot_be_read_is_an_io_error_that_does_not_name_the_file() {
    let missing = std::env::temp_dir()
        .join("gu1-kyc-missing")
        .join("Jane-Roe-passport.jpg");

    let error = ImageInput::from_path(&missing)
        .await
        .expect_err("a missing file cannot be read");

    assert_eq!(error.kind(), ErrorKind::Io, "{error}");
    assert_hidden(&error, "Jane-Roe");
    assert_hidden(format!("{error:?}"), "Jane-Roe");
    let source = std::error::Error::source(&error).expect("the I/O error is the source");
    assert_hidden(source, "Jane-Roe");
}

#[tokio::test]
async fn debug_output_shows_only_the_content_type_and_size_of_images() {
    let (_server, client) = start().await;
    let front = ImageInput::from_bytes(jpeg(), None);
    assert_eq!(
        format!("{front:?}"),
        r#"ImageInput { content_type: Some("image/jpeg"), size: Some(600) }"#
    );
    let base64 = ImageInput::from_base64("data:image/jpeg;base64,/9j/4GFiYw==");
    assert_eq!(
        format!("{base64:?}"),
        r#"ImageInput { content_type: Some("image/jpeg"), size: Some(7) }"#
    );

    let request = client
        .id_verifications()
        .create(front)
        .vendor_data("customer-42")
        .entity_id(&entity());
    let shown = format!("{request:?}");
    assert_hidden(&shown, "customer-42");
    assert_hidden(&shown, "4GFi");
}

#[test]
fn each_accepted_format_is_recognised_by_its_magic_bytes() {
    let cases = [
        (jpeg(), "image/jpeg"),
        (png(), "image/png"),
        (webp(), "image/webp"),
        (tiff(), "image/tiff"),
        (image(b"MM\x00*", 32), "image/tiff"),
    ];
    for (bytes, content_type) in cases {
        assert_eq!(
            ImageInput::from_bytes(bytes, None).content_type(),
            Some(content_type)
        );
    }
    assert_eq!(
        ImageInput::from_bytes(image(b"GIF89a", 32), None).content_type(),
        None
    );
    assert_eq!(
        ImageInput::from_bytes(image(b"RIFF\0\0\0\0WAVE", 32), None).content_type(),
        None
    );
}

#[test]
fn base64_is_measured_with_or_without_padding_and_a_data_url_prefix() {
    // Six, five and four bytes starting like a JPEG.
    let cases = [
        ("/9j/4GFi", 6),
        ("/9j/4GE=", 5),
        ("/9j/4GE", 5),
        ("/9j/4A==", 4),
        ("  data:image/jpeg;base64,/9j/4GFi\n", 6),
        ("DATA:IMAGE/JPEG;BASE64,/9j/4GFi", 6),
    ];
    for (text, size) in cases {
        let image = ImageInput::from_base64(text);
        assert_eq!(image.size(), Some(size), "{text:?}");
        assert_eq!(image.content_type(), Some("image/jpeg"), "{text:?}");
    }
    assert_eq!(ImageInput::from_base64("/9j/4G!i").size(), None);
}
