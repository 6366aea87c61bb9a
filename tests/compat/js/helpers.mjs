// Helpers shared by the compatibility test files (run through run.sh).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { HubApiError } from "@huggingface/hub";

/** A required environment variable, set by run.sh. */
export function env(name) {
  const v = process.env[name];
  assert.ok(v, `environment variable ${name} must be set (run this file through run.sh)`);
  return v;
}

export async function collect(iterable) {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/**
 * Rejection matcher: a HubApiError with one of the given status codes, the message (when given),
 * the request id the client reads from X-Request-Id, and a request URL under `urlPrefix`.
 */
export function hubError(statuses, messageRe, { urlPrefix } = {}) {
  return (err) => {
    assert.ok(err instanceof HubApiError, `expected HubApiError, got ${err?.constructor?.name}: ${err?.message}`);
    assert.ok(
      statuses.includes(err.statusCode),
      `expected status in [${statuses}], got ${err.statusCode}: ${err.message}`,
    );
    if (messageRe) assert.match(err.message, messageRe);
    if (urlPrefix) assert.ok(err.url.startsWith(urlPrefix), `error url: ${err.url}`);
    assert.ok(err.requestId, "the client reads X-Request-Id into requestId");
    return true;
  };
}

export function assertUnique(names, what = "entries") {
  const seen = new Set();
  const dups = names.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  assert.deepEqual(dups, [], `${what}: duplicate ids`);
}

export const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
/** The id git gives a blob: what the server sends as the ETag of a regular file. */
export const gitSha1 = (bytes) => createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
export const text = (s) => Buffer.from(s, "utf8");
export const blobOf = (bytes) => new Blob([bytes]);

export async function bytesOf(blob) {
  assert.ok(blob, "expected a Blob, got null");
  return Buffer.from(await blob.arrayBuffer());
}

/** The LFS pointer git stores for a content of `size` bytes with this sha256. */
export const lfsPointer = (oid, size) => `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`;
