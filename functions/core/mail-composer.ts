/**
 * nodemailer's MailComposer (CommonJS, about 135 KB bundled), loaded on the first mail composed rather than at
 * cold start: a Lambda start, or a run with nothing new to send, does not pay for it.
 */
type MailComposerClass = (typeof import('nodemailer/lib/mail-composer'))['default'];

let mailComposer: Promise<MailComposerClass> | undefined;

export function loadMailComposer(): Promise<MailComposerClass> {
  return (mailComposer ??= import('nodemailer/lib/mail-composer').then((module) => module.default));
}
