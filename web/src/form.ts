import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import { REMEDIES } from '../../shared/domain/categories.js';
import { IntakeInputSchema } from '../../shared/domain/claim.js';
import { wordZodIssues } from '../../shared/domain/field-issues.js';
import { ApiErrorSchema, request } from './api.js';
import { FindClaimLink } from './find-claim.js';
import { REMEDY_LABELS, currentLang, label, switchLangHref, t, type Lang } from './i18n.js';
import { FilePicker, type PickedFiles } from './evidence.js';
import {
  INTAKE_FIELD_OF_PATH,
  INTAKE_FIELD_ORDER,
  intakeBody,
  intakeBrowserIssues,
  issuesByField,
  todayInShanghai,
  type IntakeTextFields,
} from './intake-fields.js';
import { Confirmation } from './form-confirmation.js';
import { FiledResponseSchema, type FiledResponse } from '../../shared/domain/intake-response.js';
import { EMPTY_PURCHASE, purchaseBody, purchaseFieldOf, purchaseIssues } from './purchase-facts.js';
import { PurchaseFacts } from './statutory-fields.js';
import { ConsentLine } from './consent.js';
import { ct } from './consent-texts.js';
import { CompanyBrand, useSiteInfo } from './site-info.js';
import { proofRefused, useProofOfWork } from './proof-of-work.js';

type Fields = IntakeTextFields;

const EMPTY: Fields = {
  name: '',
  phone: '',
  email: '',
  productName: '',
  model: '',
  quantity: '1',
  orderNumber: '',
  foundOn: '',
  category: '',
  description: '',
  requestedRemedy: 'refund',
  amountYuan: '',
};

function toBody(f: Fields, lang: Lang, files: PickedFiles): Record<string, unknown> {
  return { ...(files.uploads.length > 0 ? { uploads: files.uploads } : {}), ...intakeBody(f, lang) };
}

function errorsOf(
  issues: readonly { path: string; message: string }[],
): Partial<Record<keyof Fields, string>> {
  return issuesByField(issues, INTAKE_FIELD_OF_PATH, 'description');
}

/** `GET /form-options`: the categories the policy in force offers, named in the page's language. */
const FormOptionsSchema = z.object({
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
});
type CategoryOption = z.infer<typeof FormOptionsSchema>['categories'][number];

function ClaimForm({ onFiled }: { onFiled: (filed: FiledResponse) => void }) {
  const lang = currentLang();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [state, setState] = useState<'editing' | 'sending' | 'failed'>('editing');
  const [files, setFiles] = useState<PickedFiles>({ uploads: [], ready: true });
  const [filesError, setFilesError] = useState<string | undefined>(undefined);
  // Issue 24: the optional purchase facts, in their own group with their own errors.
  const [purchase, setPurchase] = useState(EMPTY_PURCHASE);
  const [purchaseErrors, setPurchaseErrors] = useState<Record<string, string>>({});
  // The consent line (个人信息保护法): ticked by the customer, to the notice version the page loaded.
  const info = useSiteInfo(lang);
  const [consented, setConsented] = useState(false);
  const [consentError, setConsentError] = useState<string | undefined>(undefined);
  const consent = () =>
    consented && info !== null && info !== 'failed'
      ? { privacyConsent: { noticeVersion: info.version } }
      : {};
  // The categories are the policy's (an admin may add or retire one): asked for once, in the page's language.
  const [categories, setCategories] = useState<readonly CategoryOption[] | 'failed' | null>(null);
  useEffect(() => {
    void request('GET', `/form-options?lang=${encodeURIComponent(lang)}`)
      .then((result) => {
        const parsed = FormOptionsSchema.safeParse(result.body);
        if (result.status !== 200 || !parsed.success) return setCategories('failed');
        setCategories(parsed.data.categories);
        const first = parsed.data.categories[0]?.code ?? '';
        setFields((f) =>
          parsed.data.categories.some((c) => c.code === f.category) ? f : { ...f, category: first },
        );
      })
      .catch(() => setCategories('failed'));
  }, [lang]);
  // One key per filled-in form: a double click or a retry after a lost answer files one claim.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  // Against scripted spam (issue 18): solved in the background for this key while the customer types.
  const proof = useProofOfWork(idempotencyKey);

  // Bumped on each refused submit: after the errors render, focus moves to the first one.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0) return;
    const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    // Centred, so the field's label above it shows too on a phone (focus alone scrolls it to the edge).
    first?.focus({ preventScroll: true });
    first?.scrollIntoView({ block: 'center' });
  }, [attempt]);

  // The API's own schema, worded as the API words it, plus the rules only the browser can check.
  const validate = (next: Fields) => {
    const result = IntakeInputSchema.safeParse(toBody(next, lang, files));
    return errorsOf([
      ...intakeBrowserIssues(next, lang),
      ...(result.success ? [] : wordZodIssues(result.error.issues, lang)),
    ]);
  };
  // Checked on submit, not on leaving a field: an error appearing on blur moves the button under the pointer
  // and the click meant for it is lost. A field already showing an error is checked again as it is typed.
  const set = (key: keyof Fields) => (event: Event) => {
    const target = event.currentTarget;
    if (!(
      target instanceof HTMLInputElement ||
      target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement
    ))
      return;
    const next = { ...fields, [key]: target.value };
    setFields(next);
    if (errors[key]) setErrors({ ...errors, [key]: validate(next)[key] });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (state === 'sending') return;
    const found = validate(fields);
    setErrors(found);
    const purchaseFound = purchaseIssues(purchase, lang, todayInShanghai());
    setPurchaseErrors(purchaseFound);
    const missingConsent = consented ? undefined : ct('consentRequired', lang);
    setConsentError(missingConsent);
    if (Object.values(found).some(Boolean) || Object.values(purchaseFound).some(Boolean) || missingConsent) {
      setState('failed');
      setAttempt((n) => n + 1);
      return;
    }
    setFilesError(files.ready ? undefined : t('waitForUploads', lang));
    if (!files.ready) return;
    setState('sending');
    try {
      const send = async (renew: boolean) =>
        request('POST', '/claims', {
          body: { ...toBody(fields, lang, files), statutoryFacts: purchaseBody(purchase), ...consent() },
          headers: { 'idempotency-key': idempotencyKey, ...(await proof.headers(renew)) },
        });
      const first = await send(false);
      // A proof refused (expired while the page stayed open, or the policy asks more now): once more, fresh.
      const result = proofRefused(first) ? await send(true) : first;
      const ok = FiledResponseSchema.safeParse(result.body);
      if ((result.status === 201 || result.status === 200) && ok.success) {
        onFiled(ok.data);
        return;
      }
      const apiError = ApiErrorSchema.safeParse(result.body);
      const issues = apiError.success ? (apiError.data.error.issues ?? []) : [];
      // A refused upload (gone, or not the declared size) is shown at the picker, the rest at their fields.
      setFilesError(issues.find((i) => i.path.startsWith('uploads'))?.message);
      setConsentError(issues.find((i) => i.path === 'privacyConsent')?.message);
      const ofPurchase = (path: string) => path.startsWith('statutoryFacts.');
      setErrors(
        errorsOf(
          issues.filter(
            (i) => !i.path.startsWith('uploads') && !ofPurchase(i.path) && i.path !== 'privacyConsent',
          ),
        ),
      );
      setPurchaseErrors(
        Object.fromEntries(
          issues
            .filter((i) => ofPurchase(i.path))
            .map((i) => [purchaseFieldOf(i.path) ?? 'purchaseDate', i.message]),
        ),
      );
      setState('failed');
      setAttempt((n) => n + 1);
    } catch {
      setState('failed');
    }
  };

  const offered = categories === null || categories === 'failed' ? null : categories;

  const field = (key: keyof Fields, text: string, input: (props: Record<string, unknown>) => unknown) => {
    const id = `f-${key}`;
    const error = errors[key];
    return html`<div>
      <label for=${id}>${text}</label>
      ${input({ id, name: key, value: fields[key], onInput: set(key), onChange: set(key), 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error ? `${id}-error` : undefined })}
      ${error ? html`<p class="error" id=${`${id}-error`} lang=${lang}>${error}</p>` : null}
    </div>`;
  };
  const text =
    (type = 'text', extra: Record<string, unknown> = {}) =>
    (props: Record<string, unknown>) =>
      html`<input type=${type} ...${props} ...${extra} />`;

  return html`<form onSubmit=${submit} novalidate>
    <fieldset>
      <legend>${t('you', lang)}</legend>
      ${field('name', t('name', lang), text('text', { autocomplete: 'name' }))}
      <div class="row">
        ${field('phone', t('phone', lang), text('tel', { autocomplete: 'tel' }))}
        ${field('email', t('email', lang), text('email', { autocomplete: 'email' }))}
      </div>
      <p class="hint">${t('contactHint', lang)}</p>
    </fieldset>
    <fieldset>
      <legend>${t('product', lang)}</legend>
      ${field('productName', t('productName', lang), text())}
      <div class="row">
        ${field('model', t('model', lang), text())}
        ${field('quantity', t('quantity', lang), text('number', { min: 1 }))}
        ${field('orderNumber', t('orderNumber', lang), text())}
      </div>
    </fieldset>
    <fieldset>
      <legend>${t('problem', lang)}</legend>
      <div class="row">
        ${field('foundOn', t('foundOn', lang), text('date', { max: todayInShanghai() }))}
        ${field(
          'category',
          t('category', lang),
          (props) =>
            html`<select ...${props} disabled=${offered === null}>
              ${
                offered !== null
                  ? offered.map((c) => html`<option value=${c.code}>${c.name}</option>`)
                  : html`<option value="">
                      ${t(categories === 'failed' ? 'categoriesFailed' : 'categoriesLoading', lang)}
                    </option>`
              }
            </select>`,
        )}
      </div>
      ${field('description', t('description', lang), (props) => html`<textarea ...${props}></textarea>`)}
      <div class="row">
        ${field(
          'requestedRemedy',
          t('remedy', lang),
          (props) =>
            html`<select ...${props}>
              ${REMEDIES.map((r) => html`<option value=${r}>${label(REMEDY_LABELS, r, lang)}</option>`)}
            </select>`,
        )}
        ${field('amountYuan', t('amount', lang), text('text', { inputmode: 'decimal', autocomplete: 'off' }))}
      </div>
    </fieldset>
    <${PurchaseFacts}
      value=${purchase}
      onChange=${(next: typeof purchase) => {
        setPurchase(next);
        // As the other fields: once an error shows, the group is checked again as it is changed.
        if (Object.values(purchaseErrors).some(Boolean))
          setPurchaseErrors(purchaseIssues(next, lang, todayInShanghai()));
      }}
      errors=${purchaseErrors}
      lang=${lang}
      today=${todayInShanghai()}
    />
    <fieldset>
      <legend>${t('evidence', lang)}</legend>
      <${FilePicker} lang=${lang} askPath="/claims/uploads" onChange=${setFiles} error=${filesError} />
    </fieldset>
    <${ConsentLine}
      lang=${lang}
      info=${info}
      checked=${consented}
      error=${consentError}
      onChange=${(checked: boolean) => {
        setConsented(checked);
        if (checked) setConsentError(undefined);
      }}
    />
    ${
      state === 'failed'
        ? html`<div class="error-summary" role="alert" lang=${lang}>
            <p class="error">
              ${
                Object.values(errors).some(Boolean) ||
                Object.values(purchaseErrors).some(Boolean) ||
                filesError ||
                consentError
                  ? t('fixErrors', lang)
                  : t('failed', lang)
              }
            </p>
            <ul>
              ${INTAKE_FIELD_ORDER.map((key): [string, string | undefined] => [`#f-${key}`, errors[key]])
                .concat(Object.entries(purchaseErrors).map(([key, message]) => [`#p-${key}`, message]))
                .concat([
                  ['#evidence-files', filesError],
                  ['#f-privacyConsent', consentError],
                ])
                .filter(([, message]) => message)
                .map(([href, message]) => html`<li><a href=${href}>${message}</a></li>`)}
            </ul>
          </div>`
        : null
    }
    <button type="submit" disabled=${state === 'sending'}>
      ${state === 'sending' ? t('submitting', lang) : !files.ready ? t('uploading', lang) : t('submit', lang)}
    </button>
  </form>`;
}

function Page() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  // The tab's title in the page's language too (the HTML's own is for before the script runs).
  document.title = t('title', lang);
  // Once filed, the page is the answer alone: the form's intro ("we answer within 3 working days") would
  // contradict a claim that is recorded but not admitted.
  const [filed, setFiled] = useState<FiledResponse | null>(null);
  const another = () => {
    setFiled(null);
    scrollTo(0, 0);
  };
  const info = useSiteInfo(lang);
  return html`<main>
    <${CompanyBrand} info=${info} />
    <header class="bar">
      <h1>${t('title', lang)}</h1>
      <a href=${switchLangHref(lang === 'en' ? 'zh-CN' : 'en')} lang=${lang === 'en' ? 'zh-CN' : 'en'}
        >${t('switchTo', lang)}</a
      >
    </header>
    ${
      filed
        ? html`<${Confirmation} filed=${filed} lang=${lang} onAnother=${another} />`
        : html`<p>${t('intro', lang)}</p>
            <${FindClaimLink} lang=${lang} />
            <${ClaimForm} onFiled=${setFiled} />`
    }
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Page} />`, root);
