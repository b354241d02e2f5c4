// Importing Open Referral UK: our own feed, served over HTTP, imported into a second database (what comes back
// equals what went out, for every field ORUK carries); a second run updates rather than duplicates; a neighbour's
// services; the profile's examples; the command; and the council's page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { engines, freshDatabase, startTestApp, testToday, type TestApp } from '../support/app.ts';
import { buildOrganisation, buildStaff, signIn } from '../support/factories.ts';
import { seedDirectory, type FixtureIds } from '../support/oruk-fixtures.ts';
import { orukValidator, profileDir } from '../support/oruk-schemas.ts';
import type { Connection } from '../../src/platform/db/connect.ts';
import { connect } from '../../src/platform/db/connect.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { loadConfig } from '../../src/config.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { loadVersion, publishVersion, setServiceStatus, submitVersion } from '../../src/localoffer/store.ts';
import { listings } from '../support/oruk-fixtures.ts';
import { FeedError, importFeed, isPrivateAddress, type ImportOptions } from '../../src/localoffer/oruk-import.ts';
import { importOpenReferralCommand, parseImportArgs } from '../../src/localoffer/oruk-cli.ts';
import { findServices } from '../../src/localoffer/oruk-store.ts';

const v = orukValidator();
const opts = (over: Partial<ImportOptions> = {}): ImportOptions => ({ laCode: '990', actor: systemActor, today: testToday, neighbour: false, ...over });

/** A document without what is ours alone: ids of its parts (taxonomy term ids, being published and stable, stay) and when it last changed. */
function comparable(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(comparable);
  if (!x || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(x as Record<string, unknown>)) {
    if (k === 'last_modified') continue;
    if ((k === 'id' || k.endsWith('_id')) && k !== 'taxonomy_term_id' && k !== 'taxonomy_id') {
      const isTerm = typeof val === 'string' && 'term' in (x) && 'taxonomy_id' in (x);
      if (!isTerm) continue;
    }
    out[k] = comparable(val);
  }
  return out;
}

async function centroids(conn: Connection) {
  await conn.db
    .insertInto('postcode_centroid')
    .values([
      { postcode: 'JT11AA', latitude: 53.0, longitude: -2.0, gss_la: null },
      { postcode: 'JT12BB', latitude: 53.01, longitude: -2.0, gss_la: null },
      { postcode: 'JT99ZZ', latitude: 53.2, longitude: -2.0, gss_la: null },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function fullServices(app: FastifyInstance): Promise<Record<string, unknown>[]> {
  const r = await app.inject({ method: 'GET', url: '/openreferral/services?full=true&per_page=100' });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json<{ contents: Record<string, unknown>[] }>();
  assert.deepEqual(v.checkPage('compiled/service.json', body), []);
  return body.contents;
}

for (const engine of engines()) {
  describe(`importing Open Referral UK on ${engine}`, () => {
    let source: TestApp;
    let ids: FixtureIds;
    let base = '';
    let target: TestApp;

    before(async () => {
      source = await startTestApp(engine, { localOfferArea: '990' });
      ids = await seedDirectory(source.conn.db);
      await source.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = source.app.server.address();
      assert.ok(addr && typeof addr === 'object');
      base = `http://127.0.0.1:${addr.port}/openreferral`;
      target = await startTestApp(engine, { localOfferArea: '990' });
      await target.conn.db.insertInto('local_area').values({ la_code: '990', name: 'Testshire' }).execute();
      await centroids(target.conn);
    });
    after(async () => {
      await source.close();
      await target.close();
    });

    test('round trip: our feed imported into a second database comes back the same, field for field', async () => {
      const report = await importFeed(target.conn.db, { url: `${base}/` }, opts({ perPage: 2 }));
      assert.deepEqual(report.counts, { published: 3, updated: 0, unchanged: 0, 'needs-review': 0, withdrawn: 0, failed: 0 });
      const before = await fullServices(source.app);
      const after = await fullServices(target.app);
      assert.equal(after.length, 3);
      assert.deepEqual(after.map(comparable), before.map(comparable));
      // the comparison covers the documents, not just their shells
      const club = JSON.stringify(comparable(after.find((x) => x.name === 'Riverside Saturday club')));
      for (const part of ['Term time only', 'Off the High Street', '07700 900123', 'Polish', 'changing-places', '£5 a session', 'Closed on bank holidays.', 'Lift to all floors.', '"latitude":53']) assert.ok(club.includes(part), part);
      // ids are the target's own; the source's ids are kept as external ids
      const rows = await target.conn.db.selectFrom('lo_service').select(['external_id', 'source', 'last_reviewed_on']).orderBy('name').execute();
      assert.deepEqual(rows.map((r) => r.external_id).sort(), [ids.club, ids.salt, ids.sendiass].sort());
      assert.ok(rows.every((r) => r.source === `oruk:${base}` && r.last_reviewed_on === testToday));
    });

    test('a second import updates rather than duplicates; a changed service is updated, one gone is made inactive', async () => {
      const again = await importFeed(target.conn.db, { url: base }, opts());
      assert.deepEqual(again.counts, { published: 0, updated: 0, unchanged: 3, 'needs-review': 0, withdrawn: 0, failed: 0 });
      await inTransaction(source.conn.db, async (tx) => {
        const n = await submitVersion(tx, systemActor, ids.salt, { ...listings.salt!, name: 'Speech and language drop-in (Tuesdays)' });
        await publishVersion(tx, systemActor, ids.salt, n, testToday);
        await setServiceStatus(tx, systemActor, ids.sendiass, 'inactive');
      });
      const third = await importFeed(target.conn.db, { url: `${base}/services` }, opts());
      assert.deepEqual(third.counts, { published: 0, updated: 1, unchanged: 1, 'needs-review': 0, withdrawn: 1, failed: 0 });
      const count = await target.conn.db.selectFrom('lo_service').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 3);
      const names = (await fullServices(target.app)).map((s) => s.name);
      assert.deepEqual(names, ['Riverside Saturday club', 'Speech and language drop-in (Tuesdays)']);
    });

    test('a neighbour’s services: outside the area, their source kept, and left out of our own feed', async () => {
      const conn = await freshDatabase(engine);
      try {
        await conn.db.insertInto('local_area').values({ la_code: '990', name: 'Testshire' }).execute();
        const r = await importFeed(conn.db, { url: base }, opts({ neighbour: true, label: 'Sourceshire County Council' }));
        assert.equal(r.counts.published, 2);
        const rows = await conn.db.selectFrom('lo_service as s').innerJoin('lo_feed as f', (j) => j.onRef('f.source', '=', 's.source').onRef('f.la_code', '=', 's.la_code')).select(['s.in_area', 's.listed', 'f.label', 'f.neighbour']).execute();
        assert.deepEqual(rows.map((x) => [x.in_area, x.listed, x.label, x.neighbour]), [[false, true, 'Sourceshire County Council', true], [false, true, 'Sourceshire County Council', true]]);
        assert.equal((await findServices(conn.db, '990', {}, { limit: 10, offset: 0 })).total, 0, 'our feed leaves them out');
      } finally {
        await conn.close();
      }
    });

    test('the profile’s examples import without loss: each waits for review with the reasons, none dropped', async () => {
      const conn = await freshDatabase(engine);
      try {
        await conn.db.insertInto('local_area').values({ la_code: '990', name: 'Testshire' }).execute();
        const file = (f: string) => ({ file: f, content: fs.readFileSync(path.join(profileDir, 'examples', f), 'utf8') });
        const r = await importFeed(conn.db, file('service_full.json'), opts());
        assert.deepEqual(r.counts['needs-review'], 1);
        const item = r.items[0]!;
        assert.deepEqual(item.problems.map((p) => p.field).sort(), ['categories', 'locations.0.postcode']);
        const version = await loadVersion(conn.db, item.serviceId!, 1);
        assert.equal(version.state, 'pending');
        assert.equal(version.content.name, 'Community Counselling');
        assert.equal(version.content.locations[0]?.postcode, 'ABC 1234');
        assert.deepEqual([version.content.ageFrom, version.content.ageTo, version.content.free, version.content.costDetails], [12, 25, false, 'Under 18s and Over 60s £35 per 1 hour session']);
        const note = await conn.db.selectFrom('lo_service_version').select('note').where('service_id', '=', item.serviceId!).executeTakeFirstOrThrow();
        assert.match(note.note, /Imported from service_full\.json\. Before it can be published: Select at least one category; Enter a real postcode/);
        // the same service nested in an organization and a service_at_location, and the list forms: all read
        for (const f of ['organization_full.json', 'service_at_location_full.json', 'service_list.json', 'service_at_location_list.json']) {
          const x = await importFeed(conn.db, file(f), opts());
          assert.equal(x.items.length, 1, f);
          assert.notEqual(x.items[0]?.outcome, 'failed', f);
        }
        await assert.rejects(importFeed(conn.db, file('organization_list.json'), opts()), (e: unknown) => e instanceof FeedError && /no services/.test(e.message));
        await assert.rejects(importFeed(conn.db, { file: 'x.json', content: '{not json' }, opts()), /not JSON/);
        await assert.rejects(importFeed(conn.db, { url: `${base}/nothing` }, opts()), /answered 404/);
      } finally {
        await conn.close();
      }
    });

    test('the council page refuses private addresses and shows the report', async () => {
      const team = await buildOrganisation(target.conn.db, { kind: 'send-team', laCode: '990' });
      const manager = await buildStaff(target.conn.db, { organisationId: team.id, roles: ['send-manager'] });
      const caseworker = await buildStaff(target.conn.db, { organisationId: team.id, roles: ['caseworker'] });
      const anon = await target.app.inject({ method: 'GET', url: '/local-offer/manage/import' });
      assert.equal(anon.statusCode, 303);
      const cw = await signIn(target.app, caseworker.email);
      assert.equal((await target.app.inject({ method: 'GET', url: '/local-offer/manage/import', headers: { cookie: cw.cookie } })).statusCode, 404);
      const s = await signIn(target.app, manager.email);
      const page = await target.app.inject({ method: 'GET', url: '/local-offer/manage/import', headers: { cookie: s.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Feeds imported before/);
      const post = (fields: Record<string, string>, fileContent?: string) => {
        const boundary = '----oruk';
        const parts = Object.entries({ _csrf: s.csrf, ...fields }).map(([k, x]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`);
        if (fileContent !== undefined) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="services.json"\r\nContent-Type: application/json\r\n\r\n${fileContent}\r\n`);
        return target.app.inject({ method: 'POST', url: '/local-offer/manage/import', headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: `${parts.join('')}--${boundary}--\r\n` });
      };
      const none = await post({ neighbour: 'no' });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Enter the feed’s web address, or select a file/);
      const privateUrl = await post({ url: base, neighbour: 'no' });
      assert.equal(privateUrl.statusCode, 400);
      assert.match(privateUrl.body, /private network/);
      const noLabel = await post({ url: 'https://example.org/openreferral', neighbour: 'yes' });
      assert.match(noLabel.body, /name shown as the source/);
      const ok = await post({ neighbour: 'no', label: 'Old directory' }, fs.readFileSync(path.join(profileDir, 'examples', 'service_full.json'), 'utf8'));
      assert.equal(ok.statusCode, 303, ok.body);
      const report = await target.app.inject({ method: 'GET', url: String(ok.headers.location), headers: { cookie: s.cookie } });
      assert.equal(report.statusCode, 200);
      assert.match(report.body, /Import from Old directory/);
      assert.match(report.body, /Waiting for review/);
      assert.match(report.body, /Community Counselling/);
      assert.match(report.body, /Select at least one category/);
      assert.equal((await target.app.inject({ method: 'GET', url: '/local-offer/manage/import/runs/00000000-0000-0000-0000-000000000000', headers: { cookie: s.cookie } })).statusCode, 404);
    });
  });
}

describe('the import command', () => {
  test('arguments: a URL or file, --area, --neighbour, --label; mistakes are named', () => {
    assert.deepEqual(parseImportArgs(['https://x.org/openreferral', '--area', '991', '--neighbour', '--label', 'X']), { input: 'https://x.org/openreferral', area: '991', neighbour: true, label: 'X' });
    assert.deepEqual(parseImportArgs([]), { error: 'Give the feed’s URL or a JSON file' });
    assert.deepEqual(parseImportArgs(['a', '--area', '9']), { error: '--area must be a three-digit DfE LA code, like 990' });
    assert.deepEqual(parseImportArgs(['a', '--colour']), { error: 'Unknown option --colour' });
  });
  test('private and public addresses', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '172.20.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1']) assert.equal(isPrivateAddress(ip), true, ip);
    for (const ip of ['8.8.8.8', '172.32.0.1', '2001:db8::1']) assert.equal(isPrivateAddress(ip), false, ip);
  });
  test('joinedup import-openreferral FILE imports the profile’s example into the embedded database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oruk-cli-'));
    try {
      const conn = await connect({ dataDir: dir });
      await migrateToLatest(conn.db);
      await conn.db.insertInto('local_area').values({ la_code: '990', name: 'Testshire' }).execute();
      await conn.close();
      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((s: string) => (out.push(s), true));
      let code: number;
      try {
        code = await importOpenReferralCommand([path.join(profileDir, 'examples', 'service_full.json'), '--area', '990'], loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent' }));
      } finally {
        process.stdout.write = write;
      }
      assert.equal(code, 0);
      assert.match(out.join(''), /waiting for review 1/);
      assert.match(out.join(''), /Community Counselling .*Select at least one category/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
