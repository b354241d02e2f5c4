import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceContentSchema, type ServiceContent } from './domain.ts';
import { compareListings, describePlace, matchItems } from './compare.ts';

const before: ServiceContent = serviceContentSchema.parse({
  name: 'Little Stars sensory play', summary: 'Sensory play for under-fives.', description: 'Messy play, music and a sensory room every week.',
  whoFor: 'Children aged 0 to 5 with SEND.', howToAccess: 'Book a place by phone.', referral: 'self', categories: ['short-breaks-leisure'], needs: [],
  ageFrom: 0, ageTo: 5, free: true, delivery: ['in-person'],
  locations: [{ name: 'Riverside Family Hub', postcode: 'JT1 1AA' }, { name: 'Library', postcode: 'JT9 9ZZ' }, { name: 'Park pavilion', postcode: 'JT2 2BB' }],
  phone: '01234 567890',
});

const change = (c: Partial<ServiceContent>) => compareListings(before, { ...before, ...c });

describe('comparing two versions of a listing', () => {
  test('nothing changed: nothing to show', () => assert.deepEqual(compareListings(before, before), []));

  const cases: [string, Partial<ServiceContent>, { field: string; label: string; kind: string; before: string; after: string }[]][] = [
    ['a new name', { name: 'Little Stars' }, [{ field: 'name', label: 'Name of the service', kind: 'changed', before: 'Little Stars sensory play', after: 'Little Stars' }]],
    ['a phone number taken out, an email added', { phone: '', email: 'hi@example.org' }, [
      { field: 'email', label: 'Email', kind: 'added', before: '', after: 'hi@example.org' },
      { field: 'phone', label: 'Phone', kind: 'removed', before: '01234 567890', after: '' },
    ]],
    ['now paid, in words', { free: false, costDetails: '£2 a session' }, [{ field: 'cost', label: 'Cost', kind: 'changed', before: 'Free', after: 'There is a cost. £2 a session' }]],
    ['ages in words', { ageTo: 11 }, [{ field: 'ages', label: 'Ages', kind: 'changed', before: '0 to 5 years', after: '0 to 11 years' }]],
    ['needs as labels; none means open to every need', { needs: ['ASD'] }, [{ field: 'needs', label: 'Needs it supports', kind: 'changed', before: 'Open to every need', after: 'Autistic spectrum disorder' }]],
    ['who can refer, in words', { referral: 'professional' }, [{ field: 'referral', label: 'Who can refer', kind: 'changed', before: 'Families can contact the service themselves', after: 'A professional must refer the family' }]],
    ['the first of three places taken out reads as one place removed', { locations: before.locations.slice(1) }, [{ field: 'locations', label: 'Places', kind: 'removed', before: 'Riverside Family Hub, JT1 1AA', after: '' }]],
    ['places reordered: nothing changed', { locations: [...before.locations].reverse() }, []],
    ['one place’s postcode changed', { locations: [before.locations[0]!, { ...before.locations[1]!, postcode: 'JT9 9ZY' }, before.locations[2]!] }, [
      { field: 'locations', label: 'Places', kind: 'changed', before: 'Library, JT9 9ZZ', after: 'Library, JT9 9ZY' },
    ]],
  ];
  for (const [name, c, want] of cases) {
    test(name, () => assert.deepEqual(change(c).map(({ field, label, kind, before: b, after: a }) => ({ field, label, kind, before: b, after: a })), want));
  }

  test('long text marks the words added and taken out', () => {
    const [d] = change({ description: 'Messy play, singing and a sensory room every week.' });
    assert.equal(d?.field, 'description');
    const marked = (d?.words ?? []).filter((w) => w.kind !== 'same').map((w) => `${w.kind}:${w.text}`);
    assert.deepEqual(marked, ['removed:music', 'added:singing']);
  });

  test('categories list what was added and taken out', () => {
    const [d] = change({ categories: ['health', 'advice-support'] });
    assert.deepEqual([d?.addedItems, d?.removedItems], [['Health', 'Advice and support'], ['Short breaks and leisure']]);
  });

  test('a new listing (nothing before) shows every field that has a value, as added', () => {
    const all = compareListings(null, before);
    assert.ok(all.every((d) => d.kind === 'added'));
    assert.deepEqual(all.map((d) => d.field), ['name', 'summary', 'description', 'whoFor', 'categories', 'needs', 'ages', 'howToAccess', 'referral', 'cost', 'delivery', 'locations', 'locations', 'locations', 'outsideArea', 'phone']);
  });

  test('a place in words', () => {
    assert.equal(describePlace({ name: 'Hub', address1: '1 High St', address2: '', town: 'Joinedtown', postcode: 'JT1 1AA', accessibility: 'Ramp at the side', features: ['step-free', 'hearing-loop'] }), 'Hub, 1 High St, Joinedtown, JT1 1AA. Step-free access, Hearing loop. Ramp at the side');
  });

  const items: [string[], string[], string[]][] = [
    [['a', 'b'], ['a', 'b'], ['same', 'same']],
    [['a', 'b'], ['b'], ['same', 'removed']],
    [['a'], ['a', 'c'], ['same', 'added']],
    [['a', 'b'], ['a', 'x'], ['same', 'changed']],
    [[], ['x'], ['added']],
  ];
  for (const [b, a, want] of items) test(`items ${b.join(',')} → ${a.join(',')}`, () => assert.deepEqual(matchItems(b, a).map((m) => m.kind), want));
});
