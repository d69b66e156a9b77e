//! Face match: compare a selfie with a document portrait, read the stored audit records and
//! download the stored images.

use crate::{
    call,
    client::Client,
    download::Download,
    error::Result,
    records::record_list,
    types::{FaceMatchId, FaceMatchRecord, FaceMatchStatus},
};

/// Face-match calls; from [`Client::face_matches`].
#[derive(Clone, Copy, Debug)]
pub struct FaceMatches<'a> {
    client: &'a Client,
}

impl<'a> FaceMatches<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Lists the organization's face-match records, newest first.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client) -> gu1_kyc::Result<()> {
    /// let page = client.face_matches().list().send().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListFaceMatches<'a> {
        ListFaceMatches::new(self.client)
    }

    /// Reads one record by its ID (the comparison's `verificationId`).
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::FaceMatchId) -> gu1_kyc::Result<()> {
    /// let record = client.face_matches().get(&id).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &FaceMatchId) -> Result<FaceMatchRecord> {
        call::json(
            "getFaceMatch",
            self.client.api().get_face_match().id(id.clone()).send(),
        )
        .await
    }

    /// Downloads the stored document (reference) image.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::FaceMatchId) -> gu1_kyc::Result<()> {
    /// client.face_matches().document_image(&id).await?.save("document.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn document_image(&self, id: &FaceMatchId) -> Result<Download> {
        let call = self
            .client
            .api()
            .get_face_match_document_image()
            .id(id.clone())
            .send();
        call::download("getFaceMatchDocumentImage", call).await
    }

    /// Downloads the stored selfie.
    ///
    /// ```no_run
    /// # async fn demo(client: gu1_kyc::Client, id: gu1_kyc::FaceMatchId) -> gu1_kyc::Result<()> {
    /// client.face_matches().selfie_image(&id).await?.save("selfie.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub async fn selfie_image(&self, id: &FaceMatchId) -> Result<Download> {
        let call = self
            .client
            .api()
            .get_face_match_selfie_image()
            .id(id.clone())
            .send();
        call::download("getFaceMatchSelfieImage", call).await
    }
}

record_list!(
    /// Filters and paging of the face-match records; from [`FaceMatches::list`].
    ListFaceMatches, FaceMatchStatus, FaceMatchRecord, "listFaceMatches",
    list_face_matches, "face_matches"
);
