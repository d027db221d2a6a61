/**
 * SES for the functions that mail (the digest run, the subscription API), apart from aws-runtime.ts so
 * that a function that never mails does not load the SES client at cold start.
 */
import { SESClient } from '@aws-sdk/client-ses';
import { ENV } from '../config.ts';
import { REQUEST_TIMEOUTS, type AwsRuntime } from './aws-runtime.ts';
import { logJson } from './run-log.ts';
import { SesMailer } from './ses-mailer.ts';

/**
 * A fresh mailer (pacing and throttling counts belong to one run) over the container's SES client. The
 * mailer owns SES retries (maxAttempts 1): a timed-out send is never retried, so no mail goes out twice.
 */
export function newSesMailer(runtime: AwsRuntime): SesMailer {
  return new SesMailer({
    client: runtime.once('ses', () => new SESClient({ requestHandler: REQUEST_TIMEOUTS, maxAttempts: 1 })),
    configurationSet: runtime.require(ENV.sesConfigurationSet),
    ...(runtime.config.sendRate ? { sendRate: runtime.config.sendRate } : {}),
    warn: (message, detail) => logJson('WARN', message, detail),
  });
}
