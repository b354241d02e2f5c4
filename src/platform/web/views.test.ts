import { test } from 'node:test';
import assert from 'node:assert/strict';
import nunjucks from 'nunjucks';
import { createViewEnv, fragmentRenderer } from './views.ts';

// A loader over templates held in memory, counting how often each is rendered (each render reads its source once
// when the loader does not cache).
function countingEnv() {
  const reads = new Map<string, number>();
  const sources: Record<string, string> = {
    'part.njk': '<p>{{ name }}{% if open %} (open){% endif %}</p>',
    'page.njk': '<main>{{ fragment("part.njk", { name: who, open: open }) }}{{ who }}</main>',
  };
  const loader = {
    getSource(name: string) {
      reads.set(name, (reads.get(name) ?? 0) + 1);
      const src = sources[name];
      return src === undefined ? null : { src, path: name, noCache: true };
    },
  } as unknown as nunjucks.ILoader;
  const env = new nunjucks.Environment(loader, { autoescape: true });
  return { env, reads };
}

test('a fragment is rendered from the values passed to it alone, escaped, and marked safe in the page', () => {
  const { env } = countingEnv();
  env.addGlobal('fragment', fragmentRenderer(env, 10));
  assert.equal(env.render('page.njk', { who: '<b>Ann</b>', open: true }), '<main><p>&lt;b&gt;Ann&lt;/b&gt; (open)</p>&lt;b&gt;Ann&lt;/b&gt;</main>');
});

test('the same values reuse the kept HTML; other values render afresh; the least recently used goes first', () => {
  const { env, reads } = countingEnv();
  const fragment = fragmentRenderer(env, 2);
  const parts = () => reads.get('part.njk') ?? 0;
  assert.equal(String(fragment('part.njk', { name: 'A', open: false })), '<p>A</p>');
  assert.equal(String(fragment('part.njk', { name: 'A', open: false })), '<p>A</p>');
  assert.equal(parts(), 1, 'kept');
  assert.equal(String(fragment('part.njk', { name: 'A', open: true })), '<p>A (open)</p>');
  assert.equal(parts(), 2, 'one value differs: rendered');
  fragment('part.njk', { name: 'A', open: false }); // used again: now the most recent
  assert.equal(parts(), 2);
  fragment('part.njk', { name: 'B', open: false }); // a third: the least recently used ({A, open}) goes
  assert.equal(parts(), 3);
  fragment('part.njk', { name: 'A', open: false });
  assert.equal(parts(), 3, 'still kept');
  fragment('part.njk', { name: 'A', open: true });
  assert.equal(parts(), 4, 'was dropped, so rendered again');
});

test('keep 0 renders every time (development: templates change under a running server)', () => {
  const { env, reads } = countingEnv();
  const fragment = fragmentRenderer(env, 0);
  fragment('part.njk', { name: 'A' });
  fragment('part.njk', { name: 'A' });
  assert.equal(reads.get('part.njk'), 2);
});

test('the search form of the local offer renders the same through the kept fragment as afresh', () => {
  const ctx = {
    form: { q: 'autism', age: '', ageFrom: '', ageTo: '', cost: 'free', area: '', postcode: '', miles: '' },
    e: { age: { text: 'Enter an age' } },
    categoryItems: [{ value: 'health', text: 'Health', checked: true }], needItems: [{ value: 'ASD', text: 'Autism', checked: false }],
    milesItems: [{ value: '5', text: '5 miles', selected: true }], sortItems: [{ value: 'name', text: 'Name', selected: true }],
    filtersOpen: true, area: { name: 'Joinedup' },
  };
  const production = createViewEnv({ production: true });
  const name = 'localoffer/views/_public-search-form.njk';
  const afresh = production.render(name, ctx);
  assert.match(afresh, /name="q"[^>]*value="autism"/);
  assert.match(afresh, /Enter an age/);
  assert.match(afresh, /<details[^>]* open>/);
  const page = '{{ fragment(name, ctx) }}';
  assert.equal(production.renderString(page, { name, ctx }), afresh);
  assert.equal(production.renderString(page, { name, ctx }), afresh, 'kept');
});
