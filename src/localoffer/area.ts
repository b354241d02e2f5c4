// Which area's local offer the public pages and the Open Referral feed show. One install may host several areas
// (docs/architecture.md rule 3); the public directory is one area's, set by LOCAL_OFFER_AREA.
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import type { Executor } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/web/validation.ts';

export interface PublicArea {
  laCode: string;
  name: string;
}

/** The configured area, or the lowest LA code installed: the query both readers below start from. */
function areaQuery(exec: Executor, config: Pick<Config, 'localOfferArea'>) {
  const q = exec.selectFrom('local_area').select(['la_code', 'name']);
  return config.localOfferArea ? q.where('la_code', '=', config.localOfferArea) : q.orderBy('la_code').limit(1);
}

/** The public area; NotFound before any area exists. */
export async function publicArea(exec: Executor, config: Pick<Config, 'localOfferArea'>): Promise<PublicArea> {
  const row = await areaQuery(exec, config).executeTakeFirst();
  if (!row) throw new NotFoundError('Local offer');
  return { laCode: row.la_code, name: row.name };
}

/**
 * The public area and the directory's generation (search-store.ts keeps ranked results per generation), in one
 * query: the search page's first statement, instead of two.
 */
export async function publicAreaForSearch(exec: Executor, config: Pick<Config, 'localOfferArea'>): Promise<PublicArea & { generation: string }> {
  const row = await areaQuery(exec, config).select(sql<string>`(SELECT n::text FROM lo_generation)`.as('generation')).executeTakeFirst();
  if (!row) throw new NotFoundError('Local offer');
  return { laCode: row.la_code, name: row.name, generation: row.generation ?? '0' };
}
