#!/usr/bin/env node
// The npm `bin` entry. It runs the TypeScript CLI from one esbuild bundle of functions/, rebuilt here
// whenever a source file is newer than it: starting through tsx's loader took 0.7 s and 100 MB before
// any work, the bundle a fraction of both. Should the bundle fail to build, tsx runs the sources.
import { buildCli } from './build-cli.mjs';

const bundle = await buildCli().catch((error) => {
  if (process.env.DIGEST_DEBUG) console.error('digest: running through tsx, the CLI bundle failed to build:', error);
  return undefined;
});
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../functions/cli/main.ts');
}
