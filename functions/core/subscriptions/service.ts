/**
 * The subscription use cases both edges share (the HTTP endpoints on AWS and in `digest serve`, and
 * `digest subscribers add`): read the record, apply the state change, store it, send the mail.
 */
import type { Clock, Mailer, SubscriberStore } from '../../ports.ts';
import type { Templates } from '../digest/render.ts';
import type { SiteInfo } from '../digest/views.ts';
import { changeAddress } from './change-address.ts';
import { composeConfirmationMail } from './confirm-mail.ts';
import { confirmSubscription, requestSubscription, unsubscribe, type ConfirmOutcome, type SubscribeOutcome, type UnsubscribeOutcome } from './lifecycle.ts';
import { signToken, verifyToken, type TokenCheck } from './tokens.ts';

/** How long a confirmation link works. */
export const CONFIRM_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SubscriptionDeps {
  subscribers: SubscriberStore;
  mailer: Mailer;
  clock: Clock;
  templates: Templates;
  /** Signs and checks confirm and unsubscribe tokens. */
  tokenKey: string;
  site: SiteInfo;
  sender: string;
}

/** Names keep letters, marks, punctuation and spaces: control and invisible formatting characters go. */
export function cleanName(name: string | undefined): string | undefined {
  const cleaned = name?.replace(/\p{C}+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  return cleaned || undefined;
}

/** Starts a double opt-in for a normalised address (the name is cleaned here, for every edge). The outcome is for the owner's eyes (CLI), never for the public. */
export async function startSubscription(
  email: string,
  name: string | undefined,
  deps: SubscriptionDeps,
): Promise<{ outcome: SubscribeOutcome; mailed: boolean }> {
  const now = deps.clock.now();
  // Stored before the mail goes out: of two requests at once (a double click, two tabs) one stores its
  // change and mails; the other reads the winner's record (a confirmation just sent) and mails nobody.
  const { existing, change } = await changeAddress(deps.subscribers, email, (current) => requestSubscription(current, email, now, cleanName(name)));
  if (!change.subscriber || !change.sendConfirmation) return { outcome: change.outcome, mailed: false };
  const expiresAt = new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS);
  const token = signToken({ purpose: 'confirm', email, expiresAt: Math.floor(expiresAt.getTime() / 1000) }, deps.tokenKey);
  try {
    const raw = await composeConfirmationMail({
      site: deps.site,
      templates: deps.templates,
      sender: deps.sender,
      to: email,
      ...(change.subscriber.name ? { name: change.subscriber.name } : {}),
      token,
      expiresAt,
      sentAt: now,
    });
    await deps.mailer.send({ from: deps.sender, to: email, raw });
  } catch (error) {
    // Undone (unless the address changed meanwhile), so the reader can try again at once instead of
    // waiting a day for a mail that never left.
    await deps.subscribers.swap(email, change.subscriber, existing);
    throw error;
  }
  return { outcome: change.outcome, mailed: true };
}


export type TokenAction<Outcome> =
  | { ok: true; email: string; outcome: Outcome; name?: string }
  | { ok: false; reason: Extract<TokenCheck, { ok: false }>['reason'] };

/** Checks a confirm token without changing anything (what the GET page needs). */
export function checkConfirmToken(token: string, deps: Pick<SubscriptionDeps, 'tokenKey' | 'clock'>): TokenCheck {
  return verifyToken(token, deps.tokenKey, 'confirm', deps.clock.now());
}

export function checkUnsubscribeToken(token: string, deps: Pick<SubscriptionDeps, 'tokenKey' | 'clock'>): TokenCheck {
  return verifyToken(token, deps.tokenKey, 'unsubscribe', deps.clock.now());
}

export async function confirmWithToken(token: string, deps: SubscriptionDeps): Promise<TokenAction<ConfirmOutcome>> {
  const check = checkConfirmToken(token, deps);
  if (!check.ok) return check;
  const { email } = check.claims;
  const { existing, change } = await changeAddress(deps.subscribers, email, (current) => confirmSubscription(current, deps.clock.now()));
  return { ok: true, email, outcome: change.outcome, ...(existing?.name ? { name: existing.name } : {}) };
}

export async function unsubscribeWithToken(token: string, deps: SubscriptionDeps): Promise<TokenAction<UnsubscribeOutcome>> {
  const check = checkUnsubscribeToken(token, deps);
  if (!check.ok) return check;
  const { email } = check.claims;
  const { change } = await changeAddress(deps.subscribers, email, (current) => unsubscribe(current, deps.clock.now()));
  return { ok: true, email, outcome: change.outcome };
}
