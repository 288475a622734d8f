import {
  STAFF_REFUSALS,
  staffRefusalText,
  type StaffRefusal,
} from '../../../shared/domain/staff-directory.js';
import type { Lang } from '../i18n.js';

/** The staff directory page's words, [zh-CN, en] (issue 15). */
const TEXT = {
  section: ['员工目录', 'Staff directory'],
  search: ['搜索（姓名、邮箱或编号）', 'Search (name, email or id)'],
  unit: ['单位', 'Unit'],
  showInactive: ['显示已停用', 'Show deactivated'],
  find: ['查找', 'Find'],
  add: ['添加员工', 'Add a staff member'],
  caption: ['员工目录', 'Staff directory'],
  name: ['姓名', 'Name'],
  id: ['登录编号', 'Sign-in id'],
  idHint: [
    '已有登录账户时填写其编号（sub）；留空则自动创建账户。',
    'The sign-in account’s id (sub) if the person has one; leave empty to create the account.',
  ],
  email: ['电子邮箱', 'Email'],
  phone: ['电话', 'Phone'],
  roles: ['角色', 'Roles'],
  limit: ['审批限额（元）', 'Approval limit (CNY)'],
  limitHint: ['留空表示按角色的审批权限。', 'Leave empty to use the role’s approval tier.'],
  byRole: ['按角色', 'By role'],
  status: ['状态', 'Status'],
  active: ['在职', 'Active'],
  onLeave: ['休假中', 'On leave'],
  onLeaveDeputy: ['休假中（代理人：{deputy}）', 'On leave (deputy: {deputy})'],
  inactive: ['已停用', 'Deactivated'],
  deputy: ['代理人', 'Deputy'],
  noDeputy: ['无', 'None'],
  actions: ['操作', 'Actions'],
  edit: ['编辑', 'Edit'],
  deactivate: ['停用', 'Deactivate'],
  confirmDeactivate: [
    '停用 {name}？停用后不再分派案件，也不再收到通知。',
    'Deactivate {name}? They get no more claims or notices.',
  ],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  addTitle: ['添加员工', 'Add a staff member'],
  editTitle: ['编辑：{name}', 'Edit: {name}'],
  saved: ['已保存：{name}', 'Saved: {name}'],
  deactivated: ['已停用：{name}', 'Deactivated: {name}'],
  none: ['没有符合条件的员工。', 'Nobody matches.'],
  conflict: [
    '该记录已被他人修改或编号已存在，请刷新后再试。',
    'Someone else changed this entry, or the id is taken; reload and try again.',
  ],
  forbidden: ['只有系统管理员可以管理员工目录。', 'Only an administrator manages the staff directory.'],
  checkFields: ['请检查：{fields}', 'Please check: {fields}'],
  failed: ['未能完成，请稍后再试。', 'That did not work; please try again.'],
  limitInvalid: [
    '审批限额应为金额，例如 500 或 500.50',
    'The approval limit is an amount, such as 500 or 500.50',
  ],
  pickRole: ['请至少选择一个角色', 'Pick at least one role'],
} as const satisfies Record<string, readonly [string, string]>;
export type DirectoryTextKey = keyof typeof TEXT;

export function dt(key: DirectoryTextKey, lang: Lang, vars: Record<string, string> = {}): string {
  const [zh, en] = TEXT[key];
  let text: string = lang === 'en' ? en : zh;
  for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, value);
  return text;
}

/** The form fields' words, for naming the fields a refusal points at. */
const FIELD_KEYS: Record<string, DirectoryTextKey> = {
  id: 'id',
  name: 'name',
  email: 'email',
  phone: 'phone',
  unitId: 'unit',
  roles: 'roles',
  approvalLimitFen: 'limit',
  deputyId: 'deputy',
};

function isRefusal(reason: string): reason is StaffRefusal {
  return Object.hasOwn(STAFF_REFUSALS, reason);
}

/**
 * An API refusal in the reader's words: a known reason with the value the form sent, 403 and 409 as
 * such, field issues by the fields' names.
 */
export function refusalWords(
  status: number,
  error: { reason?: string | undefined; issues?: readonly { path: string }[] | undefined } | null,
  sent: { unitId?: string; deputyId?: string; id?: string },
  lang: Lang,
): string {
  if (status === 403) return dt('forbidden', lang);
  if (status === 409) return dt('conflict', lang);
  const reason = error?.reason;
  if (reason !== undefined && isRefusal(reason)) {
    const value =
      reason === 'unknown_unit' ? sent.unitId : reason.startsWith('deputy') ? sent.deputyId : sent.id;
    return staffRefusalText(reason, lang, { value: value ?? '' });
  }
  const fields = (error?.issues ?? [])
    .map((i) => FIELD_KEYS[i.path.split('.')[0] ?? ''])
    .filter((k): k is DirectoryTextKey => k !== undefined)
    .map((k) => dt(k, lang));
  return fields.length > 0
    ? dt('checkFields', lang, { fields: [...new Set(fields)].join(', ') })
    : dt('failed', lang);
}
