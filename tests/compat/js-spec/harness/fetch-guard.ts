// Vitest setup file (not a spec): runs in every test worker before the spec files.
//
// 1. Keeps the run off the network: global fetch may reach only the hfhubd under test
//    (HFHUB_JS_SPEC_URL). Any other http(s) request fails at once with an error naming the host, so a
//    test that needs huggingface.co fails fast and says so instead of hanging or passing by luck.
//    HFHUB_JS_SPEC_ALLOW_NETWORK=1 switches the guard off (requests are still logged).
// 2. Logs every request a test makes (method, URL, status) to HFHUB_JS_SPEC_LOG (JSON lines), one
//    record per test. summarize.mjs uses it to name the endpoint a failing test needed.
import { appendFileSync } from "node:fs";
import { afterEach, beforeAll, beforeEach } from "vitest";

type Req = {
	method: string;
	url: string;
	status?: number;
	errorCode?: string; // X-Error-Code of an error answer
	errorMessage?: string; // X-Error-Message of an error answer
	blocked?: boolean;
	error?: string; // transport error
};

const serverUrl = process.env.HFHUB_JS_SPEC_URL ?? "";
const serverOrigin = serverUrl ? new URL(serverUrl).origin : "";
const logFile = process.env.HFHUB_JS_SPEC_LOG ?? "";
const allowNetwork = process.env.HFHUB_JS_SPEC_ALLOW_NETWORK === "1";

let current: Req[] | null = null; // the running test's requests
let currentFile = ""; // the spec file of this worker (set by the beforeAll below)
const realFetch = globalThis.fetch.bind(globalThis);

function describeInput(input: RequestInfo | URL, init?: RequestInit): { method: string; url: string } {
	if (input instanceof Request) return { method: init?.method ?? input.method, url: input.url };
	return { method: (init?.method ?? "GET").toUpperCase(), url: input instanceof URL ? input.href : String(input) };
}

globalThis.fetch = async function guardedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
	const { method, url } = describeInput(input, init);
	let origin = "";
	let protocol = "";
	try {
		const u = new URL(url);
		origin = u.origin;
		protocol = u.protocol;
	} catch {
		// relative or malformed: let fetch itself complain
	}
	const record: Req = { method, url };
	// outside a test (module scope, beforeAll): logged on its own, against the spec file
	const outsideTest = current === null;
	current?.push(record);
	try {
		if (!allowNetwork && (protocol === "http:" || protocol === "https:") && origin !== serverOrigin) {
			record.blocked = true;
			throw new TypeError(
				`hfhub-js-spec: blocked network request to ${origin} (${method} ${url}); only ${serverOrigin} is reachable`,
			);
		}
		try {
			const res = await realFetch(input, init);
			record.status = res.status;
			if (res.status >= 400) {
				record.errorCode = res.headers.get("X-Error-Code") ?? undefined;
				record.errorMessage = res.headers.get("X-Error-Message") ?? undefined;
			}
			return res;
		} catch (err) {
			record.error = String((err as Error)?.message ?? err);
			throw err;
		}
	} finally {
		if (outsideTest) log(currentFile, [], [record]);
	}
} as typeof fetch;

function log(file: string, titles: string[], requests: Req[]): void {
	if (logFile) appendFileSync(logFile, JSON.stringify({ file, titles, requests }) + "\n");
}

type TaskLike = { name: string; type?: string; suite?: TaskLike; file?: { filepath?: string }; filepath?: string };

function titles(task: TaskLike): string[] {
	const out: string[] = [];
	for (let t: TaskLike | undefined = task; t; t = t.suite) {
		if (t.filepath !== undefined) break; // the file task
		if (t.name) out.unshift(t.name);
	}
	return out;
}

// Registered before the spec's own hooks, so it runs first; vitest passes the file task.
beforeAll((suite) => {
	currentFile = (suite as unknown as { filepath?: string }).filepath ?? "";
});

beforeEach(() => {
	current = [];
});

afterEach((ctx) => {
	const task = ctx.task as unknown as TaskLike;
	log(task.file?.filepath ?? "", titles(task), current ?? []);
	current = null;
});
