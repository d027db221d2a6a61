/**
 * Runs the real digest handler once in its own process, as a Lambda invocation would, so a test can
 * SIGKILL it mid-run. The environment (endpoints, tables, config) comes from the parent test.
 * Prints the handler's JSON log lines, then the run report as the last line.
 */
import { handler } from '../../../functions/handlers/digest.ts';

const requestId = process.argv[2] ?? 'run';
const report = await handler({ source: 'kill-test' }, { awsRequestId: requestId });
process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
