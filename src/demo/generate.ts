// A deterministic synthetic local area: the demo seed (about 200 children) and the benchmark (20,000, the
// size of Kent) use the same generator. Pure: the same options give the same rows. Figures are calibrated
// with the DfE's "Education, health and care plans" 2025 release (../shared/dfe-ehcp-statistics-2025).
import { nhsCheckDigit, upnCheckLetter } from '../children/identifiers.ts';
import type { Role } from '../platform/access/actor.ts';
import type { OrganisationKind } from '../platform/db/schema.ts';
import { addDays } from '../platform/plain-date.ts';
import { demoDomain } from './accounts.ts';
import { generateAssessments, type AssessmentRows } from './assessments.ts';
import { prng, uuid } from './random.ts';

/** Primary need of plans in force, England, January 2025 (data/sen_needs_all_plans.csv, 202425 national). */
const needShares: [string, number][] = [
  ['ASD', 201183], ['SLCN', 135836], ['SEMH', 132217], ['MLD', 67861], ['SLD', 25681], ['PD', 24897], ['SPLD', 14374],
  ['HI', 8765], ['PMLD', 8577], ['OTH', 7512], ['VI', 5280], ['MSI', 1692],
];
/** Plans by age, January 2025 (same file, "Child or young persons age"): ages 2 (under 3) to 25. */
const ageShares: [number, number][] = [
  [2, 533], [3, 4302], [4, 22517], [5, 30847], [6, 31867], [7, 34082], [8, 36412], [9, 38381], [10, 41405], [11, 46775],
  [12, 47172], [13, 47359], [14, 47125], [15, 44886], [16, 42005], [17, 36484], [18, 28598], [19, 20815], [20, 14495],
  [21, 9805], [22, 6258], [23, 4030], [24, 2221],
];
/** Sex of children with plans (same file): 451,239 male, 187,502 female. */
const maleShare = 451239 / (451239 + 187502);

const ethnicityShares: [string, number][] = [
  ['WBRI', 66], ['WOTH', 5], ['WIRI', 0.5], ['WROM', 0.7], ['MWBC', 2], ['MWAS', 1.5], ['MWBA', 1], ['MOTH', 2.5], ['AIND', 2], ['APKN', 4],
  ['ABAN', 1.5], ['AOTH', 1.5], ['BAFR', 4], ['BCRB', 1.2], ['BOTH', 0.8], ['CHNE', 0.4], ['OOTH', 2.2], ['REFU', 0.6], ['NOBT', 1.6],
];
const languageShares: [string, number][] = [['English', 86], ['Urdu', 2], ['Polish', 2], ['Punjabi', 1.5], ['Bengali', 1.2], ['Arabic', 1.2], ['Romanian', 1.2], ['Somali', 1], ['Portuguese', 0.8], ['Gujarati', 0.6], ['British Sign Language', 0.5], ['Ukrainian', 1]];

const givenBoys = ['Oliver', 'Harry', 'George', 'Noah', 'Jack', 'Leo', 'Arthur', 'Muhammad', 'Oscar', 'Charlie', 'Jacob', 'Thomas', 'Henry', 'William', 'Alfie', 'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph', 'Edward', 'Samuel', 'Max', 'Logan', 'Lucas', 'Daniel', 'Theo', 'Mohammed', 'Reuben', 'Finley', 'Adam', 'Dylan', 'Riley', 'Zachary', 'Kacper', 'Ibrahim', 'Kai', 'Tyler'];
const givenGirls = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia', 'Grace', 'Freya', 'Willow', 'Florence', 'Emily', 'Ella', 'Poppy', 'Evie', 'Elsie', 'Charlotte', 'Evelyn', 'Sienna', 'Sofia', 'Daisy', 'Phoebe', 'Sophie', 'Alice', 'Harper', 'Matilda', 'Ruby', 'Aisha', 'Zara', 'Maryam', 'Hannah', 'Chloe', 'Maja', 'Amira', 'Layla', 'Erin', 'Jessica'];
const familyNames = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Thomas', 'Clarke', 'Jackson', 'Wood', 'Harris', 'Edwards', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Hughes', 'Moore', 'Clark', 'King', 'Harrison', 'Lewis', 'Baker', 'Lee', 'Allen', 'Morris', 'Khan', 'Scott', 'Watson', 'Davis', 'Parker', 'James', 'Bennett', 'Young', 'Phillips', 'Richardson', 'Mitchell', 'Bailey', 'Carter', 'Cook', 'Singh', 'Shaw', 'Bell', 'Collins', 'Morgan', 'Kelly', 'Begum', 'Miller', 'Cox', 'Hussain', 'Marshall', 'Simpson', 'Price', 'Anderson', 'Adams', 'Wilkinson', 'Ali', 'Ahmed', 'Foster', 'Ellis', 'Murphy', 'Chapman', 'Mason', 'Gray', 'Richards', 'Webb', 'Griffiths', 'Hunt', 'Palmer', 'Campbell', 'Holmes', 'Mills', 'Rogers', 'Barnes', 'Knight', 'Matthews', 'Barker', 'Nowak', 'Kowalski', 'Okafor', 'Mensah', 'Osei', 'Popescu', 'Rahman', 'Chowdhury', 'Akhtar', 'Nguyen'];
const adultNames = ['Sarah', 'Emma', 'Claire', 'Rachel', 'Laura', 'Nicola', 'Gemma', 'Kirsty', 'Hayley', 'Samina', 'Fatima', 'Joanne', 'Kelly', 'Lisa', 'Michelle', 'Anna', 'Agnieszka', 'Mark', 'Paul', 'David', 'James', 'Richard', 'Imran', 'Lee', 'Craig', 'Darren', 'Steven', 'Tomasz', 'Kwame', 'Andrew'];

const whatMatters = [
  'My family, my dog {pet} and going to the park on Saturdays. I like to know what is happening next.',
  'Being with my friends at school and having time on my tablet after tea. Trains, especially steam trains.',
  'Swimming, drawing and my nan. I want people to talk to me, not just to my mum.',
  'Football with my brother, music in my headphones, and knowing the plan for the day before it starts.',
  'Dinosaurs, baking with my dad, and a quiet corner when the classroom gets too loud.',
  'Going to college one day, seeing my cousins, and being allowed to do things for myself.',
];
const likeAdmire = [
  'People say I am kind and funny and that I never give up.',
  'My teachers say I am brilliant with the younger children and always say good morning to everyone.',
  'I am honest, I remember everything about buses, and I make people laugh.',
  'I am creative and I notice things other people miss.',
  'My family says I am loving and determined, and very good at puzzles.',
];
const howToSupport = [
  'Give me a picture timetable and warn me before things change. Use short sentences and give me time to answer.',
  'Let me have movement breaks. Sit me near the front, away from the door. Check I have understood, kindly.',
  'Speak to me clearly and face me so I can see your lips. Write down the important things.',
  'If I go quiet, I am overwhelmed: let me use my calm space and do not ask me lots of questions straight away.',
  'Help me with reading by giving me time and coloured overlays. Praise what I do well.',
  'I need help with eating and personal care; my family can show you how I like things done.',
];
const history = [
  'I was born early and spent three weeks in the neonatal unit. We noticed my speech was late when I was two. The health visitor referred me to speech and language therapy.',
  'I started at {school} in Reception. My teachers noticed I found the classroom very hard, and I was assessed by the educational psychologist in Year 2.',
  'We moved to Joinedshire from another area when I was six. My old school had started support for me, and we had to tell everyone my story again, which is why we want it written down once.',
  'I was diagnosed with autism when I was seven, after a long wait. I have a sensory diet from the occupational therapist.',
  'I had a difficult time at secondary school and was out of school for a term. Now I go to a smaller setting and I am much happier.',
];

export interface GeneratedArea extends AssessmentRows {
  local_area: { la_code: string; name: string }[];
  organisation: { id: string; la_code: string; kind: OrganisationKind; name: string; urn: string | null; ukprn: string | null }[];
  app_user: { id: string; kind: 'staff' | 'family'; email: string; name: string; organisation_id: string | null; roles: Role[] }[];
  child: { id: string; la_code: string; given_name: string; family_name: string; preferred_name: string | null; date_of_birth: string; nhs_number: string | null; upn: string | null; sex: string; ethnicity: string | null; first_language: string | null; looked_after: boolean; child_protection: boolean; primary_need: string }[];
  family_member: { id: string; child_id: string; la_code: string; user_id: string | null; name: string; relationship: string; parental_responsibility: boolean; access_granted_by_parent: boolean; access_granted_by_young_person: boolean; email: string | null; phone: string | null; address: string | null }[];
  team_member: { child_id: string; la_code: string; organisation_id: string; user_id: string | null; role: string; started_on: string; ended_on: string | null }[];
  consent: { child_id: string; la_code: string; given_by_family_member_id: string | null; given_by_name: string; given_by_role: 'parent' | 'young-person'; agencies: string[]; given_on: string; method: string; notes: string | null; withdrawn_on: string | null; withdrawn_reason: string | null }[];
  about_me: { child_id: string; la_code: string; what_matters: string; like_and_admire: string; how_to_support: string; history: string }[];
  timeline_event: { child_id: string; la_code: string; occurred_on: string; kind: string; title: string; detail: string | null }[];
}

export interface GenerateOptions {
  children: number;
  seed?: number;
  /** The date the data is "as of" (ages, recent events); defaults to 2026-11-22 so output is stable. */
  asOf?: string;
}

export function generateArea(opts: GenerateOptions): GeneratedArea {
  const rand = prng(opts.seed ?? 20261122);
  const asOf = opts.asOf ?? '2026-11-22';
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const weighted = <T>(xs: readonly [T, number][]): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = rand() * total;
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return (xs[xs.length - 1] as [T, number])[0];
  };
  const out: GeneratedArea = {
    local_area: [], organisation: [], app_user: [], child: [], family_member: [], team_member: [], consent: [], about_me: [], timeline_event: [],
    assessment: [], advice_request: [], advice_item: [], assessment_exception: [], family_contribution: [], setting_consultation: [], assessment_notice: [],
  };
  const usedNhs = new Set<string>();
  const usedUpn = new Set<string>();
  const usedEmail = new Set<string>();

  const org = (la: string, kind: OrganisationKind, name: string, urn: string | null = null, ukprn: string | null = null) => {
    const o = { id: uuid(rand), la_code: la, kind, name, urn, ukprn };
    out.organisation.push(o);
    return o;
  };
  const staff = (o: { id: string }, name: string, roles: Role[], email?: string) => {
    let e = email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${demoDomain}`;
    for (let i = 2; usedEmail.has(e); i++) e = e.replace(/(\d*)@/, `${i}@`);
    usedEmail.add(e);
    const u = { id: uuid(rand), kind: 'staff' as const, email: e, name, organisation_id: o.id, roles };
    out.app_user.push(u);
    return u;
  };
  const personName = () => `${pick(adultNames)} ${pick(familyNames)}`;

  // Two areas: Joinedshire, and a small neighbour to show one install hosting several.
  out.local_area.push({ la_code: '990', name: 'Joinedshire (demonstration area)' }, { la_code: '991', name: 'Neighbourton (demonstration area)' });
  const sendTeam = org('990', 'send-team', 'Joinedshire Council SEND Team');
  const trust = org('990', 'health-provider', 'Joinedshire Community Health NHS Trust');
  const hospital = org('990', 'health-provider', "Joinedshire Children's Hospital NHS Foundation Trust");
  const icb = org('990', 'icb', 'Joinedshire Integrated Care Board');
  const social = org('990', 'social-care', "Joinedshire Council Children's Social Care");
  const schoolNames: [string, OrganisationKind, string | null, string | null][] = [
    ['Oakfield Primary School', 'school', '990101', null], ['St Mary’s Church of England Primary School', 'school', '990102', null],
    ['Riverside Junior School', 'school', '990103', null], ['Hillcrest Academy', 'school', '990104', null],
    ['Joinedshire High School', 'school', '990105', null], ['Meadowbank School (special)', 'school', '990106', null],
    ['Northgate Academy', 'school', '990107', null], ['Brookside Primary Academy', 'school', '990108', null],
    ['Little Acorns Nursery', 'setting', null, null], ['Joinedshire College', 'setting', null, '10012345'],
  ];
  const schools = schoolNames.map(([n, k, urn, ukprn]) => org('990', k, n, urn, ukprn));
  const nSend = org('991', 'send-team', 'Neighbourton Council SEND Team');
  const nSchool = org('991', 'school', 'Neighbourton Primary School', '991101');

  // Staff of every role. One caseworker per ~120 children, as in a real team.
  const caseworkerCount = Math.max(3, Math.ceil(opts.children / 120));
  const caseworkers = [staff(sendTeam, 'Priya Sharma', ['caseworker'], `caseworker@${demoDomain}`)];
  for (let i = 1; i < caseworkerCount; i++) caseworkers.push(staff(sendTeam, personName(), ['caseworker']));
  const manager = staff(sendTeam, 'Helen Okoro', ['send-manager'], `send-manager@${demoDomain}`);
  const ep = staff(sendTeam, 'Dr Tom Fielding', ['educational-psychologist'], `ep@${demoDomain}`);
  staff(sendTeam, 'Margaret Lowe', ['area-leader'], `area-leader@${demoDomain}`);
  staff(sendTeam, 'Sam Ridley', ['admin'], `admin@${demoDomain}`);
  const health = [staff(trust, 'Aoife Brennan', ['health-professional'], `health@${demoDomain}`), staff(trust, personName(), ['health-professional']), staff(hospital, personName(), ['health-professional'])];
  staff(icb, 'Dr Nadia Rahman', ['designated-clinical-officer'], `dco@${demoDomain}`);
  const socialWorkers = [staff(social, 'Gary Pearson', ['social-worker'], `social-worker@${demoDomain}`), staff(social, personName(), ['social-worker'])];
  staff(social, 'Linda Marsh', ['social-care-manager'], `social-care-manager@${demoDomain}`);
  staff(schools[0] ?? sendTeam, 'Ruth Adeyemi', ['senco'], `senco@${demoDomain}`);
  for (const s of schools.slice(1)) staff(s, personName(), ['senco']);
  const nCase = staff(nSend, personName(), ['caseworker']);
  staff(nSchool, personName(), ['senco']);

  const parentUser = { id: uuid(rand), kind: 'family' as const, email: `parent@${demoDomain}`, name: 'Joanne Walker', organisation_id: null, roles: [] as Role[] };
  const ypUser = { id: uuid(rand), kind: 'family' as const, email: `young-person@${demoDomain}`, name: 'Kai Mensah', organisation_id: null, roles: [] as Role[] };
  out.app_user.push(parentUser, ypUser);

  const specials = new Map<string, 'parent-a' | 'parent-b' | 'young-person'>();
  const asOfYear = Number(asOf.slice(0, 4));
  const neighbourCount = Math.max(2, Math.round(opts.children * 0.05));
  for (let i = 0; i < opts.children + neighbourCount; i++) {
    const inNeighbour = i >= opts.children;
    const la = inNeighbour ? '991' : '990';
    const special = !inNeighbour && i < 3 ? (['parent-a', 'parent-b', 'young-person'] as const)[i] : undefined;
    const male = special === 'young-person' ? true : rand() < maleShare;
    let age = weighted(ageShares);
    if (special === 'parent-a') age = 8;
    if (special === 'parent-b') age = 12;
    if (special === 'young-person') age = 17;
    const dob = addDays(`${asOfYear - age - 1}-${asOf.slice(5)}`, 1 + Math.floor(rand() * 364));
    const familyName = special?.startsWith('parent') ? 'Walker' : special === 'young-person' ? 'Mensah' : pick(familyNames);
    const givenName = special === 'parent-a' ? 'Lily' : special === 'parent-b' ? 'Jacob' : special === 'young-person' ? 'Kai' : pick(male ? givenBoys : givenGirls);
    let nhs: string | null = null;
    if (rand() < 0.9) {
      do {
        const nine = `999${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
        const check = nhsCheckDigit(nine);
        nhs = check === 10 ? null : `${nine}${check}`;
      } while (!nhs || usedNhs.has(nhs));
      usedNhs.add(nhs);
    }
    let upn: string | null = null;
    if (age >= 4 && age <= 18 && rand() < 0.92) {
      do {
        const rest = `${la}${String(2000 + Math.floor(rand() * 100)).padStart(4, '0')}${String((asOfYear - age + 5) % 100).padStart(2, '0')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
        upn = `${upnCheckLetter(rest)}${rest}`;
      } while (usedUpn.has(upn));
      usedUpn.add(upn);
    }
    const child = {
      id: uuid(rand), la_code: la, given_name: givenName, family_name: familyName, preferred_name: rand() < 0.05 ? givenName.slice(0, 3) : null,
      date_of_birth: dob, nhs_number: nhs, upn, sex: male ? 'M' : 'F', ethnicity: rand() < 0.97 ? weighted(ethnicityShares) : null,
      first_language: weighted(languageShares), looked_after: rand() < 0.05, child_protection: rand() < 0.03, primary_need: weighted(needShares),
    };
    out.child.push(child);
    if (special) specials.set(child.id, special);

    // Family.
    const parentName = special?.startsWith('parent') ? parentUser.name : `${pick(adultNames)} ${familyName}`;
    const mother = {
      id: uuid(rand), child_id: child.id, la_code: la, user_id: special?.startsWith('parent') ? parentUser.id : null, name: parentName,
      relationship: special?.startsWith('parent') ? 'mother' : rand() < 0.8 ? 'mother' : 'father', parental_responsibility: true,
      access_granted_by_parent: false, access_granted_by_young_person: special === 'young-person',
      email: rand() < 0.7 ? `${parentName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com` : null, phone: rand() < 0.8 ? `07700 900${String(Math.floor(rand() * 1000)).padStart(3, '0')}` : null, address: null,
    };
    out.family_member.push(mother);
    if (rand() < 0.45) out.family_member.push({ id: uuid(rand), child_id: child.id, la_code: la, user_id: null, name: `${pick(adultNames)} ${familyName}`, relationship: pick(['father', 'step-parent', 'grandparent', 'carer']), parental_responsibility: rand() < 0.6, access_granted_by_parent: false, access_granted_by_young_person: false, email: null, phone: null, address: null });
    if (special === 'young-person') out.family_member.push({ id: uuid(rand), child_id: child.id, la_code: la, user_id: ypUser.id, name: `${givenName} ${familyName}`, relationship: 'self', parental_responsibility: false, access_granted_by_parent: false, access_granted_by_young_person: false, email: ypUser.email, phone: null, address: null });

    // Team around the child.
    const started = addDays(asOf, -Math.floor(60 + rand() * 900));
    const setting = inNeighbour ? (rand() < 0.3 ? (schools[0] ?? nSchool) : nSchool) : age <= 4 ? (schools[8] ?? sendTeam) : age >= 16 ? (schools[9] ?? sendTeam) : pick(schools.slice(0, 8));
    out.team_member.push({ child_id: child.id, la_code: la, organisation_id: setting.id, user_id: null, role: setting.kind === 'school' ? 'SENCO' : 'Setting', started_on: started, ended_on: null });
    const cw = inNeighbour ? nCase : special ? caseworkers[0] : caseworkers[i % caseworkers.length];
    if (cw) out.team_member.push({ child_id: child.id, la_code: la, organisation_id: inNeighbour ? nSend.id : sendTeam.id, user_id: cw.id, role: 'Caseworker', started_on: started, ended_on: null });
    const healthPerson = special ? health[0] : rand() < 0.35 ? pick(health) : undefined;
    if (healthPerson) out.team_member.push({ child_id: child.id, la_code: la, organisation_id: healthPerson.organisation_id ?? trust.id, user_id: healthPerson.id, role: pick(['Speech and language therapist', 'Occupational therapist', 'Community paediatrician', 'Physiotherapist']), started_on: addDays(started, 30), ended_on: null });
    if (rand() < 0.25) out.team_member.push({ child_id: child.id, la_code: la, organisation_id: sendTeam.id, user_id: ep.id, role: 'Educational psychologist', started_on: addDays(started, 60), ended_on: rand() < 0.5 ? addDays(started, 200) : null });
    if (child.looked_after || child.child_protection || rand() < 0.08) {
      out.team_member.push({ child_id: child.id, la_code: la, organisation_id: social.id, user_id: pick(socialWorkers).id, role: 'Social worker', started_on: addDays(started, 10), ended_on: null });
      // The social care service itself is in the team too, so its manager can read and agree sections D and H.
      out.team_member.push({ child_id: child.id, la_code: la, organisation_id: social.id, user_id: null, role: 'Children’s social care', started_on: addDays(started, 10), ended_on: null });
    }

    // Consent: most families agree to share with everyone; some with some agencies; ~10% not yet.
    const r = rand();
    if (r > 0.1 || special) {
      const agencies = special || r > 0.4 ? ['education', 'health', 'social-care'] : r > 0.25 ? ['education', 'health'] : ['education'];
      const givenOn = addDays(started, 5);
      const ypGives = special === 'young-person';
      out.consent.push({ child_id: child.id, la_code: la, given_by_family_member_id: ypGives ? null : mother.id, given_by_name: ypGives ? `${givenName} ${familyName}` : mother.name, given_by_role: ypGives ? 'young-person' : 'parent', agencies, given_on: givenOn, method: pick(['written', 'online', 'email']), notes: null, withdrawn_on: null, withdrawn_reason: null });
      if (!special && rand() < 0.03) {
        const c = out.consent[out.consent.length - 1];
        if (c) Object.assign(c, { withdrawn_on: addDays(givenOn, 120), withdrawn_reason: 'The family asked to stop sharing while they consider a move.' });
      }
    }

    // About me, in the family's voice.
    if (rand() < 0.85 || special) {
      const school = setting.name;
      out.about_me.push({
        child_id: child.id, la_code: la,
        what_matters: pick(whatMatters).replace('{pet}', pick(['Biscuit', 'Luna', 'Max', 'Pepper'])),
        like_and_admire: pick(likeAdmire), how_to_support: pick(howToSupport), history: pick(history).replace('{school}', school),
      });
    }

    // Timeline.
    out.timeline_event.push({ child_id: child.id, la_code: la, occurred_on: addDays(started, -10), kind: 'record', title: 'Record created', detail: null });
    out.timeline_event.push({ child_id: child.id, la_code: la, occurred_on: started, kind: 'team', title: `${setting.name} joined the team around the child`, detail: null });
    if (rand() < 0.6) out.timeline_event.push({ child_id: child.id, la_code: la, occurred_on: addDays(started, 20), kind: 'request', title: 'Request for an EHC needs assessment received', detail: `Primary need noted: ${child.primary_need}` });
    if (rand() < 0.4) out.timeline_event.push({ child_id: child.id, la_code: la, occurred_on: addDays(started, 70), kind: 'advice', title: 'Health advice received', detail: 'From the community paediatrician' });
    if (rand() < 0.3) out.timeline_event.push({ child_id: child.id, la_code: la, occurred_on: addDays(started, 140), kind: 'plan', title: 'Final EHC plan issued', detail: null });
  }

  // EHC needs assessments for about a third of the home area's children (src/demo/assessments.ts), with more
  // educational psychologists in a larger area. Made after everything else, so the rows above do not change.
  const eps = [ep, staff(sendTeam, 'Dr Amara Osei', ['educational-psychologist']), staff(sendTeam, 'Dr Ben Holloway', ['educational-psychologist'])];
  for (let i = eps.length; i < Math.ceil(opts.children / 2000); i++) eps.push(staff(sendTeam, `Dr ${personName()}`, ['educational-psychologist']));
  Object.assign(
    out,
    generateAssessments({
      asOf, seed: opts.seed ?? 20261122, laCode: '990', children: out.child, family_member: out.family_member, team_member: out.team_member, timeline_event: out.timeline_event,
      organisations: out.organisation, users: out.app_user, demoCaseworker: caseworkers[0] ?? manager, caseworkers, manager, eps, trust, hospital, health, icb, social, socialWorkers,
      college: schools[9] ?? sendTeam, specialSchool: schools[5] ?? sendTeam, specials,
    }),
  );
  // The local offer's workflow (src/demo/localoffer-workflow.ts): a provider of services whose listing editor edits its
  // listings, and the council's local offer officer. Last, so nothing generated before them changes.
  const provider = org('990', 'provider', 'Little Stars Family Support CIC');
  staff(provider, 'Priya Shah', ['listing-editor'], `provider@${demoDomain}`);
  staff(sendTeam, 'Sam Adeyemi', ['local-offer-officer'], `local-offer@${demoDomain}`);
  return out;
}
