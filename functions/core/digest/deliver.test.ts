import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueFixture } from '../../../tests/support/issue-fixture.ts';
import { FsSendLedger } from '../../adapters/fs-ledger.ts';
import { FsSubscriberStore } from '../../adapters/fs-subscribers.ts';
import type { OutgoingMail, SubscriberState } from '../model.ts';
import type { Mailer } from '../../ports.ts';
import { deliverIssue, type DeliveryDeps } from './deliver.ts';
import { TEMPLATE_NAMES, type Templates } from './render.ts';

const templates = Object.fromEntries(
  TEMPLATE_NAMES.map((name) => [name, readFileSync(new URL(`../../../templates/${name}`, import.meta.url), 'utf8')]),
) as Templates;
const site = { digestTitle: 'Valley Digest', siteUrl: 'https://digest.example.org/' };

class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  constructor(private readonly failFor: Set<string> = new Set()) {}
  async send(mail: OutgoingMail): Promise<string> {
    if (this.failFor.has(mail.to)) throw new Error('MessageRejected: address is on the account suppression list');
    this.sent.push(mail);
    return `id-${this.sent.length}`;
  }
}

let dir: string;
let deps: DeliveryDeps & { mailer: RecordingMailer };
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deliver-'));
  const subscribers = new FsSubscriberStore(dir);
  const states: [string, SubscriberState][] = [
    ['ana@example.org', 'confirmed'],
    ['bo@example.org', 'confirmed'],
    ['cy@example.org', 'pending'],
    ['di@example.org', 'unsubscribed'],
    ['ed@example.org', 'suppressed'],
    ['fa@example.org', 'confirmed'],
  ];
  for (const [email, state] of states) await subscribers.put({ email, state, createdAt: 't', updatedAt: 't' });
  deps = {
    subscribers,
    ledger: new FsSendLedger(dir),
    mailer: new RecordingMailer(new Set(['bo@example.org'])),
    clock: { now: () => new Date('2026-03-04T07:00:00Z') },
    templates,
    tokenKey: 'key',
  };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('deliverIssue', () => {
  it('mails every confirmed subscriber once and no one else', async () => {
    const report = await deliverIssue(issueFixture(), site, 'news@example.org', deps);
    expect(deps.mailer.sent.map((m) => m.to)).toEqual(['ana@example.org', 'fa@example.org']);
    expect(report).toEqual({
      recipients: 3,
      sent: 2,
      skipped: 0,
      inDoubt: [],
      failed: [{ email: 'bo@example.org', error: 'MessageRejected: address is on the account suppression list' }],
    });
  });

  it('records each outcome in the ledger', async () => {
    await deliverIssue(issueFixture(), site, 'news@example.org', deps);
    const entries = (await deps.ledger.entries(7)).map((e) => [e.email, e.status]).sort();
    expect(entries).toEqual([
      ['ana@example.org', 'sent'],
      ['bo@example.org', 'failed'],
      ['fa@example.org', 'sent'],
    ]);
  });

  it('sends nothing twice when the same issue is delivered again, and retries only the failed send', async () => {
    await deliverIssue(issueFixture(), site, 'news@example.org', deps);
    const again = await deliverIssue(issueFixture(), site, 'news@example.org', { ...deps, mailer: deps.mailer });
    expect(again).toMatchObject({ sent: 0, skipped: 2, inDoubt: [], failed: [{ email: 'bo@example.org' }] });
    expect(deps.mailer.sent.map((m) => m.to)).toEqual(['ana@example.org', 'fa@example.org']);
  });

  it('does not resend a claim a dead run left unconfirmed, and lists it for the owner', async () => {
    await deps.ledger.claim(7, 'fa@example.org', 'earlier');
    const report = await deliverIssue(issueFixture(), site, 'news@example.org', deps);
    expect(report.inDoubt).toEqual(['fa@example.org']);
    expect(deps.mailer.sent.map((m) => m.to)).toEqual(['ana@example.org']);
  });
});
