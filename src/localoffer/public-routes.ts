// The public local offer (issue 5 §1): the home page, search and results, the service page and the shortlist, with
// no sign-in and no JavaScript needed. These pages make no session (`session: false`): the shortlist is a cookie of
// service ids, and what is recorded of a search or a view names nobody (search-store.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../server.ts';
import { formatPlainDate, londonToday } from '../platform/web/dates.ts';
import { ForbiddenError, toPageErrors, type FieldError } from '../platform/web/validation.ts';
import { needTypes, needTypeLabel } from '../children/codes.ts';
import { isUuid } from '../children/store.ts';
import { publicArea, publicAreaForSearch } from './area.ts';
import { accessibilityFeatures, categories, categoryLabel, days, deliveryModes, freshness, sendQuestions, statutoryPages, type Freshness } from './domain.ts';
import { pageSummaries } from './pages.ts';
import { defaultSort, isNarrowed, milesOptions, parseSearch, searchQueryString, sorts, type Search } from './search.ts';
import { categoryCounts, loadCards, recordSearch, recordView, runSearch, type ServiceCard } from './search-store.ts';
import { loadPublished } from './store.ts';

const view = (name: string) => `localoffer/views/${name}.njk`;

/** The shortlist cookie: listed service ids, joined by dots; at most `shortlistMax`. */
export const shortlistCookie = 'lo_shortlist';
export const shortlistMax = 50;

export function readShortlist(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/[.,\s]+/).filter(isUuid))].slice(0, shortlistMax);
}

const freshnessText: Record<Freshness, string | null> = { fresh: null, 'due-soon': null, 'not-recently-checked': 'Not recently checked', 'council-to-decide': 'Not recently checked' };
const deliveryText = (d: string) => deliveryModes.find(([k]) => k === d)?.[1] ?? d;
const ages = (from: number, to: number) => (from === to ? `Age ${from}` : from === 0 ? `Ages up to ${to}` : `Ages ${from} to ${to}`);

/** A card as the templates show it. */
export function presentCard(c: ServiceCard, shortlisted: Set<string>) {
  return {
    ...c,
    href: `/local-offer/services/${c.id}`,
    ages: ages(c.ageFrom, c.ageTo),
    cost: c.free ? 'Free' : c.costDetails ? `Paid: ${c.costDetails}` : 'Paid',
    categoriesText: c.categories.map(categoryLabel).join(', '),
    deliveryText: c.delivery.map(deliveryText).join(', '),
    where: c.towns.length ? c.towns.join(', ') : c.delivery.map(deliveryText).join(', '),
    checked: c.lastReviewedOn ? formatPlainDate(c.lastReviewedOn) : null,
    staleText: freshnessText[c.freshness],
    shortlisted: shortlisted.has(c.id),
  };
}

function filterChips(s: Search) {
  const base = '/local-offer/services?';
  const chip = (text: string, change: Partial<Search>) => ({ text, href: base + searchQueryString(s, { ...change, page: 1 }) });
  return [
    ...s.categories.map((c) => chip(categoryLabel(c), { categories: s.categories.filter((x) => x !== c) })),
    ...s.needs.map((n) => chip(needTypeLabel(n), { needs: s.needs.filter((x) => x !== n) })),
    ...(s.ages ? [chip(ages(s.ages.from, s.ages.to), { ages: null })] : []),
    ...(s.cost ? [chip(s.cost === 'free' ? 'Free' : 'Paid', { cost: null })] : []),
    ...(s.area ? [chip(s.area === 'in' ? 'In the area' : 'Outside the area', { area: null })] : []),
    ...(s.near ? [chip(`Within ${s.near.miles} miles of ${s.near.postcode}`, { near: null, sort: s.sort === 'distance' ? defaultSort({ words: s.words, near: null }) : s.sort })] : []),
  ];
}

/** Where to go back to after changing the shortlist: a page of the local offer, never another site. */
function safeReturn(v: unknown): string {
  return typeof v === 'string' && /^\/local-offer(\/|\?|$)/.test(v) && !v.startsWith('//') ? v : '/local-offer/shortlist';
}

export async function publicLocalOfferRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, config } = services;
  const today = services.today ?? (() => londonToday());
  const shortlistOf = (req: FastifyRequest) => readShortlist(req.cookies[shortlistCookie]);

  app.get('/local-offer', { schema: { hide: true } }, async (_req, reply) => {
    const area = await publicArea(db, config);
    const counts = await categoryCounts(db, area.laCode);
    return reply.page(view('public-home'), {
      pageTitle: 'Find help and support for children and young people with SEND', session: false, area, loNav: 'home',
      categories: categories.map(([key, label]) => ({ key, label, count: counts.get(key) ?? 0, href: `/local-offer/services?category=${key}` })),
      pages: statutoryPages.map(([slug, title]) => ({ slug, title, summary: pageSummaries[slug], href: `/local-offer/information/${slug}` })),
    });
  });

  app.get('/local-offer/services', { schema: { hide: true } }, async (req, reply) => {
    const { generation, ...area } = await publicAreaForSearch(db, config);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const { search, form, errors } = parseSearch(query);
    const shortlisted = new Set(shortlistOf(req));
    const ctx = {
      pageTitle: search.text ? `${search.text}: find services` : 'Find services', session: false, area, loNav: 'services', form, search,
      categoryItems: categories.map(([value, text]) => ({ value, text, checked: form.category.includes(value) })),
      needItems: needTypes.map(([value, text]) => ({ value, text, checked: form.need.includes(value) })),
      milesItems: milesOptions.map((m) => ({ value: String(m), text: `${m} mile${m === 1 ? '' : 's'}`, selected: String(search.near?.miles ?? form.miles ?? '') === String(m) || (!form.miles && m === 10) })),
      sortItems: sorts.filter(([k]) => (k !== 'distance' || search.near) && (k !== 'relevance' || search.words.length)).map(([value, text]) => ({ value, text, selected: search.sort === value })),
      // The panel opens only to show a mistake in it: on a phone an open panel pushed the results below some twenty
      // checkboxes. The filters chosen are listed above the results instead ("Remove filter: …"), and counted here.
      filtersOpen: errors.length > 0,
      filtersChosen: filterChips(search).length,
      returnTo: req.url,
    };
    if (errors.length) return reply.page(view('public-services'), { ...ctx, errors: toPageErrors(errors), result: null }, 400);
    const result = await runSearch(db, area.laCode, search, today(), { keep: config.localOfferKeepSearches, generation });
    const pageErrors: FieldError[] = result.unknownPostcode ? [{ field: 'postcode', message: `We could not find the postcode ${search.near?.postcode ?? ''}. Check it, or search without a postcode` }] : [];
    // Every search is evidence (issue 5 §6): the first page of each, with its count (paging is not a new search).
    if (search.page === 1 && isNarrowed(search)) await recordSearch(db, area.laCode, search, result.total);
    const link = (change: Partial<Search>) => `/local-offer/services?${searchQueryString(search, change)}`;
    return reply.page(view('public-services'), {
      ...ctx,
      filtersOpen: ctx.filtersOpen || pageErrors.length > 0,
      errors: toPageErrors(pageErrors),
      result: { ...result, cards: result.cards.map((c) => presentCard(c, shortlisted)) },
      chips: filterChips(search),
      exactHref: result.correctedText ? link({ exact: true, page: 1 }) : null,
      firstPageHref: link({ page: 1 }),
      first: (search.page - 1) * 20 + 1,
      last: (search.page - 1) * 20 + result.cards.length,
      pagination: result.pages > 1
        ? {
            previous: search.page > 1 ? { href: link({ page: search.page - 1 }) } : undefined,
            next: search.page < Math.min(result.pages, 50) ? { href: link({ page: search.page + 1 }) } : undefined,
            items: Array.from({ length: Math.min(result.pages, 50) }, (_, i) => i + 1)
              .filter((n) => n === 1 || n === result.pages || Math.abs(n - search.page) <= 1)
              .flatMap((n, k, all) => [...(k > 0 && n - (all[k - 1] ?? n) > 1 ? [{ ellipsis: true }] : []), { number: n, href: link({ page: n }), current: n === search.page }]),
          }
        : null,
    }, pageErrors.length ? 400 : 200);
  });

  app.get('/local-offer/services/:id', { schema: { hide: true } }, async (req, reply) => {
    const area = await publicArea(db, config);
    const id = (req.params as { id: string }).id;
    const s = await loadPublished(db, area.laCode, id);
    await recordView(db, area.laCode, s.id, today());
    const c = s.content;
    const fresh = freshness(s.reviewBy, today());
    const locations = c.locations.map((l) => ({
      ...l,
      address: [l.address1, l.address2, l.town, l.postcode].filter(Boolean),
      featureText: l.features.map((f) => accessibilityFeatures.find(([k]) => k === f)?.[1] ?? f),
    }));
    return reply.page(view('public-service'), {
      pageTitle: c.name, session: false, area, loNav: 'services', s, c, locations,
      categoriesText: c.categories.map(categoryLabel).join(', '),
      needsText: c.needs.length ? c.needs.map(needTypeLabel).join(', ') : 'Open to children and young people with any need',
      ages: ages(c.ageFrom, c.ageTo),
      referralText: { self: 'You can contact the service yourself', professional: 'A professional (such as a GP, health visitor, social worker or the school) refers you', 'self-or-professional': 'You can contact the service yourself, or a professional can refer you' }[c.referral],
      deliveryText: c.delivery.map(deliveryText).join(', '),
      schedules: c.schedules.map((x) => ({ days: x.days.map((d) => days.find(([k]) => k === d)?.[1] ?? d).join(', '), opens: x.opens, closes: x.closes, note: x.note })),
      send: sendQuestions.map(([key, question]) => ({ question, answer: c.send[key] })).filter((q) => q.answer),
      checked: s.lastReviewedOn ? formatPlainDate(s.lastReviewedOn) : null,
      staleText: freshnessText[fresh],
      shortlisted: shortlistOf(req).includes(s.id),
      returnTo: `/local-offer/services/${s.id}`,
      commentHref: `/local-offer/have-your-say?service=${s.id}`,
    });
  });

  app.get('/local-offer/shortlist', { schema: { hide: true } }, async (req, reply) => {
    const area = await publicArea(db, config);
    const mine = shortlistOf(req);
    const sharedIds = typeof (req.query as { ids?: unknown }).ids === 'string' ? readShortlist((req.query as { ids: string }).ids) : null;
    const ids = sharedIds ?? mine;
    const cards = await loadCards(db, area.laCode, ids, today());
    const mineSet = new Set(mine);
    const origin = `${req.protocol}://${req.host}`;
    return reply.page(view('public-shortlist'), {
      pageTitle: sharedIds ? 'A shortlist shared with you' : 'My shortlist', session: false, area, loNav: 'shortlist',
      shared: Boolean(sharedIds),
      cards: cards.map((c) => presentCard(c, mineSet)),
      shareUrl: cards.length ? `${origin}/local-offer/shortlist?ids=${cards.map((c) => c.id).join('.')}` : null,
      sharedIds: sharedIds ? cards.map((c) => c.id).join('.') : '',
      returnTo: req.url,
      printedOn: formatPlainDate(today()),
    });
  });

  // Changing the shortlist: a form without JavaScript. It holds no personal data and uses no session, so it needs
  // no CSRF token; a request sent from another site is refused all the same (Sec-Fetch-Site, where sent).
  app.post('/local-offer/shortlist', { schema: { hide: true }, config: { csrf: false, rateLimit: { max: 120, timeWindow: '1 minute' } } as object }, async (req, reply: FastifyReply) => {
    if (req.headers['sec-fetch-site'] === 'cross-site') throw new ForbiddenError('Change your shortlist from this site’s pages.');
    const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const action = typeof b.action === 'string' ? b.action : '';
    const id = typeof b.id === 'string' ? b.id : '';
    let list = shortlistOf(req);
    if (action === 'add' && isUuid(id)) list = [...list.filter((x) => x !== id), id].slice(-shortlistMax);
    else if (action === 'remove') list = list.filter((x) => x !== id);
    else if (action === 'clear') list = [];
    else if (action === 'save') list = [...new Set([...list, ...readShortlist(typeof b.ids === 'string' ? b.ids : '')])].slice(0, shortlistMax);
    reply.setCookie(shortlistCookie, list.join('.'), { path: '/local-offer', maxAge: 365 * 24 * 60 * 60, sameSite: 'lax', httpOnly: true, secure: config.secureCookies });
    const back = safeReturn(b.returnTo);
    return reply.redirect(action === 'save' ? '/local-offer/shortlist' : back, 303);
  });
}
