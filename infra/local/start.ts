/**
 * `npm start`: the whole claims system on this machine. Ctrl-C stops it; data stays in .data/.
 */
import { JavaMissingError } from './dynamodb-local.js';
import { DATA_DIR, DYNAMO_DATA_DIR, LOCAL_KEYS_FILE, LOCAL_TABLE_NAME } from './paths.js';
import { startLocalStack } from './stack.js';

const port = Number(process.env['PORT'] ?? 3000);
const dynamoPort = Number(process.env['DYNAMODB_PORT'] ?? 8000);
const smtpPort = Number(process.env['SMTP_PORT'] ?? 2525);
const sqsPort = Number(process.env['SQS_PORT'] ?? 9324);

async function main(): Promise<void> {
  // Reports (and later other blobs) go under the data folder, like S3 in the cloud.
  process.env['BLOB_DIR'] ??= `${DATA_DIR}/blobs`;
  console.log('Starting the claims system locally…');
  console.log(`  data folder      ${DATA_DIR}`);
  const stack = await startLocalStack({
    port,
    dynamoPort,
    dynamoDataDir: DYNAMO_DATA_DIR,
    keysFile: LOCAL_KEYS_FILE,
    tableName: LOCAL_TABLE_NAME,
    dataDir: DATA_DIR,
    smtpPort,
    sqsPort,
    schedules: true,
    // An example staff directory, so every internal notice reaches someone's outbox (issue 15).
    seedStaff: true,
  });
  console.log(
    `  DynamoDB Local   ${stack.dynamoEndpoint} (table ${LOCAL_TABLE_NAME}${stack.tableCreated ? ', created' : ''})`,
  );
  console.log(
    `  staff directory  ${stack.staffSeeded > 0 ? `${stack.staffSeeded} example people added` : 'as stored'} (mail to @staff.claims.localhost lands in the outbox)`,
  );
  console.log(`  claim form       ${stack.apiUrl}/            (English: ${stack.apiUrl}/?lang=en)`);
  console.log(
    `  staff console    ${stack.apiUrl}/staff.html  ("Sign in" opens the local sign-in page: pick someone from the directory)`,
  );
  console.log(`  API              ${stack.apiUrl}/claims, ${stack.apiUrl}/staff/…`);
  if (stack.clockOffset)
    console.log(
      `  rehearsal clock  CLAIMS_CLOCK_OFFSET=${stack.clockOffset.iso}: requests, sweep and report run as of ${new Date(Date.now() + stack.clockOffset.milliseconds).toISOString()}`,
    );
  console.log(`  SMTP (mail in)   127.0.0.1:${stack.mail.smtpPort() ?? smtpPort}`);
  console.log(`  SQS (local)      ${stack.mail.sqs.endpoint}`);
  console.log(`  Outbox           ${stack.apiUrl}/outbox (files in ${stack.mail.outboxDir})`);
  console.log('  schedules        deadline sweep every 15 minutes (or now: npm run claims -- sweep)');
  console.log(
    `                   overdue report at 02:00 Shanghai into ${DATA_DIR}/blobs/reports/ (npm run claims -- report)`,
  );
  console.log('');
  console.log(
    `File a claim as a customer: the form at ${stack.apiUrl}/ (POST /claims also needs the privacy consent and a solved`,
  );
  console.log(
    'proof of work, which the form sends; docs/api.md). Or register one as staff, by phone, with a staff token:',
  );
  console.log('  TOKEN=$(npm run -s claims -- token --role agent --unit HQ | tail -1)');
  console.log(
    `  curl -s -X POST ${stack.apiUrl}/staff/claims -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H "Idempotency-Key: phone-$(date +%s%N)" \\`,
  );
  console.log(
    `    -d '{"channel":"phone","claimant":{"name":"王芳","phone":"13800138000"},"product":{"name":"电热水壶","orderNumber":"SO-1001"},"foundOn":"${new Date().toISOString().slice(0, 10)}","description":"壶底漏水","category":"product_quality","requestedRemedy":"replacement","claimedAmountFen":19900}'`,
  );
  console.log('Read the HQ work queue with the same token:');
  console.log(`  curl -s ${stack.apiUrl}/staff/claims -H "authorization: Bearer $TOKEN"`);
  console.log('');
  console.log("Mail a claim (any mail client works; this uses curl's SMTP):");
  console.log(
    `  printf 'From: 王芳 <wangfang@example.com>\\r\\nTo: claims@claims.localhost\\r\\nSubject: 电热水壶漏水，要求退款\\r\\nContent-Type: text/plain; charset=utf-8\\r\\n\\r\\n订单号 SO-1001，壶底漏水。\\r\\n' | curl -s smtp://127.0.0.1:${stack.mail.smtpPort() ?? smtpPort} --mail-from wangfang@example.com --mail-rcpt claims@claims.localhost -T -`,
  );
  console.log(`  then open ${stack.apiUrl}/outbox for the acknowledgment`);
  console.log('');
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) {
    console.error(`\n${error.message}`);
  } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(
      `\nA port is in use (API ${port}, SMTP ${smtpPort}, SQS ${sqsPort}). Stop what holds it or choose another: PORT=3001 SMTP_PORT=2526 SQS_PORT=9325 npm start`,
    );
  } else {
    console.error('\nThe local stack could not start:', error);
  }
  process.exit(1);
});
