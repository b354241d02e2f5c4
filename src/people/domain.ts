// Rules about people: which roles fit which kind of organisation, and the forms that manage users.
import { z } from 'zod';
import { staffRoles, type Role } from '../platform/access/actor.ts';
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
  senco: ['school', 'setting'],
};

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
