import { staffWriteConflict } from '../../domain/staff-directory.js';
import {
  StaffEventSchema,
  StaffMemberSchema,
  type StaffEvent,
  type StaffMember,
} from '../../domain/staff-directory.js';
import type { StaffChange, StaffDirectory } from '../../ports/staff-directory.js';
import type { NewAccount, StaffAccounts } from '../../ports/staff-accounts.js';

/** As the DynamoDB directory: validated on the way in, conditional on the version, readers get copies. */
export class InMemoryStaffDirectory implements StaffDirectory {
  readonly members = new Map<string, StaffMember>();
  readonly events = new Map<string, StaffEvent[]>();

  constructor(seed: readonly StaffMember[] = []) {
    for (const member of seed) this.members.set(member.id, StaffMemberSchema.parse(member));
  }

  get(id: string): Promise<StaffMember | null> {
    const found = this.members.get(id);
    return Promise.resolve(found ? structuredClone(found) : null);
  }

  list(): Promise<StaffMember[]> {
    return Promise.resolve(
      [...this.members.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((m) => structuredClone(m)),
    );
  }

  history(id: string): Promise<StaffEvent[]> {
    return Promise.resolve((this.events.get(id) ?? []).map((e) => structuredClone(e)));
  }

  save(change: StaffChange): Promise<void> {
    const member = StaffMemberSchema.safeParse(change.member);
    if (!member.success) return Promise.reject(member.error);
    const event = StaffEventSchema.safeParse(change.event);
    if (!event.success) return Promise.reject(event.error);
    const stored = this.members.get(member.data.id);
    if (change.expectedVersion === null ? stored !== undefined : stored?.version !== change.expectedVersion)
      return Promise.reject(staffWriteConflict(member.data.id, change.expectedVersion));
    this.members.set(member.data.id, member.data);
    this.events.set(member.data.id, [...(this.events.get(member.data.id) ?? []), event.data]);
    return Promise.resolve();
  }
}

/** The local and test stand-in for Cognito's accounts: mints a subject per email, remembers the groups. */
export class FakeStaffAccounts implements StaffAccounts {
  readonly accounts = new Map<string, { sub: string; name: string; groups: string[] }>();
  constructor(private readonly mint: () => string) {}

  provision(person: NewAccount): Promise<string> {
    const key = person.email.toLowerCase();
    const existing = this.accounts.get(key);
    const sub = existing?.sub ?? this.mint();
    this.accounts.set(key, {
      sub,
      name: person.name,
      groups: [...new Set([...(existing?.groups ?? []), ...person.roles])],
    });
    return Promise.resolve(sub);
  }
}
