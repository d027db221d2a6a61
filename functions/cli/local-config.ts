import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfigFile, parseConfig, type DigestConfig } from '../config.ts';

/** Looked for in the working folder when no --config is given. */
export const DEFAULT_CONFIG_FILE = 'digest.config.json';
/** The bundled example article(s) a run takes when neither the command line nor the config names sources. */
export const BUNDLED_EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

export function resolveConfig(configPath: string | undefined): { config: DigestConfig; origin: string } {
  if (configPath !== undefined) return { config: loadConfigFile(configPath), origin: configPath };
  if (existsSync(DEFAULT_CONFIG_FILE)) return { config: loadConfigFile(DEFAULT_CONFIG_FILE), origin: DEFAULT_CONFIG_FILE };
  return { config: parseConfig({}, 'defaults'), origin: 'built-in defaults' };
}
