// The statutory decision letters (issue 3 §2.3 and §2.7), as pure functions: a decision not to assess (reg 5(3))
// and a decision not to issue a plan (reg 10(3)). Each must give the reasons, the right to appeal and its time limits,
// mediation (reg 32: the need to contact a mediation adviser and get a certificate before appealing, the adviser's
// contact details, the time limits, telling the council if mediation is wanted and about what), disagreement
// resolution, and the information, advice and support service (statutory-rules.md §1.2, §4.1, §4.2). Plain English:
// the reader is a parent or a young person.
//
// The digest's exemption from the mediation certificate (appeals only about section I, the school or college named;
// §4.1) cannot apply to these two decisions: there is no plan, so no school is named. So both letters say the family
// must contact a mediation adviser before appealing.
import { formatPlainDate } from '../platform/web/dates.ts';
import { addDays, daysBetween, isPlainDate } from '../platform/plain-date.ts';

export interface LetterFacts {
  kind: 'not-to-assess' | 'not-to-issue';
  /** YYYY-MM-DD, the date of the decision letter. */
  decidedOn: string;
  /** Full name, used in the letter body only. */
  childName: string;
  /** The parent, or the young person. */
  recipientName: string;
  /** The letter is to the young person themselves (over compulsory school age); default false. */
  toYoungPerson?: boolean;
  /** The panel's reasons, in plain words; required. Blank lines separate paragraphs. */
  reasons: string;
  laName: string;
  /** The case reference to quote, if there is one. */
  reference?: string;
  caseworker: { name: string; email?: string | null; phone?: string | null };
  /** The information, advice and support service (SENDIASS). */
  sendiass?: { name: string; phone?: string; url?: string } | null;
  /** The mediation adviser (reg 32: the notice must say how to contact them). */
  mediation?: { name: string; phone?: string; url?: string } | null;
}

export interface Letter {
  title: string;
  date: string;
  greeting: string;
  sections: { heading: string; paragraphs: string[] }[];
  deadlines: { label: string; date: string }[];
  signOff: string[];
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}
const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number => (m === 2 ? (leap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
/** 0 = Sunday … 6 = Saturday (1 January 1970 was a Thursday). */
const weekday = (date: string): number => (((daysBetween('1970-01-01', date) + 4) % 7) + 7) % 7;

/**
 * A date n calendar months later (plain-date.ts has days only). A day that does not exist in that month becomes its
 * last day: 31 December + 2 months = 28 February (29 in a leap year); 31 January + 1 month = 28/29 February.
 */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return iso(ny, nm, Math.min(d, daysIn(ny, nm)));
}

/**
 * Whether a day in September or January is a working day. Only weekends and New Year's Day (with its substitute
 * Monday when 1 January is a Saturday or Sunday) can fall there: England has no other bank holiday in September or
 * January. The definition of "working day" (not a weekend or bank holiday) is not in the digest; it is the ordinary
 * meaning, and it only ever moves a deadline later by the bank holiday itself.
 */
function isWorkingDay(date: string): boolean {
  const wd = weekday(date);
  if (wd === 0 || wd === 6) return false;
  const [y, m, d] = parts(date);
  if (m === 1 && d === 1) return false;
  if (m === 1 && wd === 1 && (d === 2 || d === 3)) {
    const newYear = weekday(iso(y, 1, 1));
    if (newYear === 0 || newYear === 6) return false; // the substitute bank holiday
  }
  return true;
}

/**
 * The Tribunal's holiday rule (statutory-rules.md §0 and §4.2, IPSEA; Tribunal Procedure (HESC) Rules 2008, rule
 * number not confirmed): a time limit ending in August moves to the first working day of September; one ending
 * 25 December–1 January moves to the next working day in January. Any other day stands, weekend or not.
 */
function tribunalDeadline(due: string): { date: string; moved: 'august' | 'christmas' | null } {
  const [y, m, d] = parts(due);
  let date: string;
  let moved: 'august' | 'christmas';
  if (m === 8) [date, moved] = [iso(y, 9, 1), 'august'];
  else if (m === 12 && d >= 25) [date, moved] = [iso(y + 1, 1, 2), 'christmas'];
  else if (m === 1 && d === 1) [date, moved] = [iso(y, 1, 2), 'christmas'];
  else return { date: due, moved: null };
  while (!isWorkingDay(date)) date = addDays(date, 1);
  return { date, moved };
}

/** The appeal time limit counted from the decision letter alone: 2 months, then the holiday rule (§4.2). */
export function appealDeadline(decidedOn: string): string {
  return tribunalDeadline(addMonths(decidedOn, 2)).date;
}

/** The last day to contact a mediation adviser: 2 months from the decision notice (reg 33; digest §4.1, §9). */
export function mediationContactBy(decidedOn: string): string {
  return addMonths(decidedOn, 2);
}

/**
 * The appeal deadlines for a decision letter (pure date maths): the last day counted from the letter, and the rule
 * for a mediation certificate (1 month from its date, if that is later), in words for the letter. Digest §4.2.
 */
export function appealDeadlines(decidedOn: string): { appealBy: string; mediationCertificateRule: string } {
  return { appealBy: appealDeadline(decidedOn), mediationCertificateRule: 'or within 1 month of the date on your mediation certificate, whichever is later' };
}

/** The last day to appeal once a mediation certificate is dated: the later of the two limits, each after the holiday rule. */
export function appealByWithCertificate(decidedOn: string, certificateOn: string): string {
  const fromLetter = appealDeadline(decidedOn);
  const fromCertificate = tribunalDeadline(addMonths(certificateOn, 1)).date;
  return fromCertificate > fromLetter ? fromCertificate : fromLetter;
}

const contactLine = (c: { name: string; phone?: string; url?: string }): string =>
  [`${c.name}`, c.phone ? `phone ${c.phone}` : null, c.url ? `website ${c.url}` : null].filter((x): x is string => x !== null).join(', ');

/** The decision letter, ready to render as a page or print. Throws if the reasons are missing or the date is not a date. */
export function decisionLetter(f: LetterFacts): Letter {
  if (!f.reasons.trim()) throw new Error('A decision letter must give the reasons for the decision (reg 5(3), reg 10(3)): the reasons are empty');
  if (!isPlainDate(f.decidedOn)) throw new Error(`A decision letter needs the date of the decision as YYYY-MM-DD (got ${JSON.stringify(f.decidedOn)})`);
  const toYoungPerson = f.toYoungPerson ?? false;
  const you = toYoungPerson ? 'you' : f.childName;
  const your = toYoungPerson ? 'your' : `${f.childName}’s`;
  const { appealBy, mediationCertificateRule } = appealDeadlines(f.decidedOn);
  const moved = tribunalDeadline(addMonths(f.decidedOn, 2)).moved;
  const contactBy = mediationContactBy(f.decidedOn);
  const decision =
    f.kind === 'not-to-assess'
      ? `We have decided not to carry out an education, health and care (EHC) needs assessment for ${you}.`
      : `We have finished the education, health and care (EHC) needs assessment for ${you}. We have decided not to issue an EHC plan.`;
  const sections: Letter['sections'] = [
    { heading: 'Our decision', paragraphs: [decision, `We made this decision on ${formatPlainDate(f.decidedOn)}.`] },
    { heading: 'Why we made this decision', paragraphs: f.reasons.trim().split(/\n\s*\n/).map((p) => p.trim()) },
  ];
  if (f.kind === 'not-to-issue') {
    // Not in the digest: CoP 9.61 (from memory) — the council should share what the assessment found, which the
    // school or setting may find useful. Sharing is put as needing the family's agreement.
    sections.push({
      heading: 'What happens next',
      paragraphs: [
        `${your.charAt(0).toUpperCase()}${your.slice(1)} school or setting should keep giving special educational needs support (SEN support), and can use what the assessment found. With your agreement, we will share the information from the assessment with them.`,
        'If things change, you can ask for an assessment again.',
      ],
    });
  }
  const why =
    moved === 'august'
      ? ' Two months from the date of this letter falls in August, so you have until the first working day in September.'
      : moved === 'christmas'
        ? ' Two months from the date of this letter falls between 25 December and 1 January, so you have until the next working day in January.'
        : '';
  sections.push(
    {
      heading: 'If you disagree: your right to appeal',
      paragraphs: [
        'You can appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability). It is independent of the council.',
        `You must appeal by ${formatPlainDate(appealBy)}${moved ? '' : ' (2 months from the date of this letter)'}, ${mediationCertificateRule}.${why}`,
        // Digest §4.2: decision letters, except refusals to assess, must mention the recommendations power (SI 2017/1306).
        ...(f.kind === 'not-to-issue' ? ['The tribunal can also make recommendations about health and social care needs and provision.'] : []),
      ],
    },
    {
      heading: 'Before you appeal: talk to a mediation adviser',
      paragraphs: [
        // reg 32 (what the notice says), reg 33 (2 months to contact the adviser), reg 34 (certificate in 3 working days).
        `Before you can appeal, you must contact a mediation adviser by ${formatPlainDate(contactBy)}. Tell them you want to appeal, and whether you want mediation.`,
        f.mediation ? `Contact: ${contactLine(f.mediation)}.` : 'Ask us for the mediation adviser’s contact details.',
        'Mediation is a meeting, free to you, with someone independent who helps you and the council try to agree. You do not have to take part in mediation.',
        'The mediation adviser will give you a certificate, which you need in order to appeal. If you decide not to have mediation, they will send it within 3 working days.',
        'If you want mediation, please also tell us, and say what you disagree with. If part of it is about health care, say what health care you think is needed.',
      ],
    },
    {
      heading: 'Other ways to sort out a disagreement',
      paragraphs: ['You can also ask for disagreement resolution: an independent person helps you and the council, the school or health services talk through a disagreement at any time, not only about this decision. It does not affect your right to appeal.'],
    },
    {
      heading: 'Free, independent advice',
      paragraphs: [
        'Your local special educational needs and disabilities information, advice and support service (SENDIASS) gives free, confidential and impartial advice. It is separate from the council.',
        f.sendiass ? `Contact: ${contactLine(f.sendiass)}.` : `Search online for ‘SENDIASS’ and ${f.laName}, or ask us for their details.`,
      ],
    },
    {
      heading: 'Questions',
      paragraphs: [
        [
          `Your caseworker is ${f.caseworker.name}.`,
          f.caseworker.phone ? `You can phone them on ${f.caseworker.phone}.` : null,
          f.caseworker.email ? `You can email them at ${f.caseworker.email}.` : null,
          f.reference ? `Please quote ${f.reference}.` : null,
        ].filter((x): x is string => x !== null).join(' '),
      ],
    },
  );
  return {
    title: f.kind === 'not-to-assess' ? 'Decision on the request for an EHC needs assessment' : 'Decision after the EHC needs assessment',
    date: formatPlainDate(f.decidedOn),
    greeting: `Dear ${f.recipientName}`,
    sections,
    deadlines: [
      { label: 'Last day to contact a mediation adviser (you must do this before you can appeal)', date: formatPlainDate(contactBy) },
      { label: 'Last day to appeal (unless a later mediation certificate gives you longer)', date: formatPlainDate(appealBy) },
    ],
    signOff: ['Yours sincerely', f.caseworker.name, f.laName],
  };
}
