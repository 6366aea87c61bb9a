// Xet uploads by the hfhub CLI, read by the official @huggingface/hub client: `hfhub upload`
// negotiates the xet transfer (docs/client.md#xet-uploads), and downloadFile reconstructs the file
// through the CAS (v2 reconstructions and the xorb ranges), with the same bytes.
//
// Run by run.sh, which passes the hfhub CLI as HFHUB_CLI.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRepo, downloadFile, fileDownloadInfo, pathsInfo } from "@huggingface/hub";
import { env, sha256 } from "./helpers.mjs";

const run = promisify(execFile);
const hubUrl = env("HFHUB_ENDPOINT").replace(/\/+$/, "");
const accessToken = env("HFHUB_TOKEN");
const user = env("HFHUB_USER");
const cli = env("HFHUB_CLI");

describe("files uploaded through Xet by hfhub, read by @huggingface/hub", () => {
  const repoName = `${user}/xet-upload-interop-${Date.now()}`;
  const repo = { type: "model", name: repoName };
  const weights = randomBytes(6 << 20);
  let work;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), "hfhub-xet-upload-"));
    await createRepo({ repo, accessToken, hubUrl });
    await writeFile(join(work, "weights.bin"), weights);
    await run(cli, ["upload", repoName, join(work, "weights.bin"), "weights.bin"], {
      env: { ...process.env, HF_ENDPOINT: hubUrl, HF_TOKEN: accessToken, HF_HOME: join(work, "home") },
    });
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  test("fileDownloadInfo advertises Xet and downloadFile reads the bytes through the CAS", async () => {
    const info = await fileDownloadInfo({ repo, path: "weights.bin", accessToken, hubUrl });
    assert.equal(info.size, weights.length);
    assert.equal(info.etag, `"${sha256(weights)}"`);
    assert.match(info.xet?.hash ?? "", /^[0-9a-f]{64}$/);
    const [entry] = await pathsInfo({ repo, paths: ["weights.bin"], accessToken, hubUrl });
    assert.equal(entry.xetHash, info.xet.hash);

    const urls = [];
    const recording = (url, init) => {
      urls.push(String(url instanceof Request ? url.url : url));
      return fetch(url, init);
    };
    const blob = await downloadFile({ repo, path: "weights.bin", accessToken, hubUrl, fetch: recording });
    const got = Buffer.from(await blob.arrayBuffer());
    assert.ok(got.equals(weights), "bytes through the CAS");
    assert.ok(urls.some((u) => /\/v2\/reconstructions\//.test(u)), `the client asked the CAS: ${urls.join(" ")}`);
  });
});
