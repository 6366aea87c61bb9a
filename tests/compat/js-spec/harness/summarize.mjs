#!/usr/bin/env node
// Turns vitest's JSON report plus the fetch guard's request log into the harness summary.
//
//   node summarize.mjs --report R.json --requests REQ.jsonl --work WORK_DIR --out last-results.json
//                      [--expected expected-pass.txt] [--needs-hf needs-huggingface.txt] [--meta '{...}']
//
// A spec file "counts" when it imports the test-hub constants (src/test/consts); the others are listed
// apart. Every failing counted test gets a reason class from the first request that went wrong:
// a request the guard blocked (needs huggingface.co), an hfhubd answer that means "no such route"
// (endpoint not built), another hfhubd error answer, or, when every request succeeded, an assertion.
// Exit status: 0, or 1 when a test named in expected-pass.txt did not pass; 2 when the inputs are broken.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

function args() {
	const out = {};
	const a = process.argv.slice(2);
	for (let i = 0; i < a.length; i += 2) out[a[i].replace(/^--/, "")] = a[i + 1];
	return out;
}
const opt = args();
for (const k of ["report", "requests", "work", "out"]) {
	if (!opt[k]) {
		console.error(`summarize: --${k} is required`);
		process.exit(2);
	}
}

// --- inputs ------------------------------------------------------------------------------------------
let report;
try {
	report = JSON.parse(readFileSync(opt.report, "utf8"));
} catch (e) {
	console.error(`summarize: cannot read the vitest report ${opt.report}: ${e.message}`);
	process.exit(2);
}
const requestLog = existsSync(opt.requests)
	? readFileSync(opt.requests, "utf8")
			.split("\n")
			.filter(Boolean)
			.map((l) => JSON.parse(l))
	: [];
const meta = opt.meta ? JSON.parse(opt.meta) : {};

function readList(file) {
	if (!file || !existsSync(file)) return [];
	return readFileSync(file, "utf8")
		.split("\n")
		.map((l) => l.replace(/#.*$/, "").trim())
		.filter(Boolean);
}
const expected = readList(opt.expected);
// needs-huggingface.txt: "TEST_ID<TAB>why" lines
const needsHf = new Map(
	readList(opt["needs-hf"]).map((l) => {
		const [id, why] = l.split("\t");
		return [id.trim(), (why ?? "").trim()];
	}),
);

const work = path.resolve(opt.work);
const rel = (f) => path.relative(work, f).split(path.sep).join("/");
const testId = (file, titles) => [file, ...titles].join(" > ");

// --- request log, keyed by test id -------------------------------------------------------------------
const requestsByTest = new Map();
const fileLevelRequests = new Map(); // requests made outside a test (beforeAll, module scope)
for (const rec of requestLog) {
	const file = rel(rec.file);
	if (!rec.titles || rec.titles.length === 0) {
		if (!fileLevelRequests.has(file)) fileLevelRequests.set(file, []);
		fileLevelRequests.get(file).push(...rec.requests);
	} else {
		requestsByTest.set(testId(file, rec.titles), rec.requests);
	}
}

// --- endpoint names ----------------------------------------------------------------------------------
const serverOrigin = meta.serverUrl ? new URL(meta.serverUrl).origin : "";
const REPO_TYPES = "models|datasets|spaces|buckets|kernels";

export function endpointOf(method, url) {
	let u;
	try {
		u = new URL(url);
	} catch {
		return `${method} ${url}`;
	}
	let p = decodeURIComponent(u.pathname);
	let m;
	if ((m = p.match(new RegExp(`^/api/(${REPO_TYPES})/[^/]+/[^/]+(?:/(.*))?$`)))) {
		const t = m[1] === "buckets" ? "buckets" : "{t}";
		const rest = m[2] ? m[2].split("/") : [];
		let tail = "";
		if (rest.length) {
			const op = rest[0];
			tail = `/${op}`;
			if (rest.length > 1) tail += op === "branch" ? "/{branch}" : op === "tag" ? "/{tag}" : "/{rev}";
			if (rest.length > 2) tail += "/{path}";
		}
		p = `/api/${t}/{id}${tail}`;
	} else if ((m = p.match(/^\/api\/repos\/(models|datasets|spaces)\/[^/]+\/[^/]+(\/.*)?$/))) {
		p = `/api/repos/{t}/{id}${m[2] ?? ""}`;
	} else if ((m = p.match(/^\/api\/collections\/.+$/))) {
		const parts = p.split("/").slice(3);
		// slug is namespace/title-id; anything after it is a sub-resource
		p = "/api/collections/{slug}" + (parts.length > 2 ? "/" + parts.slice(2).map((s, i) => (i % 2 ? "{id}" : s)).join("/") : "");
	} else if ((m = p.match(/^\/(?:(datasets|spaces|buckets)\/)?[^/]+\/[^/]+?(\.git)?\/(resolve|raw|blob|info|commit|tree)\/(.*)$/))) {
		// models have no type prefix, datasets and spaces do: one name for all three
		const prefix = m[1] === "buckets" ? "/buckets/" : "/[{t}/]";
		if (m[3] === "info") p = `${prefix}{id}${m[2] ?? ""}/info/${m[4]}`;
		else p = `${prefix}{id}/${m[3]}/{rev}/{path}`;
	}
	return `${method} ${p}`;
}

// answers that mean "hfhubd has no such route yet" (docs/endpoints.md, "What an unimplemented route answers")
function notBuilt(r) {
	if (r.errorCode === "MethodNotAllowed" || r.errorCode === "InvalidRepoType") return true;
	return r.status === 404 && r.errorCode === "NotFound" && /can't find the page/i.test(r.errorMessage ?? "");
}

function area(endpoint) {
	if (/xet/i.test(endpoint)) return "xet";
	if (/\/info\/lfs\//.test(endpoint)) return "git LFS";
	if (/\/api\/collections/.test(endpoint)) return "collections";
	if (/\/api\/buckets/.test(endpoint)) return "buckets";
	if (/openid|\/oauth\//.test(endpoint)) return "OAuth";
	if (/\/(resolve|raw|blob|tree|preupload|commit|commits|paths-info|branch|tag|refs|treesize|lfs-files)\b/.test(endpoint))
		return "repo content";
	return "other";
}

function firstLine(s) {
	return (s ?? "").split("\n")[0].slice(0, 300);
}

// --- classify ----------------------------------------------------------------------------------------
function classify(id, a, requests) {
	const problem = requests.find(
		(r) => r.blocked || r.error || (r.status !== undefined && r.status >= 400 && (!serverOrigin || r.url.startsWith(serverOrigin))),
	);
	const firstNotBuilt = requests.find((r) => r.status >= 400 && notBuilt(r));
	const out = { firstNotBuilt: firstNotBuilt ? endpointOf(firstNotBuilt.method, firstNotBuilt.url) : null };
	const msg = firstLine(a.failureMessages?.[0]);
	if (needsHf.has(id)) {
		out.class = "needs huggingface.co";
		out.detail = needsHf.get(id) || "the test reads from huggingface.co";
		if (out.firstNotBuilt) out.detail += `; before that it stops at ${out.firstNotBuilt} (not built)`;
		return out;
	}
	if (problem?.blocked) {
		const host = new URL(problem.url).host;
		out.class = /(^|\.)(huggingface\.co|hf\.co)$/.test(host) ? "needs huggingface.co" : `needs network (${host})`;
		out.detail = endpointOf(problem.method, problem.url) + ` on ${host}`;
		return out;
	}
	if (problem?.error) {
		out.class = "transport error";
		out.detail = `${endpointOf(problem.method, problem.url)}: ${problem.error}`;
		return out;
	}
	if (problem && notBuilt(problem)) {
		const ep = endpointOf(problem.method, problem.url);
		out.class = `endpoint not built (${area(ep)})`;
		out.endpoint = ep;
		out.detail = `${ep} -> ${problem.status} ${problem.errorCode ?? ""}`.trim();
		return out;
	}
	if (problem) {
		const ep = endpointOf(problem.method, problem.url);
		out.class = "server answer differs";
		out.endpoint = ep;
		out.detail = `${ep} -> ${problem.status} ${problem.errorCode ?? ""}${problem.errorMessage ? ` (${problem.errorMessage})` : ""}; test: ${msg}`;
		return out;
	}
	if (/timed out/i.test(msg)) {
		out.class = "timeout";
		out.detail = msg;
		return out;
	}
	out.class = "response differs (assertion)";
	out.detail = msg;
	return out;
}

// --- walk the report ---------------------------------------------------------------------------------
const files = [];
for (const f of report.testResults ?? []) {
	const file = rel(f.name);
	let source = "";
	try {
		source = readFileSync(f.name, "utf8");
	} catch {
		/* ignore */
	}
	const counted = /from\s+["'][./]*test\/consts["']/.test(source);
	const tests = [];
	for (const a of f.assertionResults ?? []) {
		// vitest 0.34 puts an empty title for the file first in ancestorTitles
		const id = testId(file, [...(a.ancestorTitles ?? []).filter(Boolean), a.title]);
		const requests = requestsByTest.get(id) ?? [];
		const status = a.status === "pending" || a.status === "todo" || a.status === "disabled" ? "skipped" : a.status;
		const t = { id, status, durationMs: Math.round(a.duration ?? 0) };
		if (status === "failed") {
			t.error = firstLine(a.failureMessages?.[0]);
			Object.assign(t, classify(id, a, requests));
		}
		t.requests = requests.map((r) => ({
			method: r.method,
			endpoint: endpointOf(r.method, r.url).replace(/^\S+ /, ""),
			url: r.url,
			...(r.status !== undefined ? { status: r.status } : {}),
			...(r.errorCode ? { errorCode: r.errorCode } : {}),
			...(r.blocked ? { blocked: true } : {}),
			...(r.error ? { error: r.error } : {}),
		}));
		tests.push(t);
	}
	const count = (s) => tests.filter((t) => t.status === s).length;
	const entry = {
		file,
		counted,
		total: tests.length,
		passed: count("passed"),
		failed: count("failed"),
		skipped: count("skipped"),
		fileError: f.message ? firstLine(f.message) : undefined,
		tests,
	};
	// one-line reason for the file
	const fileReqs = [...(fileLevelRequests.get(file) ?? []), ...tests.flatMap((t) => t.requests ?? [])];
	const touchedHf = fileReqs.some((r) => r.blocked && /huggingface\.co|hf\.co/.test(new URL(r.url).host));
	if (counted) {
		const classes = new Map();
		for (const t of tests.filter((t) => t.status === "failed")) {
			const key = t.class.startsWith("endpoint not built") ? `endpoint not built: ${t.endpoint}` : t.class;
			classes.set(key, (classes.get(key) ?? 0) + 1);
		}
		entry.reason = [...classes].map(([k, n]) => `${k} (${n})`).join("; ") || (entry.total ? "all pass" : "no tests");
	} else if (touchedHf) {
		entry.reason = "needs huggingface.co";
	} else if (entry.failed === 0 && entry.skipped === 0) {
		entry.reason = "offline unit test (no hub)";
	} else {
		const enoent = tests.find((t) => /ENOENT/.test(t.error ?? ""));
		entry.reason = enoent
			? `offline unit test; needs files the npm package does not ship (${enoent.error.replace(/^.*ENOENT: /, "")})`
			: `offline unit test; fails: ${tests.find((t) => t.error)?.error ?? entry.fileError ?? "a hook failed (see vitest.log)"}`;
	}
	files.push(entry);
}
files.sort((a, b) => a.file.localeCompare(b.file));

if (files.length === 0) {
	console.error("summarize: the vitest report lists no spec files");
	process.exit(2);
}

// --- totals, endpoint ranking, gate ------------------------------------------------------------------
const countedFiles = files.filter((f) => f.counted);
const sum = (list, k) => list.reduce((n, f) => n + f[k], 0);
const totals = {
	files: countedFiles.length,
	total: sum(countedFiles, "total"),
	passed: sum(countedFiles, "passed"),
	failed: sum(countedFiles, "failed"),
	skipped: sum(countedFiles, "skipped"),
};
const failing = countedFiles.flatMap((f) => f.tests.filter((t) => t.status === "failed"));
const byClass = {};
for (const t of failing) byClass[t.class] = (byClass[t.class] ?? 0) + 1;
// Which unbuilt endpoint stops each failing counted test first (tests that also need huggingface.co
// included: they need the endpoint too).
const endpointNeed = new Map();
for (const t of failing) {
	if (!t.firstNotBuilt) continue;
	const e = endpointNeed.get(t.firstNotBuilt) ?? { endpoint: t.firstNotBuilt, area: area(t.firstNotBuilt), tests: [] };
	e.tests.push(t.id);
	endpointNeed.set(t.firstNotBuilt, e);
}
const endpointsNeeded = [...endpointNeed.values()].sort((a, b) => b.tests.length - a.tests.length || a.endpoint.localeCompare(b.endpoint));

const statusById = new Map(files.flatMap((f) => f.tests.map((t) => [t.id, t.status])));
const gate = expected.map((id) => ({ id, status: statusById.get(id) ?? "missing" }));
const gateFailures = gate.filter((g) => g.status !== "passed");
const staleNeedsHf = [...needsHf.keys()].filter((id) => !statusById.has(id));

const result = {
	generatedAt: new Date().toISOString(),
	...meta,
	counted: totals,
	failuresByClass: byClass,
	endpointsNeeded,
	expectedPass: { listed: expected.length, failing: gateFailures },
	notCounted: files
		.filter((f) => !f.counted)
		.map(({ file, total, passed, failed, skipped, reason }) => ({ file, total, passed, failed, skipped, reason })),
	files,
};
writeFileSync(opt.out, JSON.stringify(result, null, 2) + "\n");

// --- text summary ------------------------------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const w = Math.max(...files.map((f) => f.file.length)) + 1;
const line = (f) => `  ${pad(f.file, w)} ${lpad(f.total, 4)} ${lpad(f.passed, 4)} ${lpad(f.failed, 4)} ${lpad(f.skipped, 4)}  ${f.reason}`;
const head = `  ${pad("spec file", w)} ${lpad("tot", 4)} ${lpad("pass", 4)} ${lpad("fail", 4)} ${lpad("skip", 4)}  reason`;
const out = [];
out.push("", `js-spec: specs that use the test hub (counted) against ${meta.serverUrl ?? "hfhubd"}`, head);
for (const f of countedFiles) out.push(line(f));
out.push(
	`  ${pad("TOTAL", w)} ${lpad(totals.total, 4)} ${lpad(totals.passed, 4)} ${lpad(totals.failed, 4)} ${lpad(totals.skipped, 4)}  (${totals.files} files)`,
);
out.push("", "js-spec: failing counted tests by reason class");
for (const [k, n] of Object.entries(byClass).sort((a, b) => b[1] - a[1])) out.push(`  ${lpad(n, 4)}  ${k}`);
out.push("", "js-spec: unbuilt endpoints that stop failing counted tests first (most-needed first)");
if (endpointsNeeded.length === 0) out.push("  (none)");
for (const e of endpointsNeeded) out.push(`  ${lpad(e.tests.length, 4)}  ${pad(e.endpoint, 52)} [${e.area}]`);
out.push("", "js-spec: not counted (no test hub constant; run for information only)", head);
for (const f of files.filter((f) => !f.counted)) out.push(line(f));
if (staleNeedsHf.length) out.push("", `js-spec: warning: needs-huggingface.txt names tests that no longer exist:`, ...staleNeedsHf.map((s) => `  ${s}`));
out.push("", `js-spec: expected-pass.txt: ${expected.length} listed, ${gateFailures.length} not passing`);
for (const g of gateFailures) out.push(`  ${g.status.toUpperCase()}: ${g.id}`);
out.push(`js-spec: details in ${opt.out}`);
out.push(`js-spec: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (counted tests)`);
console.log(out.join("\n"));

process.exit(gateFailures.length ? 1 : 0);
