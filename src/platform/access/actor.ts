// Who is acting: built once per request from the session or API token, passed to every store function.
import type { OrganisationKind, UserKind } from '../db/schema.ts';

export const staffRoles = [
  'caseworker',
  'send-manager',
  'educational-psychologist',
  'health-professional',
  'designated-clinical-officer',
  'social-worker',
  'social-care-manager',
  'senco',
  'area-leader',
  'admin',
  'listing-editor',
  'local-offer-officer',
] as const;
export type Role = (typeof staffRoles)[number];

export const roleLabels: Record<Role, string> = {
  caseworker: 'Caseworker',
  'send-manager': 'SEND manager',
  'educational-psychologist': 'Educational psychologist',
  'health-professional': 'Health professional',
  'designated-clinical-officer': 'Designated clinical officer',
  'social-worker': 'Social worker',
  'social-care-manager': 'Social care manager',
  senco: 'SENCO',
  'area-leader': 'Area leader',
  admin: 'Administrator',
  'listing-editor': 'Listing editor (local offer)',
  'local-offer-officer': 'Local offer officer',
};

/**
 * The local offer's roles (issue 5): a provider's staff who edit its listings, and the council officer who
 * reviews listings, edits the information pages and answers comments. Neither reaches any child's record.
 */
export const localOfferRoles: readonly Role[] = ['listing-editor', 'local-offer-officer'];

export const agencies = ['education', 'health', 'social-care'] as const;
export type Agency = (typeof agencies)[number];

export const agencyLabels: Record<Agency, string> = {
  education: 'Education',
  health: 'Health',
  'social-care': 'Social care',
};

/** The agency whose consent covers an organisation's staff; none covers a provider of local offer services. */
export function agencyOf(kind: OrganisationKind): Agency | null {
  switch (kind) {
    case 'provider':
      return null;
    case 'health-provider':
    case 'icb':
      return 'health';
    case 'social-care':
      return 'social-care';
    case 'send-team':
    case 'school':
    case 'setting':
      return 'education';
  }
}

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  laCode: string;
  name: string;
}

export interface Actor {
  id: string;
  kind: UserKind;
  name: string;
  email: string;
  roles: Role[];
  organisation: Organisation | null;
  /** How the actor reached us, for the audit trail. */
  via: 'session' | 'api-token' | 'system';
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export function isRole(s: string): s is Role {
  return (staffRoles as readonly string[]).includes(s);
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** The system itself (seeding, imports): never used for a person's request. */
export const systemActor: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  kind: 'service',
  name: 'joinedup (system)',
  email: 'system@joinedup.invalid',
  roles: [],
  organisation: null,
  via: 'system',
};
