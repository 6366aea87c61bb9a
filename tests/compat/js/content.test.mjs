// Repository content through the official, unmodified @huggingface/hub client against a live
// hfhubd: commits (regular files inline, LFS files through Xet as the client does by default, and
// through the batch API's basic and multipart transfers for a client without Xet), deletes, tree listings, downloads, paths-info, commit history, branches,
// pull requests, the snapshot cache layout and the errors the client maps.
//
// Run by run.sh (same environment as hub_client.test.mjs); run.sh starts the server with
// `lfs-multipart-chunk-mb = 12`, passed here as HFHUB_LFS_CHUNK_MB, so that the 10 MiB file
// below goes through the basic transfer and the 26 MiB one through the multipart transfer.
//
// The tests run in order and build on each other: one model repo collects the files and the
// history (`history` mirrors its commits, newest last), and later tests read it back.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, readlink, lstat, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { pathToFileURL } from "node:url";
import {
  commit,
  countCommits,
  createBranch,
  createRepo,
  datasetInfo,
  deleteBranch,
  downloadFile,
  fileDownloadInfo,
  fileExists,
  listCommits,
  listFiles,
  modelInfo,
  pathsInfo,
  snapshotDownload,
  uploadFile,
  uploadFiles,
} from "@huggingface/hub";
import { assertUnique, blobOf, bytesOf, collect, env, gitSha1, hubError, lfsPointer, sha256, text } from "./helpers.mjs";

const hubUrl = env("HFHUB_ENDPOINT").replace(/\/+$/, "");
const accessToken = env("HFHUB_TOKEN");
const user = env("HFHUB_USER");
const otherToken = env("HFHUB_OTHER_TOKEN");
const chunkSize = Number(env("HFHUB_LFS_CHUNK_MB")) * 1024 * 1024;

const T = { timeout: 60_000 };
const REPO = `${user}/jsc-content`;
const DATASET = `datasets/${user}/jsc-dataset`;
// Writes use Xet, the client's default: the LFS batch answer offers the xet transfer
// (docs/xet.md#negotiation). `noXet` is a client that does not offer it, for the tests of the
// basic and multipart transfers, which stay for such clients.
const auth = { accessToken, hubUrl };
const noXet = { useXet: false };
const read = { accessToken, hubUrl };

// ---------------------------------------------------------------------------------------------
// helpers

const hex40 = /^[0-9a-f]{40}$/;
const isoMs = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A fetch that records method, URL, status, whether it carried a token, and LFS batch answers. */
function recordingFetch() {
  const calls = [];
  const f = async (url, init = {}) => {
    const headers = new Headers(init.headers);
    const res = await fetch(url, init);
    const call = {
      method: (init.method ?? "GET").toUpperCase(),
      url: String(url),
      status: res.status,
      authorized: headers.has("authorization"),
      etag: res.headers.get("etag"),
      sent: init.body?.byteLength ?? init.body?.size ?? (typeof init.body === "string" ? init.body.length : 0),
    };
    if (call.url.endsWith("/info/lfs/objects/batch") && res.ok) call.batch = await res.clone().json();
    calls.push(call);
    return res;
  };
  return { fetch: f, calls };
}


// What this file commits, by path (the expected state of main), and the history of main.
const files = new Map(); // path -> { bytes, lfs: boolean }
const history = []; // { oid, title }, oldest first (the repo's initial commit first)

function recordCommit(out, title) {
  assert.ok(out, "commit returned nothing");
  assert.match(out.commit.oid, hex40);
  assert.equal(out.commit.url, `${hubUrl}/${REPO}/commit/${out.commit.oid}`);
  assert.equal(out.hookOutput, "");
  history.push({ oid: out.commit.oid, title });
  return out.commit.oid;
}

/** uploadFile of one file (into REPO on main unless `opts` says otherwise). */
const put = (path, bytes, opts = {}) =>
  uploadFile({ repo: REPO, file: { path, content: blobOf(bytes) }, ...auth, ...opts });

async function assertDownload(path, bytes, revision) {
  const got = await bytesOf(await downloadFile({ repo: REPO, path, revision, ...read }));
  assert.equal(got.length, bytes.length, `${path}@${revision ?? "main"}: size`);
  assert.ok(got.equals(bytes), `${path}@${revision ?? "main"}: bytes differ`);
}

// Contents. The big ones are random so that nothing can pass by accident.
const README = text("---\nlicense: mit\n---\n# jsc-content\n\nA repo written by the JS client.\n");
const CONFIG = text(JSON.stringify({ model_type: "bert", hidden_size: 8 }, null, 2));
const NESTED = text("nested file\n");
const DEEP = text("deep file\n");
const SMALL_BIN = randomBytes(3000); // LFS by pattern (*.bin in the default .gitattributes)
const BIG = randomBytes(10 * 1024 * 1024); // LFS by size (>= 10 MB), basic transfer
const HUGE = randomBytes(26 * 1024 * 1024); // LFS, multipart transfer (> chunk size)
// The client puts paths into URLs as they are; fetch percent-encodes spaces and non-ASCII.
const UNICODE_PATH = "nested/deep/naïve – file ü.txt";

// ---------------------------------------------------------------------------------------------

describe("uploads", () => {
  before(async () => {
    await createRepo({ repo: REPO, ...read });
    const initial = await collect(listCommits({ repo: REPO, ...read }));
    assert.equal(initial.length, 1, "a new repo has one commit");
    history.push({ oid: initial[0].oid, title: initial[0].title });
    const gitattributes = await bytesOf(await downloadFile({ repo: REPO, path: ".gitattributes", ...read }));
    files.set(".gitattributes", { bytes: gitattributes, lfs: false });
  });

  test("uploadFiles: regular files (inline base64) in one commit", T, async () => {
    const rec = recordingFetch();
    const batch = {
      "README.md": README,
      "config.json": CONFIG,
      "nested/a.txt": NESTED,
      "nested/deep/b.txt": DEEP,
      [UNICODE_PATH]: text("non-ASCII and spaces in the path\n"),
      "todelete.txt": text("soon gone\n"),
      "trash/x.txt": text("x\n"),
      "trash/y/z.txt": text("z\n"),
      "empty.txt": Buffer.alloc(0),
    };
    const title = "Add regular files";
    const out = await uploadFiles({
      repo: REPO,
      files: Object.entries(batch).map(([path, bytes]) => ({ path, content: blobOf(bytes) })),
      commitTitle: title,
      commitDescription: "several small files",
      fetch: rec.fetch,
      ...auth,
    });
    recordCommit(out, title);
    for (const [path, bytes] of Object.entries(batch)) files.set(path, { bytes, lfs: false });
    // small files need no LFS transfer at all: preupload, then the commit
    assert.deepEqual(
      rec.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`),
      [`POST /api/models/${REPO}/preupload/main`, `POST /api/models/${REPO}/commit/main`],
    );
    for (const [path, bytes] of Object.entries(batch)) await assertDownload(path, bytes);
  });

  test("uploadFile: an LFS file by .gitattributes pattern (*.bin), basic transfer", T, async () => {
    const rec = recordingFetch();
    const title = "Add weights.bin";
    const out = await put("weights.bin", SMALL_BIN, { commitTitle: title, fetch: rec.fetch, ...noXet });
    recordCommit(out, title);
    files.set("weights.bin", { bytes: SMALL_BIN, lfs: true });

    const batch = rec.calls.find((c) => c.batch);
    assert.ok(batch, "the client asks the LFS batch API");
    assert.equal(batch.url, `${hubUrl}/${REPO}.git/info/lfs/objects/batch`);
    assert.equal(batch.batch.transfer, "basic");
    assert.equal(batch.batch.objects.length, 1);
    const obj = batch.batch.objects[0];
    assert.equal(obj.oid, sha256(SMALL_BIN));
    assert.equal(obj.size, SMALL_BIN.length);
    assert.ok(obj.actions?.upload?.href, "a new object gets an upload action");
    const puts = rec.calls.filter((c) => c.method === "PUT");
    assert.equal(puts.length, 1, "one PUT of the whole object");
    assert.equal(puts[0].url, obj.actions.upload.href);
    assert.equal(puts[0].authorized, false, "the signed URL needs no token");
    assert.ok(puts[0].status >= 200 && puts[0].status < 300, `PUT -> ${puts[0].status}`);

    await assertDownload("weights.bin", SMALL_BIN);
    // the git blob is the pointer
    const raw = await downloadFile({ repo: REPO, path: "weights.bin", raw: true, ...read });
    assert.equal(await raw.text(), lfsPointer(sha256(SMALL_BIN), SMALL_BIN.length));
  });

  test("the same LFS content under another path is not uploaded again", T, async () => {
    const rec = recordingFetch();
    const title = "Add a copy of weights.bin";
    const out = await put("copy/weights-copy.bin", SMALL_BIN, { commitTitle: title, fetch: rec.fetch, ...noXet });
    recordCommit(out, title);
    files.set("copy/weights-copy.bin", { bytes: SMALL_BIN, lfs: true });
    const batch = rec.calls.find((c) => c.batch);
    assert.equal(batch.batch.objects.length, 1);
    assert.equal(batch.batch.objects[0].actions, undefined, "a stored object has no actions");
    assert.equal(rec.calls.filter((c) => c.method === "PUT").length, 0);
    await assertDownload("copy/weights-copy.bin", SMALL_BIN);
  });

  test("uploadFile: an LFS file by size (10 MiB, no pattern), basic transfer", T, async () => {
    assert.ok(BIG.length < chunkSize, "the file must stay below the multipart chunk size");
    const rec = recordingFetch();
    const title = "Add big/data.raw";
    const out = await put("big/data.raw", BIG, { commitTitle: title, fetch: rec.fetch, ...noXet });
    recordCommit(out, title);
    files.set("big/data.raw", { bytes: BIG, lfs: true });
    const batch = rec.calls.find((c) => c.batch);
    assert.ok(batch, "preupload must answer uploadMode lfs for a file of 10 MiB");
    assert.equal(batch.batch.transfer, "basic");
    assert.equal(batch.batch.objects[0].actions.upload.header?.chunk_size, undefined);
    assert.equal(rec.calls.filter((c) => c.method === "PUT").length, 1);
    await assertDownload("big/data.raw", BIG);
    const [info] = await pathsInfo({ repo: REPO, paths: ["big/data.raw"], ...read });
    const pointerSize = lfsPointer(sha256(BIG), BIG.length).length;
    assert.deepEqual(info.lfs, { oid: sha256(BIG), size: BIG.length, pointerSize });
  });

  test("uploadFiles: an LFS file larger than the chunk size goes through the multipart transfer", T, async () => {
    const parts = Math.ceil(HUGE.length / chunkSize);
    assert.ok(parts >= 2);
    // From disk, as Node users upload big files: a file: URL, which the client reads lazily.
    const dir = await mkdtemp(join(tmpdir(), "hfhub-js-upload-"));
    const source = join(dir, "huge.safetensors");
    await writeFile(source, HUGE);
    const rec = recordingFetch();
    const title = "Add huge.safetensors";
    let out;
    try {
      const sources = [pathToFileURL(source)]; // committed under its file name
      out = await uploadFiles({ repo: REPO, files: sources, commitTitle: title, fetch: rec.fetch, ...auth, ...noXet });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    recordCommit(out, title);
    files.set("huge.safetensors", { bytes: HUGE, lfs: true });

    const batch = rec.calls.find((c) => c.batch);
    assert.equal(batch.batch.transfer, "multipart");
    const upload = batch.batch.objects[0].actions.upload;
    assert.equal(upload.header.chunk_size, String(chunkSize));
    const partKeys = Object.keys(upload.header).filter((k) => /^[0-9]+$/.test(k));
    assert.equal(partKeys.length, parts);
    const puts = rec.calls.filter((c) => c.method === "PUT");
    assert.equal(puts.length, parts, "one PUT per part");
    assert.deepEqual(new Set(puts.map((p) => p.url)), new Set(partKeys.map((k) => upload.header[k])));
    for (const p of puts) {
      assert.ok(p.status >= 200 && p.status < 300, `part PUT -> ${p.status}`);
      assert.ok(p.etag, "each part answer carries an ETag");
      assert.equal(p.authorized, false);
    }
    const completion = rec.calls.filter((c) => c.method === "POST" && c.url === upload.href);
    assert.equal(completion.length, 1, "one completion POST to the upload href");
    assert.ok(completion[0].status >= 200 && completion[0].status < 300);

    const got = await bytesOf(await downloadFile({ repo: REPO, path: "huge.safetensors", ...read }));
    assert.equal(got.length, HUGE.length);
    assert.equal(sha256(got), sha256(HUGE));
  });

  test("commit: addOrUpdate and delete operations together", T, async () => {
    const title = "Replace config, delete files";
    const config2 = text(JSON.stringify({ model_type: "bert", hidden_size: 16 }));
    const out = await commit({
      repo: REPO,
      title,
      operations: [
        { operation: "addOrUpdate", path: "config.json", content: blobOf(config2) },
        { operation: "addOrUpdate", path: "added.txt", content: blobOf(text("added\n")) },
        { operation: "delete", path: "todelete.txt" },
      ],
      ...auth,
    });
    recordCommit(out, title);
    files.set("config.json", { bytes: config2, lfs: false });
    files.set("added.txt", { bytes: text("added\n"), lfs: false });
    files.delete("todelete.txt");
    assert.equal(await fileExists({ repo: REPO, path: "todelete.txt", ...read }), false);
    assert.equal(await downloadFile({ repo: REPO, path: "todelete.txt", ...read }), null);
    await assertDownload("config.json", config2);
    await assertDownload("added.txt", text("added\n"));
    // still there one commit back
    await assertDownload("todelete.txt", text("soon gone\n"), history.at(-2).oid);
  });

  test("commit: deleting a folder's path deletes the folder (the JS client has no folder operation)", T, async () => {
    // The client sends `deletedFile` for every `delete`; for a folder path the Hub deletes the
    // folder (issue 11: hfhubd answered 404 EntryNotFound before).
    const inTrash = (await collect(listFiles({ repo: REPO, path: "trash", recursive: true, ...read })))
      .filter((e) => e.type === "file")
      .map((e) => e.path)
      .sort();
    assert.deepEqual(inTrash, ["trash/x.txt", "trash/y/z.txt"]);
    const title = "Delete trash/";
    const operations = [{ operation: "delete", path: "trash" }];
    const out = await commit({ repo: REPO, title, operations, ...auth });
    recordCommit(out, title);
    for (const p of inTrash) files.delete(p);
    for (const p of inTrash) assert.equal(await fileExists({ repo: REPO, path: p, ...read }), false, p);
    const root = (await collect(listFiles({ repo: REPO, ...read }))).map((e) => e.path);
    assert.ok(!root.includes("trash"), `an emptied folder disappears: ${root}`);
    await assert.rejects(collect(listFiles({ repo: REPO, path: "trash", ...read })), hubError([404]));
  });

  test("a .gitattributes in the same commit decides which files are LFS", T, async () => {
    const datRule = text("*.dat filter=lfs diff=lfs merge=lfs -text\n");
    const attributes = Buffer.concat([files.get(".gitattributes").bytes, datRule]);
    const small = text("tiny but LFS by the new pattern\n");
    const title = "Track *.dat with LFS";
    const rec = recordingFetch();
    const out = await uploadFiles({
      repo: REPO,
      files: [
        { path: ".gitattributes", content: blobOf(attributes) },
        { path: "big/small.dat", content: blobOf(small) },
      ],
      commitTitle: title,
      fetch: rec.fetch,
      ...auth,
    });
    recordCommit(out, title);
    files.set(".gitattributes", { bytes: attributes, lfs: false });
    files.set("big/small.dat", { bytes: small, lfs: true, xet: true });
    const batch = rec.calls.find((c) => c.batch);
    assert.ok(batch, "preupload must answer lfs for big/small.dat (pattern from the request's gitAttributes)");
    assert.deepEqual(batch.batch.objects.map((o) => o.oid), [sha256(small)]);
    assert.equal(batch.batch.transfer, "xet");
    const [info] = await pathsInfo({ repo: REPO, paths: ["big/small.dat"], ...read });
    assert.equal(info.lfs?.oid, sha256(small));
    await assertDownload("big/small.dat", small);
  });

  test("commit: many files in one folder (for the paged listings below)", T, async () => {
    const title = "Add 60 files under many/";
    const ops = Array.from({ length: 60 }, (_, i) => {
      const path = `many/f${String(i).padStart(3, "0")}.txt`;
      const bytes = text(`file ${i}\n`);
      files.set(path, { bytes, lfs: false });
      return { operation: "addOrUpdate", path, content: blobOf(bytes) };
    });
    recordCommit(await commit({ repo: REPO, title, operations: ops, ...auth }), title);
    await assertDownload("many/f059.txt", text("file 59\n"));
  });
});

describe("reading content", () => {
  test("listFiles: recursive listing equals what was committed (oid, size, lfs, xetHash when uploaded through Xet)", T, async () => {
    const entries = await collect(listFiles({ repo: REPO, recursive: true, ...read }));
    const got = entries.filter((e) => e.type === "file");
    assert.deepEqual(got.map((e) => e.path).sort(), [...files.keys()].sort());
    for (const e of got) {
      const f = files.get(e.path);
      assert.equal(e.size, f.bytes.length, `${e.path}: size is the content size`);
      assert.equal(typeof e.xetHash === "string", Boolean(f.xet), `${e.path}: xetHash`);
      if (f.lfs) {
        const oid = sha256(f.bytes);
        const pointer = text(lfsPointer(oid, f.bytes.length));
        assert.deepEqual(e.lfs, { oid, size: f.bytes.length, pointerSize: pointer.length }, e.path);
        assert.equal(e.oid, gitSha1(pointer), `${e.path}: oid is the pointer's git id`);
      } else {
        assert.equal(e.lfs, undefined, e.path);
        assert.equal(e.oid, gitSha1(f.bytes), e.path);
      }
    }
    const dirs = entries.filter((e) => e.type === "directory").map((e) => e.path).sort();
    assert.deepEqual(dirs, ["big", "copy", "many", "nested", "nested/deep"]);
    for (const d of entries.filter((e) => e.type === "directory")) {
      assert.match(d.oid, hex40);
      assert.equal(d.size, 0);
    }
    assert.equal(entries.filter((e) => e.type !== "file" && e.type !== "directory").length, 0);
  });

  test("listFiles: one level, root and sub-folder", T, async () => {
    const root = await collect(listFiles({ repo: REPO, ...read }));
    const byPath = Object.fromEntries(root.map((e) => [e.path, e.type]));
    assert.deepEqual(byPath, {
      ".gitattributes": "file",
      "README.md": "file",
      "config.json": "file",
      "added.txt": "file",
      "empty.txt": "file",
      "weights.bin": "file",
      "huge.safetensors": "file",
      big: "directory",
      copy: "directory",
      many: "directory",
      nested: "directory",
    });
    const nested = await collect(listFiles({ repo: REPO, path: "nested", ...read }));
    assert.deepEqual(
      nested.map((e) => [e.path, e.type]).sort(),
      [["nested/a.txt", "file"], ["nested/deep", "directory"]],
    );
  });

  test("listFiles with expand: lastCommit per entry, pages followed through Link", T, async () => {
    const manyCommit = history.at(-1);
    const rec = recordingFetch();
    const entries = await collect(listFiles({ repo: REPO, path: "many", expand: true, fetch: rec.fetch, ...read }));
    assert.equal(entries.length, 60);
    const expected = [...Array(60).keys()].map((i) => `many/f${String(i).padStart(3, "0")}.txt`);
    assert.deepEqual(entries.map((e) => e.path), expected);
    for (const e of entries) {
      assert.equal(e.lastCommit?.id, manyCommit.oid, `${e.path}: lastCommit`);
      assert.equal(e.lastCommit.title, manyCommit.title);
      assert.match(e.lastCommit.date, isoMs);
      assert.ok(e.securityFileStatus, `${e.path}: securityFileStatus comes with expand`);
    }
    assert.ok(rec.calls.length >= 2, `an expanded listing of 60 entries is paged (got ${rec.calls.length} request)`);
    for (const c of rec.calls.slice(1)) assert.ok(c.url.startsWith(`${hubUrl}/api/models/${REPO}/tree/`), c.url);
    assertUnique(entries.map((e) => e.path));

    // lastCommit of older entries: the commit that last touched them, not the head
    const root = await collect(listFiles({ repo: REPO, expand: true, ...read }));
    const find = (p) => root.find((e) => e.path === p);
    assert.equal(find("README.md").lastCommit.id, history[1].oid);
    assert.equal(find("weights.bin").lastCommit.title, "Add weights.bin");
    assert.equal(find("config.json").lastCommit.title, "Replace config, delete files");
    assert.equal(find("many").lastCommit.id, manyCommit.oid);
    // without expand: no lastCommit
    const plain = await collect(listFiles({ repo: REPO, path: "many", ...read }));
    assert.equal(plain.length, 60);
    assert.equal(plain[0].lastCommit, undefined);
  });

  test("listFiles without expand: more than one page of 1000 entries, followed through Link", T, async () => {
    // A repo of its own, so the snapshot below stays small. listFiles has no page size option;
    // the Hub pages the plain tree by 1000.
    const repo = `${user}/jsc-paging`;
    await createRepo({ repo, ...read });
    const paths = Array.from({ length: 1005 }, (_, i) => `d/f${String(i).padStart(4, "0")}`);
    await commit({
      repo,
      title: "1005 files",
      operations: paths.map((path) => ({ operation: "addOrUpdate", path, content: blobOf(text(path)) })),
      ...auth,
    });
    const rec = recordingFetch();
    const entries = await collect(listFiles({ repo, path: "d", fetch: rec.fetch, ...read }));
    assert.deepEqual(entries.map((e) => e.path), paths);
    assert.ok(rec.calls.length >= 2, `1005 entries come in more than one page (${rec.calls.length} request)`);
    for (const c of rec.calls.slice(1)) assert.ok(c.url.startsWith(`${hubUrl}/api/models/${repo}/tree/`), c.url);
    const recursive = await collect(listFiles({ repo, recursive: true, ...read }));
    assert.equal(recursive.filter((e) => e.type === "file").length, 1006); // + .gitattributes
  });

  test("downloadFile: regular, LFS, raw pointer, and byte ranges of the Blob", T, async () => {
    await assertDownload("README.md", README);
    await assertDownload("nested/deep/b.txt", DEEP);
    await assertDownload("weights.bin", SMALL_BIN);
    await assertDownload("empty.txt", Buffer.alloc(0));

    const rec = recordingFetch();
    const big = await downloadFile({ repo: REPO, path: "big/data.raw", fetch: rec.fetch, ...read });
    assert.equal(big.size, BIG.length);
    const slice = await bytesOf(big.slice(1000, 5000));
    assert.ok(slice.equals(BIG.subarray(1000, 5000)), "LFS range bytes");
    const tail = await bytesOf(big.slice(BIG.length - 10));
    assert.ok(tail.equals(BIG.subarray(BIG.length - 10)));
    const ranged = rec.calls.slice(1); // the first call is the bytes=0-0 probe
    assert.ok(ranged.every((c) => c.status === 206), `range reads answer 206: ${ranged.map((c) => c.status)}`);

    const readme = await downloadFile({ repo: REPO, path: "README.md", ...read });
    assert.equal(await readme.slice(4, 16).text(), README.subarray(4, 16).toString());
  });

  test("fileDownloadInfo: size, etag (git sha1 / sha256), no xet", T, async () => {
    const regular = await fileDownloadInfo({ repo: REPO, path: "config.json", ...read });
    const config = files.get("config.json").bytes;
    assert.equal(regular.size, config.length);
    assert.equal(regular.etag, `"${gitSha1(config)}"`);
    assert.equal(regular.xet, undefined);
    assert.ok(regular.url.startsWith(hubUrl + "/"), regular.url);

    const lfs = await fileDownloadInfo({ repo: REPO, path: "big/data.raw", ...read });
    assert.equal(lfs.size, BIG.length);
    assert.equal(lfs.etag, `"${sha256(BIG)}"`);
    assert.equal(lfs.xet, undefined);

    const pointer = text(lfsPointer(sha256(BIG), BIG.length));
    const raw = await fileDownloadInfo({ repo: REPO, path: "big/data.raw", raw: true, ...read });
    assert.equal(raw.size, pointer.length);
    assert.equal(raw.etag, `"${gitSha1(pointer)}"`);

    const empty = await fileDownloadInfo({ repo: REPO, path: "empty.txt", ...read });
    assert.equal(empty.size, 0);
    assert.equal(empty.etag, `"${gitSha1(Buffer.alloc(0))}"`);

    const atOld = await fileDownloadInfo({ repo: REPO, path: "config.json", revision: history[1].oid, ...read });
    assert.equal(atOld.etag, `"${gitSha1(CONFIG)}"`);
  });

  test("fileExists: true for files, false for missing paths, folders and old revisions", T, async () => {
    assert.equal(await fileExists({ repo: REPO, path: "README.md", ...read }), true);
    assert.equal(await fileExists({ repo: REPO, path: "huge.safetensors", ...read }), true);
    assert.equal(await fileExists({ repo: REPO, path: "nested/deep/b.txt", ...read }), true);
    assert.equal(await fileExists({ repo: REPO, path: "nope.txt", ...read }), false);
    assert.equal(await fileExists({ repo: REPO, path: "nested/nope/b.txt", ...read }), false);
    assert.equal(await fileExists({ repo: REPO, path: "nested", ...read }), false);
    assert.equal(await fileExists({ repo: REPO, path: "README.md", revision: history[0].oid, ...read }), false);
    assert.equal(await fileExists({ repo: REPO, path: "README.md", revision: history[1].oid, ...read }), true);
  });

  test("pathsInfo: with and without expand; missing paths are omitted", T, async () => {
    const paths = ["README.md", "weights.bin", "nested", "missing.txt", "nested/missing"];
    const plain = await pathsInfo({ repo: REPO, paths, ...read });
    assert.deepEqual(plain.map((p) => p.path).sort(), ["README.md", "nested", "weights.bin"]);
    const byPath = Object.fromEntries(plain.map((p) => [p.path, p]));
    assert.equal(byPath["README.md"].type, "file");
    assert.equal(byPath["README.md"].size, README.length);
    assert.equal(byPath["README.md"].oid, gitSha1(README));
    assert.equal(byPath["README.md"].lfs, undefined);
    assert.equal(byPath["README.md"].lastCommit, undefined);
    assert.equal(byPath["weights.bin"].size, SMALL_BIN.length);
    assert.equal(byPath["weights.bin"].lfs.oid, sha256(SMALL_BIN));
    assert.equal(byPath["weights.bin"].xetHash, undefined);
    assert.equal(byPath.nested.type, "directory");

    const wanted = ["README.md", "weights.bin", "missing.txt"];
    const expanded = await pathsInfo({ repo: REPO, paths: wanted, expand: true, ...read });
    assert.equal(expanded.length, 2);
    for (const p of expanded) {
      assert.ok(p.lastCommit.date instanceof Date && !Number.isNaN(p.lastCommit.date.getTime()), `${p.path}: date`);
      assert.equal(typeof p.securityFileStatus?.status, "string", `${p.path}: securityFileStatus`);
    }
    const readme = expanded.find((p) => p.path === "README.md");
    assert.equal(readme.lastCommit.id, history[1].oid);
    assert.equal(readme.lastCommit.title, history[1].title);

    // at an older revision: the file as it was then
    const [old] = await pathsInfo({ repo: REPO, paths: ["config.json"], revision: history[1].oid, ...read });
    assert.equal(old.oid, gitSha1(CONFIG));
    assert.deepEqual(await pathsInfo({ repo: REPO, paths: ["README.md"], revision: history[0].oid, ...read }), []);
  });

  test("listCommits / countCommits: every commit, newest first, through pages", T, async () => {
    const made = history.length - 1; // commits made by this file; history[0] is the repo's initial commit
    assert.equal(await countCommits({ repo: REPO, ...read }), made + 1);
    const rec = recordingFetch();
    const commits = await collect(listCommits({ repo: REPO, batchSize: 3, fetch: rec.fetch, ...read }));
    assert.deepEqual(
      commits.map((c) => [c.oid, c.title]),
      [...history].reverse().map((h) => [h.oid, h.title]),
    );
    assert.equal(rec.calls.length, Math.ceil(history.length / 3), "pages of 3 followed through Link");
    assert.equal(new URL(rec.calls[0].url).searchParams.get("limit"), "3");
    for (const c of commits) {
      assert.ok(c.date instanceof Date && !Number.isNaN(c.date.getTime()));
      assert.equal(typeof c.message, "string");
    }
    const regular = commits.find((c) => c.title === "Add regular files");
    assert.match(regular.message, /several small files/);
    assert.equal(regular.authors[0]?.username, user);
    // at an older revision: that commit and its ancestors only
    assert.equal(await countCommits({ repo: REPO, revision: history[2].oid, ...read }), 3);
    const older = await collect(listCommits({ repo: REPO, revision: history[2].oid, ...read }));
    assert.deepEqual(older.map((c) => c.oid), [history[2].oid, history[1].oid, history[0].oid]);
  });
});

describe("branches and pull requests", () => {
  test("createBranch from main, from a revision, and empty; modelInfo sha per revision", T, async () => {
    const head = history.at(-1).oid;
    await createBranch({ repo: REPO, branch: "dev", ...read });
    await createBranch({ repo: REPO, branch: "old", revision: history[1].oid, ...read });
    await createBranch({ repo: REPO, branch: "void", empty: true, ...read });

    const sha = async (revision) => (await modelInfo({ name: REPO, revision, additionalFields: ["sha"], ...read })).sha;
    assert.equal(await sha("main"), head);
    assert.equal(await sha("dev"), head);
    assert.equal(await sha("old"), history[1].oid);
    const voidSha = await sha("void");
    assert.match(voidSha, hex40);
    assert.notEqual(voidSha, head);

    await assertDownload("README.md", README, "dev");
    await assertDownload("config.json", CONFIG, "old");
    assert.equal(await downloadFile({ repo: REPO, path: "weights.bin", revision: "old", ...read }), null);
    assert.deepEqual(await collect(listFiles({ repo: REPO, revision: "void", ...read })), []);
    assert.equal(await fileExists({ repo: REPO, path: ".gitattributes", revision: "void", ...read }), false);

    // siblings follow the revision too
    const old = await modelInfo({ name: REPO, revision: "old", additionalFields: ["filePaths"], ...read });
    assert.deepEqual(old.filePaths.sort(), [
      ".gitattributes",
      "README.md",
      "config.json",
      "empty.txt",
      "nested/a.txt",
      "nested/deep/b.txt",
      UNICODE_PATH,
      "todelete.txt",
      "trash/x.txt",
      "trash/y/z.txt",
    ]);

    // a second createBranch of an existing branch is a conflict
    await assert.rejects(createBranch({ repo: REPO, branch: "dev", ...read }), hubError([409]));
  });

  test("a branch name with a slash (sent percent-encoded by most calls)", T, async () => {
    const branch = "feature/x";
    await createBranch({ repo: REPO, branch, revision: history[1].oid, ...read });
    const out = await put("feature.txt", text("feature\n"), { branch });
    const info = await modelInfo({ name: REPO, revision: branch, additionalFields: ["sha"], ...read });
    assert.equal(info.sha, out.commit.oid);
    await assertDownload("feature.txt", text("feature\n"), branch);
    await assertDownload("README.md", README, branch);
    assert.equal(await fileExists({ repo: REPO, path: "weights.bin", revision: branch, ...read }), false);
    const [p] = await pathsInfo({ repo: REPO, paths: ["feature.txt"], revision: branch, expand: true, ...read });
    assert.equal(p.lastCommit.id, out.commit.oid);
    // listCommits / countCommits put the revision into the path as it is
    assert.equal(await countCommits({ repo: REPO, revision: branch, ...read }), 3);
    const commits = await collect(listCommits({ repo: REPO, revision: branch, ...read }));
    assert.deepEqual(commits.map((c) => c.oid), [out.commit.oid, history[1].oid, history[0].oid]);
    await deleteBranch({ repo: REPO, branch, ...read });
    assert.equal(await fileExists({ repo: REPO, path: "feature.txt", revision: branch, ...read }), false);
  });

  test("a commit on a branch leaves main alone; deleteBranch", T, async () => {
    const out = await put("dev-only.txt", text("dev\n"), { branch: "dev" });
    assert.match(out.commit.oid, hex40);
    const dev = await modelInfo({ name: REPO, revision: "dev", additionalFields: ["sha"], ...read });
    assert.equal(dev.sha, out.commit.oid);
    assert.equal((await modelInfo({ name: REPO, additionalFields: ["sha"], ...read })).sha, history.at(-1).oid);
    await assertDownload("dev-only.txt", text("dev\n"), "dev");
    assert.equal(await fileExists({ repo: REPO, path: "dev-only.txt", ...read }), false);
    assert.equal(await countCommits({ repo: REPO, revision: "dev", ...read }), history.length + 1);
    // an LFS file on the branch (the batch request names the branch as its ref)
    const lfsBytes = randomBytes(2048);
    await put("dev.bin", lfsBytes, { branch: "dev" });
    await assertDownload("dev.bin", lfsBytes, "dev");

    await deleteBranch({ repo: REPO, branch: "dev", ...read });
    await deleteBranch({ repo: REPO, branch: "old", ...read });
    await deleteBranch({ repo: REPO, branch: "void", ...read });
    await assert.rejects(modelInfo({ name: REPO, revision: "dev", ...read }), hubError([404]));
    await assert.rejects(downloadFile({ repo: REPO, path: "dev-only.txt", revision: "dev", ...read }), hubError([404]));
    await assert.rejects(deleteBranch({ repo: REPO, branch: "dev", ...read }), hubError([404]));
    // main is untouched
    assert.equal(await countCommits({ repo: REPO, ...read }), history.length);
  });

  test("datasetInfo at a revision", T, async () => {
    await createRepo({ repo: DATASET, ...read });
    const first = await put("data/train.csv", text("a,b\n1,2\n"), { repo: DATASET });
    await createBranch({ repo: DATASET, branch: "v1", ...read });
    const second = await put("data/test.csv", text("a,b\n3,4\n"), { repo: DATASET });
    const name = DATASET.slice("datasets/".length);
    const atV1 = await datasetInfo({ name, revision: "v1", additionalFields: ["sha"], ...read });
    const atMain = await datasetInfo({ name, additionalFields: ["sha"], ...read });
    assert.equal(atV1.sha, first.commit.oid);
    assert.equal(atMain.sha, second.commit.oid);
    assert.equal(atV1.name, name);
    assert.equal(await fileExists({ repo: DATASET, path: "data/test.csv", revision: "v1", ...read }), false);
    const bytes = await bytesOf(await downloadFile({ repo: DATASET, path: "data/train.csv", revision: "v1", ...read }));
    assert.equal(bytes.toString(), "a,b\n1,2\n");
  });

  test("uploadFiles with isPullRequest: the commit lands on refs/pr/1", T, async () => {
    const lfsBytes = randomBytes(4096);
    const rec = recordingFetch();
    const out = await uploadFiles({
      repo: REPO,
      isPullRequest: true,
      commitTitle: "Proposed change",
      files: [
        { path: "pr.txt", content: blobOf(text("from a PR\n")) },
        { path: "pr.bin", content: blobOf(lfsBytes) },
      ],
      fetch: rec.fetch,
      ...auth,
    });
    assert.equal(out.pullRequestUrl, `${hubUrl}/${REPO}/discussions/1`);
    assert.match(out.commit.oid, hex40);
    const commitCall = rec.calls.find((c) => c.url.includes("/commit/"));
    assert.ok(commitCall.url.endsWith("/commit/main?create_pr=1"), commitCall.url);

    const pr = await modelInfo({ name: REPO, revision: "refs/pr/1", additionalFields: ["sha"], ...read });
    assert.equal(pr.sha, out.commit.oid);
    await assertDownload("pr.txt", text("from a PR\n"), "refs/pr/1");
    await assertDownload("pr.bin", lfsBytes, "refs/pr/1");
    await assertDownload("README.md", README, "refs/pr/1");
    const prFiles = (await collect(listFiles({ repo: REPO, revision: "refs/pr/1", ...read }))).map((e) => e.path);
    assert.ok(prFiles.includes("pr.txt") && prFiles.includes("README.md"), prFiles.join(","));
    const prCommits = await collect(listCommits({ repo: REPO, revision: "refs/pr/1", ...read }));
    assert.equal(prCommits[0].oid, out.commit.oid);
    assert.equal(prCommits[1].oid, history.at(-1).oid, "the PR starts at the head of main");
    // main is unchanged
    assert.equal(await fileExists({ repo: REPO, path: "pr.txt", ...read }), false);
    assert.equal((await modelInfo({ name: REPO, additionalFields: ["sha"], ...read })).sha, history.at(-1).oid);

    // a second PR gets the next number
    const again = await put("pr2.txt", text("2\n"), { isPullRequest: true });
    assert.equal(again.pullRequestUrl, `${hubUrl}/${REPO}/discussions/2`);
    await assertDownload("pr2.txt", text("2\n"), "refs/pr/2");
    assert.equal(await fileExists({ repo: REPO, path: "pr.txt", revision: "refs/pr/2", ...read }), false);
  });
});

describe("snapshotDownload", () => {
  let cacheDir;
  before(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "hfhub-js-cache-"));
  });
  after(async () => {
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  test("into a cache dir: snapshots/{commit}/{path} -> blobs/{etag}, refs/main", T, async () => {
    const head = history.at(-1).oid;
    const debug = console.debug; // the client logs every file it downloads
    console.debug = () => {};
    let folder;
    try {
      folder = await snapshotDownload({ repo: REPO, cacheDir, ...read });
    } finally {
      console.debug = debug;
    }
    const storage = join(cacheDir, `models--${user}--jsc-content`);
    assert.equal(folder, join(storage, "snapshots", head));
    assert.equal(await readFile(join(storage, "refs", "main"), "utf8"), head);
    for (const [path, f] of files) {
      const pointer = join(folder, path);
      const got = await readFile(pointer);
      assert.equal(got.length, f.bytes.length, path);
      assert.ok(got.equals(f.bytes), `${path}: bytes in the snapshot`);
      assert.ok((await lstat(pointer)).isSymbolicLink(), `${path} is a symlink`);
      const etag = f.lfs ? sha256(f.bytes) : gitSha1(f.bytes);
      const target = resolve(dirname(pointer), await readlink(pointer));
      assert.equal(target, join(storage, "blobs", etag), `${path}: blob named by its etag`);
    }
  });
});

describe("private repos", () => {
  const PRIVATE = `${user}/jsc-private`;
  const secretLfs = randomBytes(5000);

  test("the owner uploads and downloads (regular and LFS); others get 401 / 404", T, async () => {
    await createRepo({ repo: PRIVATE, private: true, ...read });
    await uploadFiles({
      repo: PRIVATE,
      files: [
        { path: "secret.txt", content: blobOf(text("secret\n")) },
        { path: "secret.bin", content: blobOf(secretLfs) },
      ],
      ...auth,
    });
    const txt = await bytesOf(await downloadFile({ repo: PRIVATE, path: "secret.txt", ...read }));
    assert.equal(txt.toString(), "secret\n");
    const bin = await bytesOf(await downloadFile({ repo: PRIVATE, path: "secret.bin", ...read }));
    assert.ok(bin.equals(secretLfs));
    const ranged = await downloadFile({ repo: PRIVATE, path: "secret.bin", ...read });
    assert.ok((await bytesOf(ranged.slice(100, 200))).equals(secretLfs.subarray(100, 200)));
    const info = await fileDownloadInfo({ repo: PRIVATE, path: "secret.bin", ...read });
    assert.equal(info.etag, `"${sha256(secretLfs)}"`);

    await assert.rejects(downloadFile({ repo: PRIVATE, path: "secret.bin", hubUrl }), hubError([401]));
    // fileExists HEADs /raw/: the client parses the (empty) body of a JSON-typed error as JSON, so
    // the rejection is a SyntaxError rather than a HubApiError (client/error.ts); it must reject.
    await assert.rejects(fileExists({ repo: PRIVATE, path: "secret.txt", hubUrl }));
    await assert.rejects(
      downloadFile({ repo: PRIVATE, path: "secret.txt", accessToken: otherToken, hubUrl }),
      hubError([404]),
    );
    await assert.rejects(collect(listFiles({ repo: PRIVATE, hubUrl })), hubError([401]));
    await assert.rejects(
      pathsInfo({ repo: PRIVATE, paths: ["secret.txt"], accessToken: otherToken, hubUrl }),
      hubError([404]),
    );
  });
});

describe("errors", () => {
  test("downloadFile / fileDownloadInfo of a missing path give null; a missing revision throws", T, async () => {
    assert.equal(await downloadFile({ repo: REPO, path: "does/not/exist.txt", ...read }), null);
    assert.equal(await fileDownloadInfo({ repo: REPO, path: "does-not-exist.bin", ...read }), null);
    assert.equal(await downloadFile({ repo: REPO, path: "nested", ...read }), null, "a folder is not a file");
    await assert.rejects(
      downloadFile({ repo: REPO, path: "README.md", revision: "no-such-branch", ...read }),
      hubError([404]),
    );
    await assert.rejects(
      downloadFile({ repo: `${user}/jsc-no-such-repo`, path: "README.md", ...read }),
      hubError([404]),
    );
  });

  test("a commit with a path escaping the repo is rejected, nothing is committed", T, async () => {
    const before = await countCommits({ repo: REPO, ...read });
    for (const path of ["../evil", "a/../../evil", "nested/../../evil.txt"]) {
      await assert.rejects(
        put(path, text("evil")),
        hubError([400, 422]),
        path,
      );
    }
    // a delete goes straight to the commit endpoint (no preupload)
    await assert.rejects(
      commit({ repo: REPO, title: "evil", operations: [{ operation: "delete", path: "../evil" }], ...auth }),
      hubError([400, 422]),
    );
    assert.equal(await countCommits({ repo: REPO, ...read }), before);
  });

  test("deleting a missing file is a 404 EntryNotFound", T, async () => {
    await assert.rejects(
      commit({ repo: REPO, title: "x", operations: [{ operation: "delete", path: "never-existed.txt" }], ...auth }),
      hubError([404], /doesn't exist/),
    );
  });

  test("parentCommit: a stale one is refused, the head is accepted", T, async () => {
    await assert.rejects(
      put("late.txt", text("late"), { parentCommit: history[1].oid }),
      hubError([409, 412]),
    );
    assert.equal(await fileExists({ repo: REPO, path: "late.txt", ...read }), false);
    // the head as parentCommit is fine
    const out = await put("late.txt", text("late"), { parentCommit: history.at(-1).oid });
    recordCommit(out, "Add late.txt");
    files.set("late.txt", { bytes: text("late"), lfs: false });
    await assertDownload("late.txt", text("late"));
  });

  test("anonymous upload: 401; a read token of another user: 403", T, async () => {
    await assert.rejects(
      put("anon.txt", text("anon"), { accessToken: undefined }),
      hubError([401]),
    );
    await assert.rejects(
      put("anon.txt", text("anon"), { accessToken: otherToken }),
      hubError([403]),
    );
    await assert.rejects(createBranch({ repo: REPO, branch: "anon", hubUrl }), hubError([401]));
    assert.equal(await fileExists({ repo: REPO, path: "anon.txt", ...read }), false);
  });
});

// Xet end to end through the client's own paths (docs/xet.md#negotiation, #resolve): the batch
// answer offers xet, the bytes go to the CAS as xorbs and a shard, the commit names the sha256;
// downloads go through the CAS (XetBlob), and a client without Xet reads the same bytes from
// resolve, which the server reconstructs.
describe("xet", () => {
  const XREPO = `${user}/jsc-xet`;
  const V1 = randomBytes(3 * 1024 * 1024 + 1234);
  // One MiB changed in the middle: the second upload sends only what changed.
  const V2 = Buffer.concat([V1.subarray(0, 1024 * 1024), randomBytes(1024 * 1024), V1.subarray(2 * 1024 * 1024)]);
  const casBytes = (rec) =>
    rec.calls.filter((c) => c.method === "POST" && /\/xet\/v1\/xorbs\//.test(c.url)).reduce((n, c) => n + c.sent, 0);

  before(async () => {
    await createRepo({ repo: XREPO, ...read });
  });

  test("uploadFile: xet transfer, xorbs and a shard to the CAS, no LFS PUT", T, async () => {
    const rec = recordingFetch();
    const out = await uploadFile({ repo: XREPO, file: { path: "weights.bin", content: blobOf(V1) }, fetch: rec.fetch, ...auth });
    assert.match(out.commit.oid, hex40);
    const batch = rec.calls.find((c) => c.batch);
    assert.equal(batch.batch.transfer, "xet");
    const upload = batch.batch.objects[0].actions.upload;
    assert.ok(upload.href.endsWith(`/api/models/${XREPO}/xet-write-token/main`), upload.href);
    for (const h of ["X-Xet-Cas-Url", "X-Xet-Access-Token", "X-Xet-Token-Expiration", "X-Xet-Session-Id"])
      assert.equal(typeof upload.header[h], "string", h);
    assert.ok(rec.calls.some((c) => c.method === "POST" && /\/xet\/v1\/xorbs\//.test(c.url) && c.status === 200));
    assert.ok(rec.calls.some((c) => c.method === "POST" && /\/xet\/v1\/shards/.test(c.url) && c.status === 200));
    assert.equal(rec.calls.filter((c) => c.method === "PUT").length, 0, "no LFS PUT");
    assert.ok(casBytes(rec) >= V1.length * 0.9, `xorb bytes sent: ${casBytes(rec)}`);
  });

  test("downloads: fileDownloadInfo advertises Xet, downloadFile reads through the CAS, plain resolve agrees", T, async () => {
    const info = await fileDownloadInfo({ repo: XREPO, path: "weights.bin", ...read });
    assert.equal(info.size, V1.length);
    assert.equal(info.etag, `"${sha256(V1)}"`);
    assert.match(info.xet?.hash ?? "", /^[0-9a-f]{64}$/);
    const [entry] = await pathsInfo({ repo: XREPO, paths: ["weights.bin"], ...read });
    assert.equal(entry.xetHash, info.xet.hash);

    const rec = recordingFetch();
    const blob = await downloadFile({ repo: XREPO, path: "weights.bin", fetch: rec.fetch, ...read });
    const got = await bytesOf(blob);
    assert.ok(got.equals(V1), "bytes through the CAS");
    assert.ok(rec.calls.some((c) => /\/xet\/v2\/reconstructions\//.test(c.url)), "the client asked the CAS");

    const plain = await fetch(`${hubUrl}/${XREPO}/resolve/main/weights.bin`, { headers: { Authorization: `Bearer ${accessToken}` } });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get("content-length"), String(V1.length));
    assert.equal(plain.headers.get("x-xet-hash"), info.xet.hash);
    assert.ok(Buffer.from(await plain.arrayBuffer()).equals(V1), "bytes reconstructed by the server");
    const part = await fetch(`${hubUrl}/${XREPO}/resolve/main/weights.bin`, { headers: { Range: "bytes=1000-1999" } });
    assert.equal(part.status, 206);
    assert.ok(Buffer.from(await part.arrayBuffer()).equals(V1.subarray(1000, 2000)));
  });

  test("a second version uploads only the changed chunks and downloads whole", T, async () => {
    const rec = recordingFetch();
    await uploadFile({ repo: XREPO, file: { path: "weights.bin", content: blobOf(V2) }, fetch: rec.fetch, ...auth });
    const sent = casBytes(rec);
    assert.ok(sent < V2.length / 2, `sent ${sent} xorb bytes for a ${V2.length}-byte file with 1 MiB changed`);
    const got = await bytesOf(await downloadFile({ repo: XREPO, path: "weights.bin", ...read }));
    assert.ok(got.equals(V2));
  });
});
