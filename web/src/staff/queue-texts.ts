import type { Lang } from '../i18n.js';

/** The work queue's words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  caption: ['工作队列', 'Work queue'],
  filters: ['筛选', 'Filters'],
  status: ['状态', 'Status'],
  allOpen: ['全部未结', 'All open'],
  unit: ['单位', 'Unit'],
  assignee: ['处理人', 'Assignee'],
  anyone: ['全部', 'Anyone'],
  me: ['我', 'Me'],
  unassigned: ['未分派', 'Unassigned'],
  sla: ['时限', 'SLA'],
  slaAll: ['全部', 'All'],
  sort: ['排序', 'Sort'],
  newest: ['最新受理', 'Newest first'],
  oldest: ['最早受理', 'Oldest first'],
  byDeadline: ['最近截止', 'Next deadline'],
  bySeverity: ['等级最高', 'Highest level'],
  category: ['类别', 'Category'],
  allCategories: ['全部', 'All'],
  responded: ['客户已回复', 'Replied'],
  awaitingMe: ['待我审批', 'To approve'],
  search: ['搜索', 'Search'],
  searchHint: ['编号、电话、邮箱、订单', 'No., phone, email, order'],
  apply: ['查询', 'Search'],
  clear: ['清除搜索', 'Clear search'],
  searching: ['搜索结果：{term}', 'Search results: {term}'],
  searchIgnoresFilters: ['搜索时不使用筛选条件。', 'Filters do not apply to a search.'],
  number: ['编号', 'Number'],
  customer: ['客户', 'Customer'],
  product: ['产品', 'Product'],
  level: ['等级', 'Level'],
  levelN: ['{n} 级', 'Level {n}'],
  urgent: ['紧急', 'Urgent'],
  amount: ['索赔金额', 'Claimed'],
  age: ['受理', 'Age'],
  today: ['今天', 'today'],
  days: ['{n} 天', '{n} days'],
  oneDay: ['1 天', '1 day'],
  receivedAt: ['受理于 {at}', 'Received {at}'],
  nobody: ['未分派', 'Unassigned'],
  slaNone: ['无时限', 'No clock'],
  breached: ['已超时', 'Breached'],
  due_soon: ['即将到期', 'Due soon'],
  paused: ['暂停', 'Paused'],
  on_time: ['正常', 'On time'],
  dueBy: ['{at} 截止', 'due {at}'],
  shown: ['共 {n} 条', '{n} claims'],
  shownMore: ['已显示 {n} 条，还有更多', '{n} shown, more to come'],
  shownOf: ['共 {total} 条，已显示 {n} 条', '{n} of {total} claims shown'],
  capped: [
    '超过 {total} 条，只排序了其中 {total} 条，请用筛选缩小范围',
    'over {total} claims; only {total} sorted, narrow the filters',
  ],
  more: ['加载更多', 'Load more'],
  empty: ['暂无索赔。', 'No claims here.'],
  loading: ['正在加载…', 'Loading…'],
  failed: ['无法加载工作队列：{why}', 'The work queue could not be loaded: {why}'],
  forbidden: ['您无权查看该单位的索赔。', 'you may not see this unit’s claims.'],
  invalid: ['筛选条件无效。', 'the filters are not valid.'],
  tryLater: ['请稍后再试。', 'please try again later.'],
  fresh: ['有 {n} 条新的或更新的索赔，点击显示', '{n} new or updated — show them'],
  possibleDuplicate: ['疑似重复', 'Possible duplicate'],
} as const;

export type QueueTextKey = keyof typeof TEXT;

/** A queue word in the language, with `{name}` placeholders filled. */
export function qt(key: QueueTextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  const text: string = TEXT[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}
