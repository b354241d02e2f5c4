// The council's local offer pages (issue 5 §3): the work waiting, the review queue oldest first, one change with
// what changed and its likely duplicates (publish, or turn down with a reason), the area's listings by freshness,
// one listing with its history and the decisions on a stale one, and who edits it. Only the area's local offer
// officers and SEND managers; anyone else gets 404. Pages work without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { formatDateTime, londonToday } from '../platform/web/dates.ts';
import { NotFoundError, parseWith, toPageErrors, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { daysBetween } from '../platform/plain-date.ts';
import { compareListings } from './compare.ts';
import {
  councilChange, decideListing, decisionText, listAreaListings, loadAreaVersion, listingFilters, loadAreaListing, loadReview, managedArea, ownerChoices, ownerOf, publishReview, rejectReview, reviewQueue, setOwner,
  workCounts, type ListingFilter, type StaleDecision,
} from './manage-store.ts';
import { formChoices, listingPageErrors, presentCheck, presentSummary, presentVersion } from './present.ts';
import { graceEnds } from './workflow.ts';
import { chooseVersions } from './provider-routes.ts';
import { serviceContentSchema } from './domain.ts';
import { contentToForm, emptyForm, formErrors, formToContent, readForm, rowsToShow, type ListingForm } from './listing-form.ts';
import type { ProviderListing } from './provider-store.ts';

const view = (name: string) => `localoffer/views/${name}.njk`;
const bodyOf = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function officer(req: FastifyRequest): Actor {
  const a = requireActor(req);
  managedArea(a);
  return a;
}

const versionParams = (req: FastifyRequest) => {
  const p = req.params as { id: string; number: string };
  if (!/^\d{1,6}$/.test(p.number)) throw new NotFoundError('Version');
  return { id: p.id, number: Number(p.number) };
};

const decisionSchema = z.object({
  decision: z.enum(['extend', 'temporarily-closed', 'removed', 'reopened'], { message: 'Select what happens to the listing' }),
  note: z.string().trim().max(2000, 'The note must be 2,000 characters or fewer').default(''),
});

export async function manageRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  app.get('/local-offer/manage', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const counts = await workCounts(db, actor, today());
    return reply.page(view('manage-home'), {
      pageTitle: 'Local offer', activeNav: 'local-offer', counts,
      oldestWaiting: counts.oldestWaiting ? formatDateTime(counts.oldestWaiting) : null,
    });
  });

  app.get('/local-offer/manage/reviews', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const items = await reviewQueue(db, actor);
    const now = today();
    return reply.page(view('manage-reviews'), {
      pageTitle: 'Changes waiting for review', activeNav: 'local-offer', backLink: { href: '/local-offer/manage', text: 'Local offer' },
      items: items.map((i) => ({ ...i, submitted: formatDateTime(i.submittedAt), days: daysBetween(i.submittedAt.toISOString().slice(0, 10), now) })),
    });
  });

  const renderReview = async (reply: FastifyReply, actor: Actor, id: string, number: number, errors: FieldError[] = [], values: Record<string, unknown> = {}, status = 200) => {
    const r = await loadReview(db, actor, id, number, today());
    const v = r.listing.versions.find((x) => x.number === number);
    return reply.page(view('manage-review'), {
      pageTitle: `Review: ${r.changes.find((c) => c.field === 'name')?.after ?? r.listing.name}`, activeNav: 'local-offer', backLink: { href: '/local-offer/manage/reviews', text: 'Changes waiting for review' },
      r, l: { ...presentSummary(r.listing), versions: r.listing.versions.map(presentVersion) }, v: v ? presentVersion(v) : null, pending: v?.state === 'pending',
      owner: await ownerOf(db, id), errors: errors.length ? toPageErrors(errors) : undefined, values,
    }, status);
  };

  app.get('/local-offer/manage/reviews/:id/:number', { schema: { hide: true } }, async (req, reply) => {
    const { id, number } = versionParams(req);
    return renderReview(reply, officer(req), id, number);
  });

  app.post('/local-offer/manage/reviews/:id/:number/publish', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const { id, number } = versionParams(req);
    const note = str(bodyOf(req).note).trim().slice(0, 2000);
    try {
      await publishReview(db, actor, id, number, today(), note);
    } catch (err) {
      if (err instanceof UserInputError) return renderReview(reply, actor, id, number, err.errors, bodyOf(req), 400);
      throw err;
    }
    req.session.set('flash', 'Published. The public see the new version now, and the provider has been told.');
    return reply.redirect('/local-offer/manage/reviews', 303);
  });

  app.post('/local-offer/manage/reviews/:id/:number/reject', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const { id, number } = versionParams(req);
    const body = bodyOf(req);
    const reason = str(body.reason).trim();
    if (reason.length > 2000) return renderReview(reply, actor, id, number, [{ field: 'reason', message: 'The reason must be 2,000 characters or fewer' }], body, 400);
    try {
      await rejectReview(db, actor, id, number, reason);
    } catch (err) {
      if (err instanceof UserInputError) return renderReview(reply, actor, id, number, err.errors, body, 400);
      throw err;
    }
    req.session.set('flash', 'Turned down. The provider has been told why, and the public still see the published version.');
    return reply.redirect('/local-offer/manage/reviews', 303);
  });

  app.get('/local-offer/manage/listings', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const q = req.query as Record<string, unknown>;
    const filter: ListingFilter = Object.hasOwn(listingFilters, str(q.show)) ? (str(q.show) as ListingFilter) : 'all';
    const search = str(q.q).trim().slice(0, 100);
    const page = Math.max(1, Math.min(10000, Number.parseInt(str(q.page), 10) || 1));
    const pageSize = 50;
    const { items, total } = await listAreaListings(db, actor, today(), filter, search, page, pageSize);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const href = (p: number) => `/local-offer/manage/listings?show=${filter}${search ? `&q=${encodeURIComponent(search)}` : ''}&page=${p}`;
    return reply.page(view('manage-listings'), {
      pageTitle: listingFilters[filter], activeNav: 'local-offer', backLink: { href: '/local-offer/manage', text: 'Local offer' },
      filter, search, total, filters: Object.entries(listingFilters).map(([k, text]) => ({ k, text, current: k === filter })),
      items: items.map((l) => ({ ...presentSummary(l), graceEnds: graceEnds(l.reviewBy) })),
      pagination: pages > 1 ? { items: Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: href(i + 1), current: i + 1 === page })), previous: page > 1 ? { href: href(page - 1) } : undefined, next: page < pages ? { href: href(page + 1) } : undefined } : null,
    });
  });

  const renderListing = async (reply: FastifyReply, actor: Actor, id: string, errors: FieldError[] = [], values: Record<string, unknown> = {}, status = 200) => {
    const l = await loadAreaListing(db, actor, id, today());
    const owner = await ownerOf(db, id);
    const choices = await ownerChoices(db, actor);
    const decisions: StaleDecision[] = l.status === 'active' ? ['extend', 'temporarily-closed', 'removed'] : ['reopened'];
    return reply.page(view('manage-listing'), {
      pageTitle: l.name, activeNav: 'local-offer', backLink: { href: '/local-offer/manage/listings', text: 'Listings' },
      l: { ...presentSummary(l), versions: l.versions.map(presentVersion), checks: l.checks.map(presentCheck), versionItems: l.versions.map((v) => ({ value: String(v.number), text: `Version ${v.number}: ${presentVersion(v).stateText.text.toLowerCase()}` })) },
      graceEnds: graceEnds(l.reviewBy), owner,
      ownerItems: [{ value: '', text: 'Nobody: the council keeps it up to date' }, ...choices.map((o) => ({ value: o.id, text: o.name }))],
      decisionItems: decisions.map((d) => ({ value: d, text: decisionText[d] })),
      errors: errors.length ? toPageErrors(errors) : undefined, values,
    }, status);
  };

  app.get('/local-offer/manage/listings/:id', { schema: { hide: true } }, async (req, reply) => renderListing(reply, officer(req), (req.params as { id: string }).id));

  app.post('/local-offer/manage/listings/:id/decision', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const { id } = req.params as { id: string };
    const body = bodyOf(req);
    const parsed = parseWith(decisionSchema, body);
    try {
      if (!parsed.ok) throw new UserInputError(parsed.errors);
      await decideListing(db, actor, id, parsed.value.decision, parsed.value.note, today());
    } catch (err) {
      if (err instanceof UserInputError) return renderListing(reply, actor, id, err.errors, body, 400);
      throw err;
    }
    req.session.set('flash', 'Decision recorded. The provider has been told.');
    return reply.redirect(`/local-offer/manage/listings/${id}`, 303);
  });

  // The council changes a listing itself, with the providers' form, and publishes it at once.
  const renderEdit = (reply: FastifyReply, l: ProviderListing, form: ListingForm, errors: FieldError[] = [], status = 200) =>
    reply.page(view('provider-form'), {
      pageTitle: `Change ${l.name}`, activeNav: 'local-offer', backLink: { href: `/local-offer/manage/listings/${l.id}`, text: l.name }, council: true,
      action: `/local-offer/manage/listings/${l.id}/edit`, listing: { id: l.id, name: l.name, pending: l.state.pending, turnedDown: null },
      f: rowsToShow(form), choices: formChoices, errors: errors.length ? listingPageErrors(errors) : undefined, organisationItems: null, organisationId: '',
    }, status);

  app.get('/local-offer/manage/listings/:id/edit', { schema: { hide: true } }, async (req, reply) => {
    const l = await loadAreaListing(db, officer(req), (req.params as { id: string }).id, today());
    return renderEdit(reply, l, l.draft ? contentToForm(l.draft.content) : emptyForm());
  });

  app.post('/local-offer/manage/listings/:id/edit', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const l = await loadAreaListing(db, actor, (req.params as { id: string }).id, today());
    const { form, action } = readForm(bodyOf(req));
    if (action.kind !== 'submit') return renderEdit(reply, l, form);
    const parsed = parseWith(serviceContentSchema, formToContent(form));
    if (!parsed.ok) return renderEdit(reply, l, form, formErrors(parsed.errors), 400);
    try {
      const n = await councilChange(db, actor, l.id, parsed.value, form.note, today());
      req.session.set('flash', `Published as version ${n}. The public see it now.`);
    } catch (err) {
      if (err instanceof UserInputError) return renderEdit(reply, l, form, err.errors, 400);
      throw err;
    }
    return reply.redirect(`/local-offer/manage/listings/${l.id}`, 303);
  });

  app.post('/local-offer/manage/listings/:id/owner', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const { id } = req.params as { id: string };
    const owner = str(bodyOf(req).ownerId);
    try {
      await setOwner(db, actor, id, owner || null);
    } catch (err) {
      if (err instanceof UserInputError) return renderListing(reply, actor, id, err.errors, bodyOf(req), 400);
      throw err;
    }
    req.session.set('flash', owner ? 'Saved. Their listing editors can now change this organisation’s listings.' : 'Saved. Only the council can now change this organisation’s listings.');
    return reply.redirect(`/local-offer/manage/listings/${id}`, 303);
  });

  app.get('/local-offer/manage/listings/:id/compare', { schema: { hide: true } }, async (req, reply) => {
    const actor = officer(req);
    const l = await loadAreaListing(db, actor, (req.params as { id: string }).id, today());
    const pick = chooseVersions(req.query as Record<string, unknown>, l.versions.map((v) => v.number), l.publishedVersion);
    if (!pick) throw new NotFoundError('Version');
    return reply.page(view('compare'), {
      pageTitle: `Compare versions of ${l.name}`, activeNav: 'local-offer', backLink: { href: `/local-offer/manage/listings/${l.id}`, text: l.name },
      l: { ...presentSummary(l), versions: l.versions.map(presentVersion), versionItems: l.versions.map((v) => ({ value: String(v.number), text: `Version ${v.number}: ${presentVersion(v).stateText.text.toLowerCase()}` })) },
      from: pick.from, to: pick.to, changes: compareListings(await loadAreaVersion(db, actor, l.id, pick.from), await loadAreaVersion(db, actor, l.id, pick.to)), action: `/local-offer/manage/listings/${l.id}/compare`,
    });
  });
}
