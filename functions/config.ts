/**
 * The one typed, validated config. `digest.config.json` is optional: every field has a default,
 * so a fresh clone runs on the bundled example. On AWS the same JSON arrives in an env var.
 */
import { readFileSync } from 'node:fs';
import * as z from './zod.ts';
import { InputError } from './core/errors.ts';

/** Env-var names shared by infra (which sets them) and the runtime (which reads them). */
export const ENV = {
  /** The digest config as JSON (on Lambda). */
  config: 'DIGEST_CONFIG',
  /** The archive bucket: issue pages, index, feed, and the `inbox/` prefix users drop articles into. */
  archiveBucket: 'ARCHIVE_BUCKET',
  /** DynamoDB table of subscribers, keyed by normalised address. */
  subscribersTable: 'SUBSCRIBERS_TABLE',
  /** DynamoDB table of the send ledger, keyed by (issue, address). */
  ledgerTable: 'LEDGER_TABLE',
  /** DynamoDB table of article ids already digested. */
  seenTable: 'SEEN_TABLE',
  /** ARN of the Secrets Manager secret holding the token-signing key. */
  tokenSecretArn: 'TOKEN_SECRET_ARN',
  /** SES configuration set every mail is sent with (bounce and complaint events). */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
} as const;

/** Where things live in the archive bucket (infra scopes CloudFront and IAM to these; adapters use them). */
export const BUCKET_LAYOUT = {
  /** The published site: issue pages, index, feed. CloudFront serves only this prefix. */
  site: 'site/',
  /** Articles a user drops in for the next digest. */
  inbox: 'inbox/',
  /** Inbox files a run has digested, under their run date. */
  processed: 'processed/',
} as const;

/** Reads a required env var; a missing one stops the cold start with its name. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new InputError(`${name}: environment variable is missing`);
  return value;
}

const httpUrl = z.pipe(
  z.string().check(
    z.url(),
    z.refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL'),
  ),
  z.transform((value: string) => (value.endsWith('/') ? value : `${value}/`)),
);

/** Key sentences per article, unless the config says otherwise. */
export const DEFAULT_SENTENCES = 4;

export const ConfigSchema = z.strictObject({
  /** Name of the digest: page titles, mail subject, List-Id. */
  title: z._default(z.string().check(z.trim(), z.minLength(1), z.maxLength(120)), 'News Digest'),
  /** The sender address (verified in SES when deployed). */
  sender: z._default(z.string().check(z.trim(), z.email()), 'digest@example.com'),
  /** Where the archive is published; mail links point here. Locally `digest serve` listens on it. */
  siteUrl: z._default(httpUrl, 'http://127.0.0.1:8080/'),
  /** RSS/Atom feed URLs, article URLs, files and folders. Empty: the bundled examples. */
  sources: z._default(z.array(z.string().check(z.trim(), z.minLength(1))), []),
  /** Key sentences per article. */
  sentences: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(20)), DEFAULT_SENTENCES),
  /** A folder of the user's own mustache templates; a template missing there falls back to the bundled one. */
  templates: z.optional(z.string().check(z.trim(), z.minLength(1))),
  /** When the scheduled digest runs on AWS (EventBridge Scheduler). */
  schedule: z._default(
    z.strictObject({
      /** A Scheduler `cron(...)` or `rate(...)` expression, in `timeZone`. */
      expression: z._default(
        z.string().check(z.trim(), z.regex(/^(cron|rate)\(.+\)$/, 'must be a cron(...) or rate(...) expression')),
        'cron(0 7 * * ? *)',
      ),
      /** IANA time zone the expression is read in, so 07:00 stays 07:00 across daylight saving. */
      timeZone: z._default(
        z.string().check(z.trim(), z.refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')),
        'Europe/Berlin',
      ),
    }),
    { expression: 'cron(0 7 * * ? *)', timeZone: 'Europe/Berlin' },
  ),
  /** SES messages per second. Absent: the account's maximum send rate from GetSendQuota. */
  sendRate: z.optional(z.number().check(z.positive(), z.maximum(1000))),
  /** Who is mailed when a scheduled run fails for good (the dead-letter alarm). Absent: the alarm only shows in CloudWatch. */
  alertEmail: z.optional(z.string().check(z.trim(), z.email())),
});

export type DigestConfig = z.infer<typeof ConfigSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

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
