/**
 * The one real synthesis: `npx cdk synth` as a user runs it, offline, with the functions bundled by
 * esbuild, the built-in CloudFormation checks and cdk-nag. The bundles are built once here, for the whole run.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config.ts';
import { TEMPLATE_NAMES } from '../../functions/core/digest/render.ts';
import { MODEL_FILE_NAME } from '../../functions/core/facts/ner/load.ts';
import { PROJECT_ROOT } from '../../infra/constructs/digest-function.ts';

const run = promisify(execFile);
const outdir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
let stderr = '';
type Resource = { Type: string; Properties: Record<string, unknown> };
let appTemplate: { Resources: Record<string, Resource> };

/** The asset folder of the function whose logical id starts with `prefix`. */
function bundleOf(prefix: string): string {
  const [, fn] = Object.entries(appTemplate.Resources).find(([id, r]) => id.startsWith(prefix) && r.Type === 'AWS::Lambda::Function') ?? [];
  const key = (fn?.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
  return join(outdir, `asset.${key}`);
}

beforeAll(async () => {
  const env = { ...process.env };
  delete env.CDK_VALIDATION;
  // The defaults, whatever digest.config.json a developer keeps in the working copy.
  const config = join(outdir, 'defaults.config.json');
  writeFileSync(config, '{}\n');
  ({ stderr } = await run('npx', ['cdk', 'synth', '--quiet', '--output', outdir, '--context', `config=${config}`], {
    env,
    maxBuffer: 16 * 1024 * 1024,
  }));
  appTemplate = JSON.parse(readFileSync(join(outdir, 'NewsDigestApp.template.json'), 'utf8')) as typeof appTemplate;
}, 300_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('npx cdk synth', () => {
  it('synthesises both stacks with no validation finding and no warning', () => {
    expect(existsSync(join(outdir, 'NewsDigestData.template.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { pluginName: string; violations: unknown[] }[] };
    expect(report.pluginReports.flatMap((p) => p.violations)).toEqual([]);
    expect(stderr).not.toMatch(/WARNING|\[Warning|Error/);
  });

  it('schedules the digest at 07:00 Europe/Berlin with the default config', () => {
    const schedule = Object.values(appTemplate.Resources).find((r) => r.Type === 'AWS::Scheduler::Schedule');
    expect(schedule?.Properties).toMatchObject({ ScheduleExpression: 'cron(0 7 * * ? *)', ScheduleExpressionTimezone: 'Europe/Berlin' });
  });

  it('bundles each function minified into one ES module with the AWS SDK inside, and the templates and tagger model beside the digest', () => {
    for (const prefix of ['DigestFunction', 'SubscriptionHandlerFunction', 'SesFeedbackFunction']) {
      const code = readFileSync(join(bundleOf(prefix), 'index.mjs'), 'utf8');
      // An external SDK would show up as an import of "@aws-sdk/..." (a require of it only appears inside an error message).
      expect(code.match(/\bfrom\s*"@aws-sdk\/[^"]*"|\bimport\s*\(\s*"@aws-sdk\/[^"]*"/)?.[0], prefix).toBeUndefined();
      // Minified: no indented source lines left (the few newlines are inside string literals).
      expect(code.split('\n').filter((line) => /^ {4}\S/.test(line)).length, prefix).toBeLessThan(20);
    }
    const digest = bundleOf('DigestFunction');
    expect(readFileSync(join(digest, 'index.mjs'), 'utf8')).toContain('SendRawEmail');
    expect(readdirSync(join(digest, 'templates')).sort()).toEqual(expect.arrayContaining([...TEMPLATE_NAMES]));
    // The tagger reads its model from beside the bundle; without it the first article fails with ENOENT.
    const shipped = readFileSync(join(PROJECT_ROOT, 'functions', 'core', 'facts', 'ner', MODEL_FILE_NAME));
    expect(readFileSync(join(digest, MODEL_FILE_NAME)).equals(shipped)).toBe(true);
    expect(statSync(join(digest, 'index.mjs')).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('produces a digest bundle that loads in a bare Node.js process and exports the handler', async () => {
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-central-1',
      [ENV.archiveBucket]: 'bucket',
      [ENV.subscribersTable]: 'subscribers',
      [ENV.ledgerTable]: 'ledger',
      [ENV.seenTable]: 'seen',
      [ENV.tokenSecretArn]: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:key',
      [ENV.sesConfigurationSet]: 'events',
      DIGEST_TEMPLATES_DIR: join(bundleOf('DigestFunction'), 'templates'),
    };
    const script = `const m = await import(${JSON.stringify(join(bundleOf('DigestFunction'), 'index.mjs'))}); console.log(typeof m.handler);`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env });
    expect(stdout.trim()).toBe('function');

    // The subscription API and the SES feedback handler (issue 5) load the same way.
    for (const prefix of ['SubscriptionHandlerFunction', 'SesFeedbackFunction']) {
      const load = `const m = await import(${JSON.stringify(join(bundleOf(prefix), 'index.mjs'))}); console.log(typeof m.handler);`;
      expect((await run(process.execPath, ['--input-type=module', '-e', load], { env: { ...env, DIGEST_TEMPLATES_DIR: join(bundleOf(prefix), 'templates') } })).stdout.trim(), prefix).toBe('function');
    }

    // Not bound to its table (say): the cold start fails and names what is missing.
    const unbound = { ...env, [ENV.seenTable]: '' };
    await expect(run(process.execPath, ['--input-type=module', '-e', script], { env: unbound })).rejects.toThrow(
      `environment variables missing: ${ENV.seenTable}`,
    );
  });
});
