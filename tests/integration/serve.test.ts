/**
 * `digest serve` and `digest subscribers` as real processes over real HTTP: static files stay inside the
 * archive, the endpoints answer like the Lambda's, RFC 8058 one-click works from a multipart POST, big
 * bodies are cut off, and the server stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../functions/core/subscriptions/tokens.ts';
import { PROJECT_ROOT, runCli } from '../support/cli.ts';

let work: string;
let out: string;
let port: number;
let base: string;
let server: ChildProcessWithoutNullStreams;
let log = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => resolve(p));
    });
  });

/** A request exactly as written: no URL normalisation, as an attacker would send it. */
const raw = (path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

const stateFile = () => join(out, 'state', 'subscribers.json');
const outboxFiles = async () => (await readdir(join(out, 'outbox')).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'digest-serve-'));
  out = join(work, 'store');
  port = await freePort();
  base = `http://127.0.0.1:${port}/`;
  await writeFile(join(work, 'digest.config.json'), JSON.stringify({ title: 'Serve Test', siteUrl: base }));
  await mkdir(join(out, 'archive', 'issues', '1'), { recursive: true });
  await mkdir(join(out, 'state'), { recursive: true });
  await writeFile(join(out, 'archive', 'index.html'), '<!doctype html><title>index</title>');
  await writeFile(join(out, 'archive', 'feed.xml'), '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>');
  await writeFile(join(out, 'archive', 'issues', '1', 'index.html'), '<!doctype html><title>issue 1</title>');
  await writeFile(join(out, 'archive', 'issues', '1', 'issue.json'), '{}');
  await writeFile(join(out, 'state', 'secret.key'), 'integration-test-key\n');
  await symlink(join(out, 'state'), join(out, 'archive', 'escape'));
  server = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'digest.mjs'), 'serve', '--port', String(port), '--out', out], { cwd: work });
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => {
      log += c.toString();
      if (log.includes('Serving ')) resolve();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
  });
}, 60_000);

afterAll(async () => {
  if (server?.exitCode === null) server.kill('SIGKILL');
  await rm(work, { recursive: true, force: true });
});

describe('digest serve: the archive', () => {
  it('prints its URL and serves the archive with the right content types', async () => {
    expect(log).toContain(`Serving ${join(out, 'archive')} and the subscription endpoints at ${base}`);
    const index = await fetch(base);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>index</title>');
    expect((await fetch(`${base}feed.xml`)).headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect((await fetch(`${base}issues/1/issue.json`)).headers.get('content-type')).toBe('application/json; charset=utf-8');
    const folder = await fetch(`${base}issues/1`, { redirect: 'manual' });
    expect([folder.status, folder.headers.get('location')]).toEqual([301, '/issues/1/']);
    expect(await (await fetch(`${base}issues/1/`)).text()).toContain('issue 1');
  });

  it('never serves a file outside the archive', async () => {
    const attempts = [
      '/../state/secret.key',
      '/%2e%2e/state/secret.key',
      '/..%2fstate%2fsecret.key',
      '//etc/passwd',
      '/issues/..%2f..%2f..%2fstate/secret.key',
      '/escape/secret.key',
      '/index.html%00.json',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const response = await raw(path);
      expect([400, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain('integration-test-key');
      expect(response.body, path).not.toContain('root:');
    }
    expect((await fetch(`${base}index.html`, { method: 'POST' })).status).toBe(405);
  });
});

describe('digest serve: the subscription endpoints', () => {
  it('subscribes through a form POST and writes the confirmation mail to the outbox', async () => {
    const response = await fetch(`${base}api/subscribe`, { method: 'POST', body: new URLSearchParams({ email: 'Form@Example.com', name: 'Form', website: '' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await outboxFiles()).toEqual([expect.stringContaining('form@example.com')]);
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))['form@example.com'].state).toBe('pending');
  });

  it('unsubscribes at once on an RFC 8058 one-click POST sent as multipart/form-data', async () => {
    const state = JSON.parse(await readFile(stateFile(), 'utf8'));
    state['reader@example.com'] = { email: 'reader@example.com', state: 'confirmed', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
    await writeFile(stateFile(), JSON.stringify(state));
    const token = signToken({ purpose: 'unsubscribe', email: 'reader@example.com' }, 'integration-test-key');
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    const response = await fetch(`${base}api/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))['reader@example.com'].state).toBe('unsubscribed');
  });

  it('cuts off a 1 MB body with 413 and keeps serving', async () => {
    const response = await fetch(`${base}api/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=big%40example.com&name=${'x'.repeat(1024 * 1024)}`,
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))['big@example.com']).toBeUndefined();
    expect((await fetch(base)).status).toBe(200);
  });
});

describe('digest subscribers with the same store', { timeout: 120_000 }, () => {
  it('add without --confirmed starts the double opt-in, once a day', async () => {
    const before = (await outboxFiles()).length;
    const first = await runCli(['subscribers', 'add', 'CLI@example.com', '--out', out], { cwd: work });
    expect(first.stdout).toBe('cli@example.com: pending, confirmation mail written to the outbox\n');
    const second = await runCli(['subscribers', 'add', 'cli@example.com', '--out', out], { cwd: work });
    expect(second.stdout).toContain('cli@example.com: pending; a confirmation mail went out in the last 24 hours, none sent now');
    expect((await outboxFiles()).length).toBe(before + 1);
  });

  it('lists every state, with the reason for a suppression, and refuses to re-import a suppressed address', async () => {
    const state = JSON.parse(await readFile(stateFile(), 'utf8'));
    state['bounced@example.com'] = {
      email: 'bounced@example.com',
      state: 'suppressed',
      suppressedReason: 'permanent bounce (Permanent/General)',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
    };
    await writeFile(stateFile(), JSON.stringify(state));
    const list = await runCli(['subscribers', 'list', '--out', out], { cwd: work });
    expect(list.stdout).toMatch(/^bounced@example\.com\s+suppressed\s+since 2026-11-01 {2}\(permanent bounce \(Permanent\/General\)\)$/m);
    expect(list.stdout).toMatch(/^reader@example\.com\s+unsubscribed\s/m);
    expect(list.stdout).toMatch(/^form@example\.com\s+pending\s/m);
    expect(list.stdout).toContain('4 addresses: 0 confirmed, 2 pending, 1 unsubscribed, 1 suppressed');
    const again = await runCli(['subscribers', 'add', '--confirmed', 'bounced@example.com', '--out', out], { cwd: work });
    expect(again.stdout).toContain('1 refused (suppressed)');
    const invite = await runCli(['subscribers', 'add', 'bounced@example.com', '--out', out], { cwd: work });
    expect(invite.stdout).toContain('suppressed (bounce or complaint), nothing sent');
  });
});

describe('digest serve: stopping', () => {
  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('Stopped.');
  });
});
