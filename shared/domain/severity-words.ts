import type { Language } from './categories.js';
import { formatDate } from './shanghai-time.js';

/**
 * The severity and urgency reasons in words. gradeSeverity/gradeUrgency store English sentences on the
 * claim (kept as they are, so stored claims stay readable); each known sentence is matched here and
 * reworded in the reader's language, an unknown one is shown as stored.
 */
const REASONS: readonly {
  readonly pattern: RegExp;
  readonly words: (m: RegExpMatchArray, language: Language) => string;
}[] = [
  {
    pattern: /^amount at or above the level-([12]) threshold$/,
    words: (m, l) =>
      l === 'en'
        ? `amount at or above the level-${m[1]} threshold`
        : `索赔金额达到${m[1] === '1' ? '一' : '二'}级标准`,
  },
  {
    pattern: /^(\d+) complainants$/,
    words: (m, l) => (l === 'en' ? `${m[1]} complainants` : `投诉人数 ${m[1]} 人`),
  },
  { pattern: /^litigation filed$/, words: (_, l) => (l === 'en' ? 'litigation filed' : '已起诉') },
  {
    pattern: /^media or regulator involved$/,
    words: (_, l) => (l === 'en' ? 'media or regulator involved' : '媒体或监管介入'),
  },
  {
    pattern: /^unresolved (\d+) days through the company's fault$/,
    words: (m, l) =>
      l === 'en' ? `unresolved ${m[1]} days through the company's fault` : `因公司原因 ${m[1]} 天未解决`,
  },
  {
    pattern: /^(\d+) same-kind complaints within (\d+) days$/,
    words: (m, l) =>
      l === 'en' ? `${m[1]} same-kind complaints within ${m[2]} days` : `${m[2]} 天内同类投诉 ${m[1]} 起`,
  },
  {
    pattern: /^unresolved (\d+) days$/,
    words: (m, l) => (l === 'en' ? `unresolved ${m[1]} days` : `${m[1]} 天未解决`),
  },
  {
    pattern: /^no level-1 or level-2 rule applies$/,
    words: (_, l) => (l === 'en' ? 'no level-1 or level-2 rule applies' : '未触发一级或二级标准'),
  },
  {
    pattern: /^customer threatens media or legal action$/,
    words: (_, l) => (l === 'en' ? 'customer threatens media or legal action' : '客户扬言曝光或起诉'),
  },
  { pattern: /^safety involved$/, words: (_, l) => (l === 'en' ? 'safety involved' : '涉及安全') },
  { pattern: /^funds involved$/, words: (_, l) => (l === 'en' ? 'funds involved' : '涉及资金') },
  {
    pattern: /^large-scale failure$/,
    words: (_, l) => (l === 'en' ? 'large-scale failure' : '大面积故障'),
  },
  {
    pattern: /^answer needed by (\d{4}-\d{2}-\d{2}), before the normal deadline (\d{4}-\d{2}-\d{2})$/,
    words: (m, l) =>
      l === 'en'
        ? `answer needed by ${formatDate(m[1] ?? '', l)}, before the normal deadline ${formatDate(m[2] ?? '', l)}`
        : `客户要求 ${formatDate(m[1] ?? '', l)} 前答复，早于正常时限 ${formatDate(m[2] ?? '', l)}`,
  },
];

export function gradeReasonWords(reason: string, language: Language): string {
  for (const { pattern, words } of REASONS) {
    const m = reason.match(pattern);
    if (m) return words(m, language);
  }
  return reason;
}
