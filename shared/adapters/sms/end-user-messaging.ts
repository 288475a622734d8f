import { SendTextMessageCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import {
  SMS_NOT_CONFIGURED,
  TextRejectedError,
  type OutgoingText,
  type SentText,
  type TextMessages,
} from '../../ports/text-messages.js';

/**
 * End User Messaging errors after which sending the same text again cannot succeed until a person acts
 * (a bad request such as an invalid or opted-out number, a missing origination identity, no permission).
 * Throttling, service errors and network failures are transient and retried through the queue.
 */
const PERMANENT = new Set(['ValidationException', 'ResourceNotFoundException', 'AccessDeniedException']);

export interface EndUserMessagingOptions {
  /** The phone number, sender id, pool or their ARN the texts go out from. */
  readonly originationIdentity: string;
  /** An optional configuration set (event destinations for delivery receipts). */
  readonly configurationSetName?: string | undefined;
}

/** Sends a transactional SMS through AWS End User Messaging SMS (pinpoint-sms-voice-v2 SendTextMessage). */
export class EndUserMessagingTexts implements TextMessages {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly options: EndUserMessagingOptions,
  ) {}

  async send(message: OutgoingText): Promise<SentText> {
    try {
      const result = await this.client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: message.to,
          OriginationIdentity: this.options.originationIdentity,
          MessageBody: message.text,
          MessageType: 'TRANSACTIONAL',
          ...(this.options.configurationSetName !== undefined
            ? { ConfigurationSetName: this.options.configurationSetName }
            : {}),
          Context: { idempotencyKey: message.idempotencyKey },
        }),
      );
      if (!result.MessageId) throw new Error('End User Messaging returned no MessageId');
      return { messageId: result.MessageId };
    } catch (error) {
      if (error instanceof Error && PERMANENT.has(error.name))
        throw new TextRejectedError(error.message, error.name);
      throw error;
    }
  }
}

/** No origination identity configured: every text is rejected (recorded as failed; mail still goes). */
export class UnconfiguredTexts implements TextMessages {
  send(): Promise<SentText> {
    return Promise.reject(
      new TextRejectedError(
        'no SMS origination identity is configured (SMS_ORIGINATION_IDENTITY)',
        SMS_NOT_CONFIGURED,
      ),
    );
  }
}
