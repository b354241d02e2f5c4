// The demo area's local offer workflow (issue 5 §3, §4, §6), seeded after the directory's services
// (src/demo/localoffer.ts) and working on whatever listings exist: a provider with its listing editor, who edits the
// listings of one directory organisation of about five (live, a change waiting, one turned down, one due for a check, one not
// recently checked, one confirmed still correct); the council's local offer officer; comments with answers, some
// published on "you said, we did"; an edited information page; and some use of the directory for the evidence page.
// With no directory yet, it first writes a few listings of its own for the provider. Deterministic.
import { sql } from 'kysely';
import type { Db } from '../platform/db/connect.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { systemActor, type Actor } from '../platform/access/actor.ts';
import { addDays } from '../platform/plain-date.ts';
import { serviceContentSchema, type ServiceContent } from '../localoffer/domain.ts';
import { createListing, createOrganisation, publishVersion, rejectVersion, submitVersion } from '../localoffer/store.ts';
import { recordCheck, readContent } from '../localoffer/provider-store.ts';
import { defaultPublicResponse, redactPersonalDetails } from '../localoffer/feedback.ts';
import { defaultPages } from '../localoffer/pages.ts';
import { writePage } from '../localoffer/pages-store.ts';
import { demoDomain } from './accounts.ts';

export const providerEmail = `provider@${demoDomain}`;
export const localOfferOfficerEmail = `local-offer@${demoDomain}`;
/** As generate.ts names the provider organisation. */
const providerName = 'Little Stars Family Support CIC';

/** A few listings for the provider when the directory has none yet (the demo's own, in the demo's towns). */
const ownListings: ServiceContent[] = ([
  ['Little Stars sensory play', 'Sensory play sessions for children under 5 with SEND, and their parents.', ['short-breaks-leisure'], 0, 5, true, 'JT1 1AA'],
  ['Little Stars holiday club', 'A holiday club for children aged 5 to 11 with SEND, with one-to-one support where needed.', ['short-breaks-leisure'], 5, 11, false, 'JT2 2BB'],
  ['Little Stars parent support group', 'A monthly group where parents of children with SEND meet, share and get advice.', ['advice-support'], 0, 25, true, 'JT1 1AA'],
  ['Little Stars Saturday swimming', 'Quiet swimming sessions with trained helpers for children with SEND.', ['short-breaks-leisure', 'health'], 4, 16, false, 'JT3 3CC'],
  ['Little Stars travel buddies', 'Travel training for young people aged 14 to 19 learning to use buses on their own.', ['travel', 'preparing-for-adulthood'], 14, 19, true, 'JT2 2BB'],
] as [string, string, string[], number, number, boolean, string][]).map(([name, summary, categories, ageFrom, ageTo, free, postcode]) =>
  serviceContentSchema.parse({
    name, summary, description: `${summary} Run by trained staff and volunteers.`, whoFor: 'Children and young people with special educational needs or disabilities, and their families.',
    howToAccess: 'Phone or email to book a place.', referral: 'self', categories, ageFrom, ageTo, free, costDetails: free ? '' : '£3 a session; ask about help with costs.',
    delivery: ['in-person'], locations: [{ name: 'Riverside Family Hub', address1: '1 High Street', town: 'Joinedtown', postcode }], phone: '01632 960123', email: 'hello@littlestars.example.org',
  }),
);

/** Comments as families wrote them, and the council's answers; the later ones are still waiting. */
const comments: { body: string; name?: string; email?: string; days: number; answerAfter?: number; response?: string; action?: string; publish?: boolean | 'not'; onService?: boolean }[] = [
  { body: 'I could not find anything about hydrotherapy for my son. Is there any in the area?', name: 'Karen Wright', email: 'karen.wright@example.org', days: 300, answerAfter: 6, response: 'Thank you. There was no hydrotherapy listed.', action: 'We asked the community health trust, who now list their hydrotherapy pool sessions.', publish: true },
  { body: 'The local offer is hard to use on my phone. The old site made me scroll sideways.', days: 250, answerAfter: 3, response: 'Thank you for telling us.', action: 'The new directory works on a phone without scrolling sideways, and without JavaScript.', publish: true },
  { body: 'Please list short breaks for teenagers, not just little ones. Call me on 07700 900456.', name: 'Dev Patel', days: 190, answerAfter: 12, response: 'You are right that there were few.', action: 'We added 9 short breaks for young people aged 13 to 18, and a filter by age.', publish: true },
  { body: 'Nobody told us about the local offer until our EHC plan review. Schools should link to it.', days: 140, answerAfter: 9, response: 'We agree.', action: 'Every school’s SENCO has been sent the link, and it is now on the council’s EHC plan letters.', publish: true },
  { body: 'The holiday club listing had the wrong phone number.', days: 90, answerAfter: 2, response: 'Thank you, we passed this to the provider.', action: 'The provider corrected the number the same week.', publish: true, onService: true },
  { body: 'I want to know how to ask for an assessment without going through the school.', email: 'parent.jt1@example.org', days: 60, answerAfter: 5, response: 'Parents can ask the council directly.', action: 'We added a page on how to ask for an assessment, with an online form you can use without an account.', publish: true },
  { body: 'This is rubbish and so are you all.', days: 45, answerAfter: 1, response: 'Noted.', publish: 'not' },
  { body: 'Can the directory show which places have a Changing Places toilet?', days: 20, answerAfter: 4, response: 'Yes: providers can now say so, and you can see it on each service page.', action: 'We will ask every provider to check their venue details at their next review.' },
  { body: 'The mediation page was really clear, thank you.', name: 'Ali', days: 8 },
  { body: 'There is nothing about support for young carers.', days: 5 },
  { body: 'My daughter is 17 and we do not know what happens with her plan after school.', email: 'j.osei@example.org', days: 2 },
];

const searchTerms: [string, number, number][] = [
  ['speech therapy', 60, 5], ['autism', 55, 12], ['short breaks', 40, 9], ['hydrotherapy', 18, 0], ['sensory room', 14, 0], ['young carers', 11, 0], ['holiday club', 30, 6],
  ['wheelchair swing', 7, 0], ['adhd', 25, 4], ['travel training', 12, 3], ['sign language', 9, 0], ['respite', 16, 2], ['', 20, 0],
];

export async function seedLocalOfferWorkflow(db: Db, opts: { laCode?: string; asOf?: string } = {}): Promise<Record<string, number>> {
  const laCode = opts.laCode ?? '990';
  const today = opts.asOf ?? '2026-11-22';
  return db.transaction().execute(async (tx) => {
    // The accounts are generated with the rest of the demo's staff (generate.ts).
    const account = async (email: string) => {
      const u = await tx.selectFrom('app_user as u').innerJoin('organisation as o', 'o.id', 'u.organisation_id').select(['u.id', 'u.name', 'o.id as org_id', 'o.name as org_name', 'o.kind']).where('u.email', '=', email).executeTakeFirstOrThrow();
      return { u, actor: { id: u.id, kind: 'staff', name: u.name, email, roles: [], organisation: { id: u.org_id, kind: u.kind, laCode, name: u.org_name }, via: 'session' } as Actor };
    };
    const { u: editor, actor: editorActor } = await account(providerEmail);
    const { u: officer, actor: officerActor } = await account(localOfferOfficerEmail);
    editorActor.roles = ['listing-editor'];
    officerActor.roles = ['local-offer-officer'];
    const provider = { id: editor.org_id };

    // The provider edits the listings of the unowned directory organisation with the fewest live listings of five or
    // more (a provider with five listings sees at a glance which need them); or of its own, written here, when there
    // is none.
    const candidate = await tx
      .selectFrom('lo_organisation as o')
      .innerJoin('lo_service as s', 's.organisation_id', 'o.id')
      .select(['o.id', sql<number>`count(*)`.as('n')])
      .where('o.la_code', '=', laCode)
      .where('o.owner_organisation_id', 'is', null)
      .where('s.listed', '=', true)
      .groupBy('o.id')
      .having(sql`count(*)`, '>=', 5)
      .orderBy(sql`count(*)`)
      .orderBy('o.id')
      .executeTakeFirst();
    let loOrgId: string;
    if (candidate) {
      loOrgId = candidate.id;
    } else {
      loOrgId = await createOrganisation(tx, systemActor, laCode, { name: providerName, description: 'Play, short breaks and support for families of children with SEND.', ownerOrganisationId: provider.id });
      for (const [i, c] of ownListings.entries()) await createListing(tx, systemActor, { laCode, organisationId: loOrgId, content: c, today: addDays(today, -30 - 40 * i), publish: true });
    }
    await tx.updateTable('lo_organisation').set({ owner_organisation_id: provider.id }).where('id', '=', loOrgId).execute();
    const mine = await tx.selectFrom('lo_service').select(['id', 'published_version']).where('organisation_id', '=', loOrgId).where('listed', '=', true).orderBy('name').orderBy('id').execute();
    // Each of the provider's listings in a different state, as their dashboard shows them: a change waiting (the
    // directory's own, when it has one), and the others from those with nothing waiting.
    const pending = new Set((await tx.selectFrom('lo_service_version').select('service_id').where('service_id', 'in', mine.length ? mine.map((m) => m.id) : ['00000000-0000-0000-0000-000000000000']).where('state', '=', 'pending').execute()).map((r) => r.service_id));
    const idle = mine.filter((m) => !pending.has(m.id));
    const waiting = mine.find((m) => pending.has(m.id)) ?? idle.shift();
    const [turnedDown, dueSoon, stale, confirmed] = idle;
    const contentOf = async (id: string, n: number | null) =>
      readContent((await tx.selectFrom('lo_service_version').select('content').where('service_id', '=', id).where('number', '=', n ?? 1).executeTakeFirstOrThrow()).content);
    if (waiting && !pending.has(waiting.id)) {
      const c = await contentOf(waiting.id, waiting.published_version);
      await submitVersion(tx, editorActor, waiting.id, { ...c, summary: `${c.summary} Now also on Saturday mornings.`, timesNote: 'From January we also open on Saturday mornings, 9:30 to 12:00.' }, 'Added our new Saturday session');
    }
    if (turnedDown) {
      const c = await contentOf(turnedDown.id, turnedDown.published_version);
      const n = await submitVersion(tx, editorActor, turnedDown.id, { ...c, phone: '01632 96', website: '' }, 'New phone number');
      await rejectVersion(tx, officerActor, turnedDown.id, n, 'The new phone number is too short to be a real number, and the website has been taken out. Please check both and send it again.');
    }
    if (dueSoon) await tx.updateTable('lo_service').set({ review_by: addDays(today, 12), last_reviewed_on: addDays(today, 12 - 365) }).where('id', '=', dueSoon.id).execute();
    if (stale) await tx.updateTable('lo_service').set({ review_by: addDays(today, -20), last_reviewed_on: addDays(today, -385) }).where('id', '=', stale.id).execute();
    if (confirmed) await recordCheck(tx, editorActor, confirmed.id, laCode, 'confirmed', addDays(today, -14), addDays(today, 351), '', true);

    // One of the directory's other waiting changes published by the council, so its history has a decision.
    const other = await tx.selectFrom('lo_service_version as v').innerJoin('lo_service as s', 's.id', 'v.service_id').select(['v.service_id', 'v.number']).where('v.la_code', '=', laCode).where('v.state', '=', 'pending').where('s.organisation_id', '!=', loOrgId).where('s.published_version', 'is not', null).orderBy('v.service_id').executeTakeFirst();
    if (other) await publishVersion(tx, officerActor, other.service_id, other.number, addDays(today, -2), 'Thank you');

    const feedback = await seedComments(tx, laCode, today, officer.id, mine[0]?.id ?? null);
    const used = await seedUse(tx, laCode, today);
    await writePage(tx, officerActor, laCode, 'sendiass', {
      title: 'Free, impartial advice: Joinedshire SENDIASS',
      body: defaultPages.sendiass.replace(
        '## How to contact SENDIASS\n',
        '## How to contact SENDIASS\nJoinedshire SENDIASS is open Monday to Friday, 9am to 5pm. Phone [01632 960000](tel:01632960000) or email [sendiass@example.org](mailto:sendiass@example.org).\n\n',
      ),
      basedOn: 0,
    });
    return { lo_provider_listings: mine.length, lo_feedback: feedback, lo_search_log: used.searches, lo_service_view: used.views, lo_page_version: 1 };
  });
}

async function seedComments(tx: Tx, laCode: string, today: string, officerId: string, serviceId: string | null): Promise<number> {
  const year = (d: string) => d.slice(0, 4);
  const counters = new Map<string, number>();
  const rows = comments.map((c) => {
    const received = addDays(today, -c.days);
    const n = (counters.get(year(received)) ?? 0) + 1;
    counters.set(year(received), n);
    const at = (d: string) => new Date(`${d}T10:30:00Z`);
    const answered = c.answerAfter !== undefined ? addDays(received, c.answerAfter) : null;
    const who = { name: c.name ?? null, email: c.email ?? null };
    const approved = c.publish === true;
    return {
      la_code: laCode,
      reference: `LO-${laCode}-${year(received)}-${String(n).padStart(5, '0')}`,
      service_id: c.onService ? serviceId : null,
      about: c.onService && serviceId ? 'service' : 'local-offer',
      body: c.body,
      name: c.name ?? null,
      email: c.email ?? null,
      received_at: at(received),
      response: answered ? (c.response ?? null) : null,
      action: answered ? (c.action ?? null) : null,
      responded_by: answered ? officerId : null,
      responded_at: answered ? at(answered) : null,
      public_comment: approved ? redactPersonalDetails(c.body, who) : null,
      public_response: approved ? redactPersonalDetails(defaultPublicResponse(c.response ?? '', c.action ?? ''), who) : null,
      moderation: approved ? ('approved' as const) : c.publish === 'not' ? ('not-published' as const) : ('pending' as const),
      moderation_reason: c.publish === 'not' ? 'Abusive' : null,
      moderated_by: c.publish !== undefined && answered ? officerId : null,
      moderated_at: c.publish !== undefined && answered ? at(addDays(answered, 1)) : null,
    };
  });
  await tx.insertInto('lo_feedback').values(rows).execute();
  return rows.length;
}

/** Searches and service views over the last months, when the public pages have not recorded any yet. */
async function seedUse(tx: Tx, laCode: string, today: string): Promise<{ searches: number; views: number }> {
  const has = await tx.selectFrom('lo_search_log').select('id').where('la_code', '=', laCode).limit(1).executeTakeFirst();
  let searches = 0;
  if (!has) {
    const rows = searchTerms.flatMap(([terms, n, results], k) =>
      Array.from({ length: n }, (_, i) => ({ la_code: laCode, searched_at: new Date(`${addDays(today, -((i * 7 + k * 3) % 180))}T${String(8 + ((i + k) % 12)).padStart(2, '0')}:15:00Z`), terms, filters: '{}', results })),
    );
    await tx.insertInto('lo_search_log').values(rows).execute();
    searches = rows.length;
  }
  const viewed = await tx.selectFrom('lo_service_view').select('service_id').where('la_code', '=', laCode).limit(1).executeTakeFirst();
  let views = 0;
  if (!viewed) {
    const services = await tx.selectFrom('lo_service').select('id').where('la_code', '=', laCode).where('listed', '=', true).orderBy('id').limit(60).execute();
    const rows = services.flatMap((s, k) => [0, 1, 2].map((d) => ({ service_id: s.id, la_code: laCode, day: addDays(today, -(k % 30) - d * 31), views: 1 + ((k * 7 + d * 3) % 23) })));
    if (rows.length) await tx.insertInto('lo_service_view').values(rows).execute();
    views = rows.length;
  }
  return { searches, views };
}
