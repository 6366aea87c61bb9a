// The official @huggingface/hub client (unmodified, from npm) against a live hfhubd.
//
// Run by run.sh, which starts the server and passes:
//   HFHUB_ENDPOINT      base URL of the server (the client's `hubUrl`)
//   HFHUB_TOKEN         write token of HFHUB_USER, who is admin of HFHUB_ORG
//   HFHUB_OTHER_TOKEN   read token of HFHUB_OTHER_USER (no rights on HFHUB_USER / HFHUB_ORG)
//   HFHUB_DEMO_MODELS   size of the seeded demo catalog
//
// Ground truth for listings comes from the raw HTTP API (page size 1000, Link followed by this
// file), and is compared with what the client yields (page size 500, Link followed by the client).
// The tests run in order and build on each other (repos created early are listed and deleted later).
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import {
  checkRepoAccess,
  createRepo,
  DATASET_EXPANDABLE_KEYS,
  datasetInfo,
  deleteRepo,
  listDatasets,
  listModels,
  listSpaces,
  MODEL_EXPANDABLE_KEYS,
  modelInfo,
  repoExists,
  SPACE_EXPANDABLE_KEYS,
  spaceInfo,
  whoAmI,
} from "@huggingface/hub";
import { assertUnique, collect, env, hubError as anyHubError } from "./helpers.mjs";

const hubUrl = env("HFHUB_ENDPOINT").replace(/\/+$/, "");
const accessToken = env("HFHUB_TOKEN");
const user = env("HFHUB_USER");
const org = env("HFHUB_ORG");
const otherToken = env("HFHUB_OTHER_TOKEN");
const otherUser = env("HFHUB_OTHER_USER");
const demoModels = Number(env("HFHUB_DEMO_MODELS"));

const JS_PAGE = 500; // listModels sends limit=min(limit, 500) and follows Link for the rest
const T = { timeout: 120_000 };

// ---------------------------------------------------------------------------------------------
// helpers

/** A fetch that records every URL the client requests (the client's public `fetch` option). */
function recordingFetch() {
  const urls = [];
  const f = (url, init) => {
    urls.push(String(url));
    return fetch(url, init);
  };
  return { fetch: f, urls };
}

/** Raw GET returning {status, headers, body}. */
async function rawGet(path, token) {
  const res = await fetch(path.startsWith("http") ? path : hubUrl + path, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body };
}

/** All models of a raw listing (page size 1000), following Link headers ourselves. */
async function rawListAll(query, token) {
  let url = `${hubUrl}/api/models?limit=1000&${query}`;
  const items = [];
  for (let pages = 0; url; pages++) {
    assert.ok(pages < 100, "raw listing does not end");
    const r = await rawGet(url, token);
    assert.equal(r.status, 200, `GET ${url} -> ${r.status} ${JSON.stringify(r.body)}`);
    assert.ok(Array.isArray(r.body), `GET ${url} must return a JSON array`);
    items.push(...r.body);
    const link = r.headers.get("link");
    url = link?.match(/<([^>]+)>;\s*rel="next"/)?.[1];
  }
  return items;
}

/** Rejection matcher for API calls: a HubApiError with one of these statuses, from /api/. */
const hubError = (statuses, messageRe) => anyHubError(statuses, messageRe, { urlPrefix: hubUrl + "/api/" });

/** Checks the URLs of one client listing: first page limited to `firstLimit`, then Link URLs. */
function assertPaging(urls, expectedPages, firstLimit) {
  assert.equal(urls.length, expectedPages, `expected ${expectedPages} page requests, got:\n${urls.join("\n")}`);
  const first = new URL(urls[0]);
  assert.equal(first.searchParams.get("limit"), String(firstLimit));
  for (const u of urls.slice(1)) {
    assert.ok(u.startsWith(hubUrl + "/api/models?"), `next page URL should be absolute on the server: ${u}`);
    assert.ok(new URL(u).searchParams.get("cursor"), `next page URL should carry a cursor: ${u}`);
  }
}

const isoMs = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function mapPool(items, width, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------

describe("whoAmI", () => {
  test("returns the token's user, its orgs and the token role", T, async () => {
    const me = await whoAmI({ accessToken, hubUrl });
    assert.equal(me.type, "user");
    assert.equal(me.name, user);
    assert.equal(me.fullname, "JS Compat User");
    assert.equal(me.email, "jscompat@example.com");
    assert.equal(typeof me.id, "string");
    assert.ok(me.id.length > 0);
    assert.ok(Array.isArray(me.orgs));
    const o = me.orgs.find((x) => x.name === org);
    assert.ok(o, `orgs should contain ${org}: ${JSON.stringify(me.orgs)}`);
    assert.equal(o.type, "org");
    assert.equal(o.fullname, "JS Compat Org");
    assert.equal(me.auth.type, "access_token");
    assert.equal(me.auth.accessToken.role, "write");
    assert.equal(me.auth.accessToken.displayName, "compat-js-write");
    // the client turns createdAt into a Date
    assert.ok(me.auth.accessToken.createdAt instanceof Date);
    assert.ok(!Number.isNaN(me.auth.accessToken.createdAt.getTime()));
    assert.ok(Math.abs(Date.now() - me.auth.accessToken.createdAt.getTime()) < 3600_000);
  });

  test("a read token of another user", T, async () => {
    const me = await whoAmI({ accessToken: otherToken, hubUrl });
    assert.equal(me.name, otherUser);
    assert.equal(me.auth.accessToken.role, "read");
    assert.ok(!me.orgs.some((x) => x.name === org));
  });

  test("an unknown token is rejected with 401", T, async () => {
    await assert.rejects(whoAmI({ accessToken: "hf_thisTokenDoesNotExist000000000000", hubUrl }), hubError([401]));
  });

  test("the client itself refuses tokens that do not start with hf_", T, async () => {
    await assert.rejects(whoAmI({ accessToken: "not-an-hf-token", hubUrl }), TypeError);
  });
});

describe("createRepo", () => {
  test("in the user's namespace", T, async () => {
    const res = await createRepo({ repo: `${user}/js-model-a`, accessToken, hubUrl });
    assert.equal(res.repoUrl, `${hubUrl}/${user}/js-model-a`);
    assert.match(res.id, /^[0-9a-f]{24}$/);
    const info = await modelInfo({ name: `${user}/js-model-a`, accessToken, hubUrl });
    assert.equal(info.id, res.id);
    assert.equal(info.name, `${user}/js-model-a`);
    assert.equal(info.private, false);
  });

  test("in an org the user administers (repo given as an object)", T, async () => {
    const res = await createRepo({ repo: { type: "model", name: `${org}/js-org-model` }, accessToken, hubUrl });
    assert.equal(res.repoUrl, `${hubUrl}/${org}/js-org-model`);
    assert.match(res.id, /^[0-9a-f]{24}$/);
    assert.equal(await repoExists({ repo: `${org}/js-org-model`, hubUrl }), true);
  });

  test("a second create of the same repo fails with 409", T, async () => {
    await assert.rejects(
      createRepo({ repo: `${user}/js-model-a`, accessToken, hubUrl }),
      hubError([409], /already created/),
    );
    await assert.rejects(createRepo({ repo: `${org}/js-org-model`, accessToken, hubUrl }), (err) => {
      hubError([409])(err);
      assert.equal(err.data.url, `${hubUrl}/${org}/js-org-model`);
      return true;
    });
  });

  test("private (private: true and visibility: 'private')", T, async () => {
    await createRepo({ repo: `${user}/js-private`, private: true, accessToken, hubUrl });
    await createRepo({ repo: `${org}/js-org-private`, visibility: "private", accessToken, hubUrl });
    assert.equal((await modelInfo({ name: `${user}/js-private`, accessToken, hubUrl })).private, true);
    assert.equal((await modelInfo({ name: `${org}/js-org-private`, accessToken, hubUrl })).private, true);
  });

  test("dataset and space repos", T, async () => {
    const ds = await createRepo({ repo: `datasets/${user}/js-dataset`, accessToken, hubUrl });
    assert.equal(ds.repoUrl, `${hubUrl}/datasets/${user}/js-dataset`);
    const sp = await createRepo({ repo: `spaces/${user}/js-space`, accessToken, hubUrl });
    assert.equal(sp.repoUrl, `${hubUrl}/spaces/${user}/js-space`);
    assert.equal(await repoExists({ repo: `datasets/${user}/js-dataset`, hubUrl }), true);
    assert.equal(await repoExists({ repo: `spaces/${user}/js-space`, hubUrl }), true);
    // same names exist only under their own type
    assert.equal(await repoExists({ repo: `${user}/js-dataset`, hubUrl }), false);
    assert.equal(await repoExists({ repo: `datasets/${user}/js-space`, hubUrl }), false);
  });

  test("no rights: another user's namespace, or a read token, gives 403", T, async () => {
    await assert.rejects(createRepo({ repo: `${otherUser}/js-intruder`, accessToken, hubUrl }), hubError([403]));
    await assert.rejects(
      createRepo({ repo: `${otherUser}/js-read-only`, accessToken: otherToken, hubUrl }),
      hubError([403]),
    );
    await assert.rejects(createRepo({ repo: `${org}/js-intruder`, accessToken: otherToken, hubUrl }), hubError([403]));
    assert.equal(await repoExists({ repo: `${otherUser}/js-intruder`, accessToken, hubUrl }), false);
  });
});

describe("repoExists", () => {
  let demo;
  before(async () => {
    demo = (await rawListAll("expand=private", undefined))[0];
  });

  test("true for an existing public repo, anonymous or authenticated", T, async () => {
    assert.equal(await repoExists({ repo: demo.id, hubUrl }), true);
    assert.equal(await repoExists({ repo: demo.id, accessToken, hubUrl }), true);
    assert.equal(await repoExists({ repo: { type: "model", name: demo.id }, hubUrl }), true);
  });

  test("false for a missing repo (server answers 401 anonymous, 404 authenticated)", T, async () => {
    assert.equal(await repoExists({ repo: `${user}/does-not-exist`, hubUrl }), false);
    assert.equal(await repoExists({ repo: `${user}/does-not-exist`, accessToken, hubUrl }), false);
    assert.equal(await repoExists({ repo: "no-such-namespace-xyz/model", hubUrl }), false);
    assert.equal(await repoExists({ repo: `datasets/${user}/does-not-exist`, accessToken, hubUrl }), false);
  });
});

describe("modelInfo", () => {
  let raw;
  before(async () => {
    const all = await rawListAll("expand=pipeline_tag", undefined);
    const pick = all.find((m) => m.pipeline_tag === "text-generation") ?? all[0];
    const r = await rawGet(`/api/models/${pick.id}`);
    assert.equal(r.status, 200);
    raw = r.body;
  });

  test("maps the server's fields (id = _id, name = id, task = pipeline_tag, ...)", T, async () => {
    const info = await modelInfo({ name: raw.id, hubUrl });
    assert.equal(info.id, raw._id);
    assert.match(info.id, /^[0-9a-f]{24}$/);
    assert.equal(info.name, raw.id);
    assert.equal(info.private, false);
    assert.equal(info.task, raw.pipeline_tag);
    assert.equal(typeof info.downloads, "number");
    assert.equal(info.downloads, raw.downloads);
    assert.equal(typeof info.likes, "number");
    assert.equal(info.likes, raw.likes);
    assert.equal(info.gated, raw.gated);
    assert.ok([false, "auto", "manual"].includes(info.gated));
    assert.ok(info.updatedAt instanceof Date && !Number.isNaN(info.updatedAt.getTime()));
    assert.equal(info.updatedAt.toISOString(), raw.lastModified);
  });

  test("with an explicit revision (main) and with a token", T, async () => {
    const a = await modelInfo({ name: raw.id, revision: "main", hubUrl });
    const b = await modelInfo({ name: raw.id, accessToken, hubUrl });
    assert.equal(a.id, raw._id);
    assert.equal(b.id, raw._id);
    assert.equal(a.updatedAt.getTime(), b.updatedAt.getTime());
  });

  test("additionalFields", T, async () => {
    const info = await modelInfo({
      name: raw.id,
      hubUrl,
      additionalFields: ["author", "createdAt", "sha", "tags", "library_name", "config", "filePaths"],
    });
    assert.equal(info.name, raw.id);
    assert.equal(info.author, raw.id.split("/")[0]);
    assert.match(info.createdAt, isoMs);
    assert.equal(info.createdAt, raw.createdAt);
    assert.match(info.sha, /^[0-9a-f]{40}$/);
    assert.equal(info.sha, raw.sha);
    assert.ok(Array.isArray(info.tags) && info.tags.length > 0);
    assert.deepEqual(info.tags, raw.tags);
    assert.equal(info.library_name, raw.library_name);
    assert.deepEqual(info.config, raw.config);
    assert.ok(Array.isArray(info.filePaths));
    assert.deepEqual(
      info.filePaths,
      raw.siblings.map((s) => s.rfilename),
    );
    assert.ok(info.filePaths.includes("README.md"), JSON.stringify(info.filePaths));
  });

  test("every expand key the client knows (MODEL_EXPANDABLE_KEYS) is accepted", T, async () => {
    const info = await modelInfo({ name: raw.id, hubUrl, additionalFields: [...MODEL_EXPANDABLE_KEYS] });
    assert.equal(info.name, raw.id);
    assert.equal(info.author, raw.author);
    assert.deepEqual(info.tags, raw.tags);
    const listed = await collect(listModels({ hubUrl, limit: 3, additionalFields: [...MODEL_EXPANDABLE_KEYS] }));
    assert.equal(listed.length, 3);
    for (const m of listed) assert.equal(m.author, m.name.split("/")[0]);
  });

  test("a missing repo: HubApiError 401 anonymous, 404 authenticated", T, async () => {
    await assert.rejects(modelInfo({ name: `${user}/does-not-exist`, hubUrl }), (err) => {
      hubError([401])(err);
      assert.equal(err.data.error, "Repository not found. Please make sure you are authenticated.");
      return true;
    });
    await assert.rejects(modelInfo({ name: `${user}/does-not-exist`, accessToken, hubUrl }), hubError([404]));
  });

  test("an unknown revision is an error", T, async () => {
    await assert.rejects(modelInfo({ name: raw.id, revision: "no-such-branch", hubUrl }), hubError([404]));
  });
});

describe("listModels", () => {
  // Ground truth: the whole catalog (default sort: lastModified, descending) via the raw API.
  let all;
  before(async () => {
    all = await rawListAll(
      "expand=pipeline_tag&expand=private&expand=lastModified&expand=createdAt&expand=author",
      accessToken,
    );
  });

  test("the whole catalog: client pages of 500 equal the raw listing, in order", T, async (t) => {
    // a few demo models are private to their (demo) owners, so slightly fewer than seeded are visible
    assert.ok(
      all.length >= 0.9 * demoModels && all.length <= demoModels + 10,
      `catalog shows ${all.length} models, seeded ${demoModels}`,
    );
    const rec = recordingFetch();
    const got = await collect(listModels({ hubUrl, accessToken, fetch: rec.fetch }));
    assertUnique(
      got.map((m) => m.name),
      "listModels",
    );
    assert.equal(got.length, all.length);
    assert.deepEqual(
      got.map((m) => m.name),
      all.map((m) => m.id),
    );
    assert.deepEqual(
      got.map((m) => m.id),
      all.map((m) => m._id),
    );
    assertPaging(rec.urls, Math.ceil(all.length / JS_PAGE), JS_PAGE);
    t.diagnostic(`${got.length} models in ${rec.urls.length} pages`);
    for (const m of got) {
      assert.match(m.id, /^[0-9a-f]{24}$/);
      assert.equal(typeof m.private, "boolean");
      assert.ok(!Number.isNaN(m.updatedAt.getTime()), `${m.name}: updatedAt`);
    }
    // lastModified descending across page boundaries
    for (let i = 1; i < got.length; i++)
      assert.ok(got[i - 1].updatedAt >= got[i].updatedAt, `order broken at ${i}: ${got[i - 1].name} / ${got[i].name}`);
  });

  test("limit larger than one page stops at the limit (3 requests for 1100)", T, async () => {
    const rec = recordingFetch();
    const got = await collect(listModels({ hubUrl, limit: 1100, fetch: rec.fetch }));
    assert.equal(got.length, 1100);
    assertUnique(
      got.map((m) => m.name),
      "limit 1100",
    );
    const publicIds = all.filter((m) => !m.private).map((m) => m.id);
    assert.deepEqual(
      got.map((m) => m.name),
      publicIds.slice(0, 1100),
    );
    assertPaging(rec.urls, 3, JS_PAGE);
  });

  test("a limit below one page is sent as is and needs one request", T, async () => {
    const rec = recordingFetch();
    const got = await collect(listModels({ hubUrl, limit: 7, fetch: rec.fetch }));
    assert.equal(got.length, 7);
    assertPaging(rec.urls, 1, 7);
  });

  test("search.task (pipeline_tag) over several pages", T, async (t) => {
    const expected = all.filter((m) => m.pipeline_tag === "text-generation" && !m.private).map((m) => m.id);
    assert.ok(expected.length > JS_PAGE, `need > ${JS_PAGE} text-generation models, catalog has ${expected.length}`);
    const rec = recordingFetch();
    const got = await collect(listModels({ hubUrl, search: { task: "text-generation" }, limit: 5000, fetch: rec.fetch }));
    assertUnique(
      got.map((m) => m.name),
      "task",
    );
    assert.equal(got.length, expected.length);
    assert.deepEqual(
      got.map((m) => m.name),
      expected,
    );
    assert.ok(got.every((m) => m.task === "text-generation"));
    assertPaging(rec.urls, Math.ceil(expected.length / JS_PAGE), JS_PAGE);
    assert.equal(new URL(rec.urls[0]).searchParams.get("pipeline_tag"), "text-generation");
    t.diagnostic(`${got.length} text-generation models in ${rec.urls.length} pages`);
  });

  test("search.query (substring of the id, case-insensitive) over several pages", T, async (t) => {
    const expected = all.filter((m) => m.id.toLowerCase().includes("finetuned") && !m.private).map((m) => m.id);
    assert.ok(expected.length > JS_PAGE, `need > ${JS_PAGE} models matching 'finetuned', catalog has ${expected.length}`);
    const rec = recordingFetch();
    const got = await collect(listModels({ hubUrl, search: { query: "FineTuned" }, fetch: rec.fetch }));
    assertUnique(
      got.map((m) => m.name),
      "query",
    );
    assert.deepEqual(got.map((m) => m.name).sort(), [...expected].sort());
    assert.ok(rec.urls.length >= 2, "client should have followed Link");
    t.diagnostic(`${got.length} models matching 'finetuned' in ${rec.urls.length} pages`);
  });

  test("search.owner over several pages (520 repos created in the org)", T, async (t) => {
    const names = Array.from({ length: 520 }, (_, i) => `${org}/bulk-${String(i).padStart(3, "0")}`);
    const created = await mapPool(names, 8, (name) => createRepo({ repo: name, accessToken, hubUrl }));
    assert.equal(new Set(created.map((c) => c.id)).size, names.length);

    const rec = recordingFetch();
    const got = await collect(listModels({ hubUrl, accessToken, search: { owner: org }, fetch: rec.fetch }));
    assertUnique(
      got.map((m) => m.name),
      "owner",
    );
    // the org's repos so far: the 520, js-org-model and (visible to the token) js-org-private
    const expected = [...names, `${org}/js-org-model`, `${org}/js-org-private`].sort();
    assert.deepEqual(got.map((m) => m.name).sort(), expected);
    assert.ok(got.every((m) => m.name.startsWith(org + "/")));
    assertPaging(rec.urls, 2, JS_PAGE);
    assert.equal(new URL(rec.urls[0]).searchParams.get("author"), org);
    t.diagnostic(`author=${org}: ${got.length} models in ${rec.urls.length} pages`);
    // newest first: the default sort is lastModified descending
    for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].updatedAt >= got[i].updatedAt);
  });

  test("search.tags (filter) with additionalFields: ['tags', 'filePaths']", T, async (t) => {
    const tagged = await rawListAll("expand=tags&expand=private", undefined);
    const count = new Map();
    for (const m of tagged) for (const t of m.tags ?? []) count.set(t, (count.get(t) ?? 0) + 1);
    // a tag that is neither everywhere nor rare
    const [tag] = [...count.entries()].filter(([, n]) => n > 20 && n < tagged.length / 2).sort((a, b) => b[1] - a[1])[0];
    const expected = tagged.filter((m) => m.tags?.includes(tag)).map((m) => m.id);
    const rec = recordingFetch();
    const got = await collect(
      listModels({ hubUrl, search: { tags: [tag] }, additionalFields: ["tags", "filePaths"], fetch: rec.fetch }),
    );
    assert.deepEqual(new URL(rec.urls[0]).searchParams.getAll("filter"), [tag]);
    t.diagnostic(`filter=${tag}: ${got.length} models`);
    assert.deepEqual(
      got.map((m) => m.name),
      expected,
    );
    for (const m of got) {
      assert.ok(m.tags.includes(tag), `${m.name} lacks ${tag}`);
      assert.ok(Array.isArray(m.filePaths) && m.filePaths.length > 0, `${m.name}: filePaths`);
    }
  });

  test("an unknown token is rejected with 401", T, async () => {
    await assert.rejects(
      collect(listModels({ hubUrl, accessToken: "hf_thisTokenDoesNotExist000000000000", limit: 5 })),
      hubError([401]),
    );
  });

  test("search.owner + search.task on the demo catalog", T, async (t) => {
    const byAuthor = new Map();
    for (const m of all) if (m.pipeline_tag) byAuthor.set(m.author, (byAuthor.get(m.author) ?? 0) + 1);
    const [author] = [...byAuthor.entries()].sort((a, b) => b[1] - a[1])[0];
    const task = all.find((m) => m.author === author && m.pipeline_tag).pipeline_tag;
    const expected = all.filter((m) => m.author === author && m.pipeline_tag === task && !m.private).map((m) => m.id);
    assert.ok(expected.length > 0);
    const got = await collect(listModels({ hubUrl, search: { owner: author, task } }));
    t.diagnostic(`author=${author} pipeline_tag=${task}: ${got.length} models`);
    assert.deepEqual(
      got.map((m) => m.name),
      expected,
    );
  });

  test("sort: createdAt (descending) with additionalFields: ['createdAt', 'author']", T, async () => {
    const rec = recordingFetch();
    const got = await collect(
      listModels({ hubUrl, sort: "createdAt", limit: 1200, additionalFields: ["createdAt", "author"], fetch: rec.fetch }),
    );
    assert.equal(got.length, 1200);
    assertUnique(
      got.map((m) => m.name),
      "createdAt",
    );
    assertPaging(rec.urls, 3, JS_PAGE);
    assert.equal(new URL(rec.urls[0]).searchParams.get("sort"), "createdAt");
    for (const m of got) {
      assert.match(m.createdAt, isoMs, `${m.name}: createdAt`);
      assert.equal(m.author, m.name.split("/")[0]);
    }
    for (let i = 1; i < got.length; i++)
      assert.ok(got[i - 1].createdAt >= got[i].createdAt, `createdAt order broken at ${i}`);
    // the newest repos are the ones created by this test run
    const maxCreated = all.reduce((a, m) => (m.createdAt > a ? m.createdAt : a), "");
    assert.ok(got[0].createdAt >= maxCreated);
  });

  test("sort: downloads and likes (descending)", T, async () => {
    for (const sort of ["downloads", "likes"]) {
      const got = await collect(listModels({ hubUrl, sort, limit: 800 }));
      assert.equal(got.length, 800);
      assertUnique(
        got.map((m) => m.name),
        sort,
      );
      for (let i = 1; i < got.length; i++) assert.ok(got[i - 1][sort] >= got[i][sort], `${sort} order broken at ${i}`);
      assert.ok(got[0][sort] > 0);
    }
  });
});

describe("private repos", () => {
  const priv = () => `${user}/js-private`;

  test("are invisible to an anonymous listModels, visible to the owner", T, async () => {
    const anon = await collect(listModels({ hubUrl, search: { owner: user } }));
    const names = anon.map((m) => m.name);
    assert.ok(names.includes(`${user}/js-model-a`), JSON.stringify(names));
    assert.ok(!names.includes(priv()), "private repo listed anonymously");
    assert.ok(anon.every((m) => m.private === false));

    const mine = await collect(listModels({ hubUrl, accessToken, search: { owner: user } }));
    const p = mine.find((m) => m.name === priv());
    assert.ok(p, "owner should see the private repo");
    assert.equal(p.private, true);

    const other = await collect(listModels({ hubUrl, accessToken: otherToken, search: { owner: user } }));
    assert.ok(!other.some((m) => m.name === priv()), "private repo listed for another user");

    const org_anon = await collect(listModels({ hubUrl, search: { owner: org, query: "js-org" } }));
    assert.deepEqual(
      org_anon.map((m) => m.name),
      [`${org}/js-org-model`],
    );
    const search_anon = await collect(listModels({ hubUrl, search: { query: "js-private" } }));
    assert.deepEqual(search_anon, []);
  });

  test("modelInfo: 401 anonymous, 404 for another user, ok for the owner", T, async () => {
    await assert.rejects(modelInfo({ name: priv(), hubUrl }), hubError([401]));
    await assert.rejects(modelInfo({ name: priv(), accessToken: otherToken, hubUrl }), hubError([404]));
    const info = await modelInfo({ name: priv(), accessToken, hubUrl });
    assert.equal(info.name, priv());
    assert.equal(info.private, true);
  });

  test("repoExists: false anonymous and for another user, true for the owner", T, async () => {
    assert.equal(await repoExists({ repo: priv(), hubUrl }), false);
    assert.equal(await repoExists({ repo: priv(), accessToken: otherToken, hubUrl }), false);
    assert.equal(await repoExists({ repo: priv(), accessToken, hubUrl }), true);
    assert.equal(await repoExists({ repo: `${org}/js-org-private`, hubUrl }), false);
    assert.equal(await repoExists({ repo: `${org}/js-org-private`, accessToken, hubUrl }), true);
  });
});

describe("datasets, spaces and checkRepoAccess", () => {
  test("datasetInfo / spaceInfo of repos created by the client", T, async () => {
    const ds = await datasetInfo({ name: `${user}/js-dataset`, hubUrl, additionalFields: [...DATASET_EXPANDABLE_KEYS] });
    assert.equal(ds.name, `${user}/js-dataset`);
    assert.match(ds.id, /^[0-9a-f]{24}$/);
    assert.equal(ds.private, false);
    assert.equal(ds.author, user);
    assert.ok(!Number.isNaN(ds.updatedAt.getTime()));
    const sp = await spaceInfo({ name: `${user}/js-space`, hubUrl, additionalFields: [...SPACE_EXPANDABLE_KEYS] });
    assert.equal(sp.name, `${user}/js-space`);
    assert.equal(sp.sdk, "static"); // the client's default sdk for createRepo of a space
    assert.equal(sp.private, false);
    assert.equal(sp.author, user);
    await assert.rejects(datasetInfo({ name: `${user}/js-space`, accessToken, hubUrl }), hubError([404]));
    await assert.rejects(spaceInfo({ name: `${user}/no-such-space`, hubUrl }), hubError([401]));
  });

  test("listDatasets / listSpaces match the raw listings", T, async () => {
    for (const [kind, list, limit] of [
      ["datasets", listDatasets, 1000],
      ["spaces", listSpaces, undefined],
    ]) {
      const r = await rawGet(`/api/${kind}?limit=1000`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("link"), null, `${kind}: the seeded catalog fits one raw page`);
      const got = await collect(list({ hubUrl, ...(limit ? { limit } : {}) }));
      assert.deepEqual(
        got.map((x) => x.name),
        r.body.map((x) => x.id),
        kind,
      );
      assert.deepEqual(
        got.map((x) => x.id),
        r.body.map((x) => x._id),
        kind,
      );
      assert.ok(got.some((x) => x.name === `${user}/js-${kind.slice(0, -1)}`), `${kind}: created repo listed`);
      const mine = await collect(list({ hubUrl, search: { owner: user } }));
      assert.deepEqual(
        mine.map((x) => x.name),
        [`${user}/js-${kind.slice(0, -1)}`],
      );
    }
  });

  test("checkRepoAccess: public ok, private 401 anonymous / 404 other user / ok owner", T, async () => {
    await checkRepoAccess({ repo: `${user}/js-model-a`, hubUrl });
    await checkRepoAccess({ repo: `spaces/${user}/js-space`, hubUrl });
    await assert.rejects(checkRepoAccess({ repo: `${user}/js-private`, hubUrl }), hubError([401]));
    await assert.rejects(checkRepoAccess({ repo: `${user}/js-private`, accessToken: otherToken, hubUrl }), hubError([404]));
    await checkRepoAccess({ repo: `${user}/js-private`, accessToken, hubUrl });
  });
});

describe("deleteRepo", () => {
  test("then repoExists is false and modelInfo 404", T, async () => {
    assert.equal(await repoExists({ repo: `${user}/js-model-a`, accessToken, hubUrl }), true);
    await deleteRepo({ repo: `${user}/js-model-a`, accessToken, hubUrl });
    assert.equal(await repoExists({ repo: `${user}/js-model-a`, accessToken, hubUrl }), false);
    assert.equal(await repoExists({ repo: `${user}/js-model-a`, hubUrl }), false);
    await assert.rejects(modelInfo({ name: `${user}/js-model-a`, accessToken, hubUrl }), hubError([404]));
    const listed = await collect(listModels({ hubUrl, accessToken, search: { owner: user } }));
    assert.ok(!listed.some((m) => m.name === `${user}/js-model-a`));
  });

  test("org repo, private repo, dataset and space", T, async () => {
    const repos = [`${org}/js-org-model`, `${user}/js-private`, `datasets/${user}/js-dataset`, `spaces/${user}/js-space`];
    for (const repo of repos) {
      await deleteRepo({ repo, accessToken, hubUrl });
      assert.equal(await repoExists({ repo, accessToken, hubUrl }), false, repo);
    }
  });

  test("deleting a missing repo is a 404", T, async () => {
    await assert.rejects(deleteRepo({ repo: `${user}/js-model-a`, accessToken, hubUrl }), hubError([404]));
  });

  test("a repo can be created again after deletion", T, async () => {
    const res = await createRepo({ repo: `${user}/js-model-a`, accessToken, hubUrl });
    assert.equal(res.repoUrl, `${hubUrl}/${user}/js-model-a`);
    assert.equal(await repoExists({ repo: `${user}/js-model-a`, hubUrl }), true);
  });

  test("no rights: another user gets 403, anonymous cannot even call it", T, async () => {
    await assert.rejects(deleteRepo({ repo: `${user}/js-model-a`, accessToken: otherToken, hubUrl }), hubError([403]));
    await assert.rejects(deleteRepo({ repo: `${org}/bulk-000`, accessToken: otherToken, hubUrl }), hubError([403]));
    // without a token the client sends "Bearer undefined": the server must refuse it
    await assert.rejects(deleteRepo({ repo: `${user}/js-model-a`, hubUrl }), hubError([401]));
    assert.equal(await repoExists({ repo: `${user}/js-model-a`, hubUrl }), true);
    assert.equal(await repoExists({ repo: `${org}/bulk-000`, hubUrl }), true);
  });
});
