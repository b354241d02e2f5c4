import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceContentSchema, type ServiceContent } from './domain.ts';
import { contentToForm, errorField, formAction, formErrors, formToContent, readForm, rowsToShow, splitList } from './listing-form.ts';
import { parseWith } from '../platform/web/validation.ts';

const full: ServiceContent = serviceContentSchema.parse({
  name: 'Little Stars sensory play', summary: 'Sensory play sessions for under-fives with SEND.', description: 'Messy play, music and a sensory room.',
  whoFor: 'Children aged 0 to 5 with SEND and their parents.', howToAccess: 'Book a place by phone.', referral: 'self-or-professional',
  categories: ['short-breaks-leisure', 'health'], needs: ['SLCN', 'ASD'], ageFrom: 0, ageTo: 5, free: false, costDetails: '£2 a session',
  delivery: ['in-person', 'online'],
  locations: [
    { name: 'Riverside Family Hub', address1: '1 High Street', town: 'Joinedtown', postcode: 'jt1 1aa', features: ['step-free', 'quiet-space'], accessibility: 'Ramp at the side door' },
    { name: 'Library', postcode: 'JT9 9ZZ' },
  ],
  schedules: [{ days: ['MO', 'WE'], opens: '09:30', closes: '11:30', note: 'Term time only' }],
  timesNote: 'Closed in August.', outsideArea: false, website: 'https://littlestars.example.org', email: 'hello@littlestars.example.org', phone: '01234 567890',
  contacts: [{ name: 'Sam Lee', role: 'Co-ordinator', email: 'sam@littlestars.example.org', phone: '' }],
  languages: ['English', 'Polish'], send: { identifyNeeds: 'We talk with parents.', involveFamilies: '', staffTraining: 'Makaton', transitions: '' }, keywords: ['sensory', 'messy play'],
});

/** The body a browser sends for a form as the page shows it. */
function bodyOf(c: ServiceContent): Record<string, unknown> {
  const f = contentToForm(c);
  const b: Record<string, unknown> = {
    name: f.name, summary: f.summary, description: f.description, whoFor: f.whoFor, howToAccess: f.howToAccess, referral: f.referral, categories: f.categories, needs: f.needs,
    ageFrom: f.ageFrom, ageTo: f.ageTo, free: f.free, costDetails: f.costDetails, delivery: f.delivery, timesNote: f.timesNote, outsideArea: f.outsideArea, website: f.website,
    email: f.email, phone: f.phone, languages: f.languages, keywords: f.keywords, note: '',
  };
  for (const [k, v] of Object.entries(f.send)) b[`send-${k}`] = v;
  const rows = (key: string, list: object[]) => list.forEach((row, i) => Object.entries(row as Record<string, unknown>).forEach(([k, v]) => void (b[`${key}-${i}-${k}`] = v)));
  rows('locations', f.locations);
  rows('schedules', f.schedules);
  rows('contacts', f.contacts);
  return b;
}

describe('the listing form', () => {
  test('a listing goes through the form and back unchanged', () => {
    const { form, action } = readForm(bodyOf(full));
    assert.deepEqual(action, { kind: 'submit' });
    const parsed = parseWith(serviceContentSchema, formToContent(form));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, full);
  });

  test('one ticked box comes as a string, several as a list', () => {
    const { form } = readForm({ ...bodyOf(full), categories: 'health', 'locations-0-features': 'step-free' });
    assert.deepEqual(form.categories, ['health']);
    assert.deepEqual(form.locations[0]?.features, ['step-free']);
  });

  test('blank rows are dropped, so row numbers are the listing’s own', () => {
    const body = { ...bodyOf(full), 'locations-0-name': '', 'locations-0-address1': '', 'locations-0-town': '', 'locations-0-postcode': '', 'locations-0-accessibility': '', 'locations-0-features': [] };
    const { form } = readForm(body);
    assert.deepEqual(form.locations.map((l) => l.name), ['Library']);
  });

  test('rows numbered past the schema’s limit, or oddly, are ignored', () => {
    const { form } = readForm({ ...bodyOf(full), 'locations-25-name': 'Far away', 'locations-999-name': 'x', 'locations-x-name': 'y' });
    assert.equal(form.locations.length, 2);
  });

  const actions: [string, ReturnType<typeof formAction>][] = [
    ['', { kind: 'submit' }],
    ['submit', { kind: 'submit' }],
    ['add-locations', { kind: 'add', list: 'locations' }],
    ['add-contacts', { kind: 'add', list: 'contacts' }],
    ['remove-schedules-0', { kind: 'remove', list: 'schedules', row: 0 }],
    ['remove-locations-12', { kind: 'remove', list: 'locations', row: 12 }],
    ['add-anything', { kind: 'submit' }],
    ['remove-locations-x', { kind: 'submit' }],
  ];
  for (const [value, want] of actions) test(`button ${JSON.stringify(value)}`, () => assert.deepEqual(formAction(value), want));

  test('"Add another" with only the empty row showing gives a second row', () => {
    const { form } = readForm({ 'schedules-0-opens': '', 'schedules-0-closes': '', 'schedules-0-note': '', action: 'add-schedules' });
    assert.equal(form.schedules.length, 2);
  });

  test('"Add another place" adds an empty row and keeps everything typed', () => {
    const { form, action } = readForm({ ...bodyOf(full), action: 'add-locations', name: 'Typed but not saved' });
    assert.equal(action.kind, 'add');
    assert.equal(form.name, 'Typed but not saved');
    assert.equal(form.locations.length, 3);
    assert.equal(form.locations[2]?.postcode, '');
  });

  test('"Remove" takes out the row it was sent with, even when an earlier row was emptied', () => {
    const body = { ...bodyOf(full), 'locations-2-name': 'Park', 'locations-2-postcode': 'JT2 2BB', 'locations-0-name': '', 'locations-0-address1': '', 'locations-0-town': '', 'locations-0-postcode': '', 'locations-0-accessibility': '', 'locations-0-features': [], action: 'remove-locations-1' };
    assert.deepEqual(readForm(body).form.locations.map((l) => l.name), ['', 'Park'], 'the emptied row stays on the page until the form is sent');
    assert.deepEqual(readForm({ ...body, action: 'submit' }).form.locations.map((l) => l.name), ['Library', 'Park'], 'sent: blank rows dropped');
  });

  test('the page shows one empty row for a list with none', () => {
    const { form } = readForm({ name: 'x' });
    const shown = rowsToShow(form);
    assert.equal(shown.locations.length, 1);
    assert.equal(shown.schedules.length, 1);
    assert.equal(shown.contacts.length, 1);
    assert.equal(rowsToShow(contentToForm(full)).locations.length, 2);
  });

  test('an empty form gets a message for every required field, on the field it belongs to', () => {
    const parsed = parseWith(serviceContentSchema, formToContent(readForm({}).form));
    assert.ok(!parsed.ok);
    const fields = formErrors(parsed.errors).map((e) => e.field).sort();
    assert.deepEqual(fields, ['ageFrom', 'ageTo', 'categories', 'delivery', 'description', 'free', 'howToAccess', 'name', 'referral', 'summary', 'whoFor']);
  });

  test('the rules across fields (a cost, a way to contact, a place) are reported on their fields', () => {
    const body: Record<string, unknown> = { ...bodyOf(full), free: 'no', costDetails: '', website: '', email: '', phone: '', 'contacts-0-email': '', 'contacts-0-phone': '' };
    for (const k of Object.keys(body)) if (k.startsWith('locations-')) delete body[k];
    const parsed = parseWith(serviceContentSchema, formToContent(readForm(body).form));
    assert.ok(!parsed.ok);
    assert.deepEqual(formErrors(parsed.errors).map((e) => e.field).sort(), ['costDetails', 'email', 'locations']);
  });

  const ages: [string, string, string | null][] = [
    ['3', '11', null],
    ['', '11', 'ageFrom'],
    ['three', '11', 'ageFrom'],
    ['3.5', '11', 'ageFrom'],
    ['12', '11', 'ageTo'],
    ['0', '26', 'ageTo'],
  ];
  for (const [from, to, bad] of ages) {
    test(`ages ${JSON.stringify(from)} to ${JSON.stringify(to)}`, () => {
      const parsed = parseWith(serviceContentSchema, formToContent(readForm({ ...bodyOf(full), ageFrom: from, ageTo: to }).form));
      assert.deepEqual(parsed.ok ? [] : formErrors(parsed.errors).map((e) => e.field), bad ? [bad] : []);
    });
  }

  test('a bad postcode in the second place is reported on that place’s postcode', () => {
    const parsed = parseWith(serviceContentSchema, formToContent(readForm({ ...bodyOf(full), 'locations-1-postcode': 'nowhere' }).form));
    assert.ok(!parsed.ok);
    assert.deepEqual(formErrors(parsed.errors), [{ field: 'locations.1.postcode', message: 'Enter a real postcode, like SW1A 1AA' }]);
  });

  const paths: [string, string][] = [
    ['name', 'name'],
    ['categories.0', 'categories'],
    ['languages.3', 'languages'],
    ['locations', 'locations'],
    ['locations.0.postcode', 'locations.0.postcode'],
    ['locations.1.features.0', 'locations.1.features'],
    ['schedules.0.days', 'schedules.0.days'],
    ['schedules.2.closes', 'schedules.2.closes'],
    ['contacts.0.email', 'contacts.0.email'],
    ['send.identifyNeeds', 'send.identifyNeeds'],
    ['', 'name'],
  ];
  for (const [path, want] of paths) test(`a message at ${JSON.stringify(path)} goes on ${want}`, () => assert.equal(errorField(path), want));

  test('languages and search words: one a line or separated by commas', () => {
    assert.deepEqual(splitList('English\nPolish, Urdu\n\n , BSL '), ['English', 'Polish', 'Urdu', 'BSL']);
  });
});
