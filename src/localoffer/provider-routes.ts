// A provider's pages (issue 5 §3): their listings at a glance, each listing with its versions, the listing form
// (a change, or a new listing, sent for the council's review), comparing any two versions, and "still correct" in
// one step. Only staff with the listing-editor role; anyone else gets 404. Pages work without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../server.ts';
import type { Actor } from '../platform/access/actor.ts';
import { mayEditListings } from '../platform/access/policy.ts';
import { requireActor } from '../platform/auth/plugin.ts';
import { formatPlainDate, londonToday } from '../platform/web/dates.ts';
import { NotFoundError, parseWith, UserInputError, type FieldError } from '../platform/web/validation.ts';
import { serviceContentSchema } from './domain.ts';
import { compareListings } from './compare.ts';
import { contentToForm, emptyForm, formErrors, formToContent, readForm, rowsToShow, type ListingForm } from './listing-form.ts';
import { confirmStillCorrect, createProviderListing, listProviderListings, loadOwnVersion, loadProviderListing, ownedOrganisations, submitChange, type ProviderListing } from './provider-store.ts';
import { formChoices, listingPageErrors, presentCheck, presentSummary, presentVersion } from './present.ts';

const view = (name: string) => `localoffer/views/${name}.njk`;
const idOf = (req: FastifyRequest): string => (req.params as { id: string }).id;
const bodyOf = (req: FastifyRequest): Record<string, unknown> => (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {});

function provider(req: FastifyRequest): Actor {
  const a = requireActor(req);
  if (!mayEditListings(a)) throw new NotFoundError();
  return a;
}

/** `?from=2&to=3`: two version numbers of the listing, defaulting to the published one and the latest. */
export function chooseVersions(q: Record<string, unknown>, numbers: number[], published: number | null): { from: number; to: number } | null {
  const pick = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : null);
  const latest = Math.max(...numbers);
  const to = pick(q.to) ?? latest;
  const from = pick(q.from) ?? (published !== null && published !== to ? published : numbers.filter((n) => n < to).sort((a, b) => b - a)[0] ?? to);
  return numbers.includes(from) && numbers.includes(to) ? { from, to } : null;
}

export async function providerRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const today = services.today ?? (() => londonToday());

  app.get('/local-offer/provider', { schema: { hide: true } }, async (req, reply) => {
    const actor = provider(req);
    const listings = (await listProviderListings(db, actor, today())).map(presentSummary);
    const count = (f: (l: (typeof listings)[number]) => boolean) => listings.filter(f).length;
    return reply.page(view('provider-home'), {
      pageTitle: 'Your local offer listings', activeNav: 'provider', listings,
      counts: {
        live: count((l) => l.state.live), waiting: count((l) => l.state.pending !== null), turnedDown: count((l) => l.state.turnedDown !== null),
        dueSoon: count((l) => l.state.live && l.state.freshness === 'due-soon'), stale: count((l) => l.state.live && l.state.daysLeft < 0),
      },
    });
  });

  const listingView = (l: ProviderListing) => ({
    ...presentSummary(l),
    versions: l.versions.map(presentVersion),
    checks: l.checks.map(presentCheck),
    versionItems: l.versions.map((v) => ({ value: String(v.number), text: `Version ${v.number}: ${presentVersion(v).stateText.text.toLowerCase()}` })),
  });

  app.get('/local-offer/provider/listings/:id', { schema: { hide: true } }, async (req, reply) => {
    const actor = provider(req);
    const l = await loadProviderListing(db, actor, idOf(req), today());
    return reply.page(view('provider-listing'), {
      pageTitle: l.name, activeNav: 'provider', backLink: { href: '/local-offer/provider', text: 'Your listings' }, l: listingView(l),
      changes: l.state.pending !== null && l.draft ? compareListings(l.published, l.draft.content) : [],
    });
  });

  app.get('/local-offer/provider/listings/:id/compare', { schema: { hide: true } }, async (req, reply) => {
    const actor = provider(req);
    const l = await loadProviderListing(db, actor, idOf(req), today());
    const pick = chooseVersions(req.query as Record<string, unknown>, l.versions.map((v) => v.number), l.publishedVersion);
    if (!pick) throw new NotFoundError('Version');
    const [a, b] = await Promise.all([loadOwnVersion(db, actor, l.id, pick.from), loadOwnVersion(db, actor, l.id, pick.to)]);
    return reply.page(view('compare'), {
      pageTitle: `Compare versions of ${l.name}`, activeNav: 'provider', backLink: { href: `/local-offer/provider/listings/${l.id}`, text: l.name },
      l: listingView(l), from: pick.from, to: pick.to, changes: compareListings(a, b), action: `/local-offer/provider/listings/${l.id}/compare`,
    });
  });

  const renderForm = async (reply: FastifyReply, actor: Actor, ctx: { listing: ProviderListing | null; form: ListingForm; errors?: FieldError[]; organisationId?: string }, status = 200) => {
    const l = ctx.listing;
    const owned = l ? [] : await ownedOrganisations(db, actor);
    return reply.page(view('provider-form'), {
      pageTitle: l ? `Change ${l.name}` : 'Add a new listing', activeNav: 'provider',
      backLink: l ? { href: `/local-offer/provider/listings/${l.id}`, text: l.name } : { href: '/local-offer/provider', text: 'Your listings' },
      action: l ? `/local-offer/provider/listings/${l.id}/edit` : '/local-offer/provider/listings',
      listing: l ? { id: l.id, name: l.name, pending: l.state.pending, turnedDown: l.state.turnedDown } : null,
      f: rowsToShow(ctx.form), choices: formChoices, errors: ctx.errors?.length ? listingPageErrors(ctx.errors) : undefined,
      organisationItems: owned.length > 1 ? [{ value: '', text: 'Select an organisation' }, ...owned.map((o) => ({ value: o.id, text: o.name }))] : null,
      organisationId: ctx.organisationId ?? '',
    }, status);
  };

  app.get('/local-offer/provider/listings/new', { schema: { hide: true } }, async (req, reply) => renderForm(reply, provider(req), { listing: null, form: emptyForm() }));

  app.post('/local-offer/provider/listings', { schema: { hide: true } }, async (req, reply) => {
    const actor = provider(req);
    const body = bodyOf(req);
    const { form, action } = readForm(body);
    const organisationId = typeof body.organisationId === 'string' ? body.organisationId : '';
    const again = (errors: FieldError[], status: number) => renderForm(reply, actor, { listing: null, form, errors, organisationId }, status);
    if (action.kind !== 'submit') return again([], 200);
    const parsed = parseWith(serviceContentSchema, formToContent(form));
    if (!parsed.ok) return again(formErrors(parsed.errors), 400);
    try {
      const id = await createProviderListing(db, actor, { organisationId: organisationId || null, content: parsed.value, note: form.note, today: today() });
      req.session.set('flash', `“${parsed.value.name}” has been sent to the council. It will be published once they have reviewed it.`);
      return reply.redirect(`/local-offer/provider/listings/${id}`, 303);
    } catch (err) {
      if (err instanceof UserInputError) return again(err.errors, 400);
      throw err;
    }
  });

  app.get('/local-offer/provider/listings/:id/edit', { schema: { hide: true } }, async (req, reply) => {
    const actor = provider(req);
    const l = await loadProviderListing(db, actor, idOf(req), today());
    return renderForm(reply, actor, { listing: l, form: l.draft ? contentToForm(l.draft.content) : emptyForm() });
  });

  app.post('/local-offer/provider/listings/:id/edit', { schema: { hide: true } }, async (req, reply) => {
    const actor = provider(req);
    const l = await loadProviderListing(db, actor, idOf(req), today());
    const { form, action } = readForm(bodyOf(req));
    if (action.kind !== 'submit') return renderForm(reply, actor, { listing: l, form });
    const parsed = parseWith(serviceContentSchema, formToContent(form));
    if (!parsed.ok) return renderForm(reply, actor, { listing: l, form, errors: formErrors(parsed.errors) }, 400);
    // Nothing changed from what the public sees, and nothing waits: that is a confirmation, not a change to review.
    if (l.published && l.state.pending === null && compareListings(l.published, parsed.value).length === 0) {
      return renderForm(reply, actor, { listing: l, form, errors: [{ field: 'name', message: 'You have not changed anything. If the listing is still correct, go back and select “Confirm it is still correct”.' }] }, 400);
    }
    try {
      const n = await submitChange(db, actor, l.id, parsed.value, form.note, today());
      req.session.set('flash', `Your change (version ${n}) has been sent to the council. The public see the published version until they have reviewed it.`);
      return reply.redirect(`/local-offer/provider/listings/${l.id}`, 303);
    } catch (err) {
      if (err instanceof UserInputError) return renderForm(reply, actor, { listing: l, form, errors: err.errors }, 400);
      throw err;
    }
  });

  app.post('/local-offer/provider/listings/:id/confirm', { schema: { hide: true } }, async (req, reply) => {
    const actor = provider(req);
    const id = idOf(req);
    const back = (bodyOf(req).from === 'listing' ? `/local-offer/provider/listings/${id}` : '/local-offer/provider');
    // A listing that cannot be confirmed (a change waits, or it is not live) answers with the reason (400).
    const reviewBy = await confirmStillCorrect(db, actor, id, today());
    req.session.set('flash', `Thank you. The listing counts as checked today. Please check it again by ${formatPlainDate(reviewBy)}.`);
    return reply.redirect(back, 303);
  });
}
