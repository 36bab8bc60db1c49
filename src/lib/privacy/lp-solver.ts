// The linear-programming solver of the disclosure audit: HiGHS compiled to WebAssembly, loaded once per
// process. The binary is read from the package by path, so the module also works where a bundler has
// moved this file away from node_modules (Astro's prerendering).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import highsLoader, { type Highs } from 'highs';

const wasmBinary = readFileSync(createRequire(import.meta.url).resolve('highs/runtime'));

export const highs: Highs = await highsLoader({ wasmBinary });
