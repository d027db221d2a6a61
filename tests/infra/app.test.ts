import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config.ts';
import { actionsOf, normalised, statementsOfRole, synthWithoutBundling, type Synthesised } from './synth.ts';

const CONFIG = {
  title: 'Morning Brief',
  sender: 'brief@news.example.org',
  siteUrl: 'https://news.example.org/',
  schedule: { expression: 'cron(30 6 ? * MON-FRI *)', timeZone: 'America/New_York' },
  sendRate: 10,
  alertEmail: 'owner@example.org',
};

let synthesised: Synthesised;
let data: Template;
let app: Template;

beforeAll(() => {
  synthesised = synthWithoutBundling(CONFIG);
  ({ data, app } = synthesised);
}, 120_000);

const exportName = (logicalIdPrefix: string) => `^NewsDigestData:ExportsOutput(FnGetAtt|Ref)${logicalIdPrefix}`;
/** A value imported from the data stack, for CDK's template matchers. */
const importOf = (logicalIdPrefix: string) => ({ 'Fn::ImportValue': Match.stringLikeRegexp(exportName(logicalIdPrefix)) });
/** The same, for vitest's own comparisons. */
const imported = (logicalIdPrefix: string) => ({ 'Fn::ImportValue': expect.stringMatching(new RegExp(exportName(logicalIdPrefix))) });

describe('the schedule', () => {
  it('runs the digest function on the configured cron expression, in the configured time zone', () => {
    app.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 6 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'America/New_York',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestFunction'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailedRunsQueue'), 'Arn'] } },
        Input: JSON.stringify({ source: 'news-digest.schedule', scheduledAt: '<aws.scheduler.scheduled-time>' }),
      },
    });
  });

  it('lands a run that fails after its retries in the dead-letter queue, which raises an alarm that mails the owner', () => {
    app.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^DigestFunction') },
      MaximumRetryAttempts: 2,
    });
    app.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailedRunsQueue'), 'Arn'] } },
    });
    app.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailedRunsQueue'), 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^FailedRunsAlarmTopic') }],
    });
    app.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@example.org' });
  });
});

describe('the functions', () => {
  it('all run Node.js 24 on arm64 with their own log group', () => {
    const functions = Object.values(app.findResources('AWS::Lambda::Function')) as { Properties: Record<string, unknown> }[];
    expect(functions).toHaveLength(3);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], LoggingConfig: { LogGroup: expect.anything() } });
    }
    app.resourceCountIs('AWS::Logs::LogGroup', 4);
    app.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('get the validated config and the names of what they were bound to, and nothing else', () => {
    app.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^The scheduled digest run'),
      MemorySize: 1024,
      Timeout: 900,
      Environment: {
        Variables: {
          [ENV.config]: Match.serializedJson(Match.objectLike({ sender: 'brief@news.example.org', sendRate: 10, schedule: CONFIG.schedule })),
          [ENV.archiveBucket]: importOf('ArchiveBucket'),
          [ENV.subscribersTable]: importOf('TablesSubscribers'),
          [ENV.ledgerTable]: importOf('TablesLedger'),
          [ENV.seenTable]: importOf('TablesSeen'),
          [ENV.tokenSecretArn]: importOf('TokenKeySecret'),
          [ENV.sesConfigurationSet]: importOf('MailConfigurationSet'),
          DIGEST_TEMPLATES_DIR: '/var/task/templates',
        },
      },
    });
  });

  it('use no AWS managed policy and no wildcard action', () => {
    for (const role of Object.values(app.findResources('AWS::IAM::Role')) as { Properties: Record<string, unknown> }[]) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    for (const prefix of ['DigestRole', 'SubscriptionHandlerRole', 'SesFeedbackRole', 'DailyRole']) {
      const statements = statementsOfRole(app, prefix);
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.flatMap(actionsOf).filter((action) => action.includes('*'))).toEqual([]);
    }
  });

  it('scope the digest function to the site, inbox and processed prefixes of the archive bucket, its tables, the key and the sender', () => {
    const statements = statementsOfRole(app, 'DigestRole');
    const resourcesFor = (action: string) => statements.filter((s) => actionsOf(s).includes(action)).map((s) => s.Resource);
    const objects = (prefix: string) => ({ 'Fn::Join': ['', [imported('ArchiveBucket'), `/${prefix}*`]] });

    expect(resourcesFor('s3:PutObject')).toEqual([objects('site/'), objects('processed/')]);
    expect(resourcesFor('s3:GetObject')).toEqual([objects('site/'), objects('inbox/')]);
    expect(resourcesFor('s3:DeleteObject')).toEqual([objects('inbox/')]);
    // Listing, unconditioned, so a missing key reads as "not there" rather than "forbidden".
    expect(statements.filter((s) => actionsOf(s).includes('s3:ListBucket'))).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: imported('ArchiveBucket') },
    ]);
    expect(resourcesFor('dynamodb:PutItem')).toEqual([imported('TablesLedger'), imported('TablesSeen')]);
    expect(resourcesFor('dynamodb:Scan')).toEqual([imported('TablesSubscribers'), imported('TablesLedger'), imported('TablesSeen')]);
    expect(resourcesFor('secretsmanager:GetSecretValue')).toEqual([imported('TokenKeySecret')]);
    // Sends only as the configured sender, with the configuration set.
    expect(statements.filter((s) => actionsOf(s).includes('ses:SendRawEmail'))).toEqual([
      {
        Effect: 'Allow',
        Action: 'ses:SendRawEmail',
        Resource: [
          { 'Fn::Join': ['', expect.arrayContaining([':identity/*'])] },
          { 'Fn::Join': ['', expect.arrayContaining([':configuration-set/', imported('MailConfigurationSet')])] },
        ],
        Condition: { StringEquals: { 'ses:FromAddress': 'brief@news.example.org' } },
      },
    ]);
    // The only '*' resource: GetSendQuota has no resource-level permissions.
    expect(statements.filter((s) => s.Resource === '*').flatMap(actionsOf)).toEqual(['ses:GetSendQuota']);
    // The subscription API only reads the site and never writes the ledger or the seen set.
    const api = statementsOfRole(app, 'SubscriptionHandlerRole');
    expect(api.filter((s) => actionsOf(s).includes('s3:PutObject'))).toEqual([]);
    expect(JSON.stringify(api)).not.toMatch(/TablesLedger|TablesSeen/);
  });
});

describe('the data stack', () => {
  it('keeps the archive bucket private, encrypted, TLS-only, versioned, access-logged and retained', () => {
    data.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^ArchiveLogs') }, LogFilePrefix: 's3/' },
      }),
    });
    data.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: Match.stringLikeRegexp('^ArchiveBucket') },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('lets only CloudFront read the bucket, and only its site/ prefix', () => {
    const policy = Object.values(data.findResources('AWS::S3::BucketPolicy')).find((p) =>
      JSON.stringify(p).includes('CloudFrontReadsSite'),
    ) as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } };
    const allows = policy.Properties.PolicyDocument.Statement.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^ArchiveBucket/), 'Arn'] }, '/site/*']] },
      }),
    ]);
  });

  it('keeps subscribers, ledger and seen set on demand, with point-in-time recovery, retained', () => {
    const tables = data.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(3);
    for (const table of Object.values(tables) as { DeletionPolicy: string; Properties: Record<string, unknown> }[]) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    }
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'issue', KeyType: 'HASH' },
        { AttributeName: 'email', KeyType: 'RANGE' },
      ],
    });
  });

  it("verifies the sender's domain with Easy DKIM and sends bounces and complaints to the feedback function", () => {
    // Easy DKIM is SES's default: signing on (no DkimAttributes to turn it off) and no BYO signing key.
    data.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'news.example.org',
      DkimAttributes: Match.absent(),
      DkimSigningAttributes: Match.absent(),
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('^MailConfigurationSet') } },
    });
    expect(Object.keys(data.findOutputs('*')).filter((id) => id.startsWith('MailDkimRecord'))).toHaveLength(3);
    data.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^MailFeedback') } },
      },
    });
    app.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: importOf('MailFeedback'),
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SesFeedbackFunction'), 'Arn'] },
    });
  });

  it('keeps the generated token key in Secrets Manager, retained', () => {
    data.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } }),
    });
  });
});

describe('tearing down', () => {
  it('leaves nothing of the app stack behind: log groups and the alarm key go with it', () => {
    for (const type of ['AWS::Logs::LogGroup', 'AWS::KMS::Key', 'AWS::SQS::Queue']) {
      for (const resource of Object.values(app.findResources(type)) as { DeletionPolicy?: string }[]) {
        expect(resource.DeletionPolicy, type).toBe('Delete');
      }
    }
  });
});

describe('CloudFront', () => {
  it('serves the site prefix through origin access control and sends /api/* uncached to the HTTP API', () => {
    app.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    app.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: Match.arrayWith([
          Match.objectLike({ OriginPath: '/site', OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } }),
        ]),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            ViewerProtocolPolicy: 'https-only',
          }),
        ],
      }),
    });
    app.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /api/{proxy+}' });
    app.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: Match.arrayWith(['Content-Type', 'CloudFront-Viewer-Address']) },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
      }),
    });
    // Security headers fill in what an origin left out, and never replace what the API pages set.
    app.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: false },
          ContentTypeOptions: { Override: false },
          FrameOptions: { FrameOption: 'DENY', Override: false },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: false },
        },
      }),
    });
    app.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });
});

describe('the synthesised app', () => {
  it('matches the reviewed snapshot (asset hashes normalised)', () => {
    expect({ data: normalised(data), app: normalised(app) }).toMatchSnapshot();
  });
});
