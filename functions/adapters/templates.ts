import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/errors.ts';
import { TEMPLATE_NAMES, type TemplateName, type Templates } from '../core/digest/render.ts';

/** The templates shipped with the project (copied next to the bundle on Lambda: DIGEST_TEMPLATES_DIR). */
export const BUNDLED_TEMPLATES_DIR = process.env.DIGEST_TEMPLATES_DIR ?? fileURLToPath(new URL('../../templates/', import.meta.url));

/** Loads the bundled templates, each replaced by the user's file of the same name when `userDir` has one. */
export async function loadTemplates(userDir?: string): Promise<Templates> {
  const entries = await Promise.all(
    TEMPLATE_NAMES.map(async (name): Promise<[TemplateName, string]> => {
      if (userDir) {
        try {
          return [name, await readFile(join(userDir, name), 'utf8')];
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            throw new InputError(`${join(userDir, name)}: cannot read template`, { cause: error });
          }
        }
      }
      return [name, await readFile(join(BUNDLED_TEMPLATES_DIR, name), 'utf8')];
    }),
  );
  return Object.fromEntries(entries) as Templates;
}
