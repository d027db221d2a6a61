/** Runs the real `digest` CLI in a child process, as a user would. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The npm `bin` entry, so tests run the command exactly as users do. */
const BIN = fileURLToPath(new URL('../../bin/digest.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runCliWith(args, options, () => {});
}

/**
 * Runs the CLI with its stdout read the way `| head` reads it: the pipe is closed after the first chunk,
 * so the command's later writes meet a reader that has gone (EPIPE). `stdout` is that first chunk.
 */
export function runCliLikeHead(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runCliWith(args, options, (child) => child.stdout.once('data', () => child.stdout.destroy()));
}

function runCliWith(args: string[], options: CliOptions, readStdout: (child: ChildProcessWithoutNullStreams) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: { ...process.env, NODE_NO_WARNINGS: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    readStdout(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a command that stops early may not read all of its input
    child.stdin.end(options.input ?? '');
  });
}
