import { App } from 'aws-cdk-lib';
import { readStageConfig } from '../../../infra/stacks/stage-config.js';
const app = new App({
  context: {
    stage: 'dev',
    mailDomain: 'claims.example.com',
    claimsRecipients: 'a@claims.example.com, b@claims.example.com',
    webOrigin: 'cloudfront',
    alarmEmail: 'ops@example.com',
    logLevel: 'INFO',
    logRetentionDays: '90',
    publicRateLimit: 10,
    publicBurstLimit: '20',
    staffRateLimit: 50,
    staffBurstLimit: 100,
    policySettings: '{"filingWindowDays":30}',
  },
});
console.log(readStageConfig(app.node));
try {
  readStageConfig(new App({ context: { stage: 'Prod!' } }).node);
} catch (e) {
  console.log(String(e));
}
