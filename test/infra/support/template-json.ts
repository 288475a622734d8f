/**
 * Typed reads of a synthesized template: resources by type, and the (action, resource) pairs a role
 * is granted, flattened out of however CDK merged its statements.
 */
import { CfnElement, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { z } from 'zod';

const ResourceSchema = z.object({
  Type: z.string(),
  Properties: z.record(z.string(), z.unknown()).default({}),
  DependsOn: z.union([z.string(), z.array(z.string())]).optional(),
  DeletionPolicy: z.string().optional(),
  UpdateReplacePolicy: z.string().optional(),
});
const TemplateSchema = z.object({ Resources: z.record(z.string(), ResourceSchema) });

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly dependsOn: readonly string[];
  readonly deletionPolicy: string | undefined;
  readonly updateReplacePolicy: string | undefined;
}

export function resources(template: Template, type?: string): TemplateResource[] {
  const json: unknown = template.toJSON();
  return Object.entries(TemplateSchema.parse(json).Resources)
    .filter(([, resource]) => type === undefined || resource.Type === type)
    .map(([logicalId, resource]) => ({
      logicalId,
      type: resource.Type,
      properties: resource.Properties,
      dependsOn: resource.DependsOn === undefined ? [] : [resource.DependsOn].flat(),
      deletionPolicy: resource.DeletionPolicy,
      updateReplacePolicy: resource.UpdateReplacePolicy,
    }));
}

export function resource(template: Template, logicalId: string): TemplateResource {
  const found = resources(template).find((candidate) => candidate.logicalId === logicalId);
  if (!found) throw new Error(`no resource ${logicalId}`);
  return found;
}

/** The logical id of a construct's CloudFormation resource (its default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(element instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  const id: unknown = Stack.of(element).resolve(element.logicalId);
  if (typeof id !== 'string') throw new Error(`${construct.node.path}: logical id did not resolve`);
  return id;
}

const StatementSchema = z.looseObject({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.unknown(),
  Condition: z.unknown().optional(),
});
const PolicyDocumentSchema = z.object({ Statement: z.array(StatementSchema) });

export interface Grant {
  readonly action: string;
  /** As rendered in the template: a string or an intrinsic (Ref, GetAtt, Join, GetStackOutput). */
  readonly resource: unknown;
}

/** Every Allow (action, resource) pair in the inline policies attached to one role. */
export function grantsOfRole(template: Template, roleLogicalId: string): Grant[] {
  const grants: Grant[] = [];
  for (const policy of resources(template, 'AWS::IAM::Policy')) {
    const roles = z.array(z.unknown()).parse(policy.properties.Roles ?? []);
    if (!roles.some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }))) continue;
    const document = PolicyDocumentSchema.parse(policy.properties.PolicyDocument);
    for (const statement of document.Statement) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of [statement.Action].flat()) {
        const targets: unknown[] = Array.isArray(statement.Resource)
          ? statement.Resource
          : [statement.Resource];
        for (const target of targets) grants.push({ action, resource: target });
      }
    }
  }
  return grants;
}

/** The statements of one policy document property (bucket, queue or topic policy). */
export function statementsOf(document: unknown): z.infer<typeof StatementSchema>[] {
  return PolicyDocumentSchema.parse(document).Statement;
}

/** Stable string form of a template value, for comparing intrinsics. */
export function key(value: unknown): string {
  return JSON.stringify(value);
}
