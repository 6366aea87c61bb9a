// Blobs on S3 (tests/s3/run.sh starts this suite's hfhubd with blob-store = s3): the official
// @huggingface/hub client, without Xet, uploads LFS files through the presigned PUTs the batch
// answers, in one request and in parts, so every byte goes to the store and none to hfhubd; the
// files then download byte-identical (docs/deployment.md#uploads-straight-to-the-store).
// Skipped unless HFHUB_TEST_S3_ENDPOINT is set.
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createRepo, downloadFile, uploadFile } from "@huggingface/hub";
import { blobOf, bytesOf, env } from "./helpers.mjs";

const s3 = process.env.HFHUB_TEST_S3_ENDPOINT ?? "";
const hubUrl = env("HFHUB_ENDPOINT").replace(/\/+$/, "");
const accessToken = env("HFHUB_TOKEN");
const user = env("HFHUB_USER");
const chunkSize = Number(env("HFHUB_LFS_CHUNK_MB")) * 1024 * 1024;
const auth = { accessToken, hubUrl, useXet: false };
const REPO = `${user}/jsc-s3-upload-${Date.now()}`;
const T = { timeout: 120_000, skip: s3 ? false : "runs under tests/s3/run.sh (blob-store = s3)" };

// Every request the client makes, with where it went and how much it sent.
function recordingFetch() {
  const calls = [];
  const f = async (url, init = {}) => {
    const res = await fetch(url, init);
    calls.push({
      method: (init.method ?? "GET").toUpperCase(),
      url: String(url),
      status: res.status,
      sent: init.body?.byteLength ?? init.body?.size ?? (typeof init.body === "string" ? init.body.length : 0),
    });
    return res;
  };
  return { fetch: f, calls };
}

async function uploadAndReadBack(path, bytes) {
  const rec = recordingFetch();
  await uploadFile({ repo: REPO, file: { path, content: blobOf(bytes) }, fetch: rec.fetch, ...auth });
  const puts = rec.calls.filter((c) => c.method === "PUT");
  assert.ok(puts.length >= 1, "the client PUT the bytes somewhere");
  for (const p of puts) {
    assert.ok(p.url.startsWith(s3 + "/"), `a PUT went to ${p.url}, not to the store`);
    assert.ok(p.status >= 200 && p.status < 300, `PUT -> ${p.status}`);
  }
  const toHfhubd = rec.calls.filter((c) => c.url.startsWith(hubUrl)).reduce((n, c) => n + c.sent, 0);
  assert.ok(toHfhubd < 64 * 1024, `${toHfhubd} bytes of a ${bytes.length}-byte upload went to hfhubd`);
  const blob = await downloadFile({ repo: REPO, path, accessToken, hubUrl });
  assert.ok(Buffer.from(await bytesOf(blob)).equals(bytes), "the file downloads byte-identical");
  return puts;
}

describe("LFS uploads straight to S3", () => {
  before(async () => {
    if (s3) await createRepo({ repo: REPO, accessToken, hubUrl });
  });

  test("uploadFile: one presigned PUT on the store (basic transfer)", T, async () => {
    const puts = await uploadAndReadBack("small.bin", randomBytes(3 * 1024 * 1024 + 17));
    assert.equal(puts.length, 1);
  });

  test("uploadFile: presigned part PUTs on the store (multipart transfer)", T, async () => {
    const bytes = randomBytes(2 * chunkSize + 5);
    const puts = await uploadAndReadBack("large.bin", bytes);
    assert.equal(puts.length, 3, "one PUT per part");
    for (const p of puts) assert.match(p.url, /uploadId=/);
  });
});
