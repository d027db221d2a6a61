/**
 * Golden files for the templates, as mustache.js keeps its spec cases: each folder under
 * cases/ holds case.json ({ template, view }) and the expected output. A template change that
 * alters output fails here until the expected file is regenerated on purpose:
 *   UPDATE_GOLDEN=1 npx vitest run tests/golden
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../functions/adapters/templates.ts';
import { render, type TemplateName } from '../../functions/core/digest/render.ts';

const casesDir = join(import.meta.dirname, 'cases');
const templates = await loadTemplates();

describe('templates render their golden output', () => {
  for (const name of readdirSync(casesDir).sort()) {
    it(`${name}`, () => {
      const { template, view } = JSON.parse(readFileSync(join(casesDir, name, 'case.json'), 'utf8')) as { template: TemplateName; view: object };
      const expectedPath = join(casesDir, name, `expected.${template.split('.').pop()}`);
      const actual = render(templates, template, view);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, actual);
      expect(existsSync(expectedPath), `${expectedPath} is missing (UPDATE_GOLDEN=1 writes it)`).toBe(true);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
