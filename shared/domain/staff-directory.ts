import * as z from '../zod.js';
import { IsoInstantSchema, StaffActorSchema, SystemActorSchema } from './claim.js';
import type { FieldChange } from './audit.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { StaffRoleSchema } from './lifecycle.js';
import { FenSchema } from './money.js';
import type { OrgTree } from './org-units.js';
import { nonEmptyText } from './text.js';

/**
 * The staff directory (issue 15): who works here, where, in which roles, and how to reach them. The id is
 * the person's sign-in subject (the ID token's `sub`), so a token and a directory entry name the same person.
 */
export const StaffIdSchema = z
  .string()
  .check(z.trim(), z.regex(/^[\w.@:-]{1,128}$/, 'letters, digits and . _ @ : - (at most 128)'));

const PhoneSchema = z
  .string()
  .check(z.trim(), z.regex(/^\+?[0-9][0-9 -]{3,30}$/, 'digits, spaces and dashes, optionally a leading +'));
const RolesSchema = z.array(StaffRoleSchema).check(
  z.minLength(1, 'at least one role'),
  z.refine((roles) => new Set(roles).size === roles.length, 'each role once'),
);
const UnitIdSchema = z.string().check(z.minLength(1), z.maxLength(40));

/** What an admin sets of a person. */
const memberFields = {
  name: nonEmptyText(100),
  email: z.email(),
  phone: z.optional(PhoneSchema),
  unitId: UnitIdSchema,
  roles: RolesSchema,
  /** The highest amount this person may approve, in fen; none: the role's tier decides. */
  approvalLimitFen: z.optional(FenSchema),
  /** Who takes their notices while they are away or after they leave. */
  deputyId: z.optional(StaffIdSchema),
};

export const StaffMemberSchema = z.strictObject({
  id: StaffIdSchema,
  ...memberFields,
  /** Inactive people keep their entry (history names them) but get no work and no mail. */
  active: z.boolean(),
  /** On leave: their notices go to the deputy (when active), else to the unit's managers. */
  onLeave: z.boolean(),
  version: z.int().check(z.gte(1)),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

/** What an admin may set when adding someone; the id is minted by the sign-in provider when not given. */
export const NewStaffMemberSchema = z.strictObject({
  id: z.optional(StaffIdSchema),
  ...memberFields,
  onLeave: z.optional(z.boolean()),
});
export type NewStaffMember = z.infer<typeof NewStaffMemberSchema>;

/** An edit: the fields given change; `null` clears an optional one; `expectedVersion` is the one read. */
export const StaffUpdateSchema = z.strictObject({
  expectedVersion: z.int().check(z.gte(1)),
  name: z.optional(nonEmptyText(100)),
  email: z.optional(z.email()),
  phone: z.optional(z.nullable(PhoneSchema)),
  unitId: z.optional(UnitIdSchema),
  roles: z.optional(RolesSchema),
  approvalLimitFen: z.optional(z.nullable(FenSchema)),
  active: z.optional(z.boolean()),
  onLeave: z.optional(z.boolean()),
  deputyId: z.optional(z.nullable(StaffIdSchema)),
});
export type StaffUpdate = z.infer<typeof StaffUpdateSchema>;

export const DeactivateStaffSchema = z.strictObject({ expectedVersion: z.int().check(z.gte(1)) });

export const StaffListQuerySchema = z.strictObject({
  /** Part of a name, an email address or an id, any case. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  /** A unit: its members and those of the units below it. */
  unitId: z.optional(UnitIdSchema),
  /** `true` lists the inactive too (default: active only). */
  all: z.optional(z.enum(['true', 'false'])),
});
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;

/** The audit trail of a directory entry: who changed what, when (the claim trail's field diff). */
export const StaffEventSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  staffId: StaffIdSchema,
  at: IsoInstantSchema,
  /** An admin, or the system (the example directory `npm start` seeds). */
  actor: z.discriminatedUnion('type', [StaffActorSchema, SystemActorSchema]),
  action: z.enum(['staff_created', 'staff_updated', 'staff_deactivated']),
  changes: z.array(z.strictObject({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type StaffEvent = z.infer<typeof StaffEventSchema>;

/** Why a directory write or an assignment is refused: one code, words in both languages. */
export const STAFF_REFUSALS = {
  unknown_unit: ['没有这个组织单位：{value}', 'There is no organisation unit {value}'],
  deputy_is_self: ['代理人不能是本人', 'A person cannot be their own deputy'],
  deputy_not_found: ['目录中没有这位代理人：{value}', 'The deputy {value} is not in the staff directory'],
  deputy_inactive: ['代理人 {value} 已停用', 'The deputy {value} is deactivated'],
  staff_exists: ['员工编号 {value} 已存在', 'A staff member with id {value} already exists'],
  assignee_not_found: [
    '目录中没有这位员工：{value}（请检查拼写）',
    'There is no staff member {value} in the directory (check the spelling)',
  ],
  assignee_inactive: [
    '{value} 已停用，不能再分派案件',
    '{value} is deactivated and cannot be assigned claims',
  ],
  assignee_outside_unit: [
    '{value} 不属于本案件所在单位 {unit} 或其下级单位',
    '{value} does not belong to the claim’s unit {unit} or a unit below it',
  ],
  mention_not_found: ['目录中没有这位同事：{value}', 'There is no colleague {value} in the directory'],
  mention_inactive: ['{value} 已停用，不能被提及', '{value} is deactivated and cannot be mentioned'],
  mention_cannot_see: [
    '{value} 看不到这项索赔（不在 {unit} 或其上级单位），不能被提及',
    '{value} cannot see this claim (not in {unit} or a unit above it), so cannot be mentioned',
  ],
} as const satisfies Record<string, readonly [string, string]>;
export type StaffRefusal = keyof typeof STAFF_REFUSALS;

export function staffRefusalText(
  reason: StaffRefusal,
  lang: 'zh-CN' | 'en',
  values: { value?: string; unit?: string } = {},
): string {
  const [zh, en] = STAFF_REFUSALS[reason];
  return (lang === 'en' ? en : zh)
    .replace('{value}', values.value ?? '')
    .replace('{unit}', values.unit ?? '');
}

/** A refusal as a 400 with the field path, the reason code and its words in both languages. */
export function staffRefusal(
  reason: StaffRefusal,
  path: string,
  values: { value?: string; unit?: string } = {},
): ValidationError {
  const text = staffRefusalText(reason, 'en', values);
  const words = { 'zh-CN': staffRefusalText(reason, 'zh-CN', values), en: text };
  return new ValidationError(text, [{ path, message: text, words }], reason);
}

/**
 * The rules a directory entry keeps beyond its schema: its unit exists; its deputy is someone else, in
 * the directory and active. `deputy` is the entry `member.deputyId` names (null when not found).
 */
export function checkMember(member: StaffMember, tree: OrgTree, deputy: StaffMember | null): void {
  if (!tree.has(member.unitId)) throw staffRefusal('unknown_unit', 'unitId', { value: member.unitId });
  if (member.deputyId === undefined) return;
  if (member.deputyId === member.id) throw staffRefusal('deputy_is_self', 'deputyId');
  if (deputy === null) throw staffRefusal('deputy_not_found', 'deputyId', { value: member.deputyId });
  if (!deputy.active) throw staffRefusal('deputy_inactive', 'deputyId', { value: member.deputyId });
}

/** The entry an edit leaves (version and times still those read; the use case sets them). */
export function applyStaffUpdate(member: StaffMember, update: StaffUpdate): StaffMember {
  const result: Record<string, unknown> = { ...member };
  for (const [field, value] of Object.entries(update)) {
    if (field === 'expectedVersion' || value === undefined) continue;
    if (value === null) delete result[field];
    else result[field] = value;
  }
  return StaffMemberSchema.parse(result);
}

/** The fields whose value differs, with before and after (version and times aside). */
export function diffMembers(before: StaffMember | null, after: StaffMember): FieldChange[] {
  const was = new Map<string, unknown>(before === null ? [] : Object.entries(before));
  const now = new Map<string, unknown>(Object.entries(after));
  const changes: FieldChange[] = [];
  for (const field of new Set([...was.keys(), ...now.keys()])) {
    if (field === 'version' || field === 'createdAt' || field === 'updatedAt') continue;
    const a = was.get(field);
    const b = now.get(field);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}

/** Can this person get work and mail themselves right now? */
export function isAvailable(member: StaffMember): boolean {
  return member.active && !member.onLeave;
}

/**
 * Whether `member` may be assigned a claim of `claimUnitId`: an active directory member of that unit or a
 * unit below it. Refused in words with the reason otherwise.
 */
export function checkAssignee(
  assigneeId: string,
  member: StaffMember | null,
  claimUnitId: string,
  tree: OrgTree,
): void {
  if (member === null) throw staffRefusal('assignee_not_found', 'assigneeId', { value: assigneeId });
  if (!member.active) throw staffRefusal('assignee_inactive', 'assigneeId', { value: member.name });
  if (!tree.has(member.unitId) || !tree.pathOf(member.unitId).includes(claimUnitId))
    throw staffRefusal('assignee_outside_unit', 'assigneeId', { value: member.name, unit: claimUnitId });
}

/**
 * Who may be named in an internal note: an active directory member who can see the claim (their unit is
 * the claim's or one above it). `path` is the mention's place in the request, for the form to point at.
 */
export function checkMention(
  id: string,
  member: StaffMember | null,
  claimUnitPath: readonly string[],
  claimUnitId: string,
  path: string,
): StaffMember {
  if (member === null) throw staffRefusal('mention_not_found', path, { value: id });
  if (!member.active) throw staffRefusal('mention_inactive', path, { value: member.name });
  if (!claimUnitPath.includes(member.unitId))
    throw staffRefusal('mention_cannot_see', path, { value: member.name, unit: claimUnitId });
  return member;
}

/** No such entry in the staff directory (404), in the directory's own words. */
export function staffNotFound(id: string): NotFoundError {
  return new NotFoundError(`there is no staff member ${id}`, {
    'zh-CN': staffRefusalText('assignee_not_found', 'zh-CN', { value: id }),
    en: staffRefusalText('assignee_not_found', 'en', { value: id }),
  });
}

/**
 * A directory write that lost (409): a new entry whose id is taken (`expectedVersion` null), or an edit
 * of an entry someone saved since it was read.
 */
export function staffWriteConflict(id: string, expectedVersion: number | null): ConflictError {
  if (expectedVersion === null)
    return new ConflictError(`staff member ${id} already exists`, {
      'zh-CN': `${staffRefusalText('staff_exists', 'zh-CN', { value: id })}，请换一个编号。`,
      en: `${staffRefusalText('staff_exists', 'en', { value: id })}; choose another id.`,
    });
  return new ConflictError(`staff member ${id} was changed by someone else; reload and try again`, {
    'zh-CN': `员工 ${id} 的资料刚被其他人修改，请刷新后再试。`,
    en: `Someone else changed staff member ${id} just now; reload and try again.`,
  });
}
