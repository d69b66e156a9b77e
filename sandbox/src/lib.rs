//! Local gu1 KYC sandbox server.
