// The demo area's sign-in accounts, listed on the sign-in page in demo mode only.
import type { Db } from '../platform/db/connect.ts';

export const demoPassword = 'joinedup-demo-2026';
export const demoDomain = 'demo.joinedup.test';

/** One account per role and kind, with what it can see, in the order the sign-in page lists them. */
export const demoAccountList: { email: string; role: string; sees: string }[] = [
  { email: `caseworker@${demoDomain}`, role: 'Caseworker', sees: 'Every child in the demo area' },
  { email: `send-manager@${demoDomain}`, role: 'SEND manager', sees: 'Every child in the demo area' },
  { email: `ep@${demoDomain}`, role: 'Educational psychologist', sees: 'Every child in the demo area' },
  { email: `health@${demoDomain}`, role: 'Health professional', sees: 'Children whose team includes them, with health consent' },
  { email: `dco@${demoDomain}`, role: 'Designated clinical officer', sees: 'Children whose team includes the ICB, with health consent' },
  { email: `social-worker@${demoDomain}`, role: 'Social worker', sees: 'Children whose team includes them, with social care consent' },
  { email: `social-care-manager@${demoDomain}`, role: 'Social care manager', sees: 'Children whose team includes them, with social care consent; agrees sections D and H of plans' },
  { email: `senco@${demoDomain}`, role: 'SENCO', sees: "Children at their school, with education consent" },
  { email: `area-leader@${demoDomain}`, role: 'Area leader', sees: 'Area figures only, no individual records' },
  { email: `admin@${demoDomain}`, role: 'Administrator', sees: 'User accounts only, no individual records' },
  { email: `local-offer@${demoDomain}`, role: 'Local offer officer', sees: 'The local offer: reviews, stale listings, information pages, comments; no child’s record' },
  { email: `provider@${demoDomain}`, role: 'Listing editor (service provider)', sees: 'Their organisation’s local offer listings only; no child’s record' },
  { email: `parent@${demoDomain}`, role: 'Parent', sees: 'Their own children' },
  { email: `young-person@${demoDomain}`, role: 'Young person', sees: 'Their own record' },
];

export async function listDemoAccounts(db: Db) {
  const emails = demoAccountList.map((a) => a.email);
  const rows = await db
    .selectFrom('app_user as u')
    .leftJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.email', 'u.name', 'o.name as organisation'])
    .where('u.email', 'in', emails)
    .execute();
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  return {
    password: demoPassword,
    accounts: demoAccountList.flatMap((a) => {
      const r = byEmail.get(a.email);
      return r ? [{ ...a, name: r.name, organisation: r.organisation ?? 'Family' }] : [];
    }),
  };
}
