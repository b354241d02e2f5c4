// Starts a throwaway PostgreSQL for the test run, prints its URL on one line, and stops it on SIGTERM/SIGINT.
import { startTempPostgres } from '../test/support/postgres.ts';

const pg = await startTempPostgres();
process.stdout.write(`${pg.url}\n`);
const stop = () => void pg.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => undefined, 1 << 30);
