import { CommitmentSchema, commitmentRefusals, type Commitment } from '../../domain/commitments.js';
import type { RelatedWrite } from '../../ports/claim-store.js';
import type { CommitmentStore } from '../../ports/commitment-store.js';

/** As the DynamoDB store: commitments are validated on the way in, and readers get copies. */
export class InMemoryCommitmentStore implements CommitmentStore {
  readonly commitments = new Map<string, Commitment>();

  create(commitment: Commitment): Promise<void> {
    const valid = CommitmentSchema.safeParse(commitment);
    if (!valid.success) return Promise.reject(valid.error);
    if (this.commitments.has(commitment.id)) return Promise.reject(commitmentRefusals.exists(commitment.id));
    this.commitments.set(commitment.id, valid.data);
    return Promise.resolve();
  }

  get(id: string): Promise<Commitment | null> {
    const found = this.commitments.get(id);
    return Promise.resolve(found ? structuredClone(found) : null);
  }

  byCustomer(customerId: string): Promise<Commitment[]> {
    return Promise.resolve(
      this.all()
        .filter((c) => c.customerId === customerId)
        .sort((a, b) => a.validUntil.localeCompare(b.validUntil)),
    );
  }

  activeEndingBy(untilDate: string): Promise<Commitment[]> {
    return Promise.resolve(
      this.all()
        .filter((c) => c.status === 'active' && c.validUntil <= untilDate)
        .sort((a, b) => (a.validUntil + a.id).localeCompare(b.validUntil + b.id)),
    );
  }

  breached(): Promise<Commitment[]> {
    const last = (c: Commitment) => c.breaches.at(-1)?.at ?? '';
    return Promise.resolve(
      this.all()
        .filter((c) => c.breaches.length > 0)
        .sort((a, b) => last(b).localeCompare(last(a))),
    );
  }

  save(commitment: Commitment, expectedVersion: number): Promise<void> {
    const valid = CommitmentSchema.safeParse(commitment);
    if (!valid.success) return Promise.reject(valid.error);
    if (this.commitments.get(commitment.id)?.version !== expectedVersion)
      return Promise.reject(commitmentRefusals.changed());
    this.commitments.set(commitment.id, valid.data);
    return Promise.resolve();
  }

  /** What the DynamoDB store does inside a claim's transaction; false when the commitment is missing. */
  apply(write: Extract<RelatedWrite, { type: 'commitment_breach' }>): boolean {
    const c = this.commitments.get(write.commitmentId);
    if (!c) return false;
    c.breaches.push({ claimId: write.claimId, at: write.at });
    c.version++;
    return true;
  }

  private all(): Commitment[] {
    return [...this.commitments.values()].map((c) => structuredClone(c));
  }
}
