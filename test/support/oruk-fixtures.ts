// A small directory for the Open Referral UK tests: listings that between them use every field ORUK carries,
// one waiting for review, one withdrawn and one in another area (none of which the feed may show).
import type { Db } from '../../src/platform/db/connect.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { systemActor } from '../../src/platform/access/actor.ts';
import { createListing, createOrganisation, setServiceStatus } from '../../src/localoffer/store.ts';
import { serviceContentSchema, type ServiceContent } from '../../src/localoffer/domain.ts';
import { buildArea } from './factories.ts';

export const fixtureToday = '2026-11-20';

const base = {
  summary: 'A short summary.',
  description: 'What the service offers, in a few sentences. It is for families.',
  whoFor: 'Children and young people with SEND and their families.',
  howToAccess: 'Phone or email us.',
  referral: 'self' as const,
};

export const listings: Record<string, ServiceContent> = {
  club: serviceContentSchema.parse({
    ...base,
    name: 'Riverside Saturday club',
    description: 'A Saturday club with games, cooking and trips. Staff are trained in autism.',
    categories: ['short-breaks-leisure', 'social-care'],
    needs: ['ASD', 'SLD'],
    ageFrom: 8,
    ageTo: 16,
    free: false,
    costDetails: '£5 a session',
    delivery: ['in-person'],
    locations: [
      { name: 'Riverside Centre', address1: '1 River Street', address2: 'Off the High Street', town: 'Joinedtown', postcode: 'JT1 1AA', accessibility: 'Lift to all floors.', features: ['step-free', 'changing-places'] },
      { name: 'Hilltop Hall', address1: '2 Hill Road', town: 'Hilltop', postcode: 'JT9 9ZZ' },
    ],
    schedules: [
      { days: ['SA'], opens: '10:00', closes: '15:30', note: 'Term time only' },
      { days: ['WE'], opens: '16:00', closes: '18:00' },
    ],
    timesNote: 'Closed on bank holidays.',
    website: 'https://riverside.example.org/club',
    email: 'club@riverside.example.org',
    phone: '01234 567890',
    contacts: [{ name: 'Sam Jones', role: 'Club leader', email: 'sam@riverside.example.org', phone: '07700 900123' }],
    languages: ['English', 'Polish'],
    keywords: ['respite'],
  }),
  salt: serviceContentSchema.parse({
    ...base,
    name: 'Speech and language therapy drop-in',
    description: 'Advice from a speech and language therapist for parents of young children.',
    categories: ['health'],
    needs: ['SLCN'],
    ageFrom: 0,
    ageTo: 5,
    free: true,
    delivery: ['in-person', 'phone'],
    locations: [{ name: 'Riverside Family Hub', address1: '5 Mill Lane', town: 'Joinedtown', postcode: 'JT1 2BB' }],
    schedules: [{ days: ['TU', 'TH'], opens: '09:30', closes: '12:00' }],
    email: 'salt@health.example.org',
  }),
  sendiass: serviceContentSchema.parse({
    ...base,
    name: 'SENDIASS helpline',
    description: 'Free, impartial advice about special educational needs for parents and young people.',
    categories: ['advice-support'],
    ageFrom: 0,
    ageTo: 25,
    free: true,
    costDetails: 'Free and confidential',
    delivery: ['phone', 'online'],
    phone: '0300 123 4567',
    website: 'https://sendiass.example.org',
    languages: ['English'],
  }),
};

export interface FixtureIds {
  club: string;
  salt: string;
  sendiass: string;
  pending: string;
  withdrawn: string;
  elsewhere: string;
  riverside: string;
  health: string;
}

/** Area 990 (public, with the listings) and 991 (one listing, never in 990's feed); postcode centroids. */
export async function seedDirectory(db: Db): Promise<FixtureIds> {
  await buildArea(db, '990', 'Testshire');
  await buildArea(db, '991', 'Nextshire');
  await db
    .insertInto('postcode_centroid')
    .values([
      { postcode: 'JT11AA', latitude: 53.0, longitude: -2.0, gss_la: null },
      { postcode: 'JT12BB', latitude: 53.01, longitude: -2.0, gss_la: null }, // about 1.1 km north of JT1 1AA
      { postcode: 'JT99ZZ', latitude: 53.2, longitude: -2.0, gss_la: null }, // about 22 km north
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
  return inTransaction(db, async (tx) => {
    const riverside = await createOrganisation(tx, systemActor, '990', { name: 'Riverside Trust', description: 'A local charity for disabled children.', website: 'https://riverside.example.org', email: 'hello@riverside.example.org' });
    const health = await createOrganisation(tx, systemActor, '990', { name: 'Joinedshire Community Health', description: 'NHS community services.' });
    const other = await createOrganisation(tx, systemActor, '991', { name: 'Nextshire Council' });
    const make = async (org: string, c: ServiceContent, publish = true, la = '990') => (await createListing(tx, systemActor, { laCode: la, organisationId: org, content: c, today: fixtureToday, publish })).serviceId;
    const club = await make(riverside, listings.club!);
    const salt = await make(health, listings.salt!);
    const sendiass = await make(health, listings.sendiass!);
    const pending = await make(riverside, { ...listings.club!, name: 'Waiting for review' }, false);
    const withdrawn = await make(riverside, { ...listings.club!, name: 'Closed club' });
    await setServiceStatus(tx, systemActor, withdrawn, 'inactive');
    const elsewhere = await make(other, { ...listings.sendiass!, name: 'Nextshire helpline' }, true, '991');
    return { club, salt, sendiass, pending, withdrawn, elsewhere, riverside, health };
  });
}
