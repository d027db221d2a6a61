/**
 * Sending: the project's SES mailer (branch infra) through the real @aws-sdk/client-ses against the local SES
 * stand-in at each allowed rate, beside the same mailer called one send at a time (as deliverIssue calls it)
 * and a naive unpaced sender that retries throttled sends at once. Each client runs in a fresh process; the
 * stand-in runs in another.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { BenchPlan } from './plan.ts';
import { bundle, runWorker } from './processes.ts';
import type { StandInStats } from './ses-standin.ts';
import { formatNumber } from './stats.ts';
import { verdict, type Row } from './table.ts';
import type { SendMode, SendResult } from './worker.ts';

export interface SendingRun {
  mode: SendMode;
  sent: number;
  failed: number;
  achievedPerSecond: number;
  achievedShare: number;
  /** Throttling answers the client saw. */
  throttled: number;
  /** Throttling answers the stand-in gave (the same, counted at the other end). */
  throttledAtServer: number;
  cpuMsPer1000: number;
  seconds: number;
}

export interface SendingJson {
  allowedPerSecond: number;
  achievedShare: number;
  throttled: number;
  burst: number;
  /** The project's mailer, concurrent callers: the row the headline fields come from. */
  mailer: SendingRun;
  /** Absent in --quick. */
  sequential?: SendingRun;
  naive: SendingRun;
  /** The mailer's pacing with sending stubbed out: what it could do if each send cost nothing. */
  pacingAlone?: SendingRun;
}

const MODES: Array<{ mode: SendMode; label: string }> = [
  { mode: 'paced', label: 'SesMailer, 64 concurrent callers' },
  { mode: 'paced-sequential', label: 'SesMailer, one send at a time (as deliverIssue)' },
  { mode: 'naive', label: 'naive: unpaced, retries at once' },
  { mode: 'paced-stub', label: 'SesMailer pacing alone (SDK + network stubbed, 2 ms)' },
];

async function control(endpoint: string, path: string, method = 'GET'): Promise<StandInStats> {
  const answer = await fetch(`${endpoint}${path}`, { method });
  return (await answer.json()) as StandInStats;
}

export async function benchSending(plan: BenchPlan, root: string, log: (line: string) => void): Promise<{ rows: Row[]; json: SendingJson[] }> {
  const standInFile = (await bundle(join(root, 'scripts/bench/standin-main.ts'), plan.tmpDir, 'ses-standin', false)).file;
  const standIn = spawn(process.execPath, [standInFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(standIn.stdout, 'data')) as [Buffer];
    const { endpoint } = JSON.parse(line.toString()) as { endpoint: string };
    const rows: Row[] = [];
    const json: SendingJson[] = [];
    const { windowSeconds, concurrency, warmUpRounds } = plan.sending;
    for (const rate of plan.sending.rates) {
      const runs: Partial<Record<SendMode, SendingRun>> = {};
      let burst = 0;
      for (const { mode } of MODES.filter((m) => plan.sending.modes.includes(m.mode))) {
        burst = (await control(endpoint, `/_standin/reset?rate=${rate}`, 'POST')).burst;
        const recipients = Math.max(2, Math.round(rate * windowSeconds));
        log(`sending: ${mode} at ${rate}/s, ${recipients} recipients`);
        const result = await runWorker<SendResult>(plan.workerFile, {
          task: 'send',
          endpoint,
          rate,
          mode,
          recipients,
          concurrency,
          deadlineMs: windowSeconds * 1000 + 500,
          mailPath: plan.mailPath,
          warmUpRounds,
        }, plan.env);
        const server = await control(endpoint, '/_standin/stats');
        // The rate SES would see: intervals per second between the first and the last accepted send as they
        // arrived at the stand-in. n sends paced at exactly r arrive over (n - 1) / r seconds, so a perfect
        // pacer scores 1.0, whatever the round trip (completions bunch on a busy client; arrivals much less).
        // The stub never reaches the stand-in: its rate is taken from the completions in the client.
        const stubbed = mode === 'paced-stub';
        const accepted = stubbed ? result.sent : server.accepted;
        const acceptedOverMs = stubbed
          ? result.lastAcceptedMs - result.firstAcceptedMs
          : (server.lastAcceptedMs ?? 0) - (server.firstAcceptedMs ?? 0);
        const achieved = accepted > 1 && acceptedOverMs > 0 ? ((accepted - 1) / acceptedOverMs) * 1000 : 0;
        runs[mode] = {
          mode,
          sent: result.sent,
          failed: result.failed,
          achievedPerSecond: achieved,
          achievedShare: achieved / rate,
          throttled: result.throttled,
          throttledAtServer: server.throttled,
          cpuMsPer1000: (result.cpuMs / Math.max(1, result.sent)) * 1000,
          seconds: result.ms / 1000,
        };
      }
      const mailer = runs.paced!;
      json.push({ allowedPerSecond: rate, achievedShare: mailer.achievedShare, throttled: mailer.throttledAtServer, burst, mailer, sequential: runs['paced-sequential'], naive: runs.naive!, pacingAlone: runs['paced-stub'] });
      MODES.forEach(({ mode, label }, i) => {
        const run = runs[mode];
        if (!run) return;
        const isMailer = mode === 'paced';
        rows.push({
          section: rows.length ? '' : 'Sending',
          measure: `${i === 0 ? `${formatNumber(rate, 0)}/s allowed: ` : '  '}${label}`,
          result:
            `${formatNumber(run.achievedShare, 3)} of allowed (${formatNumber(run.achievedPerSecond, 0)}/s, ${run.sent}/${Math.max(2, Math.round(rate * windowSeconds))} sent` +
            `${run.failed ? `, ${run.failed} failed` : ''}), ${mode === 'paced-stub' ? 'no SES' : `${run.throttledAtServer} throttled`}, ${formatNumber(run.cpuMsPer1000, 0)} ms CPU/1,000`,
          target: isMailer ? '≥ 0.98, 0 throttled' : undefined,
          verdict: isMailer ? verdict(run.achievedShare >= 0.98 && run.throttledAtServer === 0 && run.failed === 0) : 'info',
        });
      });
    }
    return { rows, json };
  } finally {
    standIn.stdin.end();
    if (standIn.exitCode === null) await once(standIn, 'exit');
  }
}
