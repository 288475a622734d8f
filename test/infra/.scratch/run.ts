import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { defineClaimsApp } from '../../../infra/stacks/claims-app.js';
import { nagPacks } from '../../../infra/stacks/nag-packs.js';
const ctx = JSON.parse(readFileSync('cdk.json', 'utf8')).context;
const web = process.argv[2];
const app = new App({ context: { ...ctx, 'claims:skipBundling': true }, outdir: '/tmp/exp/out' });
const t0 = Date.now();
const { data, service } = defineClaimsApp(app, { webBuildDirectory: web });
app.synth();
console.log('synth ms', Date.now() - t0);
for (const pack of nagPacks()) {
  const r = pack.validateScope(app);
  for (const v of r.violations)
    console.log(v.severity, v.ruleName, v.violatingResources.map((x) => x.constructPath).join(' | '));
}
