/**
 * Placeholder for the SES feedback handler (issue 5 replaces this file): the CDK app subscribes it to
 * the configuration set's bounce and complaint topic. Until suppression exists it logs each event.
 */
import { logJson } from '../adapters/run-log.ts';

interface SnsEvent {
  Records?: { Sns?: { Message?: string } }[];
}

export async function handler(event: SnsEvent): Promise<void> {
  for (const record of event.Records ?? []) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns?.Message ?? '');
    } catch {
      message = record.Sns?.Message;
    }
    const { eventType, notificationType, mail } = (message ?? {}) as { eventType?: string; notificationType?: string; mail?: { destination?: string[] } };
    logJson('WARN', 'SES feedback received; suppression not implemented yet', {
      type: eventType ?? notificationType,
      destination: mail?.destination,
    });
  }
}
