import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { misplacedRoles, newUserSchema } from './domain.ts';

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
