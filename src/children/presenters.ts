// Presenters: the API's contract is these shapes, not the tables (STYLE.md, outline presenters).
import type { ChildListItem, VisibleChild } from './store.ts';
import { formatNhsNumber } from './identifiers.ts';

export function presentChild(c: VisibleChild) {
  return {
    id: c.id,
    laCode: c.la_code,
    givenName: c.given_name,
    familyName: c.family_name,
    preferredName: c.preferred_name,
    dateOfBirth: c.date_of_birth,
    nhsNumber: c.nhs_number,
    upn: c.upn,
    sex: c.sex,
    ethnicity: c.ethnicity,
    firstLanguage: c.first_language,
    lookedAfter: c.looked_after,
    childProtection: c.child_protection,
    version: c.version,
    access: c.route,
    updatedAt: c.updated_at.toISOString(),
  };
}

export function presentListItem(c: ChildListItem) {
  return {
    id: c.id,
    laCode: c.la_code,
    givenName: c.given_name,
    familyName: c.family_name,
    preferredName: c.preferred_name,
    dateOfBirth: c.date_of_birth,
    nhsNumber: c.nhs_number,
    upn: c.upn,
    access: c.route,
    consentNeeded: c.route === null,
    teamRole: c.team_role,
  };
}

/** NHS number as people read it: 943 476 5919. */
export const displayNhs = (v: string | null): string => (v ? formatNhsNumber(v) : '');
