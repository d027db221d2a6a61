/** Builds the CDK app from a validated digest config; `app.ts` runs it, the infra tests build it too. */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync } from 'node:fs';
import { loadConfigFile, parseConfig, type DigestConfig } from '../functions/config.ts';
import { AppStack } from './stacks/app-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

export interface DigestAppOptions {
  /** @default the file named by the `config` context value, else ./digest.config.json, else the defaults */
  readonly config?: DigestConfig;
  /** Extra context (the unit tests skip bundling with `aws:cdk:bundling-stacks: []`). */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
}

export interface DigestApp {
  readonly app: App;
  readonly data: DataStack;
  readonly stack: AppStack;
}

export function buildDigestApp(options: DigestAppOptions = {}): DigestApp {
  const app = new App({
    context: {
      // Explicitly today's behaviour: the data stack's exports cannot be removed while the app stack uses them.
      '@aws-cdk/core:defaultCrossStackReferences': 'strong',
      ...options.context,
    },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const config = options.config ?? configFor(app);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new DataStack(app, 'NewsDigestData', {
    env,
    config,
    description: 'News digest: archive bucket, tables, SES identity, token key (all retained on deletion)',
  });
  const stack = new AppStack(app, 'NewsDigestApp', {
    env,
    config,
    data,
    description: 'News digest: functions, schedule, subscription API, CloudFront',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, stack };
}

/** Every cdk-nag acknowledgement in the app: rule id, where, and why. */
export function acknowledgements(app: App): { id: string; path: string; reason: string }[] {
  const found: { id: string; path: string; reason: string }[] = [];
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== 'aws:cdk:acknowledged-rules' || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ id, path: construct.node.path, reason });
      }
    }
  }
  return found;
}

function configFor(app: App): DigestConfig {
  const named = app.node.tryGetContext('config') as string | undefined;
  if (named) return loadConfigFile(named);
  return existsSync('digest.config.json') ? loadConfigFile('digest.config.json') : parseConfig({}, 'defaults');
}
