//! `gu1-kyc id-verifications ...`, `face-matches ...` and `images save`.

use gu1_kyc::ImageInput;
use gu1_kyc::types::{EntityId, FaceMatchId, IdVerificationId};

use crate::args::{FaceMatches, IdVerifications, Images, Record, Side};
use crate::failure::{Failure, Outcome};
use crate::output::{Field, Output, print_line};

/// What an ID-verification table shows.
const ID_VERIFICATION: &[Field] = &[
    ("id", "id"),
    ("verification", "verificationId"),
    ("entity", "entityId"),
    ("status", "status"),
    ("warnings", "warnings"),
    ("extracted data", "extractedData"),
    ("created", "createdAt"),
];

/// What a face-match table shows.
const FACE_MATCH: &[Field] = &[
    ("id", "id"),
    ("verification", "verificationId"),
    ("entity", "entityId"),
    ("status", "status"),
    ("match", "match"),
    ("score", "score"),
    ("created", "createdAt"),
];

/// The columns of a list of records.
const RECORDS: &[Field] = &[
    ("ID", "id"),
    ("ENTITY", "entityId"),
    ("STATUS", "status"),
    ("CREATED", "createdAt"),
];

/// An image file, read whole (the SDK checks its format and size before sending).
async fn image(path: &std::path::Path) -> Result<ImageInput, Failure> {
    ImageInput::from_path(path)
        .await
        .map_err(|e| Failure::Usage(format!("cannot read the image {}: {e}", path.display())))
}

fn entity(id: Option<String>) -> Result<Option<EntityId>, Failure> {
    id.map(|id| EntityId::parse(&id))
        .transpose()
        .map_err(Failure::from)
}

/// Runs one `id-verifications` command.
pub async fn id_verifications(command: IdVerifications, output: Output) -> Outcome {
    let client = super::client()?;
    let records = client.id_verifications();
    match command {
        IdVerifications::Upload {
            front,
            back,
            entity: linked,
            liveness,
        } => {
            let mut request = records.create(image(&front).await?);
            if let Some(back) = back {
                request = request.back(image(&back).await?);
            }
            if let Some(linked) = entity(linked)? {
                request = request.entity_id(&linked);
            }
            if liveness {
                request = request.perform_document_liveness(true);
            }
            output.one(&request.send().await?, ID_VERIFICATION)
        }
        IdVerifications::Get { id } => output.one(
            &records.get(&IdVerificationId::parse(&id)?).await?,
            ID_VERIFICATION,
        ),
        IdVerifications::List {
            entity: linked,
            limit,
        } => {
            let mut request = records.list();
            if let Some(linked) = entity(linked)? {
                request = request.entity_id(&linked);
            }
            output.list(&request.collect_all(limit).await?, RECORDS)
        }
    }
}

/// Runs one `face-matches` command.
pub async fn face_matches(command: FaceMatches, output: Output) -> Outcome {
    let client = super::client()?;
    let records = client.face_matches();
    match command {
        FaceMatches::Create {
            document,
            selfie,
            entity: linked,
        } => {
            let mut request = records.create(image(&document).await?, image(&selfie).await?);
            if let Some(linked) = entity(linked)? {
                request = request.entity_id(&linked);
            }
            output.one(&request.send().await?, FACE_MATCH)
        }
        FaceMatches::Get { id } => {
            output.one(&records.get(&FaceMatchId::parse(&id)?).await?, FACE_MATCH)
        }
        FaceMatches::List {
            entity: linked,
            limit,
        } => {
            let mut request = records.list();
            if let Some(linked) = entity(linked)? {
                request = request.entity_id(&linked);
            }
            output.list(&request.collect_all(limit).await?, RECORDS)
        }
    }
}

/// Runs `images save`: the download streamed to the file.
pub async fn images(command: Images, output: Output) -> Outcome {
    let Images::Save {
        id,
        side,
        record,
        out,
    } = command;
    let client = super::client()?;
    let download = match record {
        Record::IdVerification => {
            let id = IdVerificationId::parse(&id)?;
            let records = client.id_verifications();
            match side {
                Side::Front => records.front_image(&id).await?,
                Side::Back => records.back_image(&id).await?,
            }
        }
        Record::FaceMatch => {
            let id = FaceMatchId::parse(&id)?;
            let records = client.face_matches();
            match side {
                Side::Front => records.document_image(&id).await?,
                Side::Back => records.selfie_image(&id).await?,
            }
        }
    };
    let content_type = download.content_type().unwrap_or("unknown").to_string();
    // Streamed to the file, which is created readable by its owner only (on Unix).
    let bytes = download.save(&out).await?;
    if output.json {
        print_line(
            &serde_json::json!({
                "out": out.display().to_string(), "bytes": bytes, "contentType": content_type,
            })
            .to_string(),
        )
    } else {
        print_line(&format!(
            "saved {bytes} bytes ({content_type}) to {}",
            out.display()
        ))
    }
}
