import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import {
  UploadRefSchema,
  UploadRequestSchema,
  type UploadRef,
  type UploadRequest,
} from '../../../shared/domain/evidence.js';
import { defaultPolicySettings, PolicySettingsSchema } from '../../../shared/domain/settings.js';
import {
  addMaterialAsCustomer,
  requestMaterialUpload,
  viewClaimAsCustomer,
} from '../../../shared/domain/use-cases/customer-claim.js';
import { requestUpload } from '../../../shared/domain/use-cases/evidence-uploads.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

const photo: UploadRequest = { name: '壶底.jpg', contentType: 'image/jpeg', size: 5 };

describe('evidence upload schemas and limits', () => {
  it('allows images, PDF and office documents, and refuses other types and path-like names', () => {
    for (const contentType of ['image/png', 'application/pdf', 'application/msword'])
      expect(UploadRequestSchema.safeParse({ ...photo, contentType }).success).toBe(true);
    expect(UploadRequestSchema.safeParse({ ...photo, contentType: 'text/html' }).success).toBe(false);
    expect(UploadRequestSchema.safeParse({ ...photo, contentType: 'application/x-msdownload' }).success).toBe(
      false,
    );
    expect(UploadRequestSchema.safeParse({ ...photo, name: '../etc/passwd' }).success).toBe(false);
    expect(UploadRequestSchema.safeParse({ ...photo, size: 0 }).success).toBe(false);
  });

  it('accepts only keys the API hands out', () => {
    const ref = { key: 'uploads/new/ABCDEFGH-token', name: 'a.pdf', contentType: 'application/pdf', size: 1 };
    expect(UploadRefSchema.safeParse(ref).success).toBe(true);
    for (const key of ['email/abc/1', 'uploads/new/../x-aaaaaaaa', 'uploads/other/ABCDEFGH-token'])
      expect(UploadRefSchema.safeParse({ ...ref, key }).success).toBe(false);
  });

  it('defaults to 10 MB and 10 files per claim, and operators may lower them', () => {
    expect(defaultPolicySettings().evidence).toMatchObject({
      maxUploadBytes: 10_485_760,
      maxUploadsPerClaim: 10,
    });
    expect(
      PolicySettingsSchema.parse({ evidence: { maxUploadsPerClaim: 3 } }).evidence.maxUploadsPerClaim,
    ).toBe(3);
    expect(PolicySettingsSchema.safeParse({ evidence: { maxUploadsPerClaim: 11 } }).success).toBe(false);
  });
});

describe('evidence uploads (in memory)', () => {
  let deps: ReturnType<typeof testDependencies>;

  beforeEach(() => {
    deps = testDependencies(new InMemoryClaimStore());
  });

  /** Asks for an upload and, like the browser, puts the bytes where the signed request points. */
  async function upload(bytes: string, request = photo, claimId: string | null = null): Promise<UploadRef> {
    const ticket = await requestUpload(deps, { ...request, size: Buffer.byteLength(bytes) }, claimId);
    await deps.evidence.put(ticket.upload.key, bytes, request.contentType);
    return ticket.upload;
  }

  it('signs an unguessable key under the new-claim prefix, and refuses a file over the limit', async () => {
    const a = await requestUpload(deps, photo, null);
    const b = await requestUpload(deps, photo, null);
    expect(a.upload.key).toMatch(/^uploads\/new\/[A-Z0-9]+-token-\d{4}-/);
    expect(a.upload.key).not.toBe(b.upload.key);
    expect(a.request).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/jpeg' } });
    expect(a.request.expiresAt).toBe('2026-11-23T02:15:00.000Z');
    await expect(requestUpload(deps, { ...photo, size: 10_485_761 }, null)).rejects.toThrow(ValidationError);
  });

  it('files a claim with its uploads as evidence with SHA-256 and the form as source', async () => {
    const ref = await upload('JPEG!');
    const filed = await fileClaim(deps, {
      input: intakeInput({ uploads: [ref] }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    // Kept under kept/ (uploads/ expires), with the same bytes.
    const kept = ref.key.replace(/^uploads\//, 'kept/');
    expect(new TextDecoder().decode((await deps.evidence.get(kept)) ?? new Uint8Array())).toBe('JPEG!');
    expect(filed.claim.evidence).toEqual([
      {
        key: kept,
        name: '壶底.jpg',
        contentType: 'image/jpeg',
        size: 5,
        sha256: createHash('sha256').update('JPEG!').digest('hex'),
        source: 'web:form',
        addedAt: '2026-11-23T02:00:00.000Z',
      },
    ]);
    const view = await viewClaimAsCustomer(deps, filed.claim.number, filed.accessToken);
    expect(view.evidence).toEqual([
      { name: '壶底.jpg', contentType: 'image/jpeg', size: 5, addedAt: '2026-11-23T02:00:00.000Z' },
    ]);
  });

  it('keeps nothing for a request its Idempotency-Key refuses (same key, different claim)', async () => {
    const first = await upload('JPEG!');
    await fileClaim(deps, {
      input: intakeInput({ uploads: [first] }),
      channel: 'web',
      actor: { type: 'customer' },
      idempotencyKey: 'form-key-00000001',
    });
    const second = await upload('OTHER');
    await expect(
      fileClaim(deps, {
        input: intakeInput({ description: '另一件事', uploads: [second] }),
        channel: 'web',
        actor: { type: 'customer' },
        idempotencyKey: 'form-key-00000001',
      }),
    ).rejects.toThrow('already used for a different submission');
    expect(await deps.evidence.get(first.key.replace(/^uploads\//, 'kept/'))).not.toBeNull();
    expect(await deps.evidence.get(second.key.replace(/^uploads\//, 'kept/'))).toBeNull();
  });

  it('refuses a missing upload, a wrong size, a wrong type or another scope, naming the upload', async () => {
    const ref = await upload('JPEG!');
    const cases: UploadRef[] = [
      { ...ref, key: 'uploads/new/NEVERUPLOADED-xyz' },
      { ...ref, size: 6 },
      { ...ref, contentType: 'image/png' },
      { ...ref, key: ref.key.replace('uploads/new/', 'uploads/claims/OTHER/') },
    ];
    for (const bad of cases) {
      const attempt = fileClaim(deps, {
        input: intakeInput({ uploads: [ref, bad] }),
        channel: 'web',
        actor: { type: 'customer' },
      });
      await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'uploads.1' }] });
    }
    // A refused request keeps no copy, not even of its good upload.
    expect(await deps.evidence.get(ref.key.replace(/^uploads\//, 'kept/'))).toBeNull();
  });

  it('adds material with files under the claim’s own prefix, and keeps to the per-claim cap', async () => {
    const base = testDependencies(new InMemoryClaimStore());
    deps = {
      ...base,
      settings: { ...base.settings, evidence: { ...base.settings.evidence, maxUploadsPerClaim: 2 } },
    };
    const filed = await fileClaim(deps, {
      input: intakeInput({ uploads: [await upload('one')] }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    await applyTriageAction(deps, {
      ref: filed.claim.id,
      action: 'request_material',
      payload: { items: ['发票'] },
      principal: principal(['agent']),
    });
    const ticket = await requestMaterialUpload(deps, filed.claim.number, filed.accessToken, {
      name: '发票.pdf',
      contentType: 'application/pdf',
      size: 3,
    });
    expect(ticket.upload.key.startsWith(`uploads/claims/${filed.claim.id}/`)).toBe(true);
    await deps.evidence.put(ticket.upload.key, 'pdf', 'application/pdf');
    const claim = await addMaterialAsCustomer(deps, filed.claim.number, filed.accessToken, {
      message: '发票已上传',
      uploads: [ticket.upload],
    });
    expect(claim.evidence?.map((e) => [e.name, e.source])).toEqual([
      ['壶底.jpg', 'web:form'],
      ['发票.pdf', 'web:material'],
    ]);
    // Attached twice, or a third file: refused.
    await expect(
      addMaterialAsCustomer(deps, filed.claim.number, filed.accessToken, {
        message: 'again',
        uploads: [ticket.upload],
      }),
    ).rejects.toThrow(ValidationError);
    await expect(
      requestMaterialUpload(deps, filed.claim.number, filed.accessToken, photo),
    ).rejects.toMatchObject({
      issues: [{ path: 'uploads', message: 'at most 2 files per claim' }],
    });
  });
});
