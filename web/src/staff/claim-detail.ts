import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { CLAIM_ACTIONS, TRANSITIONS, type ClaimAction } from '../../../shared/domain/lifecycle.js';
import { request } from '../api.js';
import { StaffEvidence } from '../evidence.js';
import { formatDate, formatInstant } from '../../../shared/domain/shanghai-time.js';
import {
  CUSTOMER_RESPONSE_LABELS,
  INTAKE_CHANNEL_LABELS,
  REMEDY_LABELS,
  SEVERITY_LABELS,
  URGENCY_LABELS,
  type Words,
} from '../../../shared/domain/labels.js';
import { gradeReasonWords } from '../../../shared/domain/severity-words.js';
import { STAFF_ACTION_LABELS, STATUS_LABELS, TO_CONFIRM_WORDS, label, yuan, type Lang } from '../i18n.js';
import { ActionForm, FORMS } from './action-forms.js';
import { nextStep, prefill } from './next-step.js';
import { claimChangeWords } from './claim-changes.js';
import { draftedAction } from './drafts.js';
import { QuickActions, quickActions } from './quick-actions.js';
import { categoryLabel, useCategories } from './categories.js';
import { Payouts } from './payouts.js';
import { Recoveries } from './recoveries.js';
import { ResendLink } from './resend-link.js';
import { DetailSchema, MoneySchema, type Detail, type Money, type QueueChoices } from './schemas.js';
import { SlaBadges } from './sla-badges.js';
import { PlanSummary } from './plan-summary.js';
import { ClaimLink } from './claim-link.js';
import { PlanStatutoryFlags, StaffStatutoryPanel } from '../statutory-panel.js';
import { AuditIntegrityWarning } from './audit-integrity.js';
import {
  shownInTimeline,
  timelineWhat,
  timelineWhen,
  timelineWho,
  type TimelineNames,
} from './timeline-words.js';

/** How often an open claim is read again (issue 17: views refresh by themselves). */
const REFRESH_MS = 20_000;

/** Claim view texts that are not a code's word, [zh-CN, en]. */
const VIEW_TEXT = {
  back: ['← 返回列表', '← Back to the queue'],
  status: ['状态：', 'Status: '],
  notGiven: ['未填写', 'Not given'],
  severity: ['严重等级：', 'Severity: '],
  urgency: ['紧急程度：', 'Urgency: '],
  plan: ['方案：', 'Plan: '],
  assignee: ['处理人：', 'Assignee: '],
  unassigned: ['未分派', 'Unassigned'],
  duplicate: ['可能重复：', 'Possible duplicate of: '],
  actions: ['操作', 'Actions'],
  timeline: ['处理记录', 'Timeline'],
  version: ['版本 {n}', 'version {n}'],
} as const satisfies Record<string, Words>;

function viewText(key: keyof typeof VIEW_TEXT, lang: Lang, n = ''): string {
  return VIEW_TEXT[key][lang === 'en' ? 1 : 0].replace('{n}', n);
}

/** 待确认 / To be confirmed beside a stand-in fact, in the console's language. */
function toConfirmMark(claim: { toConfirm?: string[] | undefined }, field: string, lang: Lang) {
  if (!(claim.toConfirm ?? []).includes(field)) return null;
  return html` <mark class="to-confirm" data-testid=${`to-confirm-${field}`}
    >${TO_CONFIRM_WORDS[lang === 'en' ? 1 : 0]}</mark
  >`;
}

const TIER_WORDS = {
  agent: ['坐席', 'agent'],
  area_manager: ['区域经理', 'area manager'],
  department_head: ['部门负责人', 'department head'],
  executive: ['高管', 'executive'],
} as const;

/** Which policy version set the clocks and decided the approval tier (issue 15), in words. */
function PolicyVersions({ claim, lang }: { claim: Detail['claim']; lang: Lang }) {
  const en = lang === 'en';
  const lines: string[] = [];
  if (claim.policyVersion !== undefined)
    lines.push(
      en ? `Clocks: Policy version ${claim.policyVersion}` : `时限：策略版本 v${claim.policyVersion}`,
    );
  const approval = claim.approval;
  if (approval?.policyVersion !== undefined) {
    const tier = Object.entries(TIER_WORDS).find(([code]) => code === approval.requiredTier)?.[1];
    const tierWords = tier ? tier[en ? 1 : 0] : approval.requiredTier;
    lines.push(
      en
        ? `Approval tier: ${tierWords} (Policy version ${approval.policyVersion})`
        : `审批层级：${tierWords}（策略版本 v${approval.policyVersion}）`,
    );
  }
  if (lines.length === 0) return null;
  return html`<p data-testid="policy-version">${lines.join(en ? ' · ' : '；')}</p>`;
}

/** The claim's unit in the page's language, with the units above it: "上海一店（总部 › 华东大区）". */
function unitWords(units: Detail['units'], unitId: string, lang: Lang): string {
  const names = (units ?? []).map((u) => u.name[lang]);
  const own = names.at(-1) ?? unitId;
  const above = names.slice(0, -1);
  if (above.length === 0) return own;
  return lang === 'en' ? `${own} (${above.join(' › ')})` : `${own}（${above.join(' › ')}）`;
}

/** The actions offered: those the caller's roles allow and the claim's state permits (the API checks again). */
function offeredActions(claim: Detail['claim']): ClaimAction[] {
  return CLAIM_ACTIONS.filter(
    (a) =>
      FORMS[a] !== undefined &&
      (FORMS[a].offered?.(claim) ?? true) &&
      claim.allowedActions.includes(a) &&
      TRANSITIONS[a].from.some((s) => s === claim.status),
  );
}

export function ClaimDetail({
  number,
  roles,
  headers,
  lang,
  onBack,
  onOpen,
  choices,
  meId,
}: {
  number: string;
  roles: readonly string[];
  headers: Record<string, string>;
  lang: Lang;
  onBack: () => void;
  /** Opens another claim (a possible duplicate) in the console. */
  onOpen: (number: string) => void;
  /** `/staff/me`'s pickers and the caller's id, for the assign form. */
  choices?: QueueChoices | undefined;
  meId?: string | undefined;
}) {
  const [detail, setDetail] = useState<Detail | null>(null);
  // The form picked with a button (null: closed on purpose); undefined follows the claim's next step. A form
  // with a draft (typed before a sign-in on this page) opens again on the way back.
  const [chosen, setChosen] = useState<ClaimAction | null | undefined>(
    () => draftedAction(number, CLAIM_ACTIONS) ?? undefined,
  );
  // What someone else changed while a form was open (a 409), in words.
  const [changed, setChanged] = useState('');
  const [money, setMoney] = useState<Money>({ payouts: [], recoveries: [] });
  // What the customer sent, as it stood when this view opened: shown after the mark is taken off.
  const [response, setResponse] = useState<Detail['claim']['customerResponse']>(undefined);
  const categories = useCategories(headers);
  const load = (then?: (next: Detail) => void) => {
    const ref = encodeURIComponent(number);
    void request('GET', `/staff/claims/${ref}`, { headers }).then((r) => {
      const parsed = DetailSchema.safeParse(r.body);
      if (!parsed.success) return;
      setDetail(parsed.data);
      then?.(parsed.data);
      const marked = parsed.data.claim.customerResponse;
      if (marked === undefined || !parsed.data.claim.allowedActions.includes('acknowledge_response')) return;
      setResponse(marked);
      // Opening the claim is seeing it: the queue's "customer responded" mark comes off, then the view
      // reloads so its version is the one the next action expects.
      void request('POST', `/staff/claims/${ref}/acknowledge-response`, { headers, body: {} }).then((a) => {
        if (a.status === 200) load();
      });
    });
    // Payouts with their failure reasons, and recoveries, which the claim itself does not carry.
    void request('GET', `/staff/claims/${ref}/payouts`, { headers }).then((r) => {
      const parsed = MoneySchema.safeParse(r.body);
      if (parsed.success) setMoney(parsed.data);
    });
  };
  useEffect(() => load(), [number]);
  // The view keeps up by itself (issue 17): read again every 20 s and when the tab comes back into view;
  // an open form keeps what was typed (its state is keyed by the action, not by the data).
  useEffect(() => {
    const timer = setInterval(() => load(), REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [number, headers]);
  if (!detail) return html`<p aria-busy="true">…</p>`;
  const { claim } = detail;
  // A button only for actions the caller's roles allow and the claim's state permits; the API checks again.
  const actions = offeredActions(claim);
  const fieldless = (a: ClaimAction) => FORMS[a]?.fields.length === 0;
  const quick = quickActions(claim, actions, fieldless, (a) => FORMS[a]?.path ?? a, choices, meId, lang);
  // Dispatching to others is a manager's; an agent takes a claim with "assign to me" alone.
  const dispatches = roles.some((r) => r === 'manager' || r === 'admin');
  const formActions = actions.filter(
    (a) => !fieldless(a) && a !== 'reply_to_customer' && (a !== 'assign' || dispatches),
  );
  const next = nextStep(claim, meId);
  const open = chosen === undefined ? (next !== null && formActions.includes(next) ? next : null) : chosen;
  const replying = actions.includes('reply_to_customer');
  const nameOf = (id: string) => choices?.colleagues.find((c) => c.id === id)?.name ?? id;
  // Someone else saved first: reload, say what changed, keep the form (and what was typed) if it still applies.
  const conflicted = (form: ClaimAction) => (refusal: string) =>
    load((next) => {
      const still = offeredActions(next.claim).includes(form);
      if (next.claim.version === claim.version) {
        setChanged(refusal);
        return;
      }
      const gone = still ? null : label(STAFF_ACTION_LABELS, form, lang);
      setChanged(claimChangeWords(claim, next.claim, lang, nameOf, gone));
      if (!still && form === open) setChosen(null);
    });
  const names: TimelineNames = {
    person: nameOf,
    unit: (id) => choices?.units.find((u) => u.id === id)?.name[lang] ?? id,
  };
  const en = lang === 'en';
  const sep = en ? ', ' : '；';
  const reasons = claim.severityReasons.map((r) => gradeReasonWords(r, lang)).join(sep);
  return html`<section data-testid="claim-view">
    <p><button class="secondary" onClick=${onBack}>${viewText('back', lang)}</button></p>
    <div class="card">
      <h2 class="number">${claim.number}</h2>
      <p>
        ${viewText('status', lang)}
        <strong data-testid="detail-status">${label(STATUS_LABELS, claim.status, lang)}</strong> ·
        ${viewText('version', lang, String(claim.version))}
      </p>
      <p>${claim.claimant.name} · ${claim.claimant.phone ?? ''} ${claim.claimant.email ?? ''}</p>
      <p>
        ${[claim.product.name, claim.product.orderNumber ? `(${claim.product.orderNumber})` : ''].join(' ')}${toConfirmMark(claim, 'product', lang)}
      </p>
      <p>
        ${en ? 'Category: ' : '类别：'}<span data-testid="detail-category"
          >${claim.category ? categoryLabel(categories, claim.category, lang) : viewText('notGiven', lang)}</span
        >${toConfirmMark(claim, 'category', lang)}${en ? ' · Found on: ' : ' · 发现日期：'}${claim.foundOn ? formatDate(claim.foundOn, lang) : viewText('notGiven', lang)}${toConfirmMark(claim, 'foundOn', lang)}
      </p>
      <p data-testid="detail-facts">
        ${[
          claim.requestedRemedy
            ? `${en ? 'Asks for: ' : '诉求：'}${label(REMEDY_LABELS, claim.requestedRemedy, lang)}`
            : '',
          claim.claimedAmountFen !== undefined
            ? `${en ? 'Claimed: ' : '索赔金额：'}${yuan(claim.claimedAmountFen)}`
            : '',
          claim.product.model ? `${en ? 'Model: ' : '型号：'}${claim.product.model}` : '',
          claim.product.quantity !== undefined
            ? `${en ? 'Quantity: ' : '数量：'}${claim.product.quantity}`
            : '',
          claim.channel
            ? `${en ? 'Received by: ' : '受理渠道：'}${label(INTAKE_CHANNEL_LABELS, claim.channel, lang)}`
            : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p>${claim.description}</p>
      <p data-testid="detail-severity">
        ${viewText('severity', lang)}${label(SEVERITY_LABELS, String(claim.severity), lang)}${reasons ? (en ? ` (${reasons})` : `（${reasons}）`) : ''}
        · ${viewText('urgency', lang)}${label(URGENCY_LABELS, claim.urgency, lang)}
      </p>
      ${response ? html`<p class="notice" role="status" data-testid="customer-response">${label(CUSTOMER_RESPONSE_LABELS, response.what, lang)}${en ? ' · ' : '（'}${formatInstant(response.at, lang)}${en ? '' : '）'}</p>` : null}
      <${SlaBadges} clocks=${claim.clocks} lang=${lang} />
      <${PlanSummary} claim=${claim} choices=${choices} lang=${lang} />
      <${PlanStatutoryFlags} plan=${claim.resolution} lang=${lang} />
      <${PolicyVersions} claim=${claim} lang=${lang} />
      <p data-testid="detail-unit">
        ${en ? 'Unit: ' : '单位：'}${unitWords(detail.units, claim.unitId, lang)}
      </p>
      <p data-testid="detail-assignee">
        ${viewText('assignee', lang)}${claim.assigneeId === undefined ? viewText('unassigned', lang) : nameOf(claim.assigneeId)}
      </p>
      ${claim.possibleDuplicateOf.length ? html`<p class="error" data-testid="duplicates">${viewText('duplicate', lang)}${claim.possibleDuplicateOf.map((n, i) => html`${i > 0 ? sep : ''}<${ClaimLink} number=${n} onOpen=${onOpen} />`)}</p>` : null}
    </div>
    <${StaffStatutoryPanel} assessment=${detail.statutory} lang=${lang} />
    ${changed ? html`<p class="card conflict" role="alert" data-testid="claim-changed">${changed}</p>` : null}
    <div class="actions" role="group" aria-label=${viewText('actions', lang)}>
      <${QuickActions}
        quick=${quick}
        number=${claim.number}
        headers=${headers}
        lang=${lang}
        onDone=${() => {
          setChosen(undefined);
          load();
        }}
      />
      ${formActions.map((a) => html`<button class="secondary" aria-pressed=${open === a} onClick=${() => setChosen(open === a ? null : a)}>${label(STAFF_ACTION_LABELS, a, lang)}</button>`)}
    </div>
    ${
      open && formActions.includes(open)
        ? html`<${ActionForm}
            key=${open}
            action=${open}
            claim=${claim}
            headers=${headers}
            lang=${lang}
            choices=${choices}
            meId=${meId}
            initial=${prefill(open, claim, categories, Date.now())}
            focusOnOpen=${chosen !== undefined}
            onDone=${() => {
              // The next step opens by itself; a form opened while the save was on the way stays open.
              const saved = open;
              setChosen((current) => (current === saved || current === undefined ? undefined : current));
              setChanged('');
              load();
            }}
            onConflict=${conflicted(open)}
          />`
        : null
    }
    ${
      replying
        ? html`<${ActionForm}
            key="reply"
            action="reply_to_customer"
            claim=${claim}
            headers=${headers}
            lang=${lang}
            choices=${choices}
            meId=${meId}
            onDone=${() => {
              setChanged('');
              load();
            }}
            onConflict=${conflicted('reply_to_customer')}
          />`
        : null
    }
    <${ResendLink}
      number=${claim.number}
      roles=${roles}
      headers=${headers}
      lang=${lang}
      onDone=${() => load()}
    />
    ${money.payouts.length ? html`<${Payouts} payouts=${money.payouts} claimStatus=${claim.status} roles=${roles} headers=${headers} onDone=${() => load()} lang=${lang} />` : null}
    ${money.recoveries.length ? html`<${Recoveries} recoveries=${money.recoveries} roles=${roles} headers=${headers} onDone=${() => load()} lang=${lang} />` : null}
    <${StaffEvidence}
      claimNumber=${claim.number}
      evidence=${claim.evidence ?? []}
      authorization=${headers}
      lang=${lang}
    />
    <div class="card">
      <h3>${viewText('timeline', lang)}</h3>
      <${AuditIntegrityWarning} integrity=${detail.auditIntegrity} lang=${lang} />
      <ol class="timeline" data-testid="timeline">
        ${detail.timeline.filter(shownInTimeline).map((e) => html`<li>${timelineWhen(e, lang)} · ${timelineWho(e, lang)} · ${timelineWhat(e, lang, names)}</li>`)}
      </ol>
    </div>
  </section>`;
}
