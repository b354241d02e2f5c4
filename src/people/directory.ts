// The directory of organisations and their staff, for pickers such as "add to the team around the child".
// Names of organisations and staff are not a child's data, so these reads are not audited.
import type { Executor } from '../platform/db/transaction.ts';
import type { OrganisationKind } from '../platform/db/schema.ts';

export interface DirectoryOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  laCode: string;
}

export interface DirectoryPerson {
  id: string;
  name: string;
}

/** Every organisation, by area then name. */
export async function listOrganisations(db: Executor): Promise<DirectoryOrganisation[]> {
  const rows = await db.selectFrom('organisation').select(['id', 'name', 'kind', 'la_code']).orderBy('la_code').orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, laCode: r.la_code }));
}

/** One organisation, or undefined. */
export async function findOrganisation(db: Executor, id: string): Promise<DirectoryOrganisation | undefined> {
  const r = await db.selectFrom('organisation').select(['id', 'name', 'kind', 'la_code']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, kind: r.kind, laCode: r.la_code } : undefined;
}

/** The staff of an organisation whose accounts are in use, by name. */
export async function listStaffOf(db: Executor, organisationId: string): Promise<DirectoryPerson[]> {
  return db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', 'staff')
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}
