import { html } from 'htm/preact';
import { placeholderList, type ReplyTemplate } from '../../../shared/domain/reply-templates.js';
import type { PolicySettings } from '../../../shared/domain/settings.js';
import { valueOf } from '../dom.js';
import type { Lang } from '../i18n.js';

/** The saved-replies editor's words, [zh-CN, en]: one language at a time. */
const TEXT = {
  legend: ['常用回复', 'Saved replies'],
  hint: [
    '坐席在“回复客户”中选用，系统按客户的语言填入该索赔的信息。可用占位符：{list}。',
    'Agents pick these in "Reply to customer"; the claim’s values are filled in, in the customer’s language. Placeholders: {list}.',
  ],
  titleZh: ['名称（中文）', 'Name (Chinese)'],
  titleEn: ['名称（英文）', 'Name (English)'],
  bodyZh: ['内容（中文）', 'Text (Chinese)'],
  bodyEn: ['内容（英文）', 'Text (English)'],
  remove: ['删除', 'Remove'],
  add: ['添加常用回复', 'Add a saved reply'],
  none: ['还没有常用回复。', 'No saved replies yet.'],
} as const;

function rt(key: keyof typeof TEXT, lang: Lang): string {
  return TEXT[key][lang === 'en' ? 1 : 0];
}

type TextPath = ['title' | 'body', 'zh-CN' | 'en'];
const FIELDS: readonly [keyof typeof TEXT, TextPath][] = [
  ['titleZh', ['title', 'zh-CN']],
  ['titleEn', ['title', 'en']],
  ['bodyZh', ['body', 'zh-CN']],
  ['bodyEn', ['body', 'en']],
];

/** A new row's id: unique among the rows, as the policy requires. */
function freshId(rows: readonly ReplyTemplate[]): string {
  let n = rows.length + 1;
  while (rows.some((r) => r.id === `reply-${n}`)) n++;
  return `reply-${n}`;
}

/**
 * The saved replies of the policy (issue 17): each with its name and text in both languages; rows added and
 * removed here, and the whole policy validated on save (an unknown placeholder is refused there, in words).
 */
export function ReplyTemplateFields(props: {
  draft: PolicySettings;
  lang: Lang;
  disabled: boolean;
  onChange: (replyTemplates: ReplyTemplate[]) => void;
}) {
  const { lang } = props;
  const rows = props.draft.replyTemplates;
  const edit = (index: number, [part, language]: TextPath, value: string) =>
    props.onChange(
      rows.map((r, i) => (i === index ? { ...r, [part]: { ...r[part], [language]: value } } : r)),
    );
  return html`<fieldset disabled=${props.disabled} data-testid="policy-replies">
    <legend>${rt('legend', lang)}</legend>
    <p class="hint">${rt('hint', lang).replace('{list}', placeholderList(lang))}</p>
    ${rows.length === 0 ? html`<p>${rt('none', lang)}</p>` : null}
    ${rows.map(
      (row, i) =>
        html`<div class="card" data-testid=${`policy-reply-${row.id}`}>
          ${FIELDS.map(([key, path]) => {
            const id = `policy-reply-${i}-${path.join('-')}`;
            const value = row[path[0]][path[1]];
            const onInput = (e: Event) => edit(i, path, valueOf(e));
            return html`<label for=${id}>${rt(key, lang)}</label> ${
                path[0] === 'body'
                  ? html`<textarea id=${id} value=${value} onInput=${onInput}></textarea>`
                  : html`<input id=${id} value=${value} onInput=${onInput} />`
              }`;
          })}
          <p>
            <button
              type="button"
              class="secondary"
              aria-label=${`${rt('remove', lang)} · ${row.title[lang]}`}
              onClick=${() => props.onChange(rows.filter((_, j) => j !== i))}
            >
              ${rt('remove', lang)}
            </button>
          </p>
        </div>`,
    )}
    <p>
      <button
        type="button"
        class="secondary"
        onClick=${() =>
          props.onChange([
            ...rows,
            { id: freshId(rows), title: { 'zh-CN': '', en: '' }, body: { 'zh-CN': '', en: '' } },
          ])}
      >
        ${rt('add', lang)}
      </button>
    </p>
  </fieldset>`;
}
