// The documented flow through openapi-fetch with the types openapi-typescript generates. These
// clients do not validate at run time, so each call checks the fields the flow reads against the
// generated types, and `tsc --noEmit` checks the flow against them. Run by .ci/generators/check.py.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/openapi-typescript/schema";
import { assert, BASE, bytes, expect, expectError, JPEG, KEY, PNG, INTEGRATION, run, setStatus, webhook, webhooks } from "./support";

type Schemas = components["schemas"];

const client = createClient<paths>({ baseUrl: BASE, headers: { Authorization: `Bearer ${KEY}` } });

/** The generated types say `format: binary` is a string; on the wire a part is a file. */
function form(fields: Record<string, string | Blob | undefined>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.append(name, value);
  return data;
}

function validation(v: Schemas["KycValidation"]): void {
  assert(typeof v.id === "string" && typeof v.entityId === "string", "ids");
  assert(typeof v.status === "string", "a status");
  assert(v.extractedData === undefined || v.extractedData === null || typeof v.extractedData === "object", "extractedData");
}

await run(async () => {
  const suffix = String(Date.now());
  const taxId = `3${suffix.slice(-7)}`;

  const created = await expect(
    "createEntity",
    client.POST("/entities", {
      body: {
        type: "person",
        name: "Generator Check",
        countryCode: "AR",
        taxId,
        externalId: `gen-${suffix}`,
        entityData: { person: { firstName: "Generator", lastName: "Check" } },
      },
    }),
    201,
  );
  assert(created, "an entity");
  const entityId = created.entity.id;
  await expect("getEntity", client.GET("/entities/{id}", { params: { path: { id: entityId } } }), 200, (e) =>
    assert(e.id === entityId, "the entity"),
  );
  await expect("getEntityByExternalId", client.GET("/entities/by-external-id/{externalId}", { params: { path: { externalId: `gen-${suffix}` } } }), 200);
  await expect("getEntityByTaxId", client.GET("/entities/by-tax-id/{taxId}", { params: { path: { taxId } } }), 200);
  await expect("listEntities", client.GET("/entities", { params: { query: { type: "person" } } }), 200, (page) =>
    assert(Array.isArray(page.entities), "entities"),
  );

  const created1 = await expect("createValidation", client.POST("/api/kyc/validations", { body: { entityId, integrationCode: INTEGRATION } }), 201, validation);
  assert(created1, "a validation");
  const id = { params: { path: { id: created1.id } } };
  await setStatus(created1.id, "in_review");
  await expect("getValidation", client.GET("/api/kyc/validations/{id}", id), 200, validation);
  await expect("getCurrentValidation", client.GET("/api/kyc/entities/{entityId}/current", { params: { path: { entityId } } }), 200, validation);
  await expect("syncValidation", client.POST("/api/kyc/validations/{id}/sync", { ...id, body: { force: false } }), 200, validation);
  const approved = await expect("approveValidation", client.POST("/api/kyc/validations/{id}/approve", { ...id, body: { reason: "Checked by hand" } }), 200, validation);
  await expect("getEntityKycStatus", client.GET("/api/kyc/entities/{entityId}/status", { params: { path: { entityId } } }), 200);
  await expect("listValidations", client.GET("/api/kyc/validations", { params: { query: { limit: 10 } } }), 200, (page) =>
    page.validations.forEach(validation),
  );
  await expect("listEntityValidations", client.GET("/api/kyc/entities/{entityId}/validations", { params: { path: { entityId } } }), 200, (page) =>
    page.validations.forEach(validation),
  );
  const key = JSON.stringify(approved?.decision ?? null).match(/"(kyc\/[^"]+)"/)?.[1];
  assert(key, "a media key in the decision");
  await expect("getValidationMedia", client.GET("/api/kyc/validations/{id}/media", { params: { path: { id: created1.id }, query: { key } }, parseAs: "blob" }), 200, bytes);

  const rejected = await expect("createValidation", client.POST("/api/kyc/validations", { body: { entityId, integrationCode: INTEGRATION } }), 201, validation);
  assert(rejected, "a validation");
  await setStatus(rejected.id, "in_review");
  await expect("rejectValidation", client.POST("/api/kyc/validations/{id}/reject", { params: { path: { id: rejected.id } }, body: { reason: "Generator check" } }), 200, validation);
  const cancelled = await expect("createValidation", client.POST("/api/kyc/validations", { body: { entityId, integrationCode: INTEGRATION } }), 201, validation);
  assert(cancelled, "a validation");
  await expect("cancelValidation", client.DELETE("/api/kyc/validations/{id}/cancel", { params: { path: { id: cancelled.id } }, body: { reason: "Generator check" } }), 200, validation);

  const upload: Schemas["IdVerificationRequest"] = {
    documentFront: "",
    entityId,
    vendorData: `gen-${suffix}`,
    performDocumentLiveness: "true",
    minimumAge: 18,
  };
  const result = await expect(
    "createIdVerification",
    client.POST("/api/kyc/id-verification", {
      body: upload,
      bodySerializer: (body) =>
        form({
          ...body,
          minimumAge: String(body.minimumAge),
          documentFront: new Blob([JPEG], { type: "image/jpeg" }),
          documentBack: new Blob([PNG], { type: "image/png" }),
        }),
    }),
    200,
  );
  assert(result?.verificationId, "a verification id");
  const record = { params: { path: { id: result.verificationId } } };
  await expect("getIdVerification", client.GET("/api/kyc/id-verification/verifications/{id}", record), 200);
  await expect("getIdVerificationFrontImage", client.GET("/api/kyc/id-verification/verifications/{id}/document-front-image", { ...record, parseAs: "blob" }), 200, bytes);
  await expect("getIdVerificationBackImage", client.GET("/api/kyc/id-verification/verifications/{id}/document-back-image", { ...record, parseAs: "blob" }), 200, bytes);
  await expect("listIdVerifications", client.GET("/api/kyc/id-verification/verifications", { params: { query: { entityId } } }), 200);

  const match = await expect(
    "createFaceMatch",
    client.POST("/api/kyc/face-match", {
      body: { documentImage: "", selfieImage: Buffer.from(PNG).toString("base64"), entityId, scoreThreshold: 80 },
      bodySerializer: (body) =>
        form({ ...body, documentImage: new Blob([JPEG], { type: "image/jpeg" }), scoreThreshold: String(body.scoreThreshold) }),
    }),
    200,
    (m) => assert(typeof m.match === "boolean" && typeof m.score === "number", "a match and a score"),
  );
  assert(match, "a face match");
  const face = { params: { path: { id: match.verificationId } } };
  await expect("getFaceMatch", client.GET("/api/kyc/face-match/verifications/{id}", face), 200);
  await expect("getFaceMatchDocumentImage", client.GET("/api/kyc/face-match/verifications/{id}/document-image", { ...face, parseAs: "blob" }), 200, bytes);
  await expect("getFaceMatchSelfieImage", client.GET("/api/kyc/face-match/verifications/{id}/selfie-image", { ...face, parseAs: "blob" }), 200, bytes);
  await expect("listFaceMatches", client.GET("/api/kyc/face-match/verifications"), 200);

  await expectError(
    "getValidation (unknown)",
    client.GET("/api/kyc/validations/{id}", { params: { path: { id: "00000000-0000-4000-8000-000000000000" } } }),
    404,
  );

  for (const body of await webhooks(5)) {
    webhook(() => {
      const payload = body as Schemas["KycWebhookEvent"];
      assert(typeof payload.event === "string" && typeof payload.payload === "object", "an event and a payload");
      return payload.event;
    });
  }
});
