// The shared cache between the hfhub CLI and the official @huggingface/hub client: a snapshot
// downloaded by `hfhub download` is found by the JS scanCacheDir and served by
// downloadFileToCacheDir without any request; what the JS snapshotDownload / downloadFileToCacheDir
// put in a cache is found by `hfhub download --local-files-only`.
//
// Run by run.sh, which passes the hfhub CLI as HFHUB_CLI.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, readlink, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commit, createRepo, downloadFileToCacheDir, modelInfo, scanCacheDir, snapshotDownload } from "@huggingface/hub";
import { env, gitSha1, sha256 } from "./helpers.mjs";

const run = promisify(execFile);
const hubUrl = env("HFHUB_ENDPOINT").replace(/\/+$/, "");
const accessToken = env("HFHUB_TOKEN");
const user = env("HFHUB_USER");
const cli = env("HFHUB_CLI");

/** Runs the hfhub CLI against the test server with its cache in `cacheDir`; resolves to stdout. */
async function hfhub(args, cacheDir, extraEnv = {}) {
  const { stdout } = await run(cli, args, {
    env: { ...process.env, HF_ENDPOINT: hubUrl, HF_TOKEN: accessToken, HF_HUB_CACHE: cacheDir, ...extraEnv },
  });
  return stdout.trim();
}

/** A fetch that fails the test if it is ever called. */
const noNetwork = async (url) => {
  throw new Error(`unexpected request: ${url}`);
};

describe("cache shared with @huggingface/hub", () => {
  const repoName = `${user}/cache-interop-${Date.now()}`;
  const repo = { type: "model", name: repoName };
  const readme = "# cache interop\n";
  const weights = randomBytes(200_000);
  let work;
  let commitSha;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), "hfhub-cache-interop-"));
    await createRepo({ repo, accessToken, hubUrl });
    await commit({
      repo,
      accessToken,
      hubUrl,
      title: "files",
      operations: [
        { operation: "addOrUpdate", path: "README.md", content: new Blob([readme]) },
        { operation: "addOrUpdate", path: "nested/dir/weights.safetensors", content: new Blob([weights]) },
      ],
    });
    commitSha = (await modelInfo({ name: repoName, accessToken, hubUrl, additionalFields: ["sha"] })).sha;
  });

  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  test("a snapshot by hfhub is scanned and served by the JS client without a request", async () => {
    const cacheDir = join(work, "by-hfhub");
    const folder = await hfhub(["download", repoName, "--quiet"], cacheDir);
    assert.equal(folder, join(cacheDir, `models--${repoName.replace("/", "--")}`, "snapshots", commitSha));

    const scan = await scanCacheDir(cacheDir);
    assert.equal(scan.warnings.length, 0, JSON.stringify(scan.warnings));
    assert.equal(scan.repos.length, 1);
    const cached = scan.repos[0];
    assert.equal(cached.id.name, repoName);
    assert.equal(cached.id.type, "model");
    // scanCacheDir does not descend into sub-folders of a snapshot (Python's scan does): it sees
    // the two top-level files; the nested one is checked through downloadFileToCacheDir below.
    assert.equal(cached.filesCount, 2);
    assert.equal(cached.revisions.length, 1);
    assert.equal(cached.revisions[0].commitOid, commitSha);
    assert.deepEqual(cached.revisions[0].refs, ["main"]);
    const files = new Map(cached.revisions[0].files.map((f) => [f.path.slice(folder.length + 1), f]));
    assert.deepEqual([...files.keys()].sort(), [".gitattributes", "README.md"]);
    assert.equal(files.get("README.md").blob.size, Buffer.byteLength(readme));
    assert.equal(files.get("README.md").blob.path, join(cached.path, "blobs", gitSha1(Buffer.from(readme))));

    // The blob names are the etags both clients use: sha256 for LFS, git sha1 for regular files.
    const lfsLink = await readlink(join(folder, "nested/dir/weights.safetensors"));
    assert.equal(lfsLink, `../../../../blobs/${sha256(weights)}`);
    assert.equal(await readlink(join(folder, "README.md")), `../../blobs/${gitSha1(Buffer.from(readme))}`);

    const path = await downloadFileToCacheDir({
      repo,
      path: "nested/dir/weights.safetensors",
      revision: commitSha,
      cacheDir,
      hubUrl,
      accessToken,
      fetch: noNetwork,
    });
    assert.equal(path, join(folder, "nested/dir/weights.safetensors"));
    assert.deepEqual(await readFile(path), weights);
  });

  test("what the JS snapshotDownload cached, hfhub finds with --local-files-only", async () => {
    const cacheDir = join(work, "by-js-snapshot");
    const folder = await snapshotDownload({ repo, cacheDir, hubUrl, accessToken });
    const path = await hfhub(["download", repoName, "README.md", "--local-files-only", "--quiet"], cacheDir, {
      HF_ENDPOINT: "http://127.0.0.1:9", // nothing listens there: any request would fail
    });
    assert.equal(path, join(folder, "README.md"));
    assert.equal(await readFile(path, "utf8"), readme);
    const snapshot = await hfhub(["download", repoName, "--local-files-only", "--quiet"], cacheDir, {
      HF_ENDPOINT: "http://127.0.0.1:9",
    });
    assert.equal(snapshot, folder);
  });

  test("what the JS downloadFileToCacheDir cached at a commit, hfhub finds offline", async () => {
    const cacheDir = join(work, "by-js-file");
    const jsPath = await downloadFileToCacheDir({
      repo,
      path: "nested/dir/weights.safetensors",
      revision: commitSha,
      cacheDir,
      hubUrl,
      accessToken,
    });
    const path = await hfhub(
      ["download", repoName, "nested/dir/weights.safetensors", "--revision", commitSha, "--quiet"],
      cacheDir,
      { HF_HUB_OFFLINE: "1" },
    );
    assert.equal(await realpath(path), await realpath(jsPath));
    assert.deepEqual(await readFile(path), weights);
  });

  test("offline, a file nobody cached is a clear error", async () => {
    const cacheDir = join(work, "empty");
    await assert.rejects(
      hfhub(["download", repoName, "README.md", "--local-files-only", "--quiet"], cacheDir),
      (err) => {
        assert.notEqual(err.code, 0);
        assert.match(err.stderr, /local cache/);
        return true;
      },
    );
  });
});
