import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { serviceContentSchema, type ServiceContent } from './domain.ts';
import {
  allTerms,
  compact,
  orukService,
  orukServiceAtLocation,
  orukServiceSummary,
  page,
  parseParams,
  salId,
  serviceAtLocationParams,
  serviceParams,
  stableId,
  taxonomies,
  termById,
  type OrukListing,
} from './oruk.ts';
import { fromOrukService, plainText, servicesInDocument, summaryOf, type ImportedService } from './oruk-in.ts';
import { UserInputError } from '../platform/web/validation.ts';
import { orukValidator, profileDir } from '../../test/support/oruk-schemas.ts';

const content: ServiceContent = serviceContentSchema.parse({
  name: 'Riverside short breaks club',
  summary: 'Saturday club for disabled children.',
  description: 'A Saturday club with games, cooking and trips. Staff are trained in autism and in moving and handling.',
  whoFor: 'Disabled children aged 8 to 16.',
  howToAccess: 'Ask your social worker or phone us.',
  referral: 'self-or-professional',
  categories: ['short-breaks-leisure', 'social-care'],
  needs: ['ASD', 'PMLD'],
  ageFrom: 8,
  ageTo: 16,
  free: false,
  costDetails: '£5 a session',
  delivery: ['in-person'],
  locations: [
    { name: 'Riverside Centre', address1: '1 River Street', address2: 'Off the High Street', town: 'Joinedtown', postcode: 'jt1 1aa', accessibility: 'Lift to all floors.', features: ['step-free', 'changing-places'] },
    { name: 'Hilltop Hall', address1: '', town: 'Hilltop', postcode: 'JT9 9ZZ' },
  ],
  schedules: [{ days: ['SA'], opens: '10:00', closes: '15:30', note: 'Term time only' }],
  timesNote: 'Closed on bank holidays.',
  website: 'https://riverside.example.org/club',
  email: 'club@riverside.example.org',
  phone: '01234 567890',
  contacts: [{ name: 'Sam Jones', role: 'Club leader', email: 'sam@riverside.example.org', phone: '07700 900123' }],
  languages: ['English', 'Polish'],
});

const listing: OrukListing = {
  id: '6f1c1c52-7d7b-4b51-9a44-2a3d7f0e8c11',
  organisation: { id: '0c9a3a1e-25a3-4e44-8f5c-0d3f5d0b2a77', name: 'Riverside Trust', description: 'A local charity.', website: 'not a url', email: 'hello@riverside.example.org' },
  status: 'active',
  content,
  lastReviewedOn: '2026-09-01',
  updatedAt: new Date('2026-09-01T10:30:00.000Z'),
  places: [
    { position: 0, latitude: 53.1, longitude: -2.2 },
    { position: 1, latitude: null, longitude: null },
  ],
};

const v = orukValidator();

/** What ORUK carries of a listing: all but the summary, who may refer, the keywords and the SEND answers. */
function carried(c: ServiceContent): Partial<ServiceContent> {
  const x: Partial<ServiceContent> = { ...c };
  delete x.summary;
  delete x.referral;
  delete x.keywords;
  delete x.send;
  return x;
}

describe('stable ids', () => {
  test('the same name gives the same UUID-shaped id, a different name another', () => {
    assert.match(stableId('a', 'b'), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(stableId('a', 'b'), stableId('a', 'b'));
    assert.notEqual(stableId('a', 'b'), stableId('a', 'c'));
    // md5('x/sal/0'): the same id SQL derives with md5(service_id::text || '/sal/' || position)::uuid
    const h = createHash('md5').update('x/sal/0').digest('hex');
    assert.equal(salId('x', 0).replace(/-/g, ''), h);
  });
  test('taxonomy and term ids never change (published ids other directories store)', () => {
    const health = allTerms.find((t) => t.taxonomy === 'categories' && t.code === 'health');
    assert.equal(health?.id, stableId('joinedup', 'taxonomy', 'categories', 'term', 'health'));
    assert.equal(taxonomies.find((t) => t.key === 'needs')?.id, stableId('joinedup', 'taxonomy', 'needs'));
    assert.equal(new Set(allTerms.map((t) => t.id)).size, allTerms.length);
  });
  test('the taxonomies: 7 categories, 13 SEN2 need types, 4 ways of delivery, 6 accessibility features', () => {
    assert.deepEqual(taxonomies.map((t) => [t.key, t.terms.length]), [['categories', 7], ['needs', 13], ['delivery', 4], ['accessibility', 6]]);
    assert.equal(termById(stableId('joinedup', 'taxonomy', 'needs', 'term', 'ASD'))?.name, 'Autistic spectrum disorder');
  });
});

describe('a listing as ORUK', () => {
  const full = orukService(listing);
  test('the full service validates against compiled/service.json, the summary against service_list.json', () => {
    assert.deepEqual(v.check('compiled/service.json', full), []);
    assert.deepEqual(v.check('compiled/service_list.json', orukServiceSummary(listing)), []);
    assert.deepEqual(v.check('compiled/service_at_location.json', orukServiceAtLocation(listing, 0, true)), []);
    assert.deepEqual(v.check('compiled/service_at_location_list.json', orukServiceAtLocation(listing, 1, false)), []);
  });
  const fields: [string, unknown][] = [
    ['id', listing.id],
    ['organization_id', listing.organisation.id],
    ['name', 'Riverside short breaks club'],
    ['url', 'https://riverside.example.org/club'],
    ['email', 'club@riverside.example.org'],
    ['status', 'active'],
    ['minimum_age', 8],
    ['maximum_age', 16],
    ['assured_date', '2026-09-01'],
    ['last_modified', '2026-09-01T10:30:00.000Z'],
    ['eligibility_description', 'Disabled children aged 8 to 16.'],
    ['application_process', 'Ask your social worker or phone us.'],
  ];
  for (const [field, want] of fields) test(`${field}`, () => assert.deepEqual(full[field], want));
  test('the organisation: a website that is not a URL is left out rather than sent invalid', () => {
    assert.deepEqual(full.organization, { id: listing.organisation.id, name: 'Riverside Trust', description: 'A local charity.', email: 'hello@riverside.example.org' });
  });
  test('weekly times as RRULE parts, the note about times as words', () => {
    const s = full.schedules as Record<string, unknown>[];
    assert.deepEqual(
      s.map((x) => [x.freq, x.byday, x.opens_at, x.closes_at, x.notes, x.description]),
      [
        ['WEEKLY', 'SA', '10:00:00', '15:30:00', 'Term time only', 'Saturday: 10:00 to 15:30'],
        [undefined, undefined, undefined, undefined, undefined, 'Closed on bank holidays.'],
      ],
    );
  });
  test('places as locations with their address, point and accessibility; an unknown point is left out', () => {
    const sal = full.service_at_locations as { id: string; location: Record<string, unknown> }[];
    assert.equal(sal[0]?.id, salId(listing.id, 0));
    const [a, b] = sal.map((x) => x.location);
    assert.deepEqual([a?.latitude, a?.longitude, a?.location_type], [53.1, -2.2, 'physical']);
    assert.equal('latitude' in (b ?? {}), false);
    const addr = (a?.addresses as Record<string, unknown>[])[0];
    assert.deepEqual(addr && [addr.address_1, addr.address_2, addr.city, addr.postal_code, addr.country, addr.state_province], ['1 River Street', 'Off the High Street', 'Joinedtown', 'JT1 1AA', 'GB', '']);
    const acc = (a?.accessibility as Record<string, unknown>[])[0];
    assert.equal(acc?.description, 'Lift to all floors.');
    assert.deepEqual((acc?.attributes as { taxonomy_term: { term: string } }[]).map((x) => x.taxonomy_term.term), ['step-free', 'changing-places']);
    assert.equal('accessibility' in (b ?? {}), false);
  });
  test('cost, contacts with phones, languages by name, categories, needs and delivery as attributes', () => {
    assert.deepEqual((full.cost_options as Record<string, unknown>[]).map((c) => [c.option, c.amount, c.amount_description]), [[undefined, undefined, '£5 a session']]);
    const k = (full.contacts as Record<string, unknown>[])[0];
    assert.deepEqual([k?.name, k?.title, k?.email, (k?.phones as { number: string }[])[0]?.number], ['Sam Jones', 'Club leader', 'sam@riverside.example.org', '07700 900123']);
    assert.deepEqual((full.phones as { number: string }[]).map((p) => p.number), ['01234 567890']);
    assert.deepEqual((full.languages as { name: string }[]).map((l) => l.name), ['English', 'Polish']);
    assert.deepEqual((full.attributes as { link_type: string; taxonomy_term: { term: string } }[]).map((a) => `${a.link_type}:${a.taxonomy_term.term}`), ['category:short-breaks-leisure', 'category:social-care', 'need:ASD', 'need:PMLD', 'delivery:in-person']);
  });
  test('a free service says so as a cost option of 0; nothing empty is sent', () => {
    const free = orukService({ ...listing, content: { ...content, free: true, costDetails: '', contacts: [], languages: [], phone: '', schedules: [], timesNote: '', needs: [] } });
    assert.deepEqual((free.cost_options as Record<string, unknown>[]).map((c) => [c.option, c.amount, 'amount_description' in c]), [['Free', 0, false]]);
    for (const field of ['contacts', 'languages', 'phones', 'schedules']) assert.equal(field in free, false, field);
    assert.deepEqual(v.check('compiled/service.json', free), []);
    const json = JSON.stringify(free);
    assert.equal(json.includes('null'), false);
    // Only fields the profile requires may be empty: state_province (we hold no county) twice, and the second
    // place's address_1, which its listing leaves blank.
    assert.equal(json.match(/""/g)?.length, 3);
  });
  test('compact leaves out undefined, null, "" and []; keeps 0 and false', () => {
    assert.deepEqual(compact({ a: undefined, b: null, c: '', d: [], e: 0, f: false, g: 'x' }), { e: 0, f: false, g: 'x' });
  });
});

describe('query parameters: the profile\'s filters, 400 with a message for each bad one', () => {
  const good: [string, Record<string, string>, Record<string, unknown>][] = [
    ['defaults', {}, { page: 1, per_page: 50 }],
    ['paging', { page: '3', per_page: '10' }, { page: 3, per_page: 10 }],
    ['ages', { minimum_age: '5', maximum_age: '18' }, { minimum_age: 5, maximum_age: 18 }],
    ['a day by code or name', { day: 'monday' }, { day: 'MO' }],
    ['times with or without seconds', { start_time: '09:30', end_time: '17:00:00' }, { start_time: '09:30:00', end_time: '17:00:00' }],
    ['booleans', { full: 'true', minimal: '0' }, { full: true, minimal: false }],
    ['a term id in any case', { taxonomy_term_id: 'ABCDEF01-2345-6789-ABCD-EF0123456789' }, { taxonomy_term_id: 'abcdef01-2345-6789-abcd-ef0123456789' }],
    ['an empty parameter is as if not given', { search: '' }, {}],
    ['a parameter the profile does not define is ignored', { _: '12345' }, {}],
  ];
  for (const [what, q, want] of good) {
    test(`accepts ${what}`, () => {
      const p = parseParams(serviceParams, q) as Record<string, unknown>;
      for (const [k, x] of Object.entries(want)) assert.deepEqual(p[k], x, k);
    });
  }
  test('modified_after as a date or a date-time', () => {
    assert.equal(parseParams(serviceParams, { modified_after: '2026-01-31' }).modified_after?.toISOString(), '2026-01-31T00:00:00.000Z');
    assert.equal(parseParams(serviceParams, { modified_after: '2026-01-31T09:00:00+01:00' }).modified_after?.toISOString(), '2026-01-31T08:00:00.000Z');
  });
  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    ['page 0', { page: '0' }, 'page', /from 1/],
    ['a page that is not a number', { page: 'two' }, 'page', /whole number/],
    ['too many per page', { per_page: '501' }, 'per_page', /1 to 500/],
    ['an age that is not a number', { minimum_age: 'five' }, 'minimum_age', /number of years/],
    ['a day that is not one', { day: 'Funday' }, 'day', /day of the week/],
    ['a time that is not one', { start_time: '25:00' }, 'start_time', /time like 09:30/],
    ['a term id that is not a UUID', { taxonomy_term_id: 'health' }, 'taxonomy_term_id', /UUID/],
    ['a date that is not one', { modified_after: 'yesterday' }, 'modified_after', /date/],
    ['full that is not a boolean', { full: 'yes' }, 'full', /true or false/],
    ['ndjson', { format: 'ndjson' }, 'format', /ndjson is not offered/],
    ['a parameter given twice', { page: ['1', '2'] }, 'page', /more than once/],
  ];
  for (const [what, q, field, message] of bad) {
    test(`refuses ${what}`, () => {
      assert.throws(
        () => parseParams(serviceParams, q),
        (e: unknown) => e instanceof UserInputError && e.errors.some((x) => x.field === field && message.test(x.message)),
      );
    });
  }
  test('service_at_locations: a postcode, and proximity only with one', () => {
    assert.deepEqual(parseParams(serviceAtLocationParams, { postcode: 'jt11aa', proximity: '2000' }).postcode, 'JT1 1AA');
    assert.throws(() => parseParams(serviceAtLocationParams, { proximity: '2000' }), /needs a postcode/);
    assert.throws(() => parseParams(serviceAtLocationParams, { postcode: 'nowhere' }), /UK postcode/);
    assert.throws(() => parseParams(serviceAtLocationParams, { postcode: 'JT1 1AA', proximity: '-5' }), /distance in metres/);
  });
});

describe('the paging envelope', () => {
  const cases: [string, number, number, number, number, Partial<ReturnType<typeof page>>][] = [
    ['first of three', 3, 25, 1, 10, { total_pages: 3, size: 3, first_page: true, last_page: false, empty: false }],
    ['the last, part full', 5, 25, 3, 10, { total_pages: 3, size: 5, first_page: false, last_page: true }],
    ['nothing found', 0, 0, 1, 10, { total_pages: 0, size: 0, first_page: true, last_page: true, empty: true }],
    ['past the end', 0, 25, 9, 10, { total_pages: 3, size: 0, last_page: true, empty: true }],
  ];
  for (const [what, n, total, p, per, want] of cases) {
    test(what, () => {
      const r = page(Array.from({ length: n }, (_, i) => i), total, p, per);
      assert.equal(r.total_items, total);
      assert.equal(r.page_number, p);
      for (const [k, x] of Object.entries(want)) assert.deepEqual(r[k as keyof typeof r], x, k);
    });
  }
});

describe('ORUK → our listing (the import)', () => {
  const back = fromOrukService(orukService(listing), { neighbour: false });
  test('our own service comes back with every field ORUK carries', () => {
    assert.ok(!('error' in back));
    const b = back;
    assert.deepEqual(b.problems, []);
    // Not carried by ORUK: the summary (taken from the description), who may refer, keywords, the SEND answers.
    assert.deepEqual(carried(b.content), carried(content));
    assert.equal(b.content.summary, 'A Saturday club with games, cooking and trips.');
    assert.equal(b.assuredDate, '2026-09-01');
    assert.deepEqual([b.organisation.externalId, b.organisation.name, b.organisation.website], [listing.organisation.id, 'Riverside Trust', null]);
  });
  const base = { id: 'ext-1', name: 'Counselling', status: 'active', description: 'Talking therapy for young people.', email: 'a@b.org', minimum_age: 11, maximum_age: 18, cost_options: [{ id: 'c', amount: 0 }], service_at_locations: [{ id: 'v', location: { id: 'w', location_type: 'virtual' } }] };
  const cases: [string, Record<string, unknown>, string[], RegExp | null][] = [
    ['no category: waits for review', {}, ['categories'], null],
    ['a place without a postcode: waits for review', { attributes: [{ id: 'a', taxonomy_term: { id: 't', name: 'Health', description: '' } }], service_at_locations: [{ id: 's', location: { id: 'l', location_type: 'physical', name: 'Hall', addresses: [{ id: 'x', address_1: '1 Street', city: 'Town', postal_code: '', country: 'GB', state_province: '', address_type: 'physical' }] } }] }, ['locations.0.postcode'], /in-person/],
    ['no cost given: waits for review', { attributes: [{ id: 'a', taxonomy_term: { id: 't', name: 'health', description: '' } }], cost_options: [] }, ['free'], null],
    ['no way to contact: waits for review', { email: undefined, attributes: [{ id: 'a', taxonomy_term: { id: 't', name: 'Health', description: '' } }] }, ['email', 'howToAccess'], null],
    ['a category matched by name, online from a virtual location', { attributes: [{ id: 'a', taxonomy_term: { id: 't', name: 'Advice and support', description: '' } }], service_at_locations: [{ id: 's', location: { id: 'l', location_type: 'virtual' } }] }, [], /online/],
    ['ages beyond 25 are brought into range', { minimum_age: 18, maximum_age: 99, attributes: [{ id: 'a', taxonomy_term: { id: 't', name: 'Health', description: '' } }], service_at_locations: [{ id: 's', location: { id: 'l', location_type: 'virtual' } }] }, [], /beyond 25/],
  ];
  for (const [what, change, problems, note] of cases) {
    test(what, () => {
      const r = fromOrukService({ ...base, ...change }, { neighbour: true });
      assert.ok(!('error' in r), JSON.stringify(r));
      const b = r;
      assert.deepEqual(b.problems.map((p) => p.field).sort(), [...problems].sort());
      if (note) assert.ok(b.notes.some((n) => note.test(n)), b.notes.join(' | '));
      assert.equal(b.content.outsideArea, true);
    });
  }
  test('a service with no delivery and no place waits for review, and unknown terms are reported', () => {
    const r = fromOrukService({ ...base, service_at_locations: [], attributes: [{ id: 'a', taxonomy_term: { id: 't', name: 'Counselling (esd 123)', description: '' } }] }, { neighbour: false }) as ImportedService;
    assert.deepEqual(r.problems.map((p) => p.field).sort(), ['categories', 'delivery']);
    assert.ok(r.notes.some((n) => /Counselling \(esd 123\)/.test(n)));
  });
  test('a feed\'s HTML is read as text; monthly times are kept as words', () => {
    const r = fromOrukService({ ...base, description: '<p>Talk to us.</p><p>We &amp; you.</p>', schedules: [{ id: 's', freq: 'MONTHLY', byday: '1MO', opens_at: '10:00', closes_at: '12:00', description: 'First Monday of the month' }] }, { neighbour: false }) as ImportedService;
    assert.equal(r.content.description, 'Talk to us.\nWe & you.');
    assert.equal(r.content.timesNote, 'First Monday of the month');
    assert.deepEqual(r.content.schedules, []);
  });
  test('something that is not a service is an error with its id, not a crash', () => {
    assert.match((fromOrukService({ id: 'x' }, { neighbour: false }) as { error: string }).error, /Service x is not an ORUK service/);
    assert.match((fromOrukService('nonsense', { neighbour: false }) as { error: string }).error, /A service is not an ORUK service/);
  });
  test('plain text and summaries', () => {
    assert.equal(plainText('<b>Hi</b>&nbsp;there'), 'Hi there');
    assert.equal(plainText('No tags: 3 < 4'), 'No tags: 3 < 4');
    assert.equal(summaryOf('First sentence. Second one.'), 'First sentence.');
    assert.equal(summaryOf('x '.repeat(400)).length <= 300, true);
  });
});

describe('the profile\'s examples as documents to import', () => {
  const examples = fs.readdirSync(path.join(profileDir, 'examples')).sort();
  const want: Record<string, number> = {
    'organization_full.json': 1,
    'organization_list.json': 0,
    'service_at_location_full.json': 1,
    'service_at_location_list.json': 1,
    'service_full.json': 1,
    'service_list.json': 1,
    'taxonomy.json': 0,
    'taxonomy_list.json': 0,
    'taxonomy_term.json': 0,
    'taxonomy_term_list.json': 0,
  };
  test('every example file is known to this test', () => assert.deepEqual(examples, Object.keys(want).sort()));
  for (const f of examples) {
    test(`${f}: ${want[f]} service(s), each read without error`, () => {
      const doc: unknown = JSON.parse(fs.readFileSync(path.join(profileDir, 'examples', f), 'utf8'));
      const found = servicesInDocument(doc);
      assert.equal(found.length, want[f]);
      for (const s of found) {
        const r = fromOrukService(s, { neighbour: false });
        assert.ok(!('error' in r), JSON.stringify(r));
        // The example's postcode "ABC 1234" is not a UK one, and its terms are not ours: it waits for review.
        if (f.endsWith('_full.json')) assert.deepEqual((r).problems.map((p) => p.field).sort(), ['categories', 'locations.0.postcode']);
      }
    });
  }
});
