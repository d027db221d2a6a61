#!/usr/bin/env node
// The npm `bin` entry: runs the TypeScript CLI through tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../functions/cli/main.ts');
