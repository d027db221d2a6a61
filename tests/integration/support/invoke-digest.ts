/**
 * Runs the real digest handler once in its own process, as a Lambda invocation would, so a test can
 * SIGKILL it mid-run. The environment (endpoints, tables, config) comes from the parent test; a second
 * argument gives the invocation's timeout in milliseconds, as Lambda's context reports it.
 * Prints the handler's JSON log lines, then the run report as the last line.
 */
import { handler } from '../../../functions/handlers/digest.ts';

const requestId = process.argv[2] ?? 'run';
/** The time Lambda would give the invocation, counted from its start, if the parent names one. */
const timeoutMs = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const started = Date.now();
const report = await handler(
  { source: 'kill-test' },
  { awsRequestId: requestId, ...(timeoutMs === undefined ? {} : { getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started) }) },
);
process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
