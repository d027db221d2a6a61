import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { acknowledgeWildcardResource } from './nag.ts';
import { BUCKET_LAYOUT, ENV, type DigestConfig } from '../../functions/config.ts';
import { MODEL_FILE_NAME } from '../../functions/core/facts/ner/load.ts';

/** The repository root: entries, the lock file and templates/ are found from here. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The entity tagger's model in the repository. */
const NER_MODEL_IN_REPO = `functions/core/facts/ner/${MODEL_FILE_NAME}`;

/** Where the bundled templates land inside the function package. */
const TEMPLATES_IN_PACKAGE = '/var/task/templates';

// CommonJS dependencies (nodemailer, mustache) still call require() inside an ES module bundle.
const REQUIRE_BANNER = "import { createRequire as __digestRequire } from 'node:module'; const require = __digestRequire(import.meta.url);";

/**
 * esbuild again over the entry, with code splitting: what a handler only `import()`s when it needs it (the
 * HTML stack, the feed parser, the fact extractor, nodemailer, the SDK's rarely used credential providers)
 * goes to chunk files and is neither read nor compiled at cold start. The chunks sit beside `index.mjs`, not
 * in a folder: code that finds files from its own `import.meta.url` (the tagger's model) must see the same
 * directory in whichever chunk it lands. NodejsFunction passes `--outfile`, which esbuild cannot combine with
 * `--splitting`, so this runs after it, over the same options, and replaces its `index.mjs`.
 */
function splitBundleCommand(inputDir: string, outputDir: string, entry: string): string {
  const args = [
    `"${inputDir}/${entry}"`,
    '--bundle',
    '--platform=node',
    '--target=node24',
    '--format=esm',
    '--minify',
    '--main-fields=module,main',
    `"--banner:js=${REQUIRE_BANNER}"`,
    '--splitting',
    `--outdir="${outputDir}"`,
    '--entry-names=index',
    '--chunk-names=[name]-[hash]',
    '--out-extension:.js=.mjs',
    '--allow-overwrite',
    '--log-level=warning',
  ];
  return [`"${inputDir}/node_modules/.bin/esbuild"`, ...args].join(' ');
}

export interface DigestFunctionProps {
  /** The handler file, relative to the repository root (e.g. `functions/handlers/digest.ts`). */
  readonly entry: string;
  /** What the function is for, shown in the console. */
  readonly description: string;
  /** The validated digest config, handed to the function as JSON. */
  readonly config: DigestConfig;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** Copy `templates/` into the package, for functions that render mail or pages. @default false */
  readonly withTemplates?: boolean;
  /** Copy the entity tagger's model beside the bundle, for functions that extract facts. @default false */
  readonly withFactModel?: boolean;
  /** Asynchronous invocations that still fail after the retries land here. @default none */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Retries of a failed asynchronous invocation. @default 2 */
  readonly retryAttempts?: number;
}

export type TableRole = 'subscribers' | 'ledger' | 'seen';
const TABLE_ENV: Record<TableRole, string> = {
  subscribers: ENV.subscribersTable,
  ledger: ENV.ledgerTable,
  seen: ENV.seenTable,
};

/**
 * The house Lambda function: Node.js 24 on arm64, bundled and minified by esbuild with the AWS SDK inside
 * (one cold start file, no runtime-provided SDK drift), its own log group with a retention, and `bind…()`
 * methods that set the env var a handler reads and grant exactly the access it needs, in one call.
 */
export class DigestFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly #config: DigestConfig;

  constructor(scope: Construct, id: string, props: DigestFunctionProps) {
    super(scope, id);
    this.#config = props.config;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role with write access to this function's log group only, instead of the AWS managed
    // AWSLambdaBasicExecutionRole (which may write to any log group).
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      role,
      entry: `${PROJECT_ROOT}${props.entry}`,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      logGroup,
      retryAttempts: props.retryAttempts ?? 2,
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      environment: {
        [ENV.config]: JSON.stringify(props.config),
        ...(props.withTemplates ? { DIGEST_TEMPLATES_DIR: TEMPLATES_IN_PACKAGE } : {}),
      },
      bundling: {
        minify: true,
        target: 'node24',
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: REQUIRE_BANNER,
        bundleAwsSDK: true,
        externalModules: [],
        sourceMap: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            splitBundleCommand(inputDir, outputDir, props.entry),
            ...(props.withTemplates ? [`cp -R "${inputDir}/templates" "${outputDir}/templates"`] : []),
            // The tagger reads its model from beside the module that loads it: in the bundle, index.mjs.
            ...(props.withFactModel ? [`cp "${inputDir}/${NER_MODEL_IN_REPO}" "${outputDir}/${MODEL_FILE_NAME}"`] : []),
          ],
        },
      },
    });
  }

  /** The archive bucket: the site prefix (read, or read and write) and, for `inbox`, the inbox and processed prefixes. */
  bindArchive(bucket: s3.IBucket, access: { site: 'read' | 'readwrite'; inbox?: boolean }): this {
    this.function.addEnvironment(ENV.archiveBucket, bucket.bucketName);
    const site = bucket.arnForObjects(`${BUCKET_LAYOUT.site}*`);
    this.#allow(access.site === 'readwrite' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'], [site]);
    if (access.inbox) {
      this.#allow(['s3:GetObject', 's3:DeleteObject'], [bucket.arnForObjects(`${BUCKET_LAYOUT.inbox}*`)]);
      this.#allow(['s3:PutObject'], [bucket.arnForObjects(`${BUCKET_LAYOUT.processed}*`)]);
    }
    // Without s3:ListBucket a missing key answers AccessDenied instead of NoSuchKey, and the first run
    // could not tell "no archive yet" from "forbidden". It is not limited by s3:prefix: a GetObject request
    // carries no prefix, so such a condition would deny exactly that check. It reveals key names only.
    this.#allow(['s3:ListBucket'], [bucket.bucketArn]);
    const reason = (prefix: string) =>
      `Object keys under ${prefix} are made at run time (one per issue page or dropped file); access stays within that prefix of the one archive bucket.`;
    acknowledgeWildcardResource(this, bucket.bucketArn, `/${BUCKET_LAYOUT.site}*`, reason(BUCKET_LAYOUT.site));
    if (access.inbox) {
      acknowledgeWildcardResource(this, bucket.bucketArn, `/${BUCKET_LAYOUT.inbox}*`, reason(BUCKET_LAYOUT.inbox));
      acknowledgeWildcardResource(this, bucket.bucketArn, `/${BUCKET_LAYOUT.processed}*`, reason(BUCKET_LAYOUT.processed));
    }
    return this;
  }

  /** One of the DynamoDB tables; `read` or `readwrite` item access on that table only. */
  bindTable(role: TableRole, table: dynamodb.ITable, access: 'read' | 'readwrite'): this {
    this.function.addEnvironment(TABLE_ENV[role], table.tableName);
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    this.#allow(access === 'readwrite' ? [...read, ...write] : read, [table.tableArn]);
    return this;
  }

  /** The token-signing key: its ARN in the environment, read access to that one secret. */
  bindTokenSecret(secret: secretsmanager.ISecret): this {
    this.function.addEnvironment(ENV.tokenSecretArn, secret.secretArn);
    this.#allow(['secretsmanager:GetSecretValue'], [secret.secretArn]);
    return this;
  }

  /**
   * Sending through SES with the configuration set, only as the configured sender (ses:FromAddress), and
   * reading the quota to pace sends. The identity resource is `identity/*` because in the SES sandbox SES also
   * checks the (verified) recipient's identity; the From address condition keeps the sender fixed.
   */
  bindMail(configurationSet: ses.IConfigurationSet, sender: string = this.#config.sender): this {
    this.function.addEnvironment(ENV.sesConfigurationSet, configurationSet.configurationSetName);
    const stack = Stack.of(this);
    const identities = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
    const configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSet.configurationSetName,
    });
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [identities, configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': sender } },
      }),
    );
    acknowledgeWildcardResource(
      this,
      identities,
      '',
      `Limited to From: ${sender} by the ses:FromAddress condition; identity/* so the SES sandbox's recipient identity check passes too.`,
    );
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] }));
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ses:GetSendQuota supports no resource-level permissions; it only reads the account send rate used for pacing.',
    });
    return this;
  }

  #allow(actions: string[], resources: string[]): void {
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
  }
}
