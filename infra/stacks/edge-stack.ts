/**
 * The edge stack: what CloudFront needs from us-east-1 whatever region the stage runs in. Today that is
 * the API's WAF web ACL (a CLOUDFRONT-scope ACL can only be created there). It holds no data: destroying
 * it only removes the per-client limits, after the service stack that uses it is gone.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeFirewall, type EdgeRateLimits } from '../constructs/edge-firewall.js';

/** CloudFront's web ACLs, certificates and Lambda@Edge functions live in this region only. */
export const EDGE_REGION = 'us-east-1';

export interface EdgeStackProps extends StackProps {
  readonly stage: string;
  readonly rateLimits?: EdgeRateLimits;
}

export class EdgeStack extends Stack {
  readonly firewall: EdgeFirewall;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    if (this.region !== EDGE_REGION) throw new Error(`${id} must be deployed to ${EDGE_REGION}`);
    this.firewall = new EdgeFirewall(this, 'ApiFirewall', {
      name: `claims-desk-${props.stage}-api`,
      rateLimits: props.rateLimits,
    });
  }
}
