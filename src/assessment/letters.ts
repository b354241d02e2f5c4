// The statutory decision letters (issue 3 §2.3 and §2.7), as pure functions: a decision not to assess (reg 5(3))
// and a decision not to issue a plan (reg 10). Each must give the reasons, the right to appeal and its time limits,
// mediation (reg 32: the need to contact a mediation adviser and get a certificate before appealing), disagreement
// resolution, and where to get free independent advice (statutory-rules.md §1.2, §4.1, §4.2). Plain English: the
// reader is a parent or a young person.
import { formatPlainDate } from '../platform/web/dates.ts';

export interface LetterFacts {
  kind: 'not-to-assess' | 'not-to-issue';
  decidedOn: string;
  childName: string;
  recipientName: string;
  /** The letter is to the young person themselves (over compulsory school age). */
  toYoungPerson: boolean;
  reasons: string;
  laName: string;
  reference: string;
  caseworker: { name: string; email?: string | null };
}

export interface Letter {
  title: string;
  date: string;
  greeting: string;
  sections: { heading: string; paragraphs: string[] }[];
  deadlines: { label: string; date: string }[];
  signOff: string[];
}

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}
const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A date n calendar months later; a day that does not exist in that month becomes its last day (31 Dec + 2 = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysIn(ny, nm)));
}

function weekday(date: string): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * The last day to appeal to the First-tier Tribunal (SEND): 2 months from the decision letter; one ending in August
 * moves to the first working day of September, one ending 25 December–1 January to the next working day in January
 * (statutory-rules.md §4.2, IPSEA; Tribunal Procedure (HESC) Rules 2008). Weekends only are treated as non-working
 * days here: bank holidays in early September or January are not otherwise listed in the rules we hold.
 */
export function appealDeadline(decidedOn: string): string {
  let due = addMonths(decidedOn, 2);
  const [y, m, d] = parts(due);
  if (m === 8) due = iso(y, 9, 1);
  else if (m === 12 && d >= 25) due = iso(y + 1, 1, 2);
  else if (m === 1 && d === 1) due = iso(y, 1, 2);
  else return due;
  while (weekday(due) === 0 || weekday(due) === 6) {
    const [yy, mm, dd] = parts(due);
    due = dd < daysIn(yy, mm) ? iso(yy, mm, dd + 1) : iso(yy, mm + 1, 1);
  }
  return due;
}

/** The decision letter, ready to render as a page or print. Throws if the reasons are missing. */
export function decisionLetter(f: LetterFacts): Letter {
  if (!f.reasons.trim()) throw new Error('A decision letter must give the reasons for the decision (reg 5(3), reg 10(3))');
  const you = f.toYoungPerson ? 'you' : f.childName;
  const your = f.toYoungPerson ? 'your' : `${f.childName}’s`;
  const appealBy = appealDeadline(f.decidedOn);
  const decision =
    f.kind === 'not-to-assess'
      ? `We have decided not to carry out an education, health and care (EHC) needs assessment for ${you}.`
      : `We have finished the education, health and care (EHC) needs assessment for ${you}. We have decided not to issue an EHC plan.`;
  const sections: Letter['sections'] = [
    { heading: 'Our decision', paragraphs: [decision, `We made this decision on ${formatPlainDate(f.decidedOn)}.`] },
    { heading: 'Why we made this decision', paragraphs: f.reasons.trim().split(/\n\s*\n/).map((p) => p.trim()) },
  ];
  if (f.kind === 'not-to-issue') {
    sections.push({
      heading: 'What happens next',
      paragraphs: [
        `${your.charAt(0).toUpperCase()}${your.slice(1)} school or setting should keep giving special educational needs support, and can use what the assessment found. With your agreement, we will share the information from the assessment with them.`,
        'If things change, you can ask for an assessment again.',
      ],
    });
  }
  sections.push(
    {
      heading: 'If you disagree: your right to appeal',
      paragraphs: [
        'You can appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability). It is independent of the council.',
        `You must appeal by ${formatPlainDate(appealBy)} (2 months from the date of this letter), or within 1 month of the date on your mediation certificate, whichever is later.`,
        ...(f.kind === 'not-to-issue' ? ['The tribunal can also make recommendations about health and social care needs and provision.'] : []),
      ],
    },
    {
      heading: 'Before you appeal: talk to a mediation adviser',
      paragraphs: [
        'Before you can appeal, you must contact a mediation adviser. They will explain mediation: a meeting, free to you, with someone independent who helps you and the council try to agree. You do not have to take part in mediation.',
        'The mediation adviser will give you a certificate, which you need in order to appeal. If you decide not to have mediation, they will send it within 3 working days.',
        'If you want mediation, please also tell us, and say what you disagree with.',
      ],
    },
    {
      heading: 'Other ways to sort out a disagreement',
      paragraphs: ['You can also ask for disagreement resolution: an independent person helps you and the council, the school or health services talk through a disagreement at any time, not only about this decision.'],
    },
    {
      heading: 'Free, independent advice',
      paragraphs: ['Your local special educational needs and disabilities information, advice and support service (SENDIASS) gives free, confidential and impartial advice. It is separate from the council.'],
    },
    {
      heading: 'Questions',
      paragraphs: [`Your caseworker is ${f.caseworker.name}.${f.caseworker.email ? ` You can email them at ${f.caseworker.email}.` : ''} Please quote ${f.reference}.`],
    },
  );
  return {
    title: f.kind === 'not-to-assess' ? 'Decision on the request for an EHC needs assessment' : 'Decision after the EHC needs assessment',
    date: formatPlainDate(f.decidedOn),
    greeting: `Dear ${f.recipientName}`,
    sections,
    deadlines: [{ label: 'Last day to appeal (unless a later mediation certificate gives you longer)', date: formatPlainDate(appealBy) }],
    signOff: ['Yours sincerely', f.caseworker.name, f.laName],
  };
}
