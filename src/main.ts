// The command line: `joinedup serve | migrate | seed-demo`. `npm start` runs `serve`.
import { loadConfig } from './config.ts';
import { connect } from './platform/db/connect.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { buildServer } from './server.ts';
import { seedDemoArea, isSeeded } from './demo/seed.ts';
import { timescalesCommand } from './assessment/cli.ts';
import { runReminders, scheduleReminders } from './assessment/reminders.ts';
import { runListingReminders, scheduleListingReminders } from './localoffer/reminders.ts';
import { londonToday } from './platform/web/dates.ts';
import { qualityCommand } from './plans/cli.ts';
import { importOpenReferralCommand, importUsage } from './localoffer/oruk-cli.ts';
import { importPostcodesCommand } from './localoffer/postcodes.ts';

const usage = `Usage: joinedup <command>

Commands:
  serve        migrate, seed the demo area on first run (demo mode), and serve http://localhost:3000
  migrate      bring the database schema up to date
  seed-demo    seed the demo local area (if not already seeded)
  send-reminders
               send today's reminders and escalations of requests for advice, and the local offer's
               reminders to check listings, now (serve also does this hourly)
  timescales FILE.json
               statutory deadlines and statuses of an EHC needs assessment, as JSON (FILE "-" reads stdin)
  import-postcodes FILE.csv
               load postcode centroids (for "distance from a postcode" in the local offer) from the ONS Postcode
               Directory (ONSPD) CSV: columns pcds, lat, long and oslaua; run again with a newer file to update
  quality --section E|F|A… TEXT
               quality findings and a score for one plan item, as JSON (TEXT "-" reads stdin)
  ${importUsage}
`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  if (command === 'timescales') return timescalesCommand(argv.slice(1));
  if (command === 'quality') return qualityCommand(argv.slice(1));
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  switch (command) {
    case 'migrate': {
      const conn = await connect(config);
      const done = await migrateToLatest(conn.db);
      process.stdout.write(done.length ? `Applied: ${done.join(', ')}\n` : 'The schema is up to date.\n');
      await conn.close();
      return 0;
    }
    case 'seed-demo': {
      const conn = await connect(config);
      await migrateToLatest(conn.db);
      if (await isSeeded(conn.db)) process.stdout.write('The demo area is already seeded.\n');
      else process.stdout.write(`Seeded: ${JSON.stringify(await seedDemoArea(conn.db, { children: config.demoChildren }))}\n`);
      await conn.close();
      return 0;
    }
    case 'import-openreferral':
      return importOpenReferralCommand(argv.slice(1), config);
    case 'import-postcodes': {
      const conn = await connect(config);
      await migrateToLatest(conn.db);
      const code = await importPostcodesCommand(conn.db, argv.slice(1), { log: (s) => process.stdout.write(`${s}\n`), error: (s) => process.stderr.write(`${s}\n`) });
      await conn.close();
      return code;
    }
    case 'send-reminders': {
      const conn = await connect(config);
      await migrateToLatest(conn.db);
      const r = await runReminders(conn.db, londonToday());
      process.stdout.write(`Reminders sent: ${r.reminded}. Escalations sent: ${r.escalated}.\n`);
      const l = await runListingReminders(conn.db, londonToday());
      process.stdout.write(`Local offer: reminders to check a listing sent: ${l.reminded}. Not recently checked notices sent: ${l.toldNotChecked}.\n`);
      await conn.close();
      return 0;
    }
    case 'serve': {
      const conn = await connect(config);
      await migrateToLatest(conn.db);
      if (config.demo && !(await isSeeded(conn.db))) {
        process.stdout.write('Seeding the demo area (first run)…\n');
        await seedDemoArea(conn.db, { children: config.demoChildren });
      }
      const app = await buildServer({ config, db: conn.db });
      // Reminders and escalations of requests for advice (issue 3 §2.4): on starting, then every hour.
      const stopReminders =
        config.env === 'test'
          ? () => undefined
          : scheduleReminders(conn.db, () => londonToday(), {
              onRun: (r) => {
                if (r.reminded || r.escalated) app.log.info(r, 'advice reminders and escalations sent');
              },
              onError: (err) => app.log.error({ err }, 'advice reminders failed'),
            });
      // The local offer's reminders to check listings (issue 5 §3): on starting, then every hour.
      const stopListingReminders =
        config.env === 'test'
          ? () => undefined
          : scheduleListingReminders(conn.db, () => londonToday(), {
              onRun: (r) => {
                if (r.reminded || r.toldNotChecked) app.log.info(r, 'local offer listing reminders sent');
              },
              onError: (err) => app.log.error({ err }, 'local offer listing reminders failed'),
            });
      const stop = async () => {
        stopReminders();
        stopListingReminders();
        await app.close();
        await conn.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await app.listen({ port: config.port, host: config.host });
      process.stdout.write(`joinedup is running at http://localhost:${config.port} (${conn.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})\n`);
      return -1; // keep running
    }
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
