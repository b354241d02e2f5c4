// The Open Referral UK API as a client sees it: every endpoint's answers, lists and single items, with and without
// filters, validated against the profile's schemas (../shared/oruk-uk-profile/schema/compiled/*.json) with ajv;
// CORS with preflight; a 400 with a message for each bad parameter; 404 for what is not listed here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { orukValidator, type SchemaName } from '../support/oruk-schemas.ts';
import { seedDirectory, type FixtureIds } from '../support/oruk-fixtures.ts';
import { stableId, taxonomies } from '../../src/localoffer/oruk.ts';

const v = orukValidator();
const term = (taxonomy: string, code: string) => stableId('joinedup', 'taxonomy', taxonomy, 'term', code);
const taxonomy = (key: string) => stableId('joinedup', 'taxonomy', key);

interface PageBody {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Record<string, unknown>[];
}

for (const engine of engines()) {
  describe(`Open Referral UK API on ${engine}`, () => {
    let t: TestApp;
    let ids: FixtureIds;

    before(async () => {
      t = await startTestApp(engine, { localOfferArea: '990', publicUrl: 'https://offer.example.gov.uk' });
      ids = await seedDirectory(t.conn.db);
    });
    after(() => t.close());

    async function get(url: string, headers: Record<string, string> = {}) {
      const r = await t.app.inject({ method: 'GET', url, headers });
      assert.notEqual(r.statusCode, 500, `${url}: ${r.body}`);
      return r;
    }
    /** A list endpoint's page, checked against the envelope and the item schema, with no null anywhere. */
    async function list(url: string, schema: SchemaName): Promise<PageBody> {
      const r = await get(url);
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      assert.equal(r.body.includes('null'), false, `${url} sends null`);
      const body = r.json<PageBody>();
      assert.deepEqual(v.checkPage(schema, body), [], url);
      return body;
    }
    async function item(url: string, schema: SchemaName): Promise<Record<string, unknown>> {
      const r = await get(url);
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      assert.equal(r.body.includes('null'), false, `${url} sends null`);
      const body = r.json<Record<string, unknown>>();
      assert.deepEqual(v.check(schema, body), [], url);
      return body;
    }
    const names = (p: PageBody) => p.contents.map((c) => c.name);

    test('/ describes the API: HSDS-UK-3.0, the profile, and our OpenAPI document', async () => {
      for (const url of ['/openreferral/', '/openreferral']) {
        const r = await get(url);
        assert.equal(r.statusCode, 200);
        assert.deepEqual(v.checkRoot(r.json()), []);
        assert.deepEqual(r.json(), { version: 'HSDS-UK-3.0', profile: 'https://github.com/OpenReferralUK/uk-profile', openapi_url: 'https://offer.example.gov.uk/openreferral/openapi.json' });
      }
      const doc = (await get('/openreferral/openapi.json')).json<{ openapi: string; paths: Record<string, unknown> }>();
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(Object.keys(doc.paths).sort(), ['/', '/organizations', '/organizations/{id}', '/service_at_locations', '/service_at_locations/{id}', '/services', '/services/{id}', '/taxonomies', '/taxonomies/{id}', '/taxonomy_terms', '/taxonomy_terms/{id}']);
    });

    test('CORS: every answer allows any origin, including errors; preflight answers', async () => {
      for (const url of ['/openreferral/services', `/openreferral/services/${ids.pending}`, '/openreferral/services?page=0', '/openreferral/nothing-here']) {
        const r = await get(url, { origin: 'https://finder.example.org' });
        assert.equal(r.headers['access-control-allow-origin'], '*', url);
        assert.equal(r.headers['cross-origin-resource-policy'], 'cross-origin', url);
        assert.equal(r.headers['set-cookie'], undefined, `${url} sets no cookie`);
      }
      const pre = await t.app.inject({ method: 'OPTIONS', url: '/openreferral/services?page=2', headers: { origin: 'https://finder.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' } });
      assert.equal(pre.statusCode, 204);
      assert.equal(pre.headers['access-control-allow-origin'], '*');
      assert.match(String(pre.headers['access-control-allow-methods']), /GET/);
    });

    test('the feed is sent gzip-compressed to a client that accepts it (brotli is not offered), the same JSON as sent plain', async () => {
      const plain = await get('/openreferral/services?full=true');
      assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: sent as it is');
      const gz = await get('/openreferral/services?full=true', { 'accept-encoding': 'br, gzip' });
      assert.equal(gz.statusCode, 200);
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gz.headers['access-control-allow-origin'], '*');
      assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')), JSON.parse(plain.body));
      assert.ok(gz.rawPayload.length < plain.rawPayload.length / 2, `${gz.rawPayload.length} bytes for ${plain.rawPayload.length}`);
    });

    test('/services lists only listed services of the public area, by name, one-to-one fields and organization', async () => {
      const p = await list('/openreferral/services', 'compiled/service_list.json');
      assert.deepEqual(names(p), ['Riverside Saturday club', 'SENDIASS helpline', 'Speech and language therapy drop-in']);
      assert.deepEqual([p.total_items, p.total_pages, p.page_number, p.size, p.first_page, p.last_page, p.empty], [3, 1, 1, 3, true, true, false]);
      const club = p.contents[0]!;
      assert.equal('schedules' in club, false);
      assert.deepEqual(club.organization, { id: ids.riverside, name: 'Riverside Trust', description: 'A local charity for disabled children.', email: 'hello@riverside.example.org', website: 'https://riverside.example.org' });
      assert.equal(club.assured_date, '2026-11-20');
    });

    test('/services?full=true nests everything; ?minimal=true is just ids, names, status and when changed', async () => {
      const full = await list('/openreferral/services?full=true', 'compiled/service.json');
      assert.equal((full.contents[0]!.schedules as unknown[]).length, 3);
      const minimal = await list('/openreferral/services?minimal=true', 'compiled/service_list.json');
      assert.deepEqual(Object.keys(minimal.contents[0]!).sort(), ['id', 'last_modified', 'name', 'status']);
    });

    const filters: [string, string, string[]][] = [
      ['search', 'search=therapy', ['Speech and language therapy drop-in']],
      ['search with misspelt words, corrected as the public pages correct them', 'search=speach%20therapie', ['Speech and language therapy drop-in']],
      ['search with a family word (SALT)', 'search=salt', ['Speech and language therapy drop-in']],
      ['search for two words in any order', 'search=club%20saturday', ['Riverside Saturday club']],
      ['search with OR', 'search=helpline%20or%20cooking', ['Riverside Saturday club', 'SENDIASS helpline']],
      ['a category term', `taxonomy_term_id=${term('categories', 'health')}`, ['Speech and language therapy drop-in']],
      ['a need term', `taxonomy_term_id=${term('needs', 'ASD')}`, ['Riverside Saturday club']],
      ['a delivery term', `taxonomy_term_id=${term('delivery', 'phone')}`, ['SENDIASS helpline', 'Speech and language therapy drop-in']],
      ['an accessibility term', `taxonomy_term_id=${term('accessibility', 'changing-places')}`, ['Riverside Saturday club']],
      ['a term we do not have', `taxonomy_term_id=${stableId('nothing')}`, []],
      ['a taxonomy: any need', `taxonomy_id=${taxonomy('needs')}`, ['Riverside Saturday club', 'Speech and language therapy drop-in']],
      ['a taxonomy: any category', `taxonomy_id=${taxonomy('categories')}`, ['Riverside Saturday club', 'SENDIASS helpline', 'Speech and language therapy drop-in']],
      ['minimum_age: a minimum of at least 8', 'minimum_age=8', ['Riverside Saturday club']],
      ['maximum_age: a maximum of at most 16', 'maximum_age=16', ['Riverside Saturday club', 'Speech and language therapy drop-in']],
      ['a day', 'day=SA', ['Riverside Saturday club']],
      ['a day by name', 'day=thursday', ['Speech and language therapy drop-in']],
      ['a day and a time from', 'day=WE&start_time=15:00', ['Riverside Saturday club']],
      ['a day and a time from that is too late', 'day=TU&start_time=10:00', []],
      ['closing by', 'end_time=12:00', ['Speech and language therapy drop-in']],
      ['open from and closing by', 'start_time=09:00&end_time=18:00', ['Riverside Saturday club', 'Speech and language therapy drop-in']],
      ['an organization', 'organization_id=HEALTH', ['SENDIASS helpline', 'Speech and language therapy drop-in']],
      ['modified after a date', 'modified_after=2000-01-01', ['Riverside Saturday club', 'SENDIASS helpline', 'Speech and language therapy drop-in']],
      ['modified after a future date', 'modified_after=2999-01-01T00:00:00Z', []],
      ['search and a filter together', 'search=advice&maximum_age=5', ['Speech and language therapy drop-in']],
    ];
    for (const [what, query, want] of filters) {
      test(`/services filtered by ${what}`, async () => {
        const p = await list(`/openreferral/services?${query.replace('HEALTH', ids.health)}`, 'compiled/service_list.json');
        assert.deepEqual([...names(p)].sort(), want);
        assert.equal(p.total_items, want.length);
        assert.equal(p.empty, want.length === 0);
      });
    }

    test('/services pages: per_page and page, and past the end', async () => {
      const second = await list('/openreferral/services?per_page=1&page=2', 'compiled/service_list.json');
      assert.deepEqual([names(second), second.total_items, second.total_pages, second.size, second.first_page, second.last_page], [['SENDIASS helpline'], 3, 3, 1, false, false]);
      const past = await list('/openreferral/services?per_page=2&page=5', 'compiled/service_list.json');
      assert.deepEqual([past.contents.length, past.empty, past.last_page, past.total_items], [0, true, true, 3]);
    });

    test('/services/{id}: each listed service in full; not listed, elsewhere or not an id: 404', async () => {
      for (const id of [ids.club, ids.salt, ids.sendiass]) {
        const s = await item(`/openreferral/services/${id}`, 'compiled/service.json');
        assert.equal(s.id, id);
      }
      const club = await item(`/openreferral/services/${ids.club}`, 'compiled/service.json');
      assert.equal((club.service_at_locations as unknown[]).length, 2);
      assert.deepEqual((club.languages as { name: string }[]).map((l) => l.name), ['English', 'Polish']);
      for (const id of [ids.pending, ids.withdrawn, ids.elsewhere, 'not-an-id', stableId('nope')]) {
        const r = await get(`/openreferral/services/${id}`);
        assert.equal(r.statusCode, 404, id);
        assert.match(r.json<{ error: string }>().error, /not found/);
      }
    });

    test('/service_at_locations: each place with its service; nearest first from a postcode; within a distance', async () => {
      const all = await list('/openreferral/service_at_locations', 'compiled/service_at_location_list.json');
      assert.equal(all.total_items, 3);
      const near = await list('/openreferral/service_at_locations?postcode=jt11aa', 'compiled/service_at_location_list.json');
      assert.deepEqual(near.contents.map((c) => (c.location as { name: string }).name), ['Riverside Centre', 'Riverside Family Hub', 'Hilltop Hall']);
      const within = await list('/openreferral/service_at_locations?postcode=JT1%201AA&proximity=5000', 'compiled/service_at_location_list.json');
      assert.deepEqual(within.contents.map((c) => (c.location as { name: string }).name), ['Riverside Centre', 'Riverside Family Hub']);
      const filtered = await list(`/openreferral/service_at_locations?taxonomy_term_id=${term('categories', 'health')}`, 'compiled/service_at_location_list.json');
      assert.deepEqual(filtered.contents.map((c) => (c.service as { name: string }).name), ['Speech and language therapy drop-in']);
      const full = await list('/openreferral/service_at_locations?full=true&per_page=2', 'compiled/service_at_location.json');
      assert.deepEqual([full.size, full.total_pages], [2, 2]);
      const unknown = await get('/openreferral/service_at_locations?postcode=ZZ1%201ZZ');
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /do not know where the postcode ZZ1 1ZZ is/);
    });

    test('/service_at_locations/{id}: the place and its service in full; unknown: 404', async () => {
      const all = await list('/openreferral/service_at_locations', 'compiled/service_at_location_list.json');
      for (const c of all.contents) {
        const one = await item(`/openreferral/service_at_locations/${String(c.id)}`, 'compiled/service_at_location.json');
        assert.equal(one.id, c.id);
        assert.ok(Array.isArray((one.location as { addresses: unknown[] }).addresses));
        assert.equal((one.service as { id: string }).id, c.service_id);
      }
      assert.equal((await get(`/openreferral/service_at_locations/${stableId(ids.pending, 'sal', '0')}`)).statusCode, 404);
      assert.equal((await get('/openreferral/service_at_locations/nope')).statusCode, 404);
    });

    test('/organizations and /organizations/{id}: those with a listed service, with their services', async () => {
      const p = await list('/openreferral/organizations', 'compiled/organization_list.json');
      assert.deepEqual(names(p), ['Joinedshire Community Health', 'Riverside Trust']);
      const searched = await list('/openreferral/organizations?search=river', 'compiled/organization_list.json');
      assert.deepEqual(names(searched), ['Riverside Trust']);
      const org = await item(`/openreferral/organizations/${ids.health}`, 'compiled/organization.json');
      assert.deepEqual((org.services as { name: string }[]).map((s) => s.name), ['SENDIASS helpline', 'Speech and language therapy drop-in']);
      const full = await item(`/openreferral/organizations/${ids.riverside}?full_service=true`, 'compiled/organization.json');
      assert.deepEqual((full.services as { name: string; schedules: unknown[] }[]).map((s) => [s.name, s.schedules.length]), [['Riverside Saturday club', 3]]);
      assert.equal((await get(`/openreferral/organizations/${stableId('none')}`)).statusCode, 404);
    });

    test('/taxonomies and /taxonomy_terms: our four taxonomies and their 30 terms, paged; each by id', async () => {
      const tx = await list('/openreferral/taxonomies', 'taxonomy.json');
      assert.deepEqual(names(tx), taxonomies.map((x) => x.name));
      const one = await item(`/openreferral/taxonomies/${taxonomy('needs')}`, 'taxonomy.json');
      assert.equal((one.taxonomy_terms as unknown[]).length, 13);
      const terms = await list('/openreferral/taxonomy_terms?per_page=10&page=3', 'taxonomy_term.json');
      assert.deepEqual([terms.total_items, terms.total_pages, terms.size, terms.last_page], [30, 3, 10, true]);
      const needs = await list(`/openreferral/taxonomy_terms?taxonomy_id=${taxonomy('needs')}`, 'taxonomy_term.json');
      assert.equal(needs.total_items, 13);
      const asd = await item(`/openreferral/taxonomy_terms/${term('needs', 'ASD')}`, 'taxonomy_term.json');
      assert.deepEqual([asd.name, asd.term, asd.taxonomy_id], ['Autistic spectrum disorder', 'ASD', taxonomy('needs')]);
      assert.equal((await get(`/openreferral/taxonomies/${stableId('x')}`)).statusCode, 404);
      assert.equal((await get('/openreferral/taxonomy_terms/x')).statusCode, 404);
    });

    const bad: [string, string, RegExp][] = [
      ['/openreferral/services?page=0', 'page', /from 1/],
      ['/openreferral/services?per_page=1000', 'per_page', /1 to 500/],
      ['/openreferral/services?minimum_age=old', 'minimum_age', /number of years/],
      ['/openreferral/services?day=someday', 'day', /day of the week/],
      ['/openreferral/services?start_time=9am', 'start_time', /time like/],
      ['/openreferral/services?taxonomy_term_id=health', 'taxonomy_term_id', /UUID/],
      ['/openreferral/services?modified_after=last-week', 'modified_after', /date/],
      ['/openreferral/services?full=maybe', 'full', /true or false/],
      ['/openreferral/services?page=1&page=2', 'page', /more than once/],
      ['/openreferral/services?format=ndjson', 'format', /ndjson/],
      ['/openreferral/service_at_locations?proximity=100', 'proximity', /needs a postcode/],
      ['/openreferral/service_at_locations?postcode=12345', 'postcode', /UK postcode/],
      ['/openreferral/organizations?per_page=x', 'per_page', /whole number/],
      ['/openreferral/taxonomies?page=-1', 'page', /whole number/],
      ['/openreferral/taxonomy_terms?taxonomy_id=1', 'taxonomy_id', /UUID/],
      ['/openreferral/organizations/' + stableId('o') + '?full_service=2', 'full_service', /true or false/],
    ];
    for (const [url, field, message] of bad) {
      test(`400 for ${url}`, async () => {
        const r = await get(url);
        assert.equal(r.statusCode, 400);
        const e = r.json<{ errors: { field: string; message: string }[] }>().errors.find((x) => x.field === field);
        assert.ok(e, r.body);
        assert.match(e.message, message);
      });
    }

    test('the validator rejects a broken document: the tests above can fail', async () => {
      const good = await item(`/openreferral/services/${ids.club}`, 'compiled/service.json');
      const broken: [string, Record<string, unknown>][] = [
        ['no name', { ...good, name: undefined }],
        ['a status the profile does not have', { ...good, status: 'open' }],
        ['an id that is not a UUID', { ...good, id: 'club-1' }],
        ['an age as a string', { ...good, minimum_age: '8' }],
        ['a schedule without an id', { ...good, schedules: [{ byday: 'MO' }] }],
        ['an address without a postcode', { ...good, service_at_locations: [{ id: stableId('s'), location: { id: stableId('l'), location_type: 'physical', addresses: [{ id: stableId('a'), address_1: 'x', city: 'y', state_province: '', country: 'GB', address_type: 'physical' }] } }] }],
      ];
      for (const [what, doc] of broken) assert.notDeepEqual(v.check('compiled/service.json', JSON.parse(JSON.stringify(doc))), [], what);
      const page = await list('/openreferral/services', 'compiled/service_list.json');
      assert.notDeepEqual(v.checkPage('compiled/service_list.json', { ...page, total_items: undefined }), [], 'a page without total_items');
      assert.notDeepEqual(v.checkPage('compiled/service_list.json', { ...page, contents: [{ id: ids.club }] }), [], 'an item without a name or status');
      assert.notDeepEqual(v.checkRoot({ version: 'HSDS-UK-3.0', profile: 'not a uri', openapi_url: 'x' }), [], 'a root whose URLs are not');
    });
  });
}
