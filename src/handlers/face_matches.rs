//! Face match: compare a selfie with a document portrait, read the stored audit records and
//! download the stored images.

use crate::{
    download::Download,
    error::{Error, Result},
    handlers::ctx::{Ctx, with_options},
    handlers::records::record_list,
    operation::Operation,
    types::{EntityId, FaceMatchId, FaceMatchRecord, FaceMatchResult, FaceMatchStatus, Sensitive},
    upload::{Form, ImageInput, link_setters},
};

/// Face-match calls; from [`Client::face_matches`](crate::Client::face_matches).
#[derive(Clone, Copy, Debug)]
pub struct FaceMatches<'a> {
    ctx: Ctx<'a>,
}

with_options!(FaceMatches, "face_matches()");

impl<'a> FaceMatches<'a> {
    pub(crate) fn new(ctx: Ctx<'a>) -> Self {
        Self { ctx }
    }

    /// Starts a comparison of a selfie with a reference portrait (e.g. the photo on an ID).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// use gu1_kyc::ImageInput;
    /// let result = client
    ///     .face_matches()
    ///     .create(
    ///         ImageInput::from_path("id-front.jpg").await?,
    ///         ImageInput::from_path("selfie.jpg").await?,
    ///     )
    ///     .send()
    ///     .await?;
    /// println!("match: {} (score {})", result.is_match, result.score);
    /// # Ok(()) }
    /// ```
    pub fn create(&self, document: ImageInput, selfie: ImageInput) -> CreateFaceMatch<'a> {
        CreateFaceMatch {
            ctx: self.ctx,
            document,
            selfie,
            entity_id: None,
            vendor_data: None,
            score_threshold: None,
        }
    }

    /// Lists the organization's face-match records, newest first.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let page = client.face_matches().list().send().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListFaceMatches<'a> {
        ListFaceMatches::new(self.ctx)
    }

    /// Reads one record by its ID (the comparison's `verificationId`).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::FaceMatchId) -> gu1_kyc::Result<()> {
    /// let record = client.face_matches().get(&id).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &FaceMatchId) -> Result<FaceMatchRecord> {
        let call = self.ctx.call();
        call.json(call.api().get_face_match().id(id.clone())).await
    }

    /// Downloads the stored document (reference) image.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::FaceMatchId) -> gu1_kyc::Result<()> {
    /// client.face_matches().document_image(&id).await?.save("document.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn document_image(&self, id: &FaceMatchId) -> Result<Download> {
        let call = self.ctx.call();
        let request = call.api().get_face_match_document_image().id(id.clone());
        call.download(request).await
    }

    /// Downloads the stored selfie.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::types::FaceMatchId) -> gu1_kyc::Result<()> {
    /// client.face_matches().selfie_image(&id).await?.save("selfie.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn selfie_image(&self, id: &FaceMatchId) -> Result<Download> {
        let call = self.ctx.call();
        let request = call.api().get_face_match_selfie_image().id(id.clone());
        call.download(request).await
    }
}

/// The images and options of a face match; from [`FaceMatches::create`].
#[derive(Debug)]
#[must_use = "a request does nothing until you call send()"]
pub struct CreateFaceMatch<'a> {
    ctx: Ctx<'a>,
    document: ImageInput,
    selfie: ImageInput,
    entity_id: Option<EntityId>,
    vendor_data: Option<Sensitive<String>>,
    score_threshold: Option<f64>,
}

impl CreateFaceMatch<'_> {
    /// The match threshold for this call, 0-100, where the organization allows overriding its
    /// own (30 by default).
    ///
    /// ```no_run
    /// # fn demo(client: gu1_kyc::Client, document: gu1_kyc::ImageInput, selfie: gu1_kyc::ImageInput) {
    /// let request = client.face_matches().create(document, selfie).score_threshold(45.0);
    /// # }
    /// ```
    pub fn score_threshold(mut self, threshold: f64) -> Self {
        self.score_threshold = Some(threshold);
        self
    }

    /// Uploads both images and returns the outcome. Not retried once the upload may have reached
    /// the server (only a refused connection or a 429 is), so a retry never runs a second,
    /// billed comparison.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, document: gu1_kyc::ImageInput, selfie: gu1_kyc::ImageInput) -> gu1_kyc::Result<()> {
    /// let result = client.face_matches().create(document, selfie).send().await?;
    /// if !result.is_match {
    ///     println!("no match: score {} ({})", result.score, result.status);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) before sending when an image is empty,
    /// over 5 MB, not JPEG/PNG/WebP/TIFF, labelled with a content type its bytes contradict, or
    /// bad base64, or the score threshold is outside 0-100; the API's errors otherwise
    /// (`INVALID_REQUEST`, `UNAUTHORIZED`, `NOT_CONFIGURED`, `NOT_ENABLED`, `QUOTA_EXCEEDED`,
    /// `VERIFICATION_FAILED`, `SERVICE_UNAVAILABLE`).
    pub async fn send(self) -> Result<FaceMatchResult> {
        self.ctx
            .call()
            .multipart(Operation::CreateFaceMatch, self.form())
            .await
    }

    fn form(self) -> Result<Form> {
        if let Some(threshold) = self.score_threshold.filter(|t| !(0.0..=100.0).contains(t)) {
            return Err(Error::invalid_input(format!(
                "scoreThreshold: {threshold} is outside 0-100"
            )));
        }
        Ok(Form::new()
            .image("documentImage", self.document)?
            .image("selfieImage", self.selfie)?
            .text("entityId", self.entity_id)
            .text("vendorData", self.vendor_data.map(Sensitive::into_inner))
            .text("scoreThreshold", self.score_threshold))
    }
}

link_setters!(CreateFaceMatch, "face_matches().create(document, selfie)");

record_list!(
    /// Filters and paging of the face-match records; from [`FaceMatches::list`].
    ListFaceMatches, FaceMatchStatus, FaceMatchRecord, list_face_matches, "face_matches"
);

with_options!(CreateFaceMatch, "face_matches().create(document, selfie)");
with_options!(ListFaceMatches, "face_matches().list()");
