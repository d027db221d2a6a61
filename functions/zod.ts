/**
 * The one zod import: `zod/mini`, the tree-shakable functional API (the classic chained API pulls all of
 * zod, about 440 KB, into every bundle). zod/mini loads no messages of its own, so the English ones are
 * set here, once: the default messages ("Invalid ISO datetime", …) stay what they were.
 * Import it as a namespace (`import * as z from './zod.ts'`) and only read its members, so esbuild keeps
 * only what is used.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
