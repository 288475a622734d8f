/**
 * `npm start`: the whole claims system on this machine. Ctrl-C stops it; data stays in .data/.
 */
import { JavaMissingError } from './dynamodb-local.js';
import { DATA_DIR, DYNAMO_DATA_DIR, LOCAL_KEYS_FILE, LOCAL_TABLE_NAME } from './paths.js';
import { startLocalStack } from './stack.js';

const port = Number(process.env['PORT'] ?? 3000);
const dynamoPort = Number(process.env['DYNAMODB_PORT'] ?? 8000);

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
    schedules: true,
  });
  console.log(
    `  DynamoDB Local   ${stack.dynamoEndpoint} (table ${LOCAL_TABLE_NAME}${stack.tableCreated ? ', created' : ''})`,
  );
  console.log(`  API              ${stack.apiUrl}`);
  console.log('  schedules        deadline sweep every 15 minutes (or now: npm run claims -- sweep)');
  console.log(
    `                   overdue report at 02:00 Shanghai into ${DATA_DIR}/blobs/reports/ (npm run claims -- report)`,
  );
  console.log('');
  console.log('File a claim:');
  console.log(
    `  curl -s -X POST ${stack.apiUrl}/claims -H 'content-type: application/json' -H "Idempotency-Key: $(uuidgen || date +%s%N)" \\`,
  );
  console.log(
    `    -d '{"claimant":{"name":"王芳","phone":"13800138000"},"product":{"name":"电热水壶","orderNumber":"SO-1001"},"foundOn":"${new Date().toISOString().slice(0, 10)}","description":"壶底漏水","category":"product_quality","requestedRemedy":"replacement","claimedAmountFen":19900}'`,
  );
  console.log('Get a staff token (prints it on its last line), then read the HQ work queue:');
  console.log('  TOKEN=$(npm run -s claims -- token --role manager --unit HQ | tail -1)');
  console.log(`  curl -s ${stack.apiUrl}/staff/claims -H "authorization: Bearer $TOKEN"`);
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
    console.error(`\nPort ${port} is in use. Stop what holds it or choose another: PORT=3001 npm start`);
  } else {
    console.error('\nThe local stack could not start:', error);
  }
  process.exit(1);
});
