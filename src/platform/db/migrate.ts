// Numbered migrations in migrations/, applied in order at start by Kysely's Migrator.
import { sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import type { Db } from './connect.ts';
import * as m0001 from '../../../migrations/0001_foundation.ts';
import * as m0002 from '../../../migrations/0002_assessment.ts';
import * as m0004 from '../../../migrations/0004_notifications.ts';
import * as m0005 from '../../../migrations/0005_plans.ts';
import * as m0006 from '../../../migrations/0006_organisation_identity.ts';
import * as m0007 from '../../../migrations/0007_localoffer.ts';
import * as m0008 from '../../../migrations/0008_localoffer_search.ts';
import * as m0009 from '../../../migrations/0009_oruk.ts';
import * as m0010 from '../../../migrations/0010_localoffer_workflow.ts';
import * as m0011 from '../../../migrations/0011_assessment_caseworker.ts';
import * as m0012 from '../../../migrations/0012_localoffer_generation.ts';

interface SqlMigration {
  up: string[];
  down: string[];
}

const all: Record<string, SqlMigration> = {
  '0001_foundation': m0001,
  '0002_assessment': m0002,
  '0004_notifications': m0004,
  '0005_plans': m0005,
  '0006_organisation_identity': m0006,
  '0007_localoffer': m0007,
  '0008_localoffer_search': m0008,
  '0009_oruk': m0009,
  '0010_localoffer_workflow': m0010,
  '0011_assessment_caseworker': m0011,
  '0012_localoffer_generation': m0012,
};

function toKysely(m: SqlMigration): Migration {
  // One statement per call: PGlite's extended protocol refuses multi-statement strings.
  const run = (stmts: string[]) => async (db: Parameters<Migration['up']>[0]) => {
    for (const s of stmts) await sql.raw(s).execute(db);
  };
  return { up: run(m.up), down: run(m.down) };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    // Numbers are handed out to work in parallel, so one may land after a higher one has run (0008 after 0009
    // and 0010): it is applied then, rather than refused. Each migration touches only its own tables.
    allowUnorderedMigrations: true,
    db,
    provider: { getMigrations: async () => Object.fromEntries(Object.entries(all).map(([k, v]) => [k, toKysely(v)])) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
