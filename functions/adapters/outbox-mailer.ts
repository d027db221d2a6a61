import { join } from 'node:path';
import type { OutgoingMail } from '../core/model.ts';
import type { Mailer } from '../ports.ts';
import { writeFileAtomic } from './atomic-file.ts';

/** Mail as `.eml` files in an outbox folder instead of SES: open them in any mail client. */
export class OutboxMailer implements Mailer {
  private sequence = 0;

  constructor(private readonly dir: string) {}

  async send(mail: OutgoingMail): Promise<string> {
    this.sequence += 1;
    const safeAddress = mail.to.replace(/[^a-zA-Z0-9@._+-]/g, '_');
    const name = `${Date.now()}-${process.pid}-${this.sequence}-${safeAddress}.eml`;
    await writeFileAtomic(join(this.dir, name), mail.raw);
    return name;
  }

  /** The mail a digest without subscribers would send, so the owner can look at it. */
  async writePreview(raw: Buffer): Promise<string> {
    const path = join(this.dir, 'preview.eml');
    await writeFileAtomic(path, raw);
    return path;
  }
}
