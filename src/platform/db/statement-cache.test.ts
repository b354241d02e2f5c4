// The statement cache: a cached statement is the statement a fresh build gives, and a builder it cannot cache
// safely is refused rather than cached wrongly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, DummyDriver, sql } from 'kysely';
import { StatementCache } from './statement-cache.ts';

interface Db {
  person: { id: string; org: string; name: string; age: number };
}
// Compiles only; nothing runs.
const db = new Kysely<Db>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() } });
type Q = typeof db;

const build = (qb: Q, shape: { org: string; adult: boolean }, v: { id: string; name: string }) => {
  let q = qb.selectFrom('person').select(['id', 'name']).where('org', '=', shape.org).where('id', '=', v.id).where('name', '=', v.name);
  if (shape.adult) q = q.where('age', '>=', 18);
  return q;
};

test('the cached statement equals a fresh build, per shape and per slot value', () => {
  const cache = new StatementCache(build);
  for (const shape of [{ org: 'a', adult: true }, { org: 'b', adult: false }, { org: 'a', adult: true }]) {
    for (const v of [{ id: '1', name: 'Ada' }, { id: '2', name: "O'Brien" }]) {
      const cached = cache.compile(db, shape, v);
      const fresh = build(db, shape, v).compile();
      assert.equal(cached.sql, fresh.sql);
      assert.deepEqual(cached.parameters, fresh.parameters);
    }
  }
  assert.equal(cache.size, 2, 'one template per distinct shape');
});

test('a slot written into the SQL text is refused', () => {
  const cache = new StatementCache((qb: Q, _s: object, v: { id: string }) => qb.selectFrom('person').select('id').where(sql<boolean>`id = ${sql.lit(v.id)}`));
  assert.throws(() => cache.compile(db, {}, { id: '1' }), /SQL text/);
});

test('a parameter derived from a slot is refused', () => {
  const cache = new StatementCache((qb: Q, _s: object, v: { name: string }) => qb.selectFrom('person').select('id').where('name', '=', v.name.slice(0, 4)));
  assert.throws(() => cache.compile(db, {}, { name: 'ada' }), /derived/);
});

test('a slot some shapes do not use is fine', () => {
  const b = (qb: Q, s: { any: boolean }, v: { id: string }) => (s.any ? qb.selectFrom('person').select('id').where('id', '=', v.id) : qb.selectFrom('person').select('id').where(sql<boolean>`false`));
  const cache = new StatementCache(b);
  for (const any of [true, false]) assert.deepEqual(cache.compile(db, { any }, { id: '7' }).parameters, b(db, { any }, { id: '7' }).compile().parameters);
});

test('the cache holds at most max shapes', () => {
  const cache = new StatementCache(build, 3);
  for (let i = 0; i < 10; i++) cache.compile(db, { org: String(i), adult: false }, { id: '1', name: 'x' });
  assert.equal(cache.size, 3);
});
