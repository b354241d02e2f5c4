// Test data for the local offer's workflow: a valid listing, and the form body a browser sends for one.
import { serviceContentSchema, type ServiceContent } from '../../src/localoffer/domain.ts';
import { contentToForm } from '../../src/localoffer/listing-form.ts';

export const sampleListing: ServiceContent = serviceContentSchema.parse({
  name: 'Little Stars sensory play', summary: 'Sensory play sessions for under-fives with SEND.', description: 'Messy play, music and a sensory room every week.',
  whoFor: 'Children aged 0 to 5 with SEND, and their parents.', howToAccess: 'Phone to book a place.', referral: 'self', categories: ['short-breaks-leisure'],
  ageFrom: 0, ageTo: 5, free: true, delivery: ['in-person'], locations: [{ name: 'Riverside Family Hub', postcode: 'JT1 1AA' }], phone: '01234 567890',
});

/** The form body a browser sends for a listing, as the page shows it. */
export function formBody(c: ServiceContent, extra: Record<string, string> = {}): URLSearchParams {
  const f = contentToForm(c);
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (typeof v === 'string') p.append(k, v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) for (const x of v) p.append(k, x);
  }
  for (const [k, v] of Object.entries(f.send)) p.append(`send-${k}`, v);
  const rows = (key: string, list: object[]) =>
    list.forEach((row, i) => Object.entries(row).forEach(([k, v]) => (Array.isArray(v) ? v.forEach((x: string) => p.append(`${key}-${i}-${k}`, x)) : p.append(`${key}-${i}-${k}`, String(v)))));
  rows('locations', f.locations);
  rows('schedules', f.schedules);
  rows('contacts', f.contacts);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

