/** Runs the SES stand-in in its own process, so the client under test has the CPU to itself. Prints its endpoint; exits when stdin closes. */
import { startSesStandIn } from './ses-standin.ts';

const standIn = await startSesStandIn({ maxSendRate: Number(process.argv[2] ?? 14) });
process.stdout.write(`${JSON.stringify({ endpoint: standIn.endpoint })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void standIn.close().then(() => process.exit(0)));
