import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { planExportJsonSchema, planExportSchema } from './exchange.ts';
import { emptyPlan } from './model.ts';

test('the published JSON Schema (docs/plan-export.schema.json) is the one the code uses', () => {
  const published = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/plan-export.schema.json'), 'utf8')) as unknown;
  assert.deepEqual(published, JSON.parse(JSON.stringify(planExportJsonSchema())), 'run: npx tsx scripts/plan-schema.ts');
});

test('the export document: valid and invalid examples', () => {
  const doc = {
    format: 'joinedup-ehc-plan', formatVersion: 1, exportedAt: '2026-11-20T10:00:00Z', exportedBy: '990',
    child: { givenName: 'Robin', familyName: 'Lee', preferredName: null, dateOfBirth: '2016-05-05', nhsNumber: null, upn: null, sex: 'U' },
    plan: { reference: 'PLAN-990-2026-00001', status: 'active', versions: [{ number: 1, kind: 'draft', state: 'issued', issuedOn: '2026-10-01', content: emptyPlan() }] },
  };
  assert.equal(planExportSchema.safeParse(doc).success, true);
  const twoEditing = { ...doc, plan: { ...doc.plan, versions: [{ ...doc.plan.versions[0], state: 'editing', issuedOn: null }, { ...doc.plan.versions[0], number: 2, state: 'editing', issuedOn: null }] } };
  const r = planExportSchema.safeParse(twoEditing);
  assert.equal(r.success, false);
  assert.match(r.error?.issues.map((i) => i.message).join(' ') ?? '', /At most one version/);
  assert.equal(planExportSchema.safeParse({ ...doc, format: 'other' }).success, false);
});
