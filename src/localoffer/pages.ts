// The statutory information pages (issue 5 §2; SEND Regs 2014 reg 53 and Sch 2): what each says until the council
// edits it, the editor's form, and the page text rendered safely. The council writes a simple markdown (headings,
// paragraphs, lists, bold, links); markdown-it turns it into HTML with raw HTML switched off, and sanitize-html keeps
// only the elements and attributes the pages use, adding the GOV.UK classes (decision 0011). Pure.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { statutoryPages, type StatutoryPage } from './domain.ts';

export { statutoryPages, type StatutoryPage };

export const isStatutoryPage = (slug: string): slug is StatutoryPage => statutoryPages.some(([s]) => s === slug);

/** One line for the list of pages. */
export const pageSummaries: Record<StatutoryPage, string> = {
  'ask-for-an-assessment': 'Who can ask, how to ask online, and the 6-week and 20-week time limits.',
  sendiass: 'Free, confidential and impartial advice for families and young people.',
  'mediation-and-appeals': 'If you disagree with a decision: mediation, the 2-month appeal deadline and the Tribunal.',
  complaints: 'How to complain about the council, a school, health or social care services.',
  travel: 'Help with travel to school or college for children and young people with SEND.',
  'preparing-for-adulthood': 'Work, independent living, friends and community, and good health, from Year 9 onwards.',
};

/**
 * The text each page has until the council edits it: sound and general, true in any area of England. The law each
 * part rests on is in the comment above it; the council adds its own contacts and local detail in the editor.
 */
export const defaultPages: Record<StatutoryPage, string> = {
  // CFA 2014 s.36; SEND Regs 2014 reg 5 (decision within 6 weeks), reg 6 (advice sought), reg 8 (6 weeks for advice),
  // reg 10 (no-plan decision within 16 weeks), reg 13 (draft with at least 15 days to comment; final within 20 weeks).
  'ask-for-an-assessment': `An education, health and care (EHC) needs assessment is how the council finds out what help a child or young person with special educational needs needs. It can lead to an EHC plan.

## Who can ask
- a parent
- a young person aged 16 to 25, for themselves
- a school, college or nursery, ideally with the family’s agreement

Anyone else, such as a health visitor, doctor or social worker, can tell the council about a child who may need an assessment.

## How to ask
[Ask for an assessment online](/request-an-assessment). You do not need an account. You can also write to the council’s SEND team.

Say why you think your child needs more help than their school or nursery can usually give, and send any reports you have.

## What happens next
- The council must tell you within **6 weeks** of receiving your request whether it will carry out an assessment.
- If it decides not to, it must tell you why and how to appeal. See [mediation and appeals](/local-offer/information/mediation-and-appeals).
- During the assessment the council asks for advice from you and your child, the school or setting, health services, an educational psychologist and social care. Each must reply within 6 weeks.
- If the council decides not to issue a plan, it must tell you within **16 weeks** of your request.
- If it decides to issue a plan, you see a draft first and have at least **15 days** to comment and to ask for a particular school or college.
- The final EHC plan must be issued within **20 weeks** of your request.

## Help
[SENDIASS](/local-offer/information/sendiass) gives free, impartial advice about asking for an assessment.`,

  // CFA 2014 s.32: the council must arrange information, advice and support for children, young people and parents.
  sendiass: `The SEND information, advice and support service (SENDIASS) gives free, confidential and impartial information, advice and support to children and young people with special educational needs or disabilities, and to their parents. It is run at arm’s length from the council.

## What SENDIASS can help with
- understanding SEN support in schools and settings, and the local offer
- asking for an EHC needs assessment, and what happens during one
- reading and commenting on a draft EHC plan, and annual reviews
- meetings with a school or the council: someone can come with you
- disagreements, mediation, appeals and complaints

Young people aged 16 to 25 can get advice in their own right.

## How to contact SENDIASS
[Find SENDIASS in the directory](/local-offer/services?q=SENDIASS) for its phone number, email and opening times.`,

  // CFA 2014 s.51 (appealable decisions), ss.52-57 and SEND Regs 2014 regs 32-42 (mediation: contact the adviser within
  // 2 months, reg 33; certificate within 3 working days, reg 34; mediation within 30 days); the Tribunal's time limit
  // (2 months, or 1 month from the certificate if later; August and 25 December to 1 January roll on).
  'mediation-and-appeals': `If you disagree with a decision about an EHC needs assessment or plan, talk to the council first: many disagreements are settled without an appeal. You can also appeal to the First-tier Tribunal (Special Educational Needs and Disability).

## Decisions you can appeal
- not to carry out an EHC needs assessment
- not to issue an EHC plan after an assessment
- what the plan says about special educational needs (section B) and special educational provision (section F), and the school or college it names (section I), or that it names none
- not to assess again, or not to change the plan after a review
- to stop the plan

## Before you appeal: mediation
You must contact a mediation adviser within **2 months** of the date of the decision letter, and say whether you want mediation. The decision letter says how to contact them.

You do not have to have mediation, but you need the certificate the adviser gives you before you can appeal. If you decide against mediation, they send the certificate within 3 working days. If you want mediation, it must take place within 30 days.

You do not need a certificate to appeal only about the school or college named in the plan.

## Appealing to the Tribunal
Appeal within **2 months** of the date of the decision letter, or **1 month** from the date of the mediation certificate, whichever is later. If the last day falls in August, or between 25 December and 1 January, you have until the next working day after it.

The Tribunal can also make recommendations about the health and social care parts of a plan.

## Disagreement resolution
The council also arranges independent disagreement resolution, for example about the support a school or health service gives. Ask the SEND team.

[SENDIASS](/local-offer/information/sendiass) can help you through each step.`,

  // SEND Regs 2014 Sch 2: how to complain about provision; CoP 11 (complaints routes for education, health, social care).
  complaints: `If you are unhappy with a service, tell the people who run it first: most problems are put right quickly.

## The council’s SEND services
Contact the SEND team. If that does not put things right, use the council’s complaints procedure. If you are still unhappy once it has finished, you can ask the Local Government and Social Care Ombudsman to look at it.

## A school, college or nursery
Use the school’s or college’s own complaints procedure; every school must have one. For an academy that has not handled a complaint properly, you can then contact the Department for Education.

## Health services
Complain to the service itself, or to the integrated care board (ICB) that pays for it. If you are still unhappy, you can go to the Parliamentary and Health Service Ombudsman.

## Social care
Use the council’s social care complaints procedure, then the Local Government and Social Care Ombudsman.

## Decisions about assessments and EHC plans
To disagree with a decision about an EHC needs assessment or plan, see [mediation and appeals](/local-offer/information/mediation-and-appeals). [SENDIASS](/local-offer/information/sendiass) can help with any complaint.`,

  // Education Act 1996 ss.508B and 444 (eligible children of compulsory school age, including those who cannot be
  // expected to walk because of their SEN, disability or mobility problems), s.509AA (post-16 transport policy
  // statement each year), s.508F (adults up to 25 with an EHC plan).
  travel: `## Travel to school
Children of compulsory school age get free travel to their nearest suitable school if they live beyond walking distance (2 miles for children under 8, 3 miles for children aged 8 and over), or if they cannot be expected to walk there because of their special educational needs, disability or mobility problems.

Help can be a bus or train pass, a seat on a minibus or taxi, a travel allowance, or travel training so a young person can learn to travel on their own.

## Travel to college or training (16 to 25)
The council publishes a transport policy statement each year saying what help it gives to students aged 16 to 18 and young people with an EHC plan up to 25.

## How to apply
Ask the council’s travel assistance team, or the SEND team if your child has an EHC plan. Apply well before the start of the school or college year.

[Find travel services in the directory](/local-offer/services?category=travel), such as travel training.`,

  // CFA 2014 s.19 and CoP ch.8 (preparing for adulthood from Year 9; reviews from Year 9 include it, SEND Regs 2014
  // reg 20(6)); rights pass to the young person at the end of compulsory school age; plans may continue to 25 (s.46);
  // Care Act 2014 s.58 (assessment of a child's needs before they turn 18).
  'preparing-for-adulthood': `Preparing for adulthood means planning for life after school: work, living as independently as possible, friends and taking part in the community, and good health.

## From Year 9
For a young person with an EHC plan, every annual review from Year 9 (age 13 to 14) must include preparing for adulthood, and what support will help them reach their goals.

## At 16 and after
Once a young person is over compulsory school age (from the end of June in the school year they turn 16), they can make decisions about their EHC plan themselves, with support if they want it.

Choices after 16 include staying at school, college, an apprenticeship or a supported internship. An EHC plan can continue up to age 25 while a young person stays in education or training and still needs it.

## Adult social care and health
If a young person is likely to need care and support as an adult, they can have an assessment before they turn 18, so that support carries on. Health services plan the move from children’s to adult services.

[Find services for preparing for adulthood](/local-offer/services?category=preparing-for-adulthood) in the directory, and ask [SENDIASS](/local-offer/information/sendiass) for advice.`,
};

export const pageTitle = (slug: StatutoryPage): string => statutoryPages.find(([s]) => s === slug)?.[1] ?? slug;

export const pageSchema = z.object({
  title: z.string({ message: 'Enter a title' }).trim().min(1, 'Enter a title').max(200, 'The title must be 200 characters or fewer'),
  body: z.string({ message: 'Enter the text of the page' }).trim().min(1, 'Enter the text of the page').max(20000, 'The text must be 20,000 characters or fewer'),
});

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

/** Links the pages may hold: the web, email, phone, and paths inside this site. */
const linkPattern = /^(https?:\/\/|mailto:|tel:|\/(?!\/))/i;

const classes: Record<string, string> = {
  h2: 'govuk-heading-m',
  h3: 'govuk-heading-s',
  h4: 'govuk-heading-s',
  p: 'govuk-body',
  ul: 'govuk-list govuk-list--bullet',
  ol: 'govuk-list govuk-list--number',
  a: 'govuk-link',
  blockquote: 'govuk-inset-text',
  table: 'govuk-table',
  thead: 'govuk-table__head',
  tbody: 'govuk-table__body',
  tr: 'govuk-table__row',
  th: 'govuk-table__header',
  td: 'govuk-table__cell',
  hr: 'govuk-section-break govuk-section-break--m govuk-section-break--visible',
};

const withClass = (tag: string) => (_name: string, attribs: sanitizeHtml.Attributes) => ({ tagName: tag, attribs: { ...attribs, class: classes[tag] ?? '' } });

/**
 * The page's markdown as safe HTML with GOV.UK classes. The page's own title is its only h1, so a `#` heading
 * becomes an h2; raw HTML is shown as text (markdown-it, html off); anything else, and any link that is not to the
 * web, an email address, a phone number or this site, is removed (sanitize-html).
 */
export function renderPage(markdown: string): string {
  const html = md.render(markdown);
  return sanitizeHtml(html, {
    allowedTags: ['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'br', 'hr', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
    allowedAttributes: { a: ['href', 'class', 'rel'], '*': ['class'] },
    allowedClasses: { '*': Object.values(classes).flatMap((c) => c.split(' ')) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowProtocolRelative: false,
    transformTags: {
      h1: withClass('h2'), h2: withClass('h2'), h3: withClass('h3'), h4: withClass('h4'), h5: withClass('h4'), h6: withClass('h4'),
      p: withClass('p'), ul: withClass('ul'), ol: withClass('ol'), blockquote: withClass('blockquote'), hr: withClass('hr'),
      table: withClass('table'), thead: withClass('thead'), tbody: withClass('tbody'), tr: withClass('tr'), th: withClass('th'), td: withClass('td'),
      // A link anywhere else (javascript:, data:, //other.example) loses its link and keeps its words.
      a: (_name, attribs) => {
        const href = (attribs.href ?? '').trim();
        if (!linkPattern.test(href)) return { tagName: 'span', attribs: {} };
        return { tagName: 'a', attribs: { href, class: classes.a ?? '', ...(/^https?:/i.test(href) ? { rel: 'noreferrer' } : {}) } };
      },
    },
  });
}

/** The first paragraph as plain text (for a page that has no summary of its own). */
export function firstParagraph(markdown: string): string {
  const para = markdown.split(/\n\s*\n/).find((p) => p.trim() && !p.trim().startsWith('#'));
  return (para ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').trim();
}
