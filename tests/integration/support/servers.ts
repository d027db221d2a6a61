/**
 * Real local AWS look-alikes for the integration tests, each on a free port of 127.0.0.1:
 * s3rver (child process), dynalite, and aws-ses-v2-local behind a recording, fault-injecting proxy.
 */
import { ENV } from '../../../functions/config.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import dynalite from 'dynalite';
import sesServer from 'aws-ses-v2-local';

export interface Running {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** s3rver accepts only these credentials; the other servers accept anything signed. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const ANY_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'eu-central-1';
const TIMEOUTS = { connectionTimeout: 2000, requestTimeout: 5000 };

export async function startS3(): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', fileURLToPath(new URL('./s3rver-child.cjs', import.meta.url))],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [line] = (await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('s3rver exited before it listened');
    }),
  ])) as [Buffer];
  const { port } = JSON.parse(line.toString()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}

export async function startDynamo(): Promise<Running> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}

/** One request the SES proxy saw: the form fields, and the raw MIME of a SendRawEmail. */
export interface SesRequest {
  readonly action: string;
  readonly params: URLSearchParams;
  readonly raw?: string;
  /** What the proxy did with it. */
  readonly outcome: 'forwarded' | 'throttled' | 'answered';
}

export interface SesProxy extends Running {
  readonly requests: SesRequest[];
  /** The raw MIME of every message SES accepted, in order. */
  sent(): string[];
  /** Answer the next `count` SendRawEmail calls with SES's Throttling error. */
  throttleNext(count: number): void;
  /** Answer every `n`th SendRawEmail call with SES's Throttling error (0: stop), e.g. 5 for 20% of the calls. */
  throttleEvery(n: number): void;
  /** Answer the next `count` SendRawEmail calls with this SES error (HTTP 400). */
  failNext(count: number, code: string, message: string): void;
  /** Answer GetSendQuota (the local server lacks it) with this rate; undefined: forward it, and it hangs. */
  maxSendRate: number | undefined;
  /** The local server's own view: GET /store. */
  store(): Promise<{ emails: Array<{ messageId: string; from: string; destination: { to: string[] }; subject: string }> }>;
  clear(): Promise<void>;
}

/** aws-ses-v2-local with a proxy in front that records raw MIME and can inject throttling. */
export async function startSes(): Promise<SesProxy> {
  const ses = (await sesServer({ host: '127.0.0.1', port: 0 })) as Server;
  const upstream = (ses.address() as AddressInfo).port;
  const requests: SesRequest[] = [];
  let throttle = 0;
  let throttleEveryNth = 0;
  let sendCalls = 0;
  let failure = { code: 'Throttling', message: 'Maximum sending rate exceeded.' };
  const proxy = {
    requests,
    maxSendRate: undefined as number | undefined,
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const params = new URLSearchParams(body.toString('utf8'));
    const action = params.get('Action') ?? `${req.method} ${req.url}`;
    const data = params.get('RawMessage.Data');
    const raw = data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
    if (action === 'SendRawEmail') sendCalls += 1;
    const periodic = action === 'SendRawEmail' && throttleEveryNth > 0 && sendCalls % throttleEveryNth === 0;
    if (action === 'SendRawEmail' && (throttle > 0 || periodic)) {
      if (!periodic) throttle--;
      requests.push({ action, params, ...(raw ? { raw } : {}), outcome: 'throttled' });
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(
        '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
          `<Code>${failure.code}</Code><Message>${failure.message}</Message></Error>` +
          '<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>',
      );
      return;
    }
    if (action === 'GetSendQuota' && proxy.maxSendRate !== undefined) {
      requests.push({ action, params, outcome: 'answered' });
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult>' +
          `<SentLast24Hours>0.0</SentLast24Hours><Max24HourSend>50000.0</Max24HourSend><MaxSendRate>${proxy.maxSendRate}</MaxSendRate>` +
          '</GetSendQuotaResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata></GetSendQuotaResponse>',
      );
      return;
    }
    requests.push({ action, params, ...(raw ? { raw } : {}), outcome: 'forwarded' });
    const forward = request(
      { host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());
    forward.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(proxy, {
    endpoint,
    sent: () =>
      requests.filter((r) => r.action === 'SendRawEmail' && r.outcome === 'forwarded' && r.raw).map((r) => r.raw as string),
    throttleEvery(n: number) {
      throttleEveryNth = n;
      sendCalls = 0;
      failure = { code: 'Throttling', message: 'Maximum sending rate exceeded.' };
    },
    throttleNext(count: number) {
      throttle = count;
      failure = { code: 'Throttling', message: 'Maximum sending rate exceeded.' };
    },
    failNext(count: number, code: string, message: string) {
      throttle = count;
      failure = { code, message };
    },
    async store() {
      const answer = await fetch(`http://127.0.0.1:${upstream}/store`);
      return (await answer.json()) as Awaited<ReturnType<SesProxy['store']>>;
    },
    async clear() {
      requests.length = 0;
      await fetch(`http://127.0.0.1:${upstream}/clear-store`, { method: 'POST' });
    },
    async close() {
      server.closeAllConnections();
      ses.closeAllConnections();
      await Promise.all([closeServer(server), closeServer(ses)]);
    },
  });
}

/**
 * A Secrets Manager endpoint that answers GetSecretValue for the given secrets (there is no local
 * Secrets Manager package among the project's servers; this speaks the real JSON protocol to the real SDK).
 */
export async function startSecretsManager(secrets: Record<string, string>): Promise<Running & { reads: string[] }> {
  const reads: string[] = [];
  const server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { SecretId?: string };
    const target = req.headers['x-amz-target'];
    const value = body.SecretId === undefined ? undefined : secrets[body.SecretId];
    if (target !== 'secretsmanager.GetSecretValue' || value === undefined) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }));
      return;
    }
    reads.push(body.SecretId as string);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ ARN: body.SecretId, Name: 'token-key', SecretString: value, VersionId: 'v1', CreatedDate: 1764313200 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reads, close: () => closeServer(server) };
}

export function s3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: REGION, credentials: S3RVER_CREDENTIALS, forcePathStyle: true, requestHandler: TIMEOUTS });
}

export function dynamoClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: REGION, credentials: ANY_CREDENTIALS, requestHandler: TIMEOUTS }),
  );
}

export function sesClient(endpoint: string): SESClient {
  return new SESClient({ endpoint, region: REGION, credentials: ANY_CREDENTIALS, maxAttempts: 1, requestHandler: TIMEOUTS });
}

export async function createBucket(client: S3Client, bucket: string): Promise<void> {
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
}

/** The tables as the stateful stack defines them (key schema only: the rest is AWS-side configuration). */
export const TABLES = {
  subscribers: { KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }] },
  ledger: {
    KeySchema: [
      { AttributeName: 'issue', KeyType: 'HASH' },
      { AttributeName: 'email', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'issue', AttributeType: 'N' },
      { AttributeName: 'email', AttributeType: 'S' },
    ],
  },
  seen: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
} satisfies Record<string, Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions'>>;

export async function createTable(client: DynamoDBDocumentClient, name: string, shape: keyof typeof TABLES): Promise<void> {
  await client.send(new CreateTableCommand({ TableName: name, BillingMode: 'PAY_PER_REQUEST', ...TABLES[shape] }));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/**
 * The environment the digest Lambda reads, pointed at the local servers: endpoints, credentials, the
 * bucket and tables the tests create ("subscribers", "ledger", "seen"), the token secret and the config.
 */
export function digestLambdaEnv(servers: { s3: Running; dynamo: Running; ses: Running; secrets: Running }, names: { bucket: string; secretArn: string; config: object }): Record<string, string> {
  return {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_S3: servers.s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: servers.ses.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: servers.secrets.endpoint,
    [ENV.archiveBucket]: names.bucket,
    [ENV.subscribersTable]: 'subscribers',
    [ENV.ledgerTable]: 'ledger',
    [ENV.seenTable]: 'seen',
    [ENV.tokenSecretArn]: names.secretArn,
    [ENV.sesConfigurationSet]: 'digest-events',
    [ENV.config]: JSON.stringify(names.config),
  };
}
