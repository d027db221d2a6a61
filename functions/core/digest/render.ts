import Mustache from 'mustache';

/** The templates a digest is rendered from; a user's templates folder may replace any of them. */
export const TEMPLATE_NAMES = [
  // The archive site's shared parts: styles and the subscribe form are partials of the pages; the scripts are
  // copied as they are (site.js on issue pages, search.js on index pages).
  'site.css', 'subscribe-form.html', 'site.js', 'search.js',
  'email.html',
  'email.txt',
  'issue.html',
  'index.html',
  'feed.xml',
  'feed-entry.html',
  // Subscription pages and the confirmation mail (functions/core/subscriptions); page-*.html are their shared partials.
  'page-head.html', 'page-foot.html', 'subscribe-done.html', 'confirm.html', 'confirmed.html', 'unsubscribe.html', 'unsubscribed.html', 'error.html', 'confirm-email.html', 'confirm-email.txt',
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type Templates = Readonly<Record<TemplateName, string>>;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes what HTML and XML need (text and quoted attributes). Mustache's default also escapes
 * "/" and "=", which is harmless but turns every URL into unreadable character references.
 */
export function escapeMarkup(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Renders one template; every template is available to the others as a partial (`{{> feed-entry.html}}`). */
export function render(templates: Templates, name: TemplateName, view: object): string {
  return Mustache.render(templates[name], view, templates as Record<string, string>, { escape: escapeMarkup });
}
