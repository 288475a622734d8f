import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';

const CapacitySchema = z.object({
  TableName: z.string().optional(),
  CapacityUnits: z.number().optional(),
  ReadCapacityUnits: z.number().optional(),
  WriteCapacityUnits: z.number().optional(),
});
const OutputSchema = z
  .object({
    ConsumedCapacity: z.union([CapacitySchema, z.array(CapacitySchema)]).optional(),
    Items: z.array(z.unknown()).optional(),
    Item: z.unknown().optional(),
  })
  .loose();

/** Totals of DynamoDB capacity units and items read, from ReturnConsumedCapacity on every call. */
export class CapacityMeter {
  units = 0;
  calls = 0;
  /** Items returned by Query and Scan (for the sweep: deadline-index entries). */
  itemsRead = 0;
  /** Items returned by GetItem (single claims fetched by key). */
  itemsFetched = 0;

  reset(): void {
    this.units = 0;
    this.calls = 0;
    this.itemsRead = 0;
    this.itemsFetched = 0;
  }

  /** Asks every command of the client for its consumed capacity and adds it up. */
  attach(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next) => async (args) => {
        const input: unknown = args.input;
        if (typeof input === 'object' && input !== null)
          Object.assign(input, { ReturnConsumedCapacity: 'INDEXES' });
        const result = await next(args);
        const output = OutputSchema.safeParse(result.output);
        if (output.success) {
          const consumed = output.data.ConsumedCapacity;
          for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
            this.units += c.CapacityUnits ?? 0;
          this.itemsRead += output.data.Items?.length ?? 0;
          if (output.data.Item !== undefined) this.itemsFetched++;
        }
        this.calls++;
        return result;
      },
      { step: 'initialize', name: 'capacityMeter' },
    );
  }

  /** Stops counting, so that another meter can be attached to the same client. */
  detach(client: DynamoDBDocumentClient): void {
    client.middlewareStack.remove('capacityMeter');
  }
}
