// What both TypeScript flows share: the sandbox's address, the tally of calls, the sandbox's
// control API (not part of gu1's spec, so called with plain fetch) and the delivered webhooks.
import { readFileSync } from "node:fs";

export const BASE = required("GU1_BASE_URL");
export const KEY = required("GU1_API_KEY");
/** The documented integration, which works in the sandbox with no setup. */
export const INTEGRATION = "global_gueno_validation_kyc";
const WEBHOOKS = required("WEBHOOK_LOG");

export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode("generator-check-front")]);
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode("generator-check-back")]);

let calls = 0;
let failedCalls = 0;
const failures: string[] = [];

/** Records a call that did not answer or decode as documented. */
function fail(message: string): void {
  failedCalls += 1;
  failures.push(message);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** Records one call: the documented status, and data that decoded (`check` throws otherwise). */
export async function expect<T>(
  operation: string,
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  status: number,
  check: (data: T) => void = () => {},
): Promise<T | undefined> {
  calls += 1;
  try {
    const { data, error, response } = await call;
    if (response.status !== status) {
      fail(`${operation}: status ${response.status}, expected ${status}: ${JSON.stringify(error)?.slice(0, 300)}`);
      return undefined;
    }
    if (data === undefined) {
      fail(`${operation}: no data`);
      return undefined;
    }
    check(data);
    console.log(`ok   ${operation} ${status}`);
    return data;
  } catch (error) {
    fail(`${operation}: ${describe(error)}`);
    return undefined;
  }
}

/** Records one error answer: the documented status with the documented `{error, message}` body. */
export async function expectError(
  operation: string,
  call: Promise<{ error?: unknown; response: Response }>,
  status: number,
): Promise<void> {
  calls += 1;
  try {
    const { error, response } = await call;
    const body = error as { error?: unknown; message?: unknown } | undefined;
    if (response.status !== status || typeof body?.error !== "string" || typeof body?.message !== "string") {
      fail(`${operation}: status ${response.status}, body ${typeof error}`);
      return;
    }
    console.log(`ok   ${operation} ${status} ${body.error}`);
  } catch (error) {
    fail(`${operation}: ${describe(error)}`);
  }
}

/** Fails unless `condition` holds, with what was expected. */
export function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`expected ${what}`);
}

/** An image download: bytes, not empty. */
export async function bytes(data: Blob | ArrayBuffer | unknown): Promise<number> {
  if (data instanceof Blob) return (await data.arrayBuffer()).byteLength;
  if (data instanceof ArrayBuffer) return data.byteLength;
  throw new Error(`expected bytes, got ${typeof data}`);
}

/** Sets a validation's status through the sandbox's control API. */
export async function setStatus(validationId: string, status: string): Promise<void> {
  const answer = await fetch(`${BASE}/_sandbox/validations/${validationId}/status`, {
    method: "POST",
    headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ status }),
  });
  if (!answer.ok) throw new Error(`control: status ${answer.status}`);
}

/** The webhook bodies delivered so far, once at least `count` arrived (15 s at most). */
export async function webhooks(count: number): Promise<unknown[]> {
  const deadline = Date.now() + 15_000;
  let lines: string[] = [];
  while (Date.now() < deadline) {
    lines = readFileSync(WEBHOOKS, "utf8").split("\n").filter((line: string) => line.trim());
    if (lines.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (lines.length < count) failures.push(`webhooks: ${lines.length} delivered, expected at least ${count}`);
  return lines.map((line) => JSON.parse(line));
}

/** Counts one parsed webhook, or records why it did not parse. */
export function webhook(parse: () => string): void {
  calls += 1;
  try {
    console.log(`ok   webhook ${parse()}`);
  } catch (error) {
    fail(`webhook: ${describe(error)}`);
  }
}

/** Prints the tally and exits 1 on any failure. */
export function finish(): never {
  for (const failure of failures) console.log(`FAIL ${failure}`);
  console.log(`${calls - failedCalls} of ${calls} calls decoded, ${failures.length} failures`);
  return process.exit(failures.length ? 1 : 0);
}

/** Runs a flow, counting an exception that escapes it as a failure. */
export async function run(flow: () => Promise<void>): Promise<never> {
  try {
    await flow();
  } catch (error) {
    failures.push(describe(error));
  }
  return finish();
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 2000)}`;
  return JSON.stringify(error)?.slice(0, 2000) ?? String(error);
}
