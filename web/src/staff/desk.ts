import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { mayDo } from '../../../shared/domain/staff-permissions.js';
import { TRANSITIONS } from '../../../shared/domain/lifecycle.js';
import { request } from '../api.js';
import type { Lang } from '../i18n.js';
import { ClaimDetail } from './claim-detail.js';
import { HeldMail } from './held-mail.js';
import { StaffIntake } from './intake.js';
import { Commitments } from './commitments.js';
import { Ledger } from './ledger.js';
import { Queue } from './queue.js';
import { PayoutsWaiting } from './payouts-waiting.js';
import { Approvals } from './approvals.js';
import { Policy } from './policy.js';
import { StaffDirectoryPage } from './directory.js';
import { dt } from './directory-texts.js';
import { MeSchema, type QueueChoices } from './schemas.js';
import { OperatorBanner, type Notices } from '../operator-notices.js';

type Section =
  'queue' | 'approvals' | 'payouts' | 'intake' | 'heldMail' | 'commitments' | 'ledger' | 'policy' | 'staff';

/** The console's section words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  sections: ['栏目', 'Sections'],
  queue: ['工作队列', 'Work queue'],
  intake: ['登记索赔', 'Register a claim'],
  payouts: ['待付款', 'Payouts waiting'],
  approvals: ['待我审批', 'Awaiting my approval'],
  skipToClaims: ['跳到第一条索赔', 'Skip to the first claim'],
  heldMail: ['待核实邮件', 'Held mail'],
  commitments: ['承诺', 'Commitments'],
  ledger: ['追偿台账', 'Recovery ledger'],
  policy: ['运行策略', 'Runtime policy'],
} as const;

function kt(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

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
  // "/" goes to the queue's search from anywhere but a field being typed in (issue 17: keyboard).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target;
      if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]'))
        return;
      const search = document.querySelector<HTMLInputElement>('[role="search"] input[type="search"]');
      if (search === null) return;
      e.preventDefault();
      search.focus();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  // Back and Forward move between the queue (its filters in the query) and an open claim (in the hash).
  useEffect(() => {
    const follow = () => setOpen(openInUrl());
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);
  const openClaim = (n: string) => {
    // Pushed, so Back returns to the queue with its filters (they stay in the query).
    history.pushState(null, '', `${location.pathname}${location.search}#${encodeURIComponent(n)}`);
    setOpen(n);
  };
  const close = () => {
    if (location.hash) history.pushState(null, '', location.pathname + location.search);
    setOpen('');
  };
  // Whose roles may approve at all: the approvals section and the queue's switch are theirs alone.
  const approves = TRANSITIONS.approve.roles.some((r) => roles.includes(r));
  const sections: [Section, string][] = [
    ['queue', kt('queue', lang)],
    ...(approves ? [['approvals', kt('approvals', lang)] as [Section, string]] : []),
    ...(mayDo('recordMoney', roles) ? [['payouts', kt('payouts', lang)] as [Section, string]] : []),
    ...(mayDo('registerClaim', roles) ? [['intake', kt('intake', lang)] as [Section, string]] : []),
    ...(mayDo('reviewHeldMail', roles) ? [['heldMail', kt('heldMail', lang)] as [Section, string]] : []),
    ['commitments', kt('commitments', lang)],
    ...(mayDo('readLedger', roles) ? [['ledger', kt('ledger', lang)] as [Section, string]] : []),
    ...(mayDo('readPolicy', roles) ? [['policy', kt('policy', lang)] as [Section, string]] : []),
    ...(mayDo('manageStaff', roles) ? [['staff', dt('section', lang)] as [Section, string]] : []),
  ];
  return html`${
      !open && section === 'queue'
        ? html`<a
            class="skip-link"
            href="#"
            onClick=${(e: Event) => {
              // The keyboard's shortcut past the banner, the sections and the filters to the first claim.
              e.preventDefault();
              document.querySelector<HTMLElement>('[data-testid="queue"] tbody a')?.focus();
            }}
            >${kt('skipToClaims', lang)}</a
          >`
        : null
    }
    <${OperatorBanner} notices=${notices} lang=${lang} />
    <nav class="actions" aria-label=${kt('sections', lang)}>
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
            key=${open}
            number=${open}
            roles=${roles}
            headers=${headers}
            lang=${lang}
            choices=${choices}
            meId=${meId}
            onBack=${close}
            onOpen=${openClaim}
          />`
        : section === 'approvals'
          ? html`<${Approvals} headers=${headers} lang=${lang} choices=${choices} onOpen=${openClaim} />`
          : section === 'payouts'
            ? html`<${PayoutsWaiting} headers=${headers} roles=${roles} lang=${lang} onOpen=${openClaim} />`
            : section === 'commitments'
              ? html`<${Commitments} roles=${roles} headers=${headers} lang=${lang} />`
              : section === 'ledger'
                ? html`<${Ledger} headers=${headers} lang=${lang} />`
                : section === 'policy'
                  ? html`<${Policy} roles=${roles} headers=${headers} lang=${lang} />`
                  : section === 'staff'
                    ? html`<${StaffDirectoryPage} headers=${headers} lang=${lang} />`
                    : section === 'intake'
                      ? html`<${StaffIntake}
                          headers=${headers}
                          lang=${lang}
                          choices=${choices}
                          onFiled=${openClaim}
                        />`
                      : section === 'heldMail'
                        ? html`<${HeldMail} headers=${headers} lang=${lang} onOpen=${openClaim} />`
                        : html`<${Queue}
                            headers=${headers}
                            lang=${lang}
                            choices=${choices}
                            approves=${approves}
                            onOpen=${openClaim}
                          />`
    }`;
}
