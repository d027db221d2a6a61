import { setTimeout as sleep } from 'node:timers/promises';
import { startLocalServer, type LocalServer } from '../../adapters/local-http-server.ts';
import { DEFAULT_OUT_DIR, openLocalStore } from '../../adapters/local-store.ts';
import { loadTemplates } from '../../adapters/templates.ts';
import { createSubscriptionApi, SUBSCRIBE_FLOOR_MS } from '../../core/subscriptions/http.ts';
import { SUBSCRIBE_RATE_LIMIT, TokenBucketLimiter } from '../../core/subscriptions/rate-limit.ts';
import { UsageError } from '../../core/errors.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { resolveConfig } from '../local-config.ts';

const DEFAULT_PORT = 8080;

const help = `Usage: digest serve [--port N] [--out DIR] [--config FILE]

Serves the local archive (DIR/archive/) and the subscription endpoints on 127.0.0.1, so the
whole subscribe → confirm → digest → unsubscribe flow can be tried locally:

  POST /api/subscribe                 the subscribe form (email, name, honeypot "website")
  GET|POST /api/confirm?token=...     the link in the confirmation mail
  GET|POST /api/unsubscribe?token=... the link in every digest (RFC 8058 one-click POST too)

Mail goes to DIR/outbox/ as .eml files; subscribers live in DIR/state/, the same store
"digest run" and "digest subscribers" use. Links in mail point at the config's siteUrl
(default http://127.0.0.1:${DEFAULT_PORT}/), so serve on that port. Stop with Ctrl-C.

Options:
  --port N        port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
  --out DIR       local store folder (default: ${DEFAULT_OUT_DIR})
  --config FILE   digest config (default: ./digest.config.json when present)
  -h, --help      show this help`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the local archive and the subscribe / confirm / unsubscribe endpoints',
  help,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      port: { type: 'string' },
      out: { type: 'string', default: DEFAULT_OUT_DIR },
      config: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = parsePort(values.port);
    const { config } = resolveConfig(values.config);
    const store = openLocalStore(values.out);
    const report = (error: unknown) => process.stderr.write(`digest serve: ${error instanceof Error ? error.message : String(error)}\n`);
    const api = createSubscriptionApi({
      subscribers: store.subscribers,
      mailer: store.outbox,
      clock: { now: () => new Date() },
      templates: await loadTemplates(config.templates),
      tokenKey: await store.tokenKey(),
      site: { digestTitle: config.title, siteUrl: config.siteUrl },
      sender: config.sender,
      limiter: new TokenBucketLimiter(SUBSCRIBE_RATE_LIMIT),
      subscribeFloor: { ms: SUBSCRIBE_FLOOR_MS, elapsedMs: () => performance.now(), sleep: (ms) => sleep(ms) },
      onError: report,
    });
    const site = new URL(config.siteUrl);
    let server: LocalServer;
    try {
      server = await startLocalServer({ port, archiveDir: store.paths.archive, basePath: site.pathname, api, onError: report });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use; pick another with --port`);
      throw error;
    }
    process.stdout.write(`Serving ${store.paths.archive} and the subscription endpoints at ${server.url}\n`);
    if (new URL(server.url).origin !== site.origin) {
      process.stderr.write(`digest serve: note: links in mail point at ${config.siteUrl} (siteUrl in the config), not at ${server.url}\n`);
    }
    process.stdout.write('Press Ctrl-C to stop.\n');
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    process.stdout.write('Stopped.\n');
    return 0;
  },
};

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return Number(value);
}
