/** View models of the subscription pages. Strings stay raw: the templates escape them (`{{…}}`). */
import type { SiteInfo } from '../digest/views.ts';

/** Pages are served at `<site>/api/<endpoint>`; links go up to the archive, relative, so any host or prefix works. */
const HOME_HREF = '../index.html';

interface PageBase {
  digestTitle: string;
  pageTitle: string;
  homeHref: string;
}

const base = (site: SiteInfo, pageTitle: string): PageBase => ({ digestTitle: site.digestTitle, pageTitle, homeHref: HOME_HREF });

export const subscribeDoneView = (site: SiteInfo, email: string) => ({ ...base(site, 'Check your inbox'), email });

/** `action` is relative to the page (`/api/confirm`), so the form posts back to the same endpoint. */
export const confirmPageView = (site: SiteInfo, email: string, token: string) => ({ ...base(site, 'Confirm your subscription'), email, token, action: 'confirm' });

export const confirmedView = (site: SiteInfo, email: string, name?: string) => ({ ...base(site, 'Subscribed'), email, ...(name ? { name } : {}) });

export const unsubscribePageView = (site: SiteInfo, email: string, token: string) => ({ ...base(site, 'Unsubscribe'), email, token, action: 'unsubscribe' });

export const unsubscribedView = (site: SiteInfo, email: string) => ({ ...base(site, 'Unsubscribed'), email });

export interface ErrorPage {
  status: number;
  heading: string;
  message: string;
}

export const errorView = (site: SiteInfo, error: ErrorPage) => ({ ...base(site, error.heading), ...error });
