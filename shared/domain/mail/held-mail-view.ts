/**
 * What the held-mail routes take and answer, and the console reads (one type for both sides). Apart from
 * the use cases so that the API parses requests without loading the mail pipeline at start-up.
 */
import * as z from '../../zod.js';

/** One held message as staff read it: who sent it, what it is about, and why it was held, in words. */
export interface HeldMailRow {
  readonly sha256: string;
  readonly from: string | null;
  readonly subject: string | null;
  readonly receivedAt: string;
  readonly reasons: readonly { readonly code: string; readonly words: string }[];
  /** The rules' explanation (which claim it named and why it was not added), in the reader's language. */
  readonly note: string | null;
  /** The claim the message named or answered, when the reader may see it. */
  readonly claimNumber: string | null;
  /** Unreadable mail can only be dismissed. */
  readonly readable: boolean;
}

export interface HeldMailDetail extends HeldMailRow {
  /** The message's text (the first 20,000 characters), shown as text, never as HTML. */
  readonly text: string | null;
  readonly attachments: readonly {
    readonly name: string;
    readonly contentType: string;
    readonly size: number;
  }[];
}

export const HeldMailQuerySchema = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(50)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
});
export type HeldMailQuery = z.infer<typeof HeldMailQuerySchema>;

export const AttachHeldMailSchema = z.strictObject({
  claimNumber: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
});
