// Collections through @huggingface/hub (docs/collections.md): what its public API exposes in
// 2.17.5 is createCollection, listCollections and deleteCollection (collectionInfo,
// addCollectionItem and deleteCollectionItem exist in its sources but are not exported; the
// js-spec harness runs their spec files). Run by run.sh (HFHUB_COMPAT_FILES).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCollection, deleteCollection, listCollections } from "@huggingface/hub";
import { collect, env, hubError } from "./helpers.mjs";

const hubUrl = env("HFHUB_ENDPOINT").replace(/\/+$/, "");
const accessToken = env("HFHUB_TOKEN");
const user = env("HFHUB_USER");
const otherToken = env("HFHUB_OTHER_TOKEN");

test("create, list (owner, q, limit) and delete a collection", async () => {
  const tag = crypto.randomUUID();
  const { slug } = await createCollection({
    collection: { title: `JS Collection ${tag}`, namespace: user, description: "from hub.js", private: false },
    accessToken,
    hubUrl,
  });
  assert.ok(slug.startsWith(`${user}/js-collection-${tag}-`), slug);
  assert.match(slug, /-[0-9a-f]{24}$/);
  const { slug: hidden } = await createCollection({
    collection: { title: `JS Private ${tag}`, namespace: user, private: true },
    accessToken,
    hubUrl,
  });
  try {
    const mine = await collect(listCollections({ search: { owner: [user], q: tag }, accessToken, hubUrl }));
    assert.deepEqual(mine.map((c) => c.slug).sort(), [hidden, slug].sort());
    const listed = mine.find((c) => c.slug === slug);
    assert.equal(listed.title, `JS Collection ${tag}`);
    assert.equal(listed.description, "from hub.js");
    assert.equal(listed.private, false);
    assert.equal(listed.owner.name, user);
    assert.deepEqual(listed.items, []);
    assert.equal("position" in listed, false);
    // Another user's token (and no token) does not see the private one.
    const theirs = await collect(listCollections({ search: { owner: [user], q: tag }, accessToken: otherToken, hubUrl }));
    assert.deepEqual(theirs.map((c) => c.slug), [slug]);
    const anon = await collect(listCollections({ search: { owner: [user], q: tag }, hubUrl }));
    assert.deepEqual(anon.map((c) => c.slug), [slug]);
    // limit stops the iteration.
    assert.equal((await collect(listCollections({ search: { owner: [user] }, limit: 1, accessToken, hubUrl }))).length, 1);
    // A second collection with the same title is the Hub's 409.
    await assert.rejects(
      createCollection({ collection: { title: `JS Collection ${tag}`, namespace: user }, accessToken, hubUrl }),
      hubError([409]),
    );
  } finally {
    await deleteCollection({ slug, accessToken, hubUrl });
    await deleteCollection({ slug: hidden, accessToken, hubUrl });
  }
  await assert.rejects(deleteCollection({ slug, accessToken, hubUrl }), hubError([404]));
  const after = await collect(listCollections({ search: { owner: [user], q: tag }, accessToken, hubUrl }));
  assert.deepEqual(after, []);
});
