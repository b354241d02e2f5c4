// Reminders to check a listing, on both engines: sent once to the provider's listing editors (never twice, however
// often it runs), a notice once the date has passed, and afresh after a check moves the review-by date.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../support/app.ts';
import { buildArea, buildOrganisation, buildStaff } from '../support/factories.ts';
import type { Connection } from '../../src/platform/db/connect.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation } from '../../src/localoffer/store.ts';
import { runListingReminders } from '../../src/localoffer/reminders.ts';
import { confirmStillCorrect } from '../../src/localoffer/provider-store.ts';
import { sampleListing } from '../support/localoffer.ts';

for (const engine of engines()) {
  describe(`local offer reminders on ${engine}`, () => {
    let conn: Connection;
    let editor: Awaited<ReturnType<typeof buildStaff>>;
    const ids: Record<string, string> = {};

    before(async () => {
      conn = await freshDatabase(engine);
      const db = conn.db;
      await buildArea(db);
      const provider = await buildOrganisation(db, { kind: 'provider' });
      editor = await buildStaff(db, { organisationId: provider.id, roles: ['listing-editor'] });
      await buildStaff(db, { organisationId: provider.id, roles: ['listing-editor'] }).then((u) => db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', u.id).execute());
      await inTransaction(db, async (tx) => {
        const owned = await createOrganisation(tx, systemActor, '990', { name: 'Owned', ownerOrganisationId: provider.id });
        const orphan = await createOrganisation(tx, systemActor, '990', { name: 'Nobody edits this' });
        // Published on these days, so due a year later: one within 28 days, one past, one fresh, one unowned.
        for (const [key, org, on] of [['soon', owned, '2025-12-10'], ['past', owned, '2025-11-01'], ['fresh', owned, '2026-06-01'], ['orphan', orphan, '2025-12-01']] as const) {
          ids[key] = (await createListing(tx, systemActor, { laCode: '990', organisationId: org, content: { ...sampleListing, name: `Listing ${key}` }, today: on, publish: true })).serviceId;
        }
      });
    });
    after(() => conn.close());

    test('sent once: a reminder for the one due soon, a notice for the one past; nothing on a second run', async () => {
      const first = await runListingReminders(conn.db, '2026-11-20');
      assert.deepEqual(first, { reminded: 2, toldNotChecked: 1 }, 'the unowned listing is stamped too, with nobody to tell');
      const again = await runListingReminders(conn.db, '2026-11-20');
      assert.deepEqual(again, { reminded: 0, toldNotChecked: 0 });
      const later = await runListingReminders(conn.db, '2026-11-21');
      assert.deepEqual(later, { reminded: 0, toldNotChecked: 0 });
      const inbox = await conn.db.selectFrom('inbox_message').select(['user_id', 'kind', 'subject', 'link']).orderBy('kind').execute();
      assert.deepEqual(inbox.map((m) => [m.user_id, m.kind]), [[editor.id, 'listing-check-due'], [editor.id, 'listing-not-checked']], 'only the active listing editor; nobody for the unowned listing');
      assert.equal(inbox[0]?.link, `/local-offer/provider/listings/${ids.soon}`);
      const email = await conn.db.selectFrom('mail_outbox').select('to_address').execute();
      assert.deepEqual(email.map((e) => e.to_address), [editor.email, editor.email]);
    });

    test('the one reminded goes past its date: one notice; after a check, the next year starts afresh', async () => {
      assert.deepEqual(await runListingReminders(conn.db, '2026-12-11'), { reminded: 0, toldNotChecked: 2 }, 'the one due soon and the unowned one are now past');
      await confirmStillCorrect(conn.db, editor, ids.soon ?? '', '2026-12-11');
      assert.deepEqual(await runListingReminders(conn.db, '2026-12-11'), { reminded: 0, toldNotChecked: 0 });
      // 28 days before 11 December 2027 the checked one is due again; the fresh one (due 1 June 2027) has passed by then.
      assert.deepEqual(await runListingReminders(conn.db, '2027-11-13'), { reminded: 1, toldNotChecked: 1 });
    });
  });
}
