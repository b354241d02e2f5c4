import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commentSchema, defaultPublicResponse, feedbackReference, feedbackStatus, moderationSchema, nameParts, redactPersonalDetails } from './feedback.ts';
import { parseWith } from '../platform/web/validation.ts';

describe('personal details removed before publication', () => {
  const cases: [string, string, { name?: string; email?: string }, string][] = [
    ['an email address', 'Write to me at jo.bloggs+lo@example.co.uk please', {}, 'Write to me at [email address removed] please'],
    ['the email they gave, even written oddly', 'my email is JO@EXAMPLE.ORG', { email: 'jo@example.org' }, 'my email is [email address removed]'],
    ['a mobile number', 'Call 07700 900123 any time', {}, 'Call [phone number removed] any time'],
    ['a landline with brackets', 'ring (01234) 567 890.', {}, 'ring [phone number removed].'],
    ['an international number', 'or +44 7700 900 123', {}, 'or [phone number removed]'],
    ['a London number with hyphens', '020-7946-0000', {}, '[phone number removed]'],
    ['a postcode', 'We live near JT1 1AA and it is far', {}, 'We live near [postcode removed] and it is far'],
    ['a postcode without its space, lower case', 'from sw1a1aa', {}, 'from [postcode removed]'],
    ['the name they gave, each word, any case', 'Hi, I am Sam Taylor. SAM here again; taylor family.', { name: 'Sam Taylor' }, 'Hi, I am [name removed]. [name removed] here again; [name removed] family.'],
    ['accents ignored, possessives caught', 'Zoe’s mum says hello, and zoë too', { name: 'Zoë' }, '[name removed] mum says hello, and [name removed] too'],
    ['a name inside a longer word is left alone', 'Ann found the annual review hard; Ann-Marie too', { name: 'Ann' }, '[name removed] found the annual review hard; [name removed]-Marie too'],
    ['titles and short words in the name are not removed', 'Mrs Patel: the service was good', { name: 'Mrs A Patel' }, 'Mrs [name removed]: the service was good'],
    ['numbers that are not phone numbers stay', 'My son is 7 and waited 18 weeks; ref 2026', {}, 'My son is 7 and waited 18 weeks; ref 2026'],
    ['several details together', 'Sam, 07700900123, sam@example.org, JT1 1AA', { name: 'Sam' }, '[name removed], [phone number removed], [email address removed], [postcode removed]'],
    ['nothing personal: unchanged', 'The search did not find speech therapy.', { name: 'Kim' }, 'The search did not find speech therapy.'],
  ];
  for (const [name, input, who, want] of cases) test(name, () => assert.equal(redactPersonalDetails(input, who), want));

  test('the parts of a name worth removing', () => {
    assert.deepEqual(nameParts('Mr J. O’Neill-Smith'), ['o\'neill-smith']);
    assert.deepEqual(nameParts('Anonymous'), []);
    assert.deepEqual(nameParts(null), []);
  });
});

describe('comments, answers and moderation', () => {
  test('a comment needs words; name and email are optional; a bad email is refused', () => {
    assert.deepEqual(parseWith(commentSchema, { body: ' ' }).ok ? [] : (parseWith(commentSchema, { body: ' ' }) as { errors: { field: string }[] }).errors.map((e) => e.field), ['body']);
    const ok = parseWith(commentSchema, { body: 'Good', name: '', email: '' });
    assert.ok(ok.ok);
    if (ok.ok) assert.deepEqual([ok.value.name, ok.value.email], [null, null]);
    const bad = parseWith(commentSchema, { body: 'Good', email: 'not-an-email' });
    assert.ok(!bad.ok);
  });
  test('publishing needs both texts; not publishing needs a reason', () => {
    assert.ok(!parseWith(moderationSchema, { decision: 'approve', publicComment: 'x', publicResponse: '' }).ok);
    assert.ok(!parseWith(moderationSchema, { decision: 'not-published', reason: '' }).ok);
    assert.ok(!parseWith(moderationSchema, {}).ok);
    assert.ok(parseWith(moderationSchema, { decision: 'not-published', reason: 'An individual complaint, passed to the complaints team' }).ok);
  });
  test('references, statuses and the default public response', () => {
    assert.equal(feedbackReference('990', '2026', 7), 'LO-990-2026-00007');
    assert.equal(feedbackStatus({ respondedAt: null, moderation: 'pending' }), 'to-answer');
    assert.equal(feedbackStatus({ respondedAt: new Date(), moderation: 'pending' }), 'to-moderate');
    assert.equal(feedbackStatus({ respondedAt: new Date(), moderation: 'approved' }), 'published');
    assert.equal(defaultPublicResponse('Thank you.', 'We added 12 listings.'), 'Thank you.\n\nWhat we did or will do: We added 12 listings.');
    assert.equal(defaultPublicResponse('Thank you.', ' '), 'Thank you.');
  });
});
