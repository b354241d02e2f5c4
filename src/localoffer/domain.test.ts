import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contentProblems, freshness, likelyDuplicates, nextReviewBy, normalisePostcode, outwardCode, postcodeKey, serviceContentSchema, serviceDraftSchema, type ServiceContent } from './domain.ts';
import { parseWith } from '../platform/web/validation.ts';

describe('postcodes', () => {
  const cases: [string, string | null][] = [
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['  m1   1ae ', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['SW1A', null],
    ['12345', null],
    ['SW1A 1A', null],
    ['', null],
    ['ZZ99 9ZZZ', null],
  ];
  for (const [input, want] of cases) test(`${JSON.stringify(input)} → ${String(want)}`, () => assert.equal(normalisePostcode(input), want));
  test('key and outward code', () => {
    assert.equal(postcodeKey('SW1A 1AA'), 'SW1A1AA');
    assert.equal(outwardCode('sw1a1aa'), 'SW1A');
    assert.equal(outwardCode('nonsense'), null);
  });
});

describe('freshness: reminded 28 days before the review-by date, 56 days of grace after it', () => {
  const cases: [string, string, string][] = [
    ['2026-12-31', '2026-12-01', 'fresh'], // 30 days left
    ['2027-06-01', '2026-12-01', 'fresh'],
    ['2026-12-29', '2026-12-01', 'due-soon'], // 28 days left: remind
    ['2026-12-01', '2026-12-01', 'due-soon'], // the day itself
    ['2026-11-30', '2026-12-01', 'not-recently-checked'],
    ['2026-10-06', '2026-12-01', 'not-recently-checked'], // 56 days past: still in grace
    ['2026-10-05', '2026-12-01', 'council-to-decide'], // 57 days past
  ];
  for (const [reviewBy, today, want] of cases) test(`review by ${reviewBy}, today ${today}: ${want}`, () => assert.equal(freshness(reviewBy, today), want));
  test('a check lasts a year, across a leap day', () => {
    assert.equal(nextReviewBy('2027-03-01'), '2028-02-29');
    assert.equal(nextReviewBy('2026-12-01'), '2027-12-01');
  });
});

const good: Record<string, unknown> = {
  name: 'Speech and language therapy drop-in',
  summary: 'Advice from a speech and language therapist for parents of children up to 5.',
  description: 'A weekly drop-in at the family hub where parents can talk to a therapist.',
  whoFor: 'Parents and carers of children aged 0 to 5 living in Joinedshire.',
  howToAccess: 'Come along; no referral needed.',
  referral: 'self',
  categories: ['health'],
  needs: ['SLCN'],
  ageFrom: 0,
  ageTo: 5,
  free: true,
  delivery: ['in-person'],
  locations: [{ name: 'Riverside Family Hub', address1: '1 River Street', town: 'Joinedtown', postcode: 'jt1 1aa' }],
  email: 'salt@example.org',
};

describe('a listing: the data rules, stricter than Open Referral UK', () => {
  test('a complete listing passes, with its postcode normalised and defaults filled', () => {
    const r = parseWith(serviceContentSchema, good);
    assert.equal(r.ok, true);
    if (r.ok) {
      const c: ServiceContent = r.value;
      assert.equal(c.locations[0]?.postcode, 'JT1 1AA');
      assert.deepEqual(c.send, { identifyNeeds: '', involveFamilies: '', staffTraining: '', transitions: '' });
      assert.equal(c.outsideArea, false);
    }
  });

  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    ['no category', { categories: [] }, 'categories', /at least one category/],
    ['a place-based service with no place', { locations: [] }, 'locations', /postcode/],
    ['a place with a postcode that is not one', { locations: [{ postcode: 'JT1' }] }, 'locations.0.postcode', /real postcode/],
    ['ages the wrong way round', { ageFrom: 12, ageTo: 5 }, 'ageTo', /oldest age/],
    ['a paid service that does not say what it costs', { free: false }, 'costDetails', /costs/],
    ['no way to get in touch', { email: '' }, 'email', /at least one way to contact/],
    ['a web address that is not one', { website: 'javascript:alert(1)' }, 'website', /https/],
    ['an unknown need type', { needs: ['XYZ'] }, 'needs.0', /./],
    ['no name', { name: '   ' }, 'name', /name of the service/],
  ];
  for (const [what, change, field, message] of bad) {
    test(`refuses ${what}, on the field ${field}`, () => {
      const r = parseWith(serviceContentSchema, { ...good, ...change });
      assert.equal(r.ok, false);
      if (!r.ok) {
        const e = r.errors.find((x) => x.field === field);
        assert.ok(e, `expected an error on ${field}, got ${JSON.stringify(r.errors)}`);
        assert.match(e.message, message);
      }
    });
  }

  test('an online-only service needs no place', () => {
    const r = parseWith(serviceContentSchema, { ...good, delivery: ['online'], locations: [] });
    assert.equal(r.ok, true);
  });
});

describe('a draft (an import that lacks what the data rules need) keeps the same shape and says what is missing', () => {
  const incomplete = { ...good, summary: '', categories: [], free: false, email: '', locations: [{ name: 'Hall', postcode: 'not known' }] };
  test('the draft schema reads it, keeping what was given', () => {
    const r = parseWith(serviceDraftSchema, incomplete);
    assert.equal(r.ok, true);
    if (r.ok) assert.equal(r.value.locations[0]?.postcode, 'not known');
  });
  test('contentProblems lists each rule it breaks, with the message the editor shows', () => {
    assert.deepEqual(contentProblems(incomplete).map((p) => p.field).sort(), ['categories', 'costDetails', 'email', 'locations.0.postcode', 'summary']);
  });
  test('a complete listing has no problems and reads the same as a draft', () => {
    assert.deepEqual(contentProblems(good), []);
    assert.deepEqual(serviceDraftSchema.parse(good), serviceContentSchema.parse(good));
  });
  test('the draft still refuses what no listing may hold', () => {
    assert.equal(parseWith(serviceDraftSchema, { ...good, name: '' }).ok, false);
    assert.equal(parseWith(serviceDraftSchema, { ...good, categories: ['nonsense'] }).ok, false);
  });
});

describe('likely duplicates are flagged', () => {
  const existing = [
    { id: 'a', name: 'Speech and Language Therapy Drop-in', organisationId: 'o1', postcodes: ['JT9 9ZZ'] },
    { id: 'b', name: 'Speech and language therapy drop in', organisationId: 'o2', postcodes: ['JT1 1AA'] },
    { id: 'c', name: 'Swimming for all', organisationId: 'o1', postcodes: ['JT1 1AA'] },
    { id: 'd', name: 'Speech therapy drop-in sessions', organisationId: 'o3', postcodes: ['JT5 5BB'] },
  ];
  test('same organisation and a similar name, or a similar name at the same postcode; not a different service', () => {
    const found = likelyDuplicates({ id: 'new', name: 'Speech and language therapy drop-in', organisationId: 'o1', postcodes: ['jt1 1aa'] }, existing);
    assert.deepEqual(found.map((f) => [f.id, f.reason]), [
      ['a', 'same-organisation-similar-name'],
      ['b', 'similar-name-same-postcode'],
    ]);
  });
  test('a listing is not its own duplicate', () => {
    assert.deepEqual(likelyDuplicates({ id: 'a', name: existing[0]!.name, organisationId: 'o1', postcodes: [] }, existing), []);
  });
});
