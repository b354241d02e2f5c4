import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { landingPath, misplacedRoles, newUserSchema, organisationSchema } from './domain.ts';
import type { Actor, Role } from '../platform/access/actor.ts';
import type { OrganisationKind } from '../platform/db/schema.ts';

describe('roles fit organisations', () => {
  const cases: [Parameters<typeof misplacedRoles>[0], Parameters<typeof misplacedRoles>[1], string[]][] = [
    [['senco'], 'school', []],
    [['senco'], 'setting', []],
    [['senco'], 'send-team', ['senco']],
    [['caseworker', 'send-manager'], 'send-team', []],
    [['caseworker'], 'school', ['caseworker']],
    [['designated-clinical-officer'], 'icb', []],
    [['social-worker'], 'health-provider', ['social-worker']],
    [['health-professional', 'admin'], 'health-provider', ['admin']],
    [['listing-editor'], 'provider', []],
    [['listing-editor'], 'school', []],
    [['listing-editor'], 'health-provider', []],
    [['listing-editor'], 'send-team', ['listing-editor']],
    [['senco'], 'provider', ['senco']],
    [['caseworker'], 'provider', ['caseworker']],
    [['local-offer-officer'], 'send-team', []],
    [['local-offer-officer'], 'provider', ['local-offer-officer']],
  ];
  for (const [roles, kind, wrong] of cases) test(`${roles.join('+')} at ${kind}`, () => assert.deepEqual(misplacedRoles(roles, kind), wrong));
});

describe('new user form', () => {
  test('staff need an organisation and a role; passwords are 12 characters or more', () => {
    const r = newUserSchema.safeParse({ kind: 'staff', name: 'A', email: 'a@example.com', password: 'short' });
    assert.equal(r.success, false);
    const fields = r.success ? [] : r.error.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(fields, ['organisationId', 'password', 'roles']);
  });
  test('a family member needs neither; email is lower-cased', () => {
    const r = newUserSchema.safeParse({ kind: 'family', name: 'Jo Bloggs', email: 'Jo@Example.com', password: 'a long enough password' });
    assert.ok(r.success);
    if (r.success) assert.equal(r.data.email, 'jo@example.com');
  });
});

describe('organisation form', () => {
  const fieldsIn = (input: Record<string, string>): string[] => {
    const r = organisationSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.')).sort();
  };
  const cases: [Record<string, string>, string[]][] = [
    [{ name: 'Oak Primary', kind: 'school', urn: '100000' }, []],
    [{ name: 'Oak Primary', kind: 'school', urn: '999999' }, []],
    [{ name: 'Oak Primary', kind: 'school', urn: '099999' }, ['urn']],
    [{ name: 'Oak Primary', kind: 'school', urn: '1000000' }, ['urn']],
    [{ name: 'Oak Primary', kind: 'school', urn: '' }, ['urn']],
    [{ name: 'Oak Primary', kind: 'school', urn: '123456', ukprn: '10012345' }, []],
    [{ name: 'Little Acorns', kind: 'setting', urn: '' }, ['urn']],
    [{ name: 'Joinedshire College', kind: 'setting', ukprn: '10012345' }, []],
    [{ name: 'Joinedshire Autism Support', kind: 'provider' }, []],
    [{ name: 'Joinedshire Autism Support', kind: 'provider', urn: '123456' }, ['urn']],
    [{ name: 'Joinedshire College', kind: 'setting', ukprn: '1001234' }, ['ukprn']],
    [{ name: 'The ICB', kind: 'icb', urn: '123456' }, ['urn']],
    [{ name: 'The ICB', kind: 'icb', ukprn: '10012345' }, ['ukprn']],
    [{ name: 'Children’s Social Care', kind: 'social-care' }, []],
    [{ name: ' ', kind: 'send-team' }, ['name']],
    [{ name: 'Somewhere', kind: 'hospital' }, ['kind']],
  ];
  for (const [input, fields] of cases) test(`${input.kind} ${JSON.stringify(input)}`, () => assert.deepEqual(fieldsIn(input), fields));
  test('spaces in a URN are dropped, blanks become null, the name is trimmed', () => {
    const r = organisationSchema.safeParse({ name: ' Oak Primary ', kind: 'school', urn: '123 456', ukprn: '' });
    assert.ok(r.success);
    if (r.success) assert.deepEqual(r.data, { name: 'Oak Primary', kind: 'school', urn: '123456', ukprn: null });
  });
});

describe('where staff start after signing in', () => {
  const who = (roles: Role[], kind: OrganisationKind): Actor => ({ id: 'u', kind: 'staff', name: 'S', email: 's@x', roles, organisation: { id: 'o', kind, laCode: '990', name: 'O' }, via: 'session' });
  const cases: [Role[], OrganisationKind, string | null][] = [
    [['listing-editor'], 'provider', '/local-offer/provider'],
    [['listing-editor'], 'school', '/local-offer/provider'],
    [['senco', 'listing-editor'], 'school', null],
    [['local-offer-officer'], 'send-team', '/local-offer/manage'],
    [['local-offer-officer', 'send-manager'], 'send-team', null],
    [['caseworker'], 'send-team', null],
    [['area-leader'], 'send-team', null],
  ];
  for (const [roles, kind, want] of cases) test(`${roles.join('+')} at ${kind}`, () => assert.equal(landingPath(who(roles, kind)), want));
});
