import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { request } from '../api.js';
import type { Lang } from '../i18n.js';
import { ClaimDetail } from './claim-detail.js';
import { Commitments } from './commitments.js';
import { Ledger } from './ledger.js';
import { Queue } from './queue.js';
import { Policy } from './policy.js';
import { StaffDirectoryPage } from './directory.js';
import { dt } from './directory-texts.js';
import { MeSchema, type QueueChoices } from './schemas.js';
import { OperatorBanner, type Notices } from '../operator-notices.js';

type Section = 'queue' | 'commitments' | 'ledger' | 'policy' | 'staff';

/** The claim the URL's hash names, if any. */
function openInUrl(): string {
  return decodeURIComponent(location.hash.replace(/^#/, ''));
}

/**
 * The signed-in console: the work queue (or an open claim, named in the URL's hash), the commitments
 * registry, and for finance and executives the recovery ledger. The caller's roles come from /staff/me and
 * decide which sections and buttons appear; the API checks each request again.
 */
export function Desk({ headers, lang }: { headers: Record<string, string>; lang: Lang }) {
  const [roles, setRoles] = useState<readonly string[]>([]);
  const [notices, setNotices] = useState<Notices | undefined>(undefined);
  const [section, setSection] = useState<Section>('queue');
  const [choices, setChoices] = useState<QueueChoices | undefined>(undefined);
  const [meId, setMeId] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(openInUrl());
  useEffect(() => {
    void request('GET', '/staff/me', { headers }).then((r) => {
      const parsed = MeSchema.safeParse(r.body);
      if (!parsed.success) return;
      setRoles(parsed.data.roles);
      setNotices(parsed.data.notices);
      setChoices(parsed.data.queue);
      setMeId(parsed.data.id);
    });
  }, [headers]);
  // Back and Forward move between the queue (its filters in the query) and an open claim (in the hash).
  useEffect(() => {
    const follow = () => setOpen(openInUrl());
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);
  const close = () => {
    if (location.hash) history.pushState(null, '', location.pathname + location.search);
    setOpen('');
  };
  const sections: [Section, string][] = [
    ['queue', lang === 'en' ? 'Work queue' : '工作队列'],
    ['commitments', lang === 'en' ? 'Commitments' : '承诺'],
    ...(mayDo('readLedger', roles)
      ? [['ledger', lang === 'en' ? 'Recovery ledger' : '追偿台账'] as [Section, string]]
      : []),
    ...(mayDo('readPolicy', roles)
      ? [['policy', lang === 'en' ? 'Runtime policy' : '运行策略'] as [Section, string]]
      : []),
    ...(mayDo('manageStaff', roles) ? [['staff', dt('section', lang)] as [Section, string]] : []),
  ];
  return html`<${OperatorBanner} notices=${notices} lang=${lang} />
    <nav class="actions" aria-label=${lang === 'en' ? 'Sections' : '栏目'}>
      ${sections.map(
        ([key, text]) =>
          html`<button
            type="button"
            class="secondary"
            aria-pressed=${!open && section === key}
            onClick=${() => {
              close();
              setSection(key);
            }}
          >
            ${text}
          </button>`,
      )}
    </nav>
    ${
      open
        ? html`<${ClaimDetail}
            number=${open}
            roles=${roles}
            headers=${headers}
            lang=${lang}
            choices=${choices}
            meId=${meId}
            onBack=${close}
          />`
        : section === 'commitments'
          ? html`<${Commitments} roles=${roles} headers=${headers} />`
          : section === 'ledger'
            ? html`<${Ledger} headers=${headers} lang=${lang} />`
            : section === 'policy'
              ? html`<${Policy} roles=${roles} headers=${headers} lang=${lang} />`
              : section === 'staff'
                ? html`<${StaffDirectoryPage} headers=${headers} lang=${lang} />`
                : html`<${Queue}
                    headers=${headers}
                    lang=${lang}
                    choices=${choices}
                    onOpen=${(n: string) => {
                      // Pushed, so Back returns to the queue with its filters (they stay in the query).
                      history.pushState(
                        null,
                        '',
                        `${location.pathname}${location.search}#${encodeURIComponent(n)}`,
                      );
                      setOpen(n);
                    }}
                  />`
    }`;
}
