import * as z from '../../zod.js';
import { pendingOf } from '../claim-change.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { ValidationError } from '../errors.js';
import { lacksPermission } from '../refusals.js';
import { notificationMessage } from '../messages.js';
import { textReach } from '../sms/reach.js';
import { staffActor, type StaffPrincipal } from '../principal.js';
import { mayDo } from '../staff-permissions.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { ClaimWriter } from '../../ports/claim-writer.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { MailStore } from '../../ports/mail-store.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import { relayOutbox } from './relay-outbox.js';

export const ResendTrackingLinkSchema = z.strictObject({});

export interface ResendDeps {
  readonly store: ClaimStore;
  readonly writer: ClaimWriter;
  readonly queues: QueueSender;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Numbers that answered TD / STOP get no texts, so the answer does not promise one. */
  readonly mailStore: Pick<MailStore, 'isTextOptedOut'>;
}

/** The channels the link goes out by: the claim's email and/or its phone (SMS). */
export type LinkChannel = 'email' | 'sms';

/**
 * Staff send the customer a fresh tracking link (the customer lost theirs and called):
 * 1. The claim must be visible to the caller, whose role may do it, and have an email or a mobile number
 *    that has not opted out of texts (TD / STOP).
 * 2. One change: the audit event on the claim's timeline (who asked, by which channels) and the
 *    `tracking_link` intent in its outbox. The notify function mints the token as it sends (no token
 *    is made or kept here), by mail and by SMS as for any customer message; at the token cap the
 *    oldest link stops working so the new one always does.
 */
export async function resendTrackingLink(
  deps: ResendDeps,
  ref: string,
  principal: StaffPrincipal,
): Promise<{ number: string; channels: LinkChannel[] }> {
  if (!mayDo('resendTrackingLink', principal.roles))
    throw lacksPermission('resendTrackingLink', 'only agents, managers and admins send tracking links');
  const claim = await loadVisibleClaim(deps.store, ref, principal);
  const { mobile, optedOut } = await textReach(claim, deps.mailStore);
  const channels: LinkChannel[] = [
    ...(claim.claimant.email !== undefined ? (['email'] as const) : []),
    ...(mobile !== null && !optedOut ? (['sms'] as const) : []),
  ];
  if (channels.length === 0 && optedOut)
    throw new ValidationError('the claim has no email and its mobile number opted out of texts', [
      {
        path: 'claimant',
        message: 'phone opted out, no email',
        words: {
          'zh-CN':
            '客户的手机号码已退订短信，且这项索赔没有电子邮箱，无法发送查询链接；请电话告知客户查询方式。',
          en: "The customer's mobile number opted out of texts and the claim has no email address, so the link cannot be sent; tell the customer by phone how to find the claim.",
        },
      },
    ]);
  if (channels.length === 0)
    throw new ValidationError('the claim has neither an email address nor a phone a text can reach', [
      {
        path: 'claimant',
        message: 'no email or phone',
        words: {
          'zh-CN': '这项索赔没有电子邮箱或可接收短信的手机号码，无法发送查询链接。',
          en: 'This claim has no email address or mobile number to send the link to.',
        },
      },
    ]);
  const now = deps.clock.now();
  const eventId = deps.ids.newId(now);
  const change = {
    claimId: claim.id,
    event: {
      id: eventId,
      claimId: claim.id,
      at: now.toISOString(),
      actor: staffActor(principal),
      channel: 'staff_console' as const,
      action: 'reissue_access_token' as const,
      changes: [],
      note: `tracking link sent to the customer by ${channels.join(' and ')}`,
    },
    outbox: [
      notificationMessage(
        'tracking_link',
        { requestedAt: now.toISOString() },
        {
          id: `${claim.id}:tracking_link:${eventId}`,
          claim,
          recipient: { type: 'customer' },
          createdAt: now.toISOString(),
        },
      ),
    ],
    related: [],
  };
  await deps.writer.commit(change);
  await relayOutbox(deps, pendingOf(change));
  return { number: claim.number, channels };
}
