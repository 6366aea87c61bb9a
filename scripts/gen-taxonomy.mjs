#!/usr/bin/env node
// Regenerates resources/taxonomy.json from the npm package @huggingface/tasks (pinned below),
// the same package the Hub front-end and huggingface.js use for task and library names.
//
// Extracted (data only, no code):
//   - modalities            MODALITIES + MODALITY_LABELS           (id, label)
//   - pipeline_tags         PIPELINE_DATA                          (id, label, modality, subtasks,
//                                                                   hideInModels, hideInDatasets)
//   - model_libraries       MODEL_LIBRARIES_UI_ELEMENTS            (id, prettyLabel, repoName,
//                                                                   repoUrl, docsUrl, filter)
//   - dataset_libraries     DATASET_LIBRARIES_UI_ELEMENTS          (id, prettyLabel, repoName, repoUrl)
//   - library_tasks         LIBRARY_TASK_MAPPING                   (library -> pipeline tags)
//   - task_libraries        TASKS_MODEL_LIBRARIES                  (pipeline tag -> libraries)
//
// Usage: node scripts/gen-taxonomy.mjs [output path, default resources/taxonomy.json]
// To move to a newer package: `npm view @huggingface/tasks version`, update PINNED, rerun, commit.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PINNED = "0.21.54";

const here = dirname(fileURLToPath(import.meta.url));
const outPath = resolve(process.argv[2] ?? join(here, "..", "resources", "taxonomy.json"));

const tmp = mkdtempSync(join(tmpdir(), "hfhub-taxonomy-"));
try {
  execFileSync("npm", ["install", "--silent", "--no-audit", "--no-fund", "--prefix", tmp,
                       `@huggingface/tasks@${PINNED}`], { stdio: "inherit" });
  const entry = join(tmp, "node_modules", "@huggingface", "tasks", "dist", "esm", "index.js");
  const tasks = await import(pathToFileURL(entry).href);
  writeFileSync(outPath, JSON.stringify(extract(tasks), null, 1) + "\n");
  console.log(`wrote ${outPath} from @huggingface/tasks@${PINNED}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Keeps only plain data fields; functions (snippets, download counters) are dropped.
function pick(obj, keys) {
  const out = {};
  for (const k of keys) {
    if (obj[k] !== undefined && typeof obj[k] !== "function") out[k] = obj[k];
  }
  return out;
}

function extract(t) {
  const modalities = t.MODALITIES.map((id) => ({ id, label: t.MODALITY_LABELS[id] ?? id }));

  const pipeline_tags = Object.entries(t.PIPELINE_DATA).map(([id, p]) => ({
    id,
    label: p.name,
    modality: p.modality,
    subtasks: (p.subtasks ?? []).map((s) => ({ id: s.type, label: s.name })),
    hideInModels: Boolean(p.hideInModels),
    hideInDatasets: Boolean(p.hideInDatasets),
  }));

  const model_libraries = Object.entries(t.MODEL_LIBRARIES_UI_ELEMENTS).map(([id, l]) => ({
    id,
    ...pick(l, ["prettyLabel", "repoName", "repoUrl", "docsUrl"]),
    filter: Boolean(l.filter),
  }));

  const dataset_libraries = Object.entries(t.DATASET_LIBRARIES_UI_ELEMENTS).map(([id, l]) => ({
    id,
    ...pick(l, ["prettyLabel", "repoName", "repoUrl", "docsUrl"]),
  }));

  return {
    source: { package: "@huggingface/tasks", version: PINNED },
    modalities,
    pipeline_tags,
    model_libraries,
    dataset_libraries,
    library_tasks: t.LIBRARY_TASK_MAPPING,
    task_libraries: t.TASKS_MODEL_LIBRARIES,
  };
}
