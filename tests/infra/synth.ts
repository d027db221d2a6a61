/**
 * Synthesises the CDK app in-process without bundling the functions (`aws:cdk:bundling-stacks: []`) and
 * without the built-in CloudFormation schema check (CDK_VALIDATION=false), so assertions stay fast; cdk-nag
 * still runs. One real `cdk synth` with bundles is in cdk-synth.test.ts.
 */
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseConfig } from '../../functions/config.ts';
import { buildDigestApp } from '../../infra/digest-app.ts';

export interface Synthesised {
  data: Template;
  app: Template;
  cdkApp: App;
}

export function synthWithoutBundling(config: unknown): Synthesised {
  process.env.CDK_VALIDATION = 'false';
  const { app } = buildDigestApp({ config: parseConfig(config, 'test config'), context: { 'aws:cdk:bundling-stacks': [] } });
  const assembly = app.synth();
  return {
    data: Template.fromJSON(assembly.getStackByName('NewsDigestData').template as Record<string, unknown>),
    app: Template.fromJSON(assembly.getStackByName('NewsDigestApp').template as Record<string, unknown>),
    cdkApp: app,
  };
}

/** A template with asset hashes and CDK metadata taken out, so the snapshot shows only what matters. */
export function normalised(template: Template): unknown {
  const json = JSON.stringify(template.toJSON(), (key, value: unknown) => (key === 'Metadata' ? undefined : value));
  return JSON.parse(json.replace(/[0-9a-f]{64}/g, '<asset-hash>'));
}

export type PolicyStatement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every statement of the identity policies attached to the role whose logical id starts with `rolePrefix`. */
export function statementsOfRole(template: Template, rolePrefix: string): PolicyStatement[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<string, { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: PolicyStatement[] } } }>;
  return Object.values(policies)
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref.startsWith(rolePrefix)))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

export const actionsOf = (statement: PolicyStatement): string[] => [statement.Action].flat();
