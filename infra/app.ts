/**
 * CDK entry (cdk.json: `npx tsx infra/app.ts`). Environment-agnostic stacks, no lookups: synth needs
 * neither credentials nor network. Settings come from context (cdk.json defaults, `-c key=value`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { REPO_ROOT } from './constructs/claims-function.js';
import { defineClaimsApp } from './stacks/claims-app.js';
import { addNagPacks } from './stacks/nag-packs.js';

const app = new App();
const webBuild = join(REPO_ROOT, 'web', 'dist');
defineClaimsApp(app, { webBuildDirectory: existsSync(webBuild) ? webBuild : undefined });
addNagPacks(app);
