// Rules about people: which roles fit which kind of organisation, and the forms that manage users.
import { z } from 'zod';
import { staffRoles, type Actor, type Role } from '../platform/access/actor.ts';
import { mayEditListings, mayManageLocalOffer, reachesChildRecords } from '../platform/access/policy.ts';
import type { OrganisationKind } from '../platform/db/schema.ts';
import { passwordProblem } from '../platform/auth/passwords.ts';

/** Where each role works: a SENCO in a school or setting, a DCO at the ICB or a health provider, and so on. */
export const roleHomes: Record<Role, readonly OrganisationKind[]> = {
  caseworker: ['send-team'],
  'send-manager': ['send-team'],
  'educational-psychologist': ['send-team'],
  'area-leader': ['send-team'],
  admin: ['send-team'],
  'health-professional': ['health-provider', 'icb'],
  'designated-clinical-officer': ['icb', 'health-provider'],
  'social-worker': ['social-care'],
  'social-care-manager': ['social-care'],
  senco: ['school', 'setting'],
  // Issue 5 §3: a provider's staff edit its listings; schools, settings, health providers and social care may own
  // listings too (lo_organisation.owner_organisation_id). The council's local offer officer is in the SEND team.
  'listing-editor': ['provider', 'school', 'setting', 'health-provider', 'social-care'],
  'local-offer-officer': ['send-team'],
};

/**
 * Where a member of staff starts when they reach no child's record: a provider's listing editor at their listings,
 * the council's local offer officer at the local offer's work. Everyone else starts at "/" (null).
 */
export function landingPath(actor: Actor): string | null {
  if (actor.kind !== 'staff' || reachesChildRecords(actor)) return null;
  if (mayEditListings(actor)) return '/local-offer/provider';
  if (mayManageLocalOffer(actor)) return '/local-offer/manage';
  return null;
}

/** The roles that do not fit the organisation, for a field message. */
export function misplacedRoles(roles: Role[], kind: OrganisationKind): Role[] {
  return roles.filter((r) => !roleHomes[r].includes(kind));
}

const roleList = z
  .union([z.array(z.enum(staffRoles)), z.enum(staffRoles)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const newUserSchema = z
  .object({
    kind: z.enum(['staff', 'family', 'service'], { message: 'Select whether this is a member of staff, a family member or a service account' }),
    name: z.string().trim().min(1, 'Enter their full name').max(200),
    email: z.string().trim().toLowerCase().min(1, 'Enter their email address').pipe(z.email('Enter an email address in the correct format, like name@example.com')),
    organisationId: z.string().optional().transform((v) => v || null),
    roles: roleList,
    password: z.string().superRefine((p, ctx) => {
      const problem = passwordProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'family' && !v.organisationId) ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Select their organisation' });
    if (v.kind !== 'family' && v.roles.length === 0) ctx.addIssue({ code: 'custom', path: ['roles'], message: 'Select at least one role' });
  });

export const editUserSchema = z.object({
  name: z.string().trim().min(1, 'Enter their full name').max(200),
  organisationId: z.string().optional().transform((v) => v || null),
  roles: roleList,
});

/** The kinds of organisation, as an administrator reads them (the schema's organisation.kind). */
export const organisationKinds = ['send-team', 'health-provider', 'icb', 'social-care', 'school', 'setting', 'provider'] as const satisfies readonly OrganisationKind[];

export const organisationKindLabels: Record<OrganisationKind, string> = {
  'send-team': 'Council SEND team',
  'health-provider': 'Health provider',
  icb: 'Integrated care board (ICB)',
  'social-care': 'Social care',
  school: 'School',
  setting: 'Setting (nursery, college or other provider)',
  provider: 'Service provider (voluntary, community or private): edits its local offer listings only',
};

/** Schools and settings carry their GIAS URN (statutory-rules.md §5.3, SEN2 item 4.7a: 6 digits). */
export const hasUrn = (kind: OrganisationKind): boolean => kind === 'school' || kind === 'setting';

const optionalCode = z
  .string()
  .optional()
  .transform((v) => (v ?? '').replace(/\s+/g, ''));

/**
 * The add and edit organisation forms. A school needs its URN. A setting needs its URN, or its UKPRN when it is a
 * college or training provider without one (SEN2 items 4.7a–b: FE providers are known by UKPRN). Other kinds have
 * neither. The database also requires a school's URN (0001); duplicates in the area are checked by the store.
 */
export const organisationSchema = z
  .object({
    name: z.string({ message: 'Enter the organisation’s name' }).trim().min(1, 'Enter the organisation’s name').max(200, 'Name must be 200 characters or fewer'),
    kind: z.enum(organisationKinds, { message: 'Select the type of organisation' }),
    urn: optionalCode,
    ukprn: optionalCode,
  })
  .superRefine((v, ctx) => {
    if (v.urn && !hasUrn(v.kind)) ctx.addIssue({ code: 'custom', path: ['urn'], message: 'Remove the URN: only schools and settings have one' });
    else if (v.urn && !/^[1-9][0-9]{5}$/.test(v.urn)) ctx.addIssue({ code: 'custom', path: ['urn'], message: 'URN must be 6 digits, from 100000 to 999999' });
    else if (!v.urn && v.kind === 'school') ctx.addIssue({ code: 'custom', path: ['urn'], message: 'Enter the school’s URN' });
    else if (!v.urn && !v.ukprn && v.kind === 'setting') ctx.addIssue({ code: 'custom', path: ['urn'], message: 'Enter the setting’s URN, or its UKPRN if it is a college or training provider' });
    if (v.ukprn && !hasUrn(v.kind)) ctx.addIssue({ code: 'custom', path: ['ukprn'], message: 'Remove the UKPRN: only schools and settings have one' });
    else if (v.ukprn && !/^1[0-9]{7}$/.test(v.ukprn)) ctx.addIssue({ code: 'custom', path: ['ukprn'], message: 'UKPRN must be 8 digits starting with 1, like 10012345' });
  })
  .transform((v) => ({ name: v.name, kind: v.kind, urn: v.urn || null, ukprn: v.ukprn || null }));

export type OrganisationInput = z.output<typeof organisationSchema>;
