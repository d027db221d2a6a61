import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 finding for one wildcard resource (`arn + suffix`), with a reason.
 * cdk-nag names the finding after the resolved ARN (a logical id, or an export name for a cross-stack
 * reference), which only exists once the app is prepared; so the acknowledgement is made then, in a
 * validation hook, from the same rendering cdk-nag uses. Each call acknowledges exactly one finding.
 */
export function acknowledgeWildcardResource(scope: IConstruct, arn: string, suffix: string, reason: string): void {
  scope.node.addValidation({
    validate: () => {
      const rendered = flattenCfnReference(Stack.of(scope).resolve(arn));
      Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${rendered}${suffix}]`, reason });
      return [];
    },
  });
}
