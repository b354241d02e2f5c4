// Organisations an administrator adds and edits (src/people/admin-store.ts): within one area no two share a
// name (ignoring case) or a URN or UKPRN, so a picker never shows two the same. The store checks first, to name
// the clash; these indexes close the race between two administrators saving at once.

export const up: string[] = [
  `CREATE UNIQUE INDEX organisation_area_name ON organisation (la_code, lower(name))`,
  `CREATE UNIQUE INDEX organisation_area_urn ON organisation (la_code, urn) WHERE urn IS NOT NULL`,
  `CREATE UNIQUE INDEX organisation_area_ukprn ON organisation (la_code, ukprn) WHERE ukprn IS NOT NULL`,
];

export const down: string[] = [
  `DROP INDEX organisation_area_ukprn`,
  `DROP INDEX organisation_area_urn`,
  `DROP INDEX organisation_area_name`,
];
