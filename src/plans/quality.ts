// Plan quality checks while the plan is written (issue 4 §3). Pure functions: text in, findings and a score out.
// Section F: special educational provision "must be detailed and specific and should normally be quantified, for
// example, in terms of the type, hours and frequency of support and level of expertise" (SEND Code of Practice 9.69).
// Section E: an outcome is personal, "not expressed from a service perspective", and SMART (CoP 9.66); Ofsted on
// Halton quoted "Child Y will no longer need the services of the physiotherapist" as an outcome that is generic and
// about a service. Wording: every section should be readable by the family, so jargon and unexplained abbreviations
// are flagged (the list is jargon.ts) and each section shows a Flesch reading-ease score.
//
// Every finding has a stable code, so other tools and the UI can rely on it, and a plain-English message that says
// how to fix it. Scores are 100 minus the weights of the findings (below), never below 0.
import { jargonList } from './jargon.ts';
import { fleschFromStatistics, textStatistics, type TextStatistics } from './readability.ts';

export const findingCodes = [
  'provision.vague-term',
  'provision.no-frequency',
  'provision.no-duration',
  'provision.no-provider',
  'outcome.no-timeframe',
  'outcome.not-observable',
  'outcome.service-centred',
  'wording.jargon',
  'wording.abbreviation',
  'wording.hard-to-read',
] as const;
export type FindingCode = (typeof findingCodes)[number];
export type Finding = { code: FindingCode; message: string };
export type Check = { findings: Finding[]; score: number };

export const planSections = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;
export type PlanSection = (typeof planSections)[number];
export type ItemCheck = { text: string; findings: Finding[]; score: number };
export type SectionCheck = { score: number; readingEase: number | null; items: ItemCheck[]; reasons: string[] };

/**
 * What each finding costs out of 100. An item's score is 100 minus the sum over its findings (each vague term and
 * each jargon word counts once), floored at 0. The weights put the legal tests first: provision that does not say
 * how often, or outcomes about a service, matter more than one piece of jargon.
 */
export const weights: Record<FindingCode, number> = {
  'provision.vague-term': 20,
  'provision.no-frequency': 25,
  'provision.no-duration': 15,
  'provision.no-provider': 15,
  'outcome.service-centred': 40,
  'outcome.no-timeframe': 30,
  'outcome.not-observable': 30,
  'wording.jargon': 5,
  'wording.abbreviation': 5,
  'wording.hard-to-read': 10,
};

/** Flesch reading ease below this is flagged: "difficult" on Flesch's scale (50–60 is "fairly difficult", 60–70 plain English). */
export const readingEaseThreshold = 50;
/** Texts shorter than this get no reading-ease score: one short phrase swings the formula too far. */
export const minWordsForReadingEase = 10;

const score = (findings: readonly Finding[], penalty = 0) => Math.max(0, 100 - penalty - findings.reduce((n, f) => n + weights[f.code], 0));
const quote = (s: string) => `“${s.charAt(0).toUpperCase()}${s.slice(1)}”`;
const numberWord = String.raw`(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:-five)?|sixty|ninety)`;
const period = String.raw`(?:day|school day|morning|afternoon|lunchtime|week|fortnight|month|term|half[- ]term|year)`;
const weekday = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?`;

// ---------------------------------------------------------------------------------------------------------------
// Wording (any section)

function isExplainedJargon(text: string, end: number): boolean {
  return /^\s*(?:\(|[-–—]\s|,\s*(?:which|that)\s+means\b|:\s)/i.test(text.slice(end));
}

// Capitals that families know, or that are not abbreviations at all.
const knownCapitals = new Set(['NHS', 'GP', 'GCSE', 'UK', 'PE', 'TV', 'OK', 'ICT', 'IT', 'BTEC', 'AM', 'PM', 'DVD', 'BBC', 'I']);

/** Jargon, unexplained abbreviations and hard-to-read text, in any section (A–K). */
export function checkWording(text: string): Finding[] {
  const findings: Finding[] = [];
  const lower = text.toLowerCase();
  const seen = new Set<string>();
  for (const entry of jargonList) {
    const m = entry.pattern.exec(text);
    if (!m) continue;
    const found = m[0];
    if (entry.kind === 'abbreviation') {
      if (entry.expansions.some((e) => lower.includes(e))) continue;
      seen.add(found.replace(/s$/, ''));
      findings.push({ code: 'wording.abbreviation', message: `${quote(found)} is an abbreviation that families may not know. Write it out: ${entry.plain}. If you need the short form later, give it once in brackets, for example “${entry.plain.replace(/ \(.*$/, '')} (${entry.term})”.` });
    } else {
      if (isExplainedJargon(text, m.index + found.length)) continue;
      findings.push({ code: 'wording.jargon', message: `${quote(found)} is jargon. Say what it means in everyday words, for example “${entry.plain}”.` });
    }
  }
  // Abbreviations not on the list: two to six capitals, unless spelt out in brackets next to them ("… (ABC)" or "ABC (…").
  for (const m of text.matchAll(/(?<![\w:])([A-Z]{2,6})s?(?![\w:])/g)) {
    const abbr = m[1] ?? '';
    if (seen.has(abbr) || knownCapitals.has(abbr) || jargonList.some((e) => e.term === abbr)) continue;
    seen.add(abbr);
    if (text.includes(`(${abbr})`) || new RegExp(`\\b${abbr}s?\\s*\\(`).test(text)) continue;
    findings.push({ code: 'wording.abbreviation', message: `${quote(abbr)} looks like an abbreviation. Write it out in full, and if you need the short form later, give it once in brackets after the full words.` });
  }
  const stats = textStatistics(text);
  const ease = stats.words >= minWordsForReadingEase ? fleschFromStatistics(stats) : null;
  if (ease !== null && ease < readingEaseThreshold) {
    findings.push({ code: 'wording.hard-to-read', message: `This is hard to read (reading ease ${ease} out of 100; below ${readingEaseThreshold} is hard for many parents and young people). Use shorter sentences and everyday words.` });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// Provision (section F)

type Vague = { pattern: RegExp; message: (found: string) => string };
const optional = (found: string) => `${quote(found)} makes the provision optional, so it may not happen. Say what will be provided, using “will”.`;
const vagueTerms: readonly Vague[] = [
  { pattern: /\bregular(?:ly)?\b|\bperiodic(?:ally)?\b|\bfrequent(?:ly)?\b|\boccasional(?:ly)?\b|\bsometimes\b|\bat times\b/i, message: (f) => `${quote(f)} does not say how often. Say how often and for how long: for example, 3 times a week for 20 minutes.` },
  { pattern: /\b(?:have |has |having |with |given |provide )?access to\b|\bwill access\b/i, message: (f) => `${quote(f)} does not say what the child will actually get. Say what will be provided, by whom, how often and for how long.` },
  { pattern: /\b(?:as|when|if|where) (?:required|needed|necessary|appropriate)\b|\bas and when\b/i, message: (f) => `${quote(f)} leaves it to someone to decide later whether it happens. Say exactly what will be provided and how often.` },
  { pattern: /\b(?:opportunit(?:y|ies)|chances?) to\b/i, message: (f) => `${quote(f)} does not promise anything. Say what will be provided: for example, a group of 4 pupils led by a teaching assistant, 3 times a week for 30 minutes.` },
  { pattern: /\b(?:if|where|when) possible\b|\b(?:when|if) available\b|\bsubject to availability\b|\bresources permitting\b/i, message: (f) => `${quote(f)} makes the provision depend on whether staff or money are free. Say what will be provided, whatever the pressures.` },
  { pattern: /\bup to\b(?!\s+\d+\s+(?:other\s+)?(?:pupils|children|students|peers|learners|young people|others)\b)/i, message: (f) => `${quote(f)} sets a ceiling, not an amount: it could mean none. Say how much the child will get.` },
  { pattern: /\bsome\b|\bseveral\b|\ba few\b|\ba range of\b|\bvarious\b/i, message: (f) => `${quote(f)} is not an amount. Say how much: for example, 2 hours a week, or 3 sessions of 30 minutes.` },
  { pattern: /\bongoing\b/i, message: (f) => `${quote(f)} does not say how often or until when. Say how often and for how long: for example, weekly for the autumn term.` },
  { pattern: /\b(?:may|might|could|should)\b(?!\s+\d{4})/, message: optional },
  { pattern: /^(?:May|Might|Could|Should)\b(?!\s+\d{4})/, message: optional },
  { pattern: /\b(?:will be |to be )?encouraged to\b|\bwould benefit from\b|\bconsider(?:ation)?\b/i, message: (f) => `${quote(f)} is advice, not provision. Say what will be done for the child.` },
];

const frequencyPatterns: readonly RegExp[] = [
  /\b(?:daily|weekly|fortnightly|monthly|termly|half-termly|annually|yearly|twice|once|thrice)\b/i,
  new RegExp(String.raw`\b${numberWord}\s+times\b`, 'i'),
  new RegExp(String.raw`\b(?:a|an|per|each|every)\s+${period}\b`, 'i'),
  new RegExp(String.raw`\b(?:each|every|on)\s+${weekday}\b|\b${weekday}\s+and\s+${weekday}\b`, 'i'),
  new RegExp(String.raw`\bevery\s+${numberWord}\s+(?:days|weeks|months|terms)\b`, 'i'),
  /\b(?:each|every|all)\s+(?:lessons?|mornings?|afternoons?|break ?times?|lunch ?times?|transitions?)\b/i,
];
const continuousPatterns: readonly RegExp[] = [
  /\bthroughout the (?:school )?day\b|\bfull[- ]time\b|\ball day\b|\bthe whole (?:school )?day\b|\bat all times\b|\bin (?:all|every) (?:lessons?|classes)\b/i,
];
const durationPatterns: readonly RegExp[] = [
  new RegExp(String.raw`\b${numberWord}(?:\s*(?:-|–|to)\s*${numberWord})?[\s-]*(?:minutes?|mins?|hours?|hrs?|sessions?|lessons?|periods?|weeks?|terms?|days?|blocks?|visits?)\b`, 'i'),
  /\b(?:half an?|an|a quarter of an?)\s+hour\b/i,
];
const providerPattern = new RegExp(
  String.raw`\b(?:teacher|assistant|therapist|psychologist|co-?ordinator|SENCO|nurse|counsellor|mentor|key ?worker|tutor|practitioner|specialist|lecturer|coach|interpreter|intervenor|communicator|worker|instructor|staff|adults?|physiotherapist|audiologist|dietitian|paediatrician|doctor|consultant|officer|technician|carer|personal assistant|volunteer|buddy|peer mentor)s?\b`,
  'i',
);
const providerAbbreviation = /(?<!\w)(?:TA|HLTA|LSA|ELSA|SALT|SLT|OT|EP|QTVI|QTOD|SENCo)s?(?!\w)/;
// Equipment and adaptations are specific without a frequency or a person: "a height-adjustable desk".
const equipmentPattern = /\b(?:equipment|laptop|tablet|ipad|computer|software|radio aid|hearing aids?|desk|chair|seating|writing slope|cushion|ear defenders|hoist|standing frame|wheelchair|walking frame|workstation|pencil grips?|overlays?|communication aid|ramp|handrail|changing bed)\b/i;

function anyMatch(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}

function vagueFindings(text: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const v of vagueTerms) {
    const m = v.pattern.exec(text);
    if (!m) continue;
    const found = m[0].trim();
    if (seen.has(found.toLowerCase())) continue;
    seen.add(found.toLowerCase());
    out.push({ code: 'provision.vague-term', message: v.message(found) });
  }
  return out;
}

/** Section F: one provision item is specific and quantified: what, how often, how long or how much, and who. */
export function checkProvision(text: string): Check {
  const t = text.trim();
  const findings: Finding[] = vagueFindings(t);
  const continuous = anyMatch(continuousPatterns, t);
  const equipment = equipmentPattern.test(t);
  if (!equipment) {
    if (!continuous && !anyMatch(frequencyPatterns, t)) {
      findings.push({ code: 'provision.no-frequency', message: 'Say how often: for example, daily, 3 times a week, or once a fortnight.' });
    }
    if (!continuous && !anyMatch(durationPatterns, t)) {
      findings.push({ code: 'provision.no-duration', message: 'Say for how long or how much: for example, 20 minutes a session, 5 hours a week, or for 10 weeks.' });
    }
    if (!providerPattern.test(t) && !providerAbbreviation.test(t)) {
      findings.push({ code: 'provision.no-provider', message: 'Say who will provide it and their level of expertise: for example, a speech and language therapist, or a teaching assistant trained by one.' });
    }
  }
  findings.push(...checkWording(t));
  return { findings, score: score(findings) };
}

// ---------------------------------------------------------------------------------------------------------------
// Outcomes (section E)

const month = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)`;
const timeframePatterns: readonly RegExp[] = [
  /\b(?:by|before|at|until) the end of\b/i,
  new RegExp(String.raw`\b(?:by|before|in|from)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?${month}(?:\s+\d{4})?\b`, 'i'),
  /\b(?:by|before|in)\s+(?:the\s+)?(?:spring|summer|autumn|christmas|easter|october half[- ]term|february half[- ]term|half[- ]term)(?:\s+term)?(?:\s+\d{4})?\b/i,
  /\b(?:by|before)\s+(?:year|reception|nursery|key stage|ks)\s*\d*\b/i,
  new RegExp(String.raw`\b(?:within|in|over)\s+(?:the\s+next\s+)?(?:${numberWord}|a|an|one)\s+(?:school\s+)?(?:days?|weeks?|months?|years?|terms?)\b`, 'i'),
  /\bby\s+(?:the\s+)?age\s+(?:of\s+)?\d+\b|\bby\s+(?:his|her|their|my)\s+\w+\s+birthday\b|\bbefore\s+(?:he|she|they|i)\s+(?:is|are|am|turns?)\s+\d+\b/i,
  /\bby\s+(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}(?:-\d{2}-\d{2})?)\b/i,
  /\b(?:by the time|before|when)\s+(?:he|she|they|i|\w+)\s+(?:leaves?|starts?|moves?|transfers?|finish(?:es)?|goes)\b/i,
  /\b(?:by|at)\s+(?:the\s+|(?:his|her|their|my)\s+)?(?:next\s+)?annual review\b|\bthis academic year\b|\bthis (?:school )?year\b|\bnext (?:school |academic )?year\b/i,
];

// Verbs that describe something another person could see or hear the child do.
const observableVerbs = new Set(
  ('say tell ask answer name read write spell count add subtract multiply divide use travel walk run dress undress eat drink feed wash brush make ' +
    'choose request point sign follow complete share sit stay join play greet cook buy pay catch throw kick ride climb swim type copy describe ' +
    'explain identify recognise label sort match solve list show put get prepare attend work plan organise find cross go move stand hold cut draw ' +
    'take give wait listen communicate retell recall calculate measure send email phone call order apply speak talk sing jump hop ' +
    'balance toilet respond return manage leave arrive finish start open close carry pack tidy shop budget save cycle drive navigate record ' +
    'check look practise reply present lead help invite introduce comment pass achieve gain enter sleep settle do visit volunteer')
    .split(' '),
);
// Verbs that describe a state of mind or a vague change, not something anyone could see.
const vagueVerbs = new Set(
  ('improve develop understand know feel enjoy engage learn progress increase benefit experience grow extend enhance consolidate be have become ' +
    'need require continue maintain achieve reach transfer generalise gain build appreciate recognise accept cope')
    .split(' '),
);
// Words between "will" and the verb that do not change it.
const skippable = new Set('now then also independently consistently confidently reliably safely successfully regularly begin start learn continue more further increasingly routinely always'.split(' '));

type VerbUse = { verb: string; next: string };
/** The main verbs of the outcome: what follows "will", "can" or "be able to" (skipping adverbs and "begin to"). */
function mainVerbs(text: string): VerbUse[] {
  const out: VerbUse[] = [];
  const tokens = text.toLowerCase().match(/[a-z’']+|\d+/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    let j: number;
    if (tok === 'will' || tok === 'can' || tok === 'shall') j = i + 1;
    else if (tok === 'able' && tokens[i + 1] === 'to') j = i + 2;
    else continue;
    while (j < tokens.length) {
      const w = tokens[j] ?? '';
      if (w === 'to') j++;
      else if (skippable.has(w) && tokens[j + 1] !== undefined && (tokens[j + 1] === 'to' || skippable.has(tokens[j + 1] ?? '') || observableVerbs.has(tokens[j + 1] ?? '') || vagueVerbs.has(tokens[j + 1] ?? ''))) j++;
      else break;
    }
    const verb = tokens[j];
    if (verb === undefined) continue;
    if (verb === 'be' && tokens[j + 1] === 'able') continue; // "will be able to X": X is found when we reach "able to"
    out.push({ verb, next: tokens[j + 1] ?? '' });
  }
  return out;
}

const qualificationWords = /\b(?:grade|gcse|qualification|level|certificate|award|exam|test|badge|medal|accreditation)s?\b/i;

// "will have made two friends": the participle carries the meaning.
const participles: Record<string, string> = { made: 'make', written: 'write', read: 'read', said: 'say', told: 'tell', done: 'do', taken: 'take', given: 'give', spoken: 'speak', ridden: 'ride', gone: 'go', got: 'get', sat: 'sit', bought: 'buy', paid: 'pay', caught: 'catch', thrown: 'throw', drawn: 'draw', chosen: 'choose', found: 'find', held: 'hold', left: 'leave' };
function participleVerb(word: string): string | undefined {
  if (participles[word]) return participles[word];
  for (const stem of [word.slice(0, -2), word.slice(0, -1), word.slice(0, -3)]) if (word.endsWith('ed') && observableVerbs.has(stem)) return stem;
  return undefined;
}

function isObservable(text: string): boolean {
  const verbs = mainVerbs(text).map(({ verb, next }) => (verb === 'have' ? { verb: participleVerb(next) ?? verb, next } : { verb, next }));
  return verbs.some(({ verb }) => {
    if (verb === 'achieve' || verb === 'gain' || verb === 'pass') return qualificationWords.test(text);
    if (verb === 'recognise') return !/\brecognise (?:that|when|how|his|her|their|the need)\b/i.test(text);
    return observableVerbs.has(verb) && !vagueVerbs.has(verb);
  });
}

type ServicePattern = { pattern: RegExp; what: string };
const servicePatterns: readonly ServicePattern[] = [
  {
    pattern: /\b(?:no longer|not) (?:need|needs|require|requires)\b(?:\s+[\w’'-]+){0,4}?\s+(?:services?|therapy|therapist|physiotherap\w*|support|input|provision|involvement|intervention|treatment|clinic|team|specialist|plan)\b/i,
    what: 'a service ending',
  },
  { pattern: /\bservices? of\b/i, what: 'a service' },
  { pattern: /\b(?:be|being|been) discharged\b|\bdischarged from\b/i, what: 'a service ending' },
  { pattern: /\bwill (?:continue to )?(?:access|receive|be given|be provided with|be offered|be referred|be seen by|be supported|have access)\b/i, what: 'what adults will do' },
];

/** Section E: one outcome is SMART and about the child: by when, what the child will be able to do, not a service. */
export function checkOutcome(text: string): Check {
  const t = text.trim();
  const findings: Finding[] = [];
  const service = servicePatterns.map((s) => ({ s, m: s.pattern.exec(t) })).find((x) => x.m !== null);
  if (service?.m) {
    findings.push({
      code: 'outcome.service-centred',
      message: `${quote(service.m[0].trim())} describes ${service.s.what}, not what the child will be able to do. Outcomes are about the child: for example, “By July 2027, Sam will walk up and down the school stairs on his own.”`,
    });
  }
  if (!anyMatch(timeframePatterns, t)) {
    findings.push({ code: 'outcome.no-timeframe', message: 'Say by when: for example, by July 2027, by the end of Year 6, or within 12 months.' });
  }
  if (!isObservable(t)) {
    findings.push({ code: 'outcome.not-observable', message: 'Say what the child will be able to do that others can see or hear, and how well: for example, “will be able to ask for help using 3-word sentences”, not “will improve” or “will understand”.' });
  }
  findings.push(...checkWording(t));
  return { findings, score: score(findings) };
}

// ---------------------------------------------------------------------------------------------------------------
// A section

const labels: Record<FindingCode, string> = {
  'provision.vague-term': 'Vague words instead of an amount',
  'provision.no-frequency': 'Not saying how often',
  'provision.no-duration': 'Not saying for how long or how much',
  'provision.no-provider': 'Not saying who will provide it',
  'outcome.service-centred': 'About a service, not the child',
  'outcome.no-timeframe': 'No time frame (by when)',
  'outcome.not-observable': 'Nothing that anyone could see or hear the child do',
  'wording.jargon': 'Jargon',
  'wording.abbreviation': 'Abbreviations not written out',
  'wording.hard-to-read': 'Hard to read',
};

/** One item of any section: the outcome checks in E, the provision checks in F, the wording checks elsewhere. */
export function checkItem(section: PlanSection, text: string): Check {
  if (section === 'E') return checkOutcome(text);
  // Health and social care provision (G, H1, H2) must be as specific as educational provision: same checks as F.
  if (section === 'F' || section === 'G' || section === 'H1' || section === 'H2') return checkProvision(text);
  const findings = checkWording(text);
  return { findings, score: score(findings) };
}

/**
 * Checks every item of one section: outcomes in E, provision in F, wording everywhere. The section's score is the
 * mean of its items' scores, less 10 when the section as a whole is hard to read and no item was already marked
 * down for it; `reasons` says what took points off, most costly first. `readingEase` is Flesch reading ease of the
 * whole section (each item read as at least one sentence), or null when it has fewer than 10 words.
 */
export function checkSection(section: PlanSection, items: string[]): SectionCheck {
  const checked: ItemCheck[] = items.map((text) => ({ text, ...checkItem(section, text) }));
  const stats = items.reduce<TextStatistics>((acc, text) => {
    const s = textStatistics(text);
    return { sentences: acc.sentences + s.sentences, words: acc.words + s.words, syllables: acc.syllables + s.syllables };
  }, { sentences: 0, words: 0, syllables: 0 });
  const readingEase = stats.words >= minWordsForReadingEase ? fleschFromStatistics(stats) : null;
  if (checked.length === 0) return { score: 100, readingEase, items: [], reasons: ['Nothing to check: the section is empty.'] };

  const n = checked.length;
  const counts = new Map<FindingCode, number>();
  for (const item of checked) for (const code of new Set(item.findings.map((f) => f.code))) counts.set(code, (counts.get(code) ?? 0) + 1);
  const reasons = [...counts.entries()]
    .sort(([a], [b]) => weights[b] - weights[a] || findingCodes.indexOf(a) - findingCodes.indexOf(b))
    .map(([code, k]) => `${labels[code]} in ${k} of ${n} ${n === 1 ? 'item' : 'items'}.`);
  let penalty = 0;
  if (readingEase !== null && readingEase < readingEaseThreshold && !counts.has('wording.hard-to-read')) {
    penalty = weights['wording.hard-to-read'];
    reasons.push(`The section is hard to read (reading ease ${readingEase} out of 100; aim for ${readingEaseThreshold} or more). Use shorter sentences and everyday words.`);
  }
  const mean = checked.reduce((sum, i) => sum + i.score, 0) / n;
  return { score: Math.max(0, Math.round(mean) - penalty), readingEase, items: checked, reasons };
}
