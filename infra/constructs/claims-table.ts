/**
 * The single DynamoDB table, built from the same definition module the local bootstrap uses,
 * so index names, keys and projections cannot drift between DynamoDB Local and the cloud.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
  type GlobalSecondaryIndexPropsV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DEFINITION, type IndexDefinition } from '../../shared/adapters/dynamodb/table-definition.js';
import { indexesUpTo } from '../stacks/table-upgrade.js';

function toIndexProps(index: IndexDefinition): GlobalSecondaryIndexPropsV2 {
  const keys = {
    indexName: index.indexName,
    partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
    sortKey: {
      name: index.sortKey,
      type: index.sortKeyType === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
    },
  };
  switch (index.projection.type) {
    case 'KEYS_ONLY':
      return { ...keys, projectionType: ProjectionType.KEYS_ONLY };
    case 'ALL':
      return { ...keys, projectionType: ProjectionType.ALL };
    case 'INCLUDE':
      return {
        ...keys,
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.projection.nonKeyAttributes],
      };
  }
}

export interface ClaimsTableProps {
  /**
   * Only the first n indexes of the definition: for a deployment more than one index behind, which
   * DynamoDB lets gain one index per update (see table-upgrade.ts). Unset: all of them.
   */
  readonly indexLimit?: number;
}

export class ClaimsTable extends Construct {
  readonly table: TableV2;
  /** One ARN per index, named from the definition: the only index resources any policy may grant. */
  readonly indexArns: readonly string[];

  constructor(scope: Construct, id: string, props: ClaimsTableProps = {}) {
    super(scope, id);
    const indexes = indexesUpTo(TABLE_DEFINITION.indexes, props.indexLimit);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: indexes.map(toIndexProps),
      timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute,
      // On-demand: claim traffic is bursty and small; no capacity to tune or alarm on.
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.indexArns = indexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
  }

  get tableName(): string {
    return this.table.tableName;
  }

  get tableArn(): string {
    return this.table.tableArn;
  }
}
