import { defineConfig } from 'vitest/config';

// The eval helpers' tests live outside the main suite's include patterns; run them with
// `npx vitest run --config scripts/eval/vitest.config.ts`.
export default defineConfig({
  test: { include: ['scripts/eval/**/*.test.ts'], root: new URL('../..', import.meta.url).pathname },
});
