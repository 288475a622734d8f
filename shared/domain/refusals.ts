/**
 * Refusals many use cases share, worded once: who may do a task (403) and whose units one may reach (403).
 * The sentence tells the person what happened; `message` stays for logs and developers.
 */
import type { Language } from './categories.js';
import { ForbiddenError } from './errors.js';
import { STAFF_ROLE_LABELS, wordFor } from './labels.js';
import type { StaffRole } from './lifecycle.js';
import { STAFF_PERMISSIONS, type StaffPermission } from './staff-permissions.js';

/** The roles in words, as one list: 「经理、高管或系统管理员」, "Manager, Executive or Administrator". */
export function roleList(roles: readonly StaffRole[], language: Language): string {
  const words = roles.map((r) => wordFor(STAFF_ROLE_LABELS, r, language));
  const last = words.pop() ?? '';
  if (words.length === 0) return last;
  return language === 'en' ? `${words.join(', ')} or ${last}` : `${words.join('、')}或${last}`;
}

/** A refusal (403) for a person without any of the roles a task needs; `message` stays for developers. */
export function needsRole(roles: readonly StaffRole[], message: string): ForbiddenError {
  return new ForbiddenError(message, {
    'zh-CN': `您的角色不能执行此操作：需要${roleList(roles, 'zh-CN')}角色。`,
    en: `Your role may not do this: it takes the ${roleList(roles, 'en')} role.`,
  });
}

/** A refusal (403) for a unit outside the caller's own and the units below it. */
export function outsideUnit(message: string): ForbiddenError {
  return new ForbiddenError(message, {
    'zh-CN': '您无权查看该单位的索赔：您只能查看和处理本单位及下级单位的索赔。',
    en: 'You may not see this unit’s claims: only those of your unit and the units below it.',
  });
}

/** `needsRole` for a task of the staff permission table: the roles it names are the ones refused for. */
export function lacksPermission(permission: StaffPermission, message: string): ForbiddenError {
  return needsRole(STAFF_PERMISSIONS[permission], message);
}
