import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import { request } from './api.js';
import type { Lang } from './i18n.js';

/**
 * `GET /privacy-notice`: the privacy notice in the page's language and the company that handles the
 * customer's information (its name and logo), as the policy settings hold them (issue 18).
 */
const NoticeSchema = z.object({
  version: z.int(),
  effectiveFrom: z.optional(z.string()),
  text: z.string(),
  company: z.object({ name: z.string(), logoUrl: z.optional(z.string()) }),
});
export type NoticeInfo = z.infer<typeof NoticeSchema>;

const loaded = new Map<Lang, Promise<NoticeInfo | null>>();

/** The notice and company, asked for once per language per page; null while loading, 'failed' when unreadable. */
export function useSiteInfo(lang: Lang): NoticeInfo | null | 'failed' {
  const [info, setInfo] = useState<NoticeInfo | null | 'failed'>(null);
  useEffect(() => {
    let promise = loaded.get(lang);
    if (!promise) {
      promise = request('GET', `/privacy-notice?lang=${encodeURIComponent(lang)}`)
        .then((result) => {
          const parsed = NoticeSchema.safeParse(result.body);
          return result.status === 200 && parsed.success ? parsed.data : null;
        })
        .catch(() => null);
      loaded.set(lang, promise);
    }
    void promise.then((value) => setInfo(value ?? 'failed'));
  }, [lang]);
  return info;
}

/** The company's logo and name above a public page's title (nothing until known). */
export function CompanyBrand({ info }: { readonly info: NoticeInfo | null | 'failed' }) {
  if (info === null || info === 'failed') return null;
  return html`<p class="company" data-testid="company">
    ${info.company.logoUrl ? html`<img class="company-logo" src=${info.company.logoUrl} alt="" />` : null}
    <span data-testid="company-name">${info.company.name}</span>
  </p>`;
}

/** Where the privacy notice is: its own page, in the page's language. */
export function privacyHref(lang: Lang): string {
  return lang === 'en' ? '/privacy.html?lang=en' : '/privacy.html';
}
