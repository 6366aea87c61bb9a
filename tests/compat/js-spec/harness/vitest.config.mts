// Vitest config for the copied @huggingface/hub sources (run.sh passes --root WORK_DIR).
// Like the package's own vitest.config.mts, with a shorter default test timeout (30 s instead of
// 60 s: the server is local) and the fetch guard.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const include = (process.env.HFHUB_JS_SPEC_INCLUDE ?? "src/**/*.spec.ts")
	.split(",")
	.map((s) => s.trim())
	.filter(Boolean);

export default defineConfig({
	test: {
		include,
		testTimeout: Number(process.env.HFHUB_JS_SPEC_TEST_TIMEOUT_MS ?? 30_000),
		hookTimeout: 30_000,
		setupFiles: [fileURLToPath(new URL("./fetch-guard.ts", import.meta.url))],
		// vitest 0.34 options (the version the huggingface.js monorepo pins); two worker threads by
		// default: the build machines have two cores, and hfhubd shares them
		threads: true,
		maxThreads: Number(process.env.HFHUB_JS_SPEC_WORKERS ?? 2),
		minThreads: 1,
		watch: false,
	},
});
