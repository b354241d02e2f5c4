import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPages, firstParagraph, pageSchema, renderPage, statutoryPages } from './pages.ts';

describe('page text rendered safely', () => {
  const cases: [string, string, string][] = [
    ['a paragraph', 'Hello there.', '<p class="govuk-body">Hello there.</p>'],
    ['a heading becomes a GOV.UK heading; # is an h2, the title is the only h1', '# Big\n\n## Medium\n\n### Small', '<h2 class="govuk-heading-m">Big</h2>\n<h2 class="govuk-heading-m">Medium</h2>\n<h3 class="govuk-heading-s">Small</h3>'],
    ['a bullet list', '- one\n- two', '<ul class="govuk-list govuk-list--bullet">\n<li>one</li>\n<li>two</li>\n</ul>'],
    ['a numbered list', '1. one\n2. two', '<ol class="govuk-list govuk-list--number">\n<li>one</li>\n<li>two</li>\n</ol>'],
    ['bold', 'within **6 weeks**', '<p class="govuk-body">within <strong>6 weeks</strong></p>'],
    ['a link inside the site', '[Ask online](/request-an-assessment)', '<p class="govuk-body"><a href="/request-an-assessment" class="govuk-link">Ask online</a></p>'],
    ['a link to the web', '[Ombudsman](https://www.lgo.org.uk)', '<p class="govuk-body"><a href="https://www.lgo.org.uk" class="govuk-link" rel="noreferrer">Ombudsman</a></p>'],
    ['email and phone links', '[Email](mailto:send@example.org) [Call](tel:01234567890)', '<p class="govuk-body"><a href="mailto:send@example.org" class="govuk-link">Email</a> <a href="tel:01234567890" class="govuk-link">Call</a></p>'],
    ['raw HTML is shown as text, never run', '<script>alert(1)</script>', '<p class="govuk-body">&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['an onclick attribute cannot get in', '<a href="/" onclick="x()">x</a>', '<p class="govuk-body">&lt;a href="/" onclick="x()"&gt;x&lt;/a&gt;</p>'],
    ['a javascript: link keeps its words, not its link', '[click](javascript:alert(1))', '<p class="govuk-body">[click](javascript:alert(1))</p>'],
    ['a data: link', '[img](data:text/html;base64,PHNjcmlwdD4=)', '<p class="govuk-body">[img](data:text/html;base64,PHNjcmlwdD4=)</p>'],
    ['a protocol-relative link loses its link', '[x](//evil.example/path)', '<p class="govuk-body">x</p>'],
    ['an image is dropped', '![alt](https://example.org/a.png)', '<p class="govuk-body"></p>'],
  ];
  for (const [name, input, want] of cases) test(name, () => assert.equal(renderPage(input).trim(), want));
});

describe('the statutory pages’ default text', () => {
  test('every page has default text that renders and fits the editor’s limits', () => {
    for (const [slug, title] of statutoryPages) {
      const body = defaultPages[slug];
      assert.ok(pageSchema.safeParse({ title, body }).success, slug);
      assert.match(renderPage(body), /<p class="govuk-body">/, slug);
    }
  });
  // statutory-rules.md §1.2, §4.1, §4.2: the figures a family must be able to rely on.
  const facts: [string, RegExp][] = [
    ['ask-for-an-assessment', /\[Ask for an assessment online\]\(\/request-an-assessment\)/],
    ['ask-for-an-assessment', /within \*\*6 weeks\*\* of receiving your request/],
    ['ask-for-an-assessment', /within \*\*20 weeks\*\* of your request/],
    ['ask-for-an-assessment', /at least \*\*15 days\*\* to comment/],
    ['mediation-and-appeals', /contact a mediation adviser within \*\*2 months\*\*/],
    ['mediation-and-appeals', /need the certificate/],
    ['mediation-and-appeals', /\*\*1 month\*\* from the date of the mediation certificate, whichever is later/],
    ['mediation-and-appeals', /August, or between 25 December and 1 January/],
    ['preparing-for-adulthood', /Year 9/],
    ['travel', /2 miles for children under 8, 3 miles for children aged 8 and over/],
  ];
  for (const [slug, pattern] of facts) test(`${slug}: ${pattern.source.slice(0, 40)}`, () => assert.match(defaultPages[slug as keyof typeof defaultPages], pattern));
  test('the first paragraph as plain text, for the list of pages', () => {
    assert.equal(firstParagraph('## Heading\n\nSee [SENDIASS](/x) for **free** advice.\n\nMore.'), 'See SENDIASS for free advice.');
  });
});
