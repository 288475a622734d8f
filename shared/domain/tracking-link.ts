import type { Language } from './categories.js';
import type { NotificationKind } from './messages.js';

/**
 * The customer's tracking page for a claim, relative to the web origin. The token rides in the fragment
 * (`#t=…`), which the browser never sends: it reaches no CloudFront or API log, and the page passes it on
 * to the API in the `X-Claim-Token` header. English claims open the page in English (`lang`, in the
 * query, since the page keeps its language there). `section` names a part of the page to open at
 * (the closure mail's survey).
 */
export function trackingPagePath(
  claimNumber: string,
  token: string,
  language: Language = 'zh-CN',
  section?: TrackingSection,
): string {
  const query = new URLSearchParams({ number: claimNumber });
  if (language === 'en') query.set('lang', 'en');
  return `/track.html?${query.toString()}#${trackingFragment({ token, section })}`;
}

/** Parts of the tracking page a mail may link straight to (element ids on the page). */
export const TRACKING_SECTIONS = ['survey'] as const;
export type TrackingSection = (typeof TRACKING_SECTIONS)[number];

/** The part of the page a customer message of `kind` opens at: the survey for the closure mail and text. */
export function trackingSectionOf(kind: NotificationKind): TrackingSection | undefined {
  return kind === 'closure_survey' ? 'survey' : undefined;
}

/** The request header the page sends the token in. */
export const CLAIM_TOKEN_HEADER = 'X-Claim-Token';

export interface TrackingFragment {
  readonly token?: string | undefined;
  readonly section?: TrackingSection | undefined;
}

/** `t=<token>&section=<section>`: the fragment of a tracking link, without its `#`. */
export function trackingFragment({ token, section }: TrackingFragment): string {
  const fragment = new URLSearchParams();
  if (token !== undefined && token !== '') fragment.set('t', token);
  if (section !== undefined) fragment.set('section', section);
  return fragment.toString();
}

/** A tracking link (absolute or not) that opens at `section`; its token and query stay as they are. */
export function trackingLinkToSection(link: string, section: TrackingSection): string {
  const at = link.indexOf('#');
  const base = at === -1 ? link : link.slice(0, at);
  const fragment = readTrackingFragment(at === -1 ? '' : link.slice(at));
  return `${base}#${trackingFragment({ ...fragment, section })}`;
}

/**
 * What a tracking page's address carries: the token and section of its fragment (`location.hash`, with or
 * without its `#`). Links mailed before the token moved to the fragment carry it as `?token=` and end in
 * a bare `#survey`; both are read from `search`, the address's query (`location.search`), when given.
 */
export function readTrackingFragment(hash: string, search = ''): TrackingFragment {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const fragment = new URLSearchParams(raw.includes('=') ? raw : '');
  const bareSection = raw.includes('=') ? undefined : raw;
  const token = fragment.get('t') ?? new URLSearchParams(search).get('token') ?? undefined;
  const section = TRACKING_SECTIONS.find((s) => s === (fragment.get('section') ?? bareSection));
  return { token: token === '' ? undefined : token, section };
}

/**
 * The address a tracking page shows once it has read it: an old link's `?token=` moved into the fragment
 * (so it neither stays in the address bar nor goes out with any request), every other query parameter
 * kept. `null` when the address already carries no token in its query.
 */
export function addressWithoutQueryToken(pathname: string, search: string, hash: string): string | null {
  const query = new URLSearchParams(search);
  if (!query.has('token')) return null;
  const fragment = readTrackingFragment(hash, search);
  query.delete('token');
  const rest = query.toString();
  const moved = trackingFragment(fragment);
  return `${pathname}${rest ? `?${rest}` : ''}${moved ? `#${moved}` : ''}`;
}
