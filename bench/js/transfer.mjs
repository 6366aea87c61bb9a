// The official JS client's download paths, timed by bench/transfer_bench.sh:
//   node transfer.mjs file REPO PATH CACHE_DIR   -> downloadFileToCacheDir
//   node transfer.mjs snapshot REPO CACHE_DIR    -> snapshotDownload
// HF_ENDPOINT and HF_TOKEN come from the environment.
const hub = await import(new URL("../../tests/compat/js/node_modules/@huggingface/hub/dist/index.mjs", import.meta.url));

const [mode, repo, ...rest] = process.argv.slice(2);
const common = { repo: { type: "model", name: repo }, hubUrl: process.env.HF_ENDPOINT, accessToken: process.env.HF_TOKEN };
if (mode === "file") {
  const [path, cacheDir] = rest;
  console.log(await hub.downloadFileToCacheDir({ ...common, path, cacheDir }));
} else if (mode === "snapshot") {
  const [cacheDir] = rest;
  console.log(await hub.snapshotDownload({ ...common, cacheDir }));
} else {
  console.error("usage: transfer.mjs file REPO PATH CACHE_DIR | snapshot REPO CACHE_DIR");
  process.exit(2);
}
