/**
 * Never twice on AWS too: the real digest handler runs in its own process against dynalite and
 * aws-ses-v2-local (behind the recording proxy) and is SIGKILLed at random moments while it sends;
 * each rerun (Lambda's retry, which finds the killed run's lease expired just after its deadline) resumes the issue. In the
 * end no subscriber has the issue twice, and whoever has none is reported in doubt.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { seededRandom } from '../../functions/core/seeded-random.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLease, LEASE_AFTER_DEADLINE_MS } from '../../functions/adapters/dynamo-lease.ts';
import { DynamoLedger, META_PARTITION } from '../../functions/adapters/dynamo-ledger.ts';
import { DynamoSubscribers } from '../../functions/adapters/dynamo-subscribers.ts';
import {
  createBucket,
  createTable,
  digestLambdaEnv,
  dynamoClient,
  s3Client,
  startDynamo,
  startS3,
  startSecretsManager,
  startSes,
  type Running,
  type SesProxy,
} from './support/servers.ts';

const SUBSCRIBERS = 80;
const KILLS = 6;
const BUCKET = 'kill-archive';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:kill-key-AbCdEf';
const INVOKE = fileURLToPath(new URL('./support/invoke-digest.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let s3: Running;
let dynamo: Running;
let ses: SesProxy;
let secrets: Running;
let s3c: S3Client;
let db: DynamoDBDocumentClient;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  [s3, dynamo, ses, secrets] = await Promise.all([startS3(), startDynamo(), startSes(), startSecretsManager({ [SECRET_ARN]: 'q'.repeat(64) })]);
  ses.maxSendRate = 200;
  s3c = s3Client(s3.endpoint);
  db = dynamoClient(dynamo.endpoint);
  await createBucket(s3c, BUCKET);
  await Promise.all([createTable(db, 'subscribers', 'subscribers'), createTable(db, 'ledger', 'ledger'), createTable(db, 'seen', 'seen')]);
  const subscribers = new DynamoSubscribers({ client: db, table: 'subscribers' });
  const at = '2026-11-01T00:00:00.000Z';
  for (let i = 0; i < SUBSCRIBERS; i += 1) await subscribers.put({ email: `reader${i}@example.org`, state: 'confirmed', createdAt: at, updatedAt: at });
  await s3c.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: 'inbox/pier.txt',
      Body: 'The harbour authority of Elmford reopened the north pier on Monday. Director Ana Ruiz said 40 ferries a day will use it from June.',
    }),
  );
  env = {
    ...process.env,
    NODE_NO_WARNINGS: '1',
    ...digestLambdaEnv({ s3, dynamo, ses, secrets }, { bucket: BUCKET, secretArn: SECRET_ARN, config: { title: 'Kill Test', sender: 'brief@digest.example', siteUrl: 'https://digest.example/' } }),
  };
});

afterAll(async () => {
  s3c?.destroy();
  db?.destroy();
  await Promise.all([s3?.close(), dynamo?.close(), ses?.close(), secrets?.close()]);
});

/** The timeout each invocation is given, as Lambda's context reports it (the kill stands for reaching it). */
const TIMEOUT_MS = 15 * 60 * 1000;

/** One invocation in a child process; killed `killAfterMs` after its first "sending" log line, if given. */
function invoke(requestId: string, killAfterMs?: number): Promise<{ killed: boolean; report?: { inDoubtRecipients: string[]; status: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', INVOKE, requestId, String(TIMEOUT_MS)], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killAfterMs !== undefined && !armed && /"message":"sending: \d+/.test(stdout)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith('REPORT '));
      resolve({ killed: signal === 'SIGKILL', ...(line ? { report: JSON.parse(line.slice(7)) } : {}) });
    });
  });
}

const recipients = () => ses.sent().map((raw) => /^To: (.+)$/m.exec(raw)?.[1]?.trim() ?? '?');

/** When the lease left by a killed run expires (ms since the epoch). */
async function leaseExpiry(): Promise<number> {
  const { Item } = await db.send(new GetCommand({ TableName: 'ledger', Key: { issue: META_PARTITION, email: '#lease' }, ConsistentRead: true }));
  return Number(Item?.expiresAt);
}

describe('the digest Lambda killed mid-send', () => {
  it(`mails each of ${SUBSCRIBERS} subscribers at most once across ${KILLS} SIGKILLs, and reports every one it could not confirm`, async () => {
    const next = seededRandom(4242);
    const lease = new DynamoLease({ client: db, table: 'ledger' });
    const inDoubt = new Set<string>();
    let killedMidSend = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const before = recipients().length;
      const started = Date.now();
      const run = await invoke(`killed-${kill}`, Math.floor(next() * 250));
      for (const email of run.report?.inDoubtRecipients ?? []) inDoubt.add(email);
      if (!run.killed) break;
      const after = recipients().length;
      if (after > before && after < SUBSCRIBERS) killedMidSend += 1;
      // The killed run's lease ends just after its deadline, so Lambda's retry a minute later takes it over.
      const expiry = await leaseExpiry();
      expect(expiry).toBeGreaterThanOrEqual(started + TIMEOUT_MS);
      expect(expiry).toBeLessThanOrEqual(Date.now() + TIMEOUT_MS + LEASE_AFTER_DEADLINE_MS);
      const retryAt = new Date(started + TIMEOUT_MS + 60_000);
      expect(await lease.acquire('lambda:too-early', new Date(started))).toBe(false);
      expect(await lease.acquire(`lambda:retry-${kill}`, retryAt)).toBe(true);
      await lease.release(`lambda:retry-${kill}`);
    }
    const final = await invoke('final');
    expect(final.report?.status).toBe('nothing-new');
    for (const email of final.report?.inDoubtRecipients ?? []) inDoubt.add(email);

    const counts = new Map<string, number>();
    for (const to of recipients()) counts.set(to, (counts.get(to) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1);
    const missing = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.org`).filter((a) => !counts.has(a));
    const claimedNeverConfirmed = (await new DynamoLedger({ client: db, table: 'ledger' }).entries(1)).filter((e) => e.status === 'claimed').map((e) => e.email);
    console.info(`AWS kill test: ${killedMidSend} kills landed mid-send; ${counts.size} delivered, ${duplicates.length} duplicates, ${missing.length} missing, ${inDoubt.size} reported in doubt`);

    expect(killedMidSend).toBeGreaterThanOrEqual(1);
    expect(duplicates).toEqual([]);
    expect((await ses.store()).emails).toHaveLength(counts.size);
    expect(missing.filter((a) => !inDoubt.has(a))).toEqual([]);
    expect([...inDoubt].sort()).toEqual(claimedNeverConfirmed.sort());
  }, 240_000);
});
