/**
 * The one typed, validated config. `digest.config.json` is optional: every field has a default,
 * so a fresh clone runs on the bundled example. On AWS the same JSON arrives in an env var.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from './core/errors.ts';

/** Env-var names shared by infra (which sets them) and the runtime (which reads them). */
export const ENV = {
  /** The digest config as JSON (on Lambda). */
  config: 'DIGEST_CONFIG',
} as const;

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL')
  .transform((value) => (value.endsWith('/') ? value : `${value}/`));

export const ConfigSchema = z
  .object({
    /** Name of the digest: page titles, mail subject, List-Id. */
    title: z.string().trim().min(1).max(120).default('News Digest'),
    /** The sender address (verified in SES when deployed). */
    sender: z.string().trim().email().default('digest@example.com'),
    /** Where the archive is published; mail links point here. Locally `digest serve` listens on it. */
    siteUrl: httpUrl.default('http://127.0.0.1:8080/'),
    /** RSS/Atom feed URLs, article URLs, files and folders. Empty: the bundled examples. */
    sources: z.array(z.string().trim().min(1)).default([]),
    /** Key sentences per article. */
    sentences: z.number().int().min(1).max(20).default(4),
    /** A folder of the user's own mustache templates; a template missing there falls back to the bundled one. */
    templates: z.string().trim().min(1).optional(),
  })
  .strict();

export type DigestConfig = z.infer<typeof ConfigSchema>;

/** Validates config data; a bad field names itself in the error. */
export function parseConfig(data: unknown, origin: string): DigestConfig {
  const result = ConfigSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  throw new InputError(`${origin}: field "${field}": ${issue?.message ?? 'invalid'}`);
}

/** Reads and validates a config file. */
export function loadConfigFile(path: string): DigestConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read config (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return parseConfig(data, path);
}

/** The config from the environment (Lambda); throws at cold start when it is malformed. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DigestConfig {
  const raw = env[ENV.config];
  if (raw === undefined || raw === '') return parseConfig({}, ENV.config);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new InputError(`${ENV.config}: not valid JSON`, { cause: error });
  }
  return parseConfig(data, ENV.config);
}
