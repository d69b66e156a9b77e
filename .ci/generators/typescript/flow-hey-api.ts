// The documented flow through the SDK @hey-api/openapi-ts generates, with zod checking every JSON
// response against the spec's schemas. Run by .ci/generators/check.py.
import { client } from "./generated/hey-api/client.gen";
import * as api from "./generated/hey-api/sdk.gen";
import { zKycWebhookEvent } from "./generated/hey-api/zod.gen";
import { assert, BASE, bytes, expect, expectError, JPEG, KEY, PNG, INTEGRATION, run, setStatus, webhook, webhooks } from "./support";

client.setConfig({ baseUrl: BASE, auth: (auth) => (auth.scheme === "bearer" ? KEY : undefined) });

await run(async () => {
  const suffix = String(Date.now());
  const taxId = `3${suffix.slice(-7)}`;

  const created = await expect(
    "createEntity",
    api.createEntity({
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
  await expect("getEntity", api.getEntity({ path: { id: entityId } }), 200);
  await expect("getEntityByExternalId", api.getEntityByExternalId({ path: { externalId: `gen-${suffix}` } }), 200);
  await expect("getEntityByTaxId", api.getEntityByTaxId({ path: { taxId } }), 200);
  await expect("listEntities", api.listEntities({ query: { type: "person" } }), 200, (page) =>
    assert(page.entities.length > 0, "entities"),
  );

  const validation = await expect("createValidation", api.createValidation({ body: { entityId, integrationCode: INTEGRATION } }), 201);
  assert(validation, "a validation");
  await setStatus(validation.id, "in_review");
  await expect("getValidation", api.getValidation({ path: { id: validation.id } }), 200, (v) =>
    assert(v.status === "in_review", "in_review"),
  );
  await expect("getCurrentValidation", api.getCurrentValidation({ path: { entityId } }), 200);
  await expect("syncValidation", api.syncValidation({ path: { id: validation.id }, body: { force: false } }), 200);
  const approved = await expect(
    "approveValidation",
    api.approveValidation({ path: { id: validation.id }, body: { reason: "Checked by hand" } }),
    200,
  );
  await expect("getEntityKycStatus", api.getEntityKycStatus({ path: { entityId } }), 200);
  await expect("listValidations", api.listValidations({ query: { limit: 10 } }), 200);
  await expect("listEntityValidations", api.listEntityValidations({ path: { entityId } }), 200);
  const key = JSON.stringify(approved?.decision ?? null).match(/"(kyc\/[^"]+)"/)?.[1];
  assert(key, "a media key in the decision");
  await expect("getValidationMedia", api.getValidationMedia({ path: { id: validation.id }, query: { key } }), 200, bytes);

  const rejected = await expect("createValidation", api.createValidation({ body: { entityId, integrationCode: INTEGRATION } }), 201);
  assert(rejected, "a validation");
  await setStatus(rejected.id, "in_review");
  await expect("rejectValidation", api.rejectValidation({ path: { id: rejected.id }, body: { reason: "Generator check" } }), 200);
  const cancelled = await expect("createValidation", api.createValidation({ body: { entityId, integrationCode: INTEGRATION } }), 201);
  assert(cancelled, "a validation");
  await expect("cancelValidation", api.cancelValidation({ path: { id: cancelled.id }, body: { reason: "Generator check" } }), 200);

  // A document check: both sides as file parts, with the options.
  const result = await expect(
    "createIdVerification",
    api.createIdVerification({
      body: {
        documentFront: new Blob([JPEG], { type: "image/jpeg" }),
        documentBack: new Blob([PNG], { type: "image/png" }),
        entityId,
        vendorData: `gen-${suffix}`,
        performDocumentLiveness: "true",
        minimumAge: 18,
      },
    }),
    200,
  );
  assert(result?.verificationId, "a verification id");
  const record = { path: { id: result.verificationId } };
  await expect("getIdVerification", api.getIdVerification(record), 200);
  await expect("getIdVerificationFrontImage", api.getIdVerificationFrontImage(record), 200, bytes);
  await expect("getIdVerificationBackImage", api.getIdVerificationBackImage(record), 200, bytes);
  await expect("listIdVerifications", api.listIdVerifications({ query: { entityId } }), 200);

  // A face match: the selfie as a base64 string, the documented alternative to a file part.
  const match = await expect(
    "createFaceMatch",
    api.createFaceMatch({
      body: {
        documentImage: new Blob([JPEG], { type: "image/jpeg" }),
        selfieImage: Buffer.from(PNG).toString("base64") as unknown as Blob,
        entityId,
        scoreThreshold: 80,
      },
    }),
    200,
  );
  assert(match, "a face match");
  const face = { path: { id: match.verificationId } };
  await expect("getFaceMatch", api.getFaceMatch(face), 200);
  await expect("getFaceMatchDocumentImage", api.getFaceMatchDocumentImage(face), 200, bytes);
  await expect("getFaceMatchSelfieImage", api.getFaceMatchSelfieImage(face), 200, bytes);
  await expect("listFaceMatches", api.listFaceMatches(), 200);

  await expectError(
    "getValidation (unknown)",
    api.getValidation({ path: { id: "00000000-0000-4000-8000-000000000000" } }),
    404,
  );

  for (const body of await webhooks(5)) {
    webhook(() => zKycWebhookEvent.parse(body).event);
  }
});
