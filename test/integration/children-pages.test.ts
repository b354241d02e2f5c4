// The child's record through its pages, as people use it: a caseworker finds and creates records, a family
// tells their story once and sees who has looked, a professional without consent gives a reason to see it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { nhsCheckDigit, upnCheckLetter } from '../../src/children/identifiers.ts';
import { nestBrackets } from '../../src/platform/web/validation.ts';
import { attachmentHeader, cleanFilename } from '../../src/children/document-routes.ts';
import { engines, startTestApp, type TestApp } from '../support/app.ts';
import { addToTeam, buildArea, buildChild, buildFamilyUser, buildOrganisation, buildStaff, giveConsent, linkFamily, signIn } from '../support/factories.ts';

/** A valid NHS number made from a seed. */
function nhsNumber(seed: number): string {
  for (let i = seed; ; i++) {
    const nine = String(400000000 + i).padStart(9, '0');
    const check = nhsCheckDigit(nine);
    if (check !== 10) return `${nine}${check}`;
  }
}

/** A valid permanent UPN made from a seed. */
function upn(seed: number): string {
  const rest = String(88620012412 + seed).padStart(11, '0') + String(seed % 10);
  return upnCheckLetter(rest) + rest;
}

const spaced = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;

type Session = { cookie: string; csrf: string };

function multipart(fields: Record<string, string>, file?: { filename: string; type: string; content: Buffer }) {
  const boundary = `----joinedup${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.content);
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const pdf = (size = 2000) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')]);

describe('form and download helpers', () => {
  test('nestBrackets turns date input keys into objects and ignores prototype keys', () => {
    const out = nestBrackets({ 'dateOfBirth[day]': '4', 'dateOfBirth[month]': '5', 'dateOfBirth[year]': '2016', q: 'x', '__proto__[polluted]': 'yes', 'a[constructor]': 'no' });
    assert.deepEqual(out, { dateOfBirth: { day: '4', month: '5', year: '2016' }, q: 'x' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('download names are safe in a header and keep the original name for modern browsers', () => {
    assert.equal(attachmentHeader('Ré"port;1.pdf'), `attachment; filename="R__port_1.pdf"; filename*=UTF-8''R%C3%A9%22port%3B1.pdf`);
    assert.equal(cleanFilename('C:\\Users\\me\\scan\u0000.pdf'), 'scan.pdf');
  });
});

for (const engine of engines()) {
  describe(`children pages on ${engine}`, () => {
    let t: TestApp;
    let caseworker: Session;
    let otherAreaCaseworker: Session;
    let senco: Session;
    let health: Session;
    let areaLeader: Session;
    let parent: Session;
    let caseworkerName: string;
    const alice = { id: '', nhs: nhsNumber(1), upn: upn(1) };
    const bobby = { id: '', nhs: nhsNumber(50) };
    const charlie = { id: '' };

    const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
    const post = (url: string, s: Session, form: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      body.append('_csrf', s.csrf);
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    };
    const upload = (url: string, s: Session, fields: Record<string, string>, file?: { filename: string; type: string; content: Buffer }, extraHeaders: Record<string, string> = {}) => {
      const m = multipart({ _csrf: s.csrf, ...fields }, file);
      return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, ...m.headers, ...extraHeaders }, payload: m.payload });
    };

    before(async () => {
      t = await startTestApp(engine, { uploadMaxBytes: 1024 * 1024 });
      const db = t.conn.db;
      await buildArea(db, '990', 'Joinedshire');
      await buildArea(db, '991', 'Neighbourton');
      const sendTeam = await buildOrganisation(db, { kind: 'send-team', laCode: '990', name: 'Joinedshire SEND team' });
      const otherSendTeam = await buildOrganisation(db, { kind: 'send-team', laCode: '991', name: 'Neighbourton SEND team' });
      const school = await buildOrganisation(db, { kind: 'school', laCode: '990', name: 'Oak Primary School' });
      const clinic = await buildOrganisation(db, { kind: 'health-provider', laCode: '990', name: 'Joinedshire Children’s Therapies' });

      const cw = await buildStaff(db, { organisationId: sendTeam.id, roles: ['caseworker'], name: 'Casey Worker' });
      caseworkerName = cw.name;
      const cw2 = await buildStaff(db, { organisationId: otherSendTeam.id, roles: ['caseworker'], name: 'Other Caseworker' });
      const sc = await buildStaff(db, { organisationId: school.id, roles: ['senco'], name: 'Sam Senco' });
      const hp = await buildStaff(db, { organisationId: clinic.id, roles: ['health-professional'], name: 'Hana Therapist' });
      const al = await buildStaff(db, { organisationId: sendTeam.id, roles: ['area-leader'], name: 'Avery Leader' });
      const mum = await buildFamilyUser(db, { name: 'Mary Smith' });

      const a = await buildChild(db, { givenName: 'Alice', familyName: 'Smith', dateOfBirth: '2015-03-27', nhsNumber: alice.nhs, upn: alice.upn, laCode: '990' });
      alice.id = a.id;
      await addToTeam(db, a.id, { organisationId: sendTeam.id, userId: cw.id, role: 'Caseworker' });
      await addToTeam(db, a.id, { organisationId: school.id, role: 'SENCO' });
      await giveConsent(db, a.id, { agencies: ['education'] });
      await linkFamily(db, a.id, mum.id, { relationship: 'mother', parentalResponsibility: true, name: 'Mary Smith' });

      const b = await buildChild(db, { givenName: 'Bobby', familyName: 'Jones', dateOfBirth: '2014-06-01', nhsNumber: bobby.nhs, laCode: '991' });
      bobby.id = b.id;

      const c = await buildChild(db, { givenName: 'Charlie', familyName: 'Brown', dateOfBirth: '2017-01-15', laCode: '990' });
      charlie.id = c.id;
      await addToTeam(db, c.id, { organisationId: clinic.id, userId: hp.id, role: 'Speech and language therapist' });

      caseworker = await signIn(t.app, cw.email);
      otherAreaCaseworker = await signIn(t.app, cw2.email);
      senco = await signIn(t.app, sc.email);
      health = await signIn(t.app, hp.email);
      areaLeader = await signIn(t.app, al.email);
      parent = await signIn(t.app, mum.email);
    });
    after(() => t.close());

    test('home: not signed in goes to sign in', async () => {
      const res = await get('/');
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/sign-in/);
    });

    test('home lists my children, with consent needed where the family has not agreed', async () => {
      const res = await get('/', caseworker);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1[^>]*>My children<\/h1>/);
      assert.match(res.body, new RegExp(`href="/children/${alice.id}">Alice Smith</a>`));
      assert.ok(res.body.includes(spaced(alice.nhs)), 'NHS number shown as 3-3-4');
      assert.ok(res.body.includes('Create a child record'));

      const hp = await get('/', health);
      assert.equal(hp.statusCode, 200);
      assert.ok(hp.body.includes('Charlie Brown'));
      assert.ok(hp.body.includes('Consent needed'));
      assert.ok(hp.body.includes(`/children/${charlie.id}/override`));
      assert.ok(!hp.body.includes(`href="/children/${charlie.id}"`), 'no link to a record they cannot open');
      assert.ok(!hp.body.includes('Create a child record'));

      const leader = await get('/', areaLeader);
      assert.equal(leader.statusCode, 200);
      assert.ok(leader.body.includes('Your role does not include children’s records'));
    });

    test('search finds a child by a misspelt name, NHS number and UPN, and never shows a child they may not see', async () => {
      const typo = await get(`/children/search?q=${encodeURIComponent('Alise Smith')}`, caseworker);
      assert.equal(typo.statusCode, 200);
      assert.ok(typo.body.includes(`/children/${alice.id}`));

      const byNhs = await get(`/children/search?q=${encodeURIComponent(spaced(alice.nhs))}`, caseworker);
      assert.ok(byNhs.body.includes(`/children/${alice.id}`));

      const byUpn = await get(`/children/search?q=${alice.upn.toLowerCase()}`, caseworker);
      assert.ok(byUpn.body.includes(`/children/${alice.id}`));

      const withDob = await get('/children/search?q=Alice&dob%5Bday%5D=27&dob%5Bmonth%5D=3&dob%5Byear%5D=2015', caseworker);
      assert.ok(withDob.body.includes(`/children/${alice.id}`));
      const wrongDob = await get('/children/search?q=Alice&dob%5Bday%5D=28&dob%5Bmonth%5D=3&dob%5Byear%5D=2015', caseworker);
      assert.ok(wrongDob.body.includes('No children found'));

      for (const q of ['Bobby Jones', bobby.nhs]) {
        const res = await get(`/children/search?q=${encodeURIComponent(q)}`, caseworker);
        assert.equal(res.statusCode, 200);
        assert.ok(res.body.includes('No children found'), q);
        assert.ok(!res.body.includes(bobby.id));
      }

      const family = await get('/children/search?q=Alice', parent);
      assert.equal(family.statusCode, 404);
    });

    test('create: a wrong NHS number says why and keeps what was typed', async () => {
      const form = await get('/children/new', caseworker);
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes('name="dateOfBirth[day]"'));

      const bad = alice.nhs.slice(0, 9) + String((Number(alice.nhs[9]) + 1) % 10);
      const res = await post('/children', caseworker, {
        givenName: 'Zara', familyName: 'Quint', 'dateOfBirth[day]': '4', 'dateOfBirth[month]': '5', 'dateOfBirth[year]': '2016', nhsNumber: bad, upn: '', laCode: '990', sex: 'F', ethnicity: '', firstLanguage: 'Polish',
      });
      assert.equal(res.statusCode, 400);
      assert.ok(res.body.includes('govuk-error-summary'));
      assert.ok(res.body.includes('check digit'));
      assert.ok(res.body.includes('href="#nhsNumber"'));
      assert.ok(res.body.includes('value="Zara"'));
      assert.ok(res.body.includes('value="Quint"'));
      assert.ok(res.body.includes('value="Polish"'));
      assert.match(res.body, /name="dateOfBirth\[year\]" type="text" value="2016"/);
      assert.match(res.body, /<title>Error: /);

      const missing = await post('/children', caseworker, { givenName: '', familyName: 'Quint', laCode: '990' });
      assert.equal(missing.statusCode, 400);
      assert.ok(missing.body.includes('Enter the child’s first name'));
      assert.ok(missing.body.includes('href="#dateOfBirth-day"'));

      const created = await post('/children', caseworker, { givenName: 'Zara', familyName: 'Quint', 'dateOfBirth[day]': '4', 'dateOfBirth[month]': '5', 'dateOfBirth[year]': '2016', nhsNumber: spaced(nhsNumber(200)), laCode: '990', sex: 'F', lookedAfter: 'true' });
      assert.equal(created.statusCode, 303);
      const record = await get(String(created.headers.location), caseworker);
      assert.equal(record.statusCode, 200);
      assert.ok(record.body.includes('Record created for Zara Quint'));
      assert.ok(record.body.includes('Looked after'));
    });

    test('create: a possible duplicate shows the matches, and a different child can still be created', async () => {
      const form = { givenName: 'Alicia', familyName: 'Smith', 'dateOfBirth[day]': '27', 'dateOfBirth[month]': '3', 'dateOfBirth[year]': '2015', laCode: '990', sex: 'F' };
      const res = await post('/children', caseworker, form);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('This child may already have a record'));
      assert.ok(res.body.includes(`href="/children/${alice.id}"`));
      assert.ok(res.body.includes('the same date of birth and a similar name'));
      assert.ok(res.body.includes('These are different children'));
      assert.ok(res.body.includes('name="dateOfBirth[day]" value="27"'));

      const change = await post('/children', caseworker, { ...form, _action: 'change' });
      assert.equal(change.statusCode, 200);
      assert.ok(change.body.includes('value="Alicia"'));

      const confirmed = await post('/children', caseworker, { ...form, confirmNotDuplicate: 'true' });
      assert.equal(confirmed.statusCode, 303);

      const hard = await post('/children', caseworker, { givenName: 'Robert', familyName: 'Jones', 'dateOfBirth[day]': '1', 'dateOfBirth[month]': '6', 'dateOfBirth[year]': '2014', nhsNumber: bobby.nhs, laCode: '990' });
      assert.equal(hard.statusCode, 200);
      assert.ok(hard.body.includes('A record in another local area has the same NHS number'));
      assert.ok(!hard.body.includes('These are different children'));
      assert.ok(!hard.body.includes(bobby.id));
      assert.ok(!hard.body.includes('Bobby'));
    });

    const tabs = ['', '/about-me', '/family', '/team', '/consent', '/documents', '/timeline', '/audit'];

    test('every tab of the record opens for the caseworker, and none for someone unrelated', async () => {
      for (const tab of tabs) {
        const res = await get(`/children/${alice.id}${tab}`, caseworker);
        assert.equal(res.statusCode, 200, `caseworker ${tab}`);
        assert.equal((res.body.match(/<h1/g) ?? []).length, 1, `one h1 on ${tab}`);
        assert.ok(res.body.includes('aria-current="page"'), `sub-navigation marks ${tab}`);
        const other = await get(`/children/${alice.id}${tab}`, otherAreaCaseworker);
        assert.equal(other.statusCode, 404, `other area ${tab}`);
      }
      const summary = await get(`/children/${alice.id}`, caseworker);
      assert.ok(summary.body.includes(`/children/${alice.id}/edit#nhsNumber`));
      assert.ok(summary.body.includes('Shared with education'));

      const sencoSummary = await get(`/children/${alice.id}`, senco);
      assert.equal(sencoSummary.statusCode, 200);
      assert.ok(!sencoSummary.body.includes('/edit#'), 'no change links without the right');
      assert.ok(!sencoSummary.body.includes(`/children/${alice.id}/audit`));
      assert.equal((await get(`/children/${alice.id}/audit`, senco)).statusCode, 404);
      assert.equal((await get(`/children/${alice.id}/edit`, senco)).statusCode, 403, 'the school may read the record but not change its identity');
    });

    test('changing identity details: saved with the version, and a stale version is refused without losing what was typed', async () => {
      const form = await get(`/children/${alice.id}/edit`, caseworker);
      assert.equal(form.statusCode, 200);
      const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? '';
      const values = { givenName: 'Alice', familyName: 'Smith', preferredName: 'Ally', 'dateOfBirth[day]': '27', 'dateOfBirth[month]': '3', 'dateOfBirth[year]': '2015', nhsNumber: alice.nhs, upn: alice.upn, laCode: '990', sex: 'F' };
      const saved = await post(`/children/${alice.id}/edit`, caseworker, { ...values, version });
      assert.equal(saved.statusCode, 303);
      const stale = await post(`/children/${alice.id}/edit`, caseworker, { ...values, preferredName: 'Lissy', version });
      assert.equal(stale.statusCode, 400);
      assert.ok(stale.body.includes('Someone else changed this record'));
      assert.ok(stale.body.includes('value="Lissy"'));
      const record = await get(`/children/${alice.id}`, caseworker);
      assert.ok(record.body.includes('Known as Ally'));
    });

    test('family, team and consent forms', async () => {
      const bad = await post(`/children/${alice.id}/family/new`, caseworker, { name: 'Peter Smith', email: 'not-an-email' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('Select their relationship to the child'));
      assert.ok(bad.body.includes('value="Peter Smith"'));
      const added = await post(`/children/${alice.id}/family/new`, caseworker, { name: 'Peter Smith', relationship: 'father', parentalResponsibility: 'true' });
      assert.equal(added.statusCode, 303);
      const family = await get(`/children/${alice.id}/family`, caseworker);
      assert.ok(family.body.includes('Peter Smith'));

      const teamForm = await get(`/children/${alice.id}/team/new`, caseworker);
      assert.equal(teamForm.statusCode, 200);
      const clinicId = /<option value="([0-9a-f-]{36})">Joinedshire Children’s Therapies/.exec(teamForm.body)?.[1] ?? '';
      assert.ok(clinicId, 'organisations listed');
      const people = await post(`/children/${alice.id}/team/new`, caseworker, { organisationId: clinicId, _action: 'people', role: 'Physiotherapist' });
      assert.equal(people.statusCode, 200);
      assert.ok(people.body.includes('Hana Therapist'));
      assert.ok(people.body.includes('value="Physiotherapist"'));
      const joined = await post(`/children/${alice.id}/team/new`, caseworker, { organisationId: clinicId, role: 'Physiotherapist', 'startedOn[day]': '1', 'startedOn[month]': '11', 'startedOn[year]': '2026' });
      assert.equal(joined.statusCode, 303);
      const team = await get(`/children/${alice.id}/team`, caseworker);
      assert.ok(team.body.includes('Physiotherapist'));
      const endHref = new RegExp(`/children/${alice.id}/team/([0-9a-f-]{36})/end">End<span class="govuk-visually-hidden"> Physiotherapist`).exec(team.body)?.[1] ?? '';
      assert.ok(endHref);
      assert.equal((await get(`/children/${alice.id}/team/${endHref}/end`, caseworker)).statusCode, 200);
      assert.equal((await post(`/children/${alice.id}/team/${endHref}/end`, caseworker, {})).statusCode, 303);

      const consentForm = await get(`/children/${alice.id}/consent/new`, caseworker);
      assert.equal(consentForm.statusCode, 200);
      const peterId = /<input class="govuk-radios__input" id="givenBy[^"]*" name="givenBy" type="radio" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Peter Smith/.exec(consentForm.body)?.[1] ?? '';
      assert.ok(peterId, 'family members offered');
      const none = await post(`/children/${alice.id}/consent/new`, caseworker, { 'givenOn[day]': '20', 'givenOn[month]': '11', 'givenOn[year]': '2026', method: 'written' });
      assert.equal(none.statusCode, 400);
      assert.ok(none.body.includes('Select who gave consent'));
      assert.ok(none.body.includes('Select which agencies consent covers'));
      const given = await post(`/children/${alice.id}/consent/new`, caseworker, { givenBy: peterId, agencies: ['health', 'social-care'], 'givenOn[day]': '20', 'givenOn[month]': '11', 'givenOn[year]': '2026', method: 'written' });
      assert.equal(given.statusCode, 303);
      const consent = await get(`/children/${alice.id}/consent`, caseworker);
      assert.ok(consent.body.includes('Education, Health, Social care'));
    });

    test('a family sees their own child, writes about me, and sees who has viewed the record', async () => {
      assert.equal((await get(`/children/${alice.id}`, caseworker)).statusCode, 200);

      const home = await get('/', parent);
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<h1[^>]*>My family<\/h1>/);
      assert.ok(home.body.includes(`/children/${alice.id}`));
      assert.equal((await get(`/children/${alice.id}`, parent)).statusCode, 200);
      assert.equal((await get(`/children/${charlie.id}`, parent)).statusCode, 404);

      const form = await get(`/children/${alice.id}/about-me/edit`, parent);
      assert.equal(form.statusCode, 200);
      const saved = await post(`/children/${alice.id}/about-me/edit`, parent, { whatMatters: 'My dog Biscuit & drawing', likeAndAdmire: 'I am kind', howToSupport: 'Give me time to answer', history: '', version: '' });
      assert.equal(saved.statusCode, 303);
      const again = await post(`/children/${alice.id}/about-me/edit`, parent, { whatMatters: 'My dog Biscuit & drawing', likeAndAdmire: 'I am kind', howToSupport: 'Give me time to answer', history: '', version: '1' });
      assert.equal(again.statusCode, 303);
      // Someone else saves from an older copy: their words are kept, and they see what was saved meanwhile.
      const stale = await post(`/children/${alice.id}/about-me/edit`, caseworker, { whatMatters: 'Football', likeAndAdmire: '', howToSupport: '', history: '', version: '1' });
      assert.equal(stale.statusCode, 400);
      assert.ok(stale.body.includes('changed this page while you were writing'));
      assert.ok(stale.body.includes('>Football</textarea>'));
      assert.ok(stale.body.includes('See what Mary Smith saved'));
      const about = await get(`/children/${alice.id}/about-me`, parent);
      assert.ok(about.body.includes('My dog Biscuit &amp; drawing'));
      assert.ok(about.body.includes('About me has been saved'));

      const audit = await get(`/children/${alice.id}/audit`, parent);
      assert.equal(audit.statusCode, 200);
      assert.ok(audit.body.includes('Who has viewed this record'));
      assert.ok(audit.body.includes(caseworkerName), 'the caseworker’s read is listed');
      assert.ok(!audit.body.includes('Mary Smith</td>'), 'not their own visits');

      const consentForm = await get(`/children/${alice.id}/consent/new`, parent);
      assert.equal(consentForm.statusCode, 200);
      assert.ok(consentForm.body.includes('I agree to share my child’s record with:'));
      const agreed = await post(`/children/${alice.id}/consent/new`, parent, { agencies: 'health' });
      assert.equal(agreed.statusCode, 303);

      assert.equal((await get(`/children/${alice.id}/edit`, parent)).statusCode, 404);
      assert.equal((await get(`/children/${alice.id}/family/new`, parent)).statusCode, 404);
    });

    test('documents: a PDF uploads and downloads; an .exe or an oversize file is refused with a clear message', async () => {
      const form = await get(`/children/${alice.id}/documents/new`, caseworker);
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes('enctype="multipart/form-data"'));

      const content = pdf();
      const ok = await upload(`/children/${alice.id}/documents`, caseworker, { title: 'Speech and language report', docType: 'advice' }, { filename: 'report.pdf', type: 'application/pdf', content });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
      const list = await get(`/children/${alice.id}/documents`, caseworker);
      const docId = new RegExp(`/children/${alice.id}/documents/([0-9a-f-]{36})" download>Speech and language report`).exec(list.body)?.[1] ?? '';
      assert.ok(docId);
      const dl = await get(`/children/${alice.id}/documents/${docId}`, caseworker);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'application/pdf');
      assert.match(String(dl.headers['content-disposition']), /^attachment; filename="report.pdf"/);
      assert.equal(dl.headers['x-content-type-options'], 'nosniff');
      assert.ok(dl.rawPayload.equals(content));
      assert.equal((await get(`/children/${alice.id}/documents/${docId}`, otherAreaCaseworker)).statusCode, 404);

      const exe = await upload(`/children/${alice.id}/documents`, caseworker, { title: 'Tool', docType: 'other' }, { filename: 'setup.exe', type: 'application/x-msdownload', content: Buffer.from('MZ\x90\x00 not really a program') });
      assert.equal(exe.statusCode, 400);
      assert.ok(exe.body.includes('The selected file must be a PDF'));
      assert.ok(exe.body.includes('href="#file"'));
      assert.ok(exe.body.includes('value="Tool"'));

      const fake = await upload(`/children/${alice.id}/documents`, caseworker, { title: 'Fake', docType: 'other' }, { filename: 'fake.pdf', type: 'application/pdf', content: Buffer.from('MZ this is not a PDF') });
      assert.equal(fake.statusCode, 400);
      assert.ok(fake.body.includes('is not a real PDF file'));

      const big = await upload(`/children/${alice.id}/documents`, caseworker, { title: 'Big scan', docType: 'medical' }, { filename: 'scan.pdf', type: 'application/pdf', content: pdf(1536 * 1024) });
      assert.equal(big.statusCode, 400);
      assert.ok(big.body.includes('The selected file must be smaller than 1MB'));

      const noFile = await upload(`/children/${alice.id}/documents`, caseworker, { title: '', docType: '' });
      assert.equal(noFile.statusCode, 400);
      assert.ok(noFile.body.includes('Select a file'));
      assert.ok(noFile.body.includes('Enter a title for the document'));

      const noCsrf = await upload(`/children/${alice.id}/documents`, { ...caseworker, csrf: 'wrong' }, { title: 'X', docType: 'other' }, { filename: 'report.pdf', type: 'application/pdf', content });
      assert.equal(noCsrf.statusCode, 403);

      const byFamily = await upload(`/children/${alice.id}/documents`, parent, { title: 'Letter from the GP', docType: 'letter' }, { filename: 'gp.txt', type: 'text/plain', content: Buffer.from('Dear parent') });
      assert.equal(byFamily.statusCode, 303);
    });

    test('documents API: 201 with an id, 400 naming the file for a bad one', async () => {
      const headers = { 'x-csrf-token': caseworker.csrf };
      const ok = await upload(`/api/v1/children/${alice.id}/documents`, caseworker, { title: 'Annual review notes', type: 'plan' }, { filename: 'notes.txt', type: 'text/plain', content: Buffer.from('Notes') }, headers);
      assert.equal(ok.statusCode, 201, ok.body);
      assert.match((ok.json<{ id: string }>()).id, /^[0-9a-f-]{36}$/);
      const bad = await upload(`/api/v1/children/${alice.id}/documents`, caseworker, { title: 'Program', type: 'other' }, { filename: 'x.exe', type: 'application/octet-stream', content: Buffer.from('MZ') }, headers);
      assert.equal(bad.statusCode, 400);
      const body = bad.json<{ error: string; errors: { field: string; message: string }[] }>();
      assert.equal(body.errors[0]?.field, 'file');
      assert.match(body.error, /must be a PDF/);
    });

    test('override: a team member without consent gives a reason, sees the record for a day, and it is audited', async () => {
      assert.equal((await get(`/children/${charlie.id}`, health)).statusCode, 404);
      const page = await get(`/children/${charlie.id}/override`, health);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('24 hours'));
      assert.ok(page.body.includes('has not agreed to share the record with health'));
      assert.ok(page.body.includes('Charlie Brown’s team around the child'), 'the page names the child');
      assert.equal((await get(`/children/${bobby.id}/override`, health)).statusCode, 404, 'not in the team: the page does not exist for them');

      const short = await post(`/children/${charlie.id}/override`, health, { reason: 'urgent' });
      assert.equal(short.statusCode, 400);
      assert.ok(short.body.includes('in at least 10 characters'));
      assert.ok(short.body.includes('>urgent</textarea>'));

      const notInTeam = await post(`/children/${bobby.id}/override`, health, { reason: 'I would like to see this record please' });
      assert.equal(notInTeam.statusCode, 404);

      const done = await post(`/children/${charlie.id}/override`, health, { reason: 'Safeguarding concern raised by school today' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `/children/${charlie.id}`);
      const record = await get(`/children/${charlie.id}`, health);
      assert.equal(record.statusCode, 200);
      assert.ok(record.body.includes('You are viewing this record without consent'));

      const rows = await t.conn.db.selectFrom('audit_event').select(['action', 'via']).where('child_id', '=', charlie.id).execute();
      assert.ok(rows.some((r) => r.action === 'override'));
      assert.ok(rows.some((r) => r.action === 'read' && r.via === 'team-with-override'));
      const audit = await get(`/children/${charlie.id}/audit`, caseworker);
      assert.ok(audit.body.includes('Opened the record without consent'));
      assert.ok(audit.body.includes('Without consent, giving a reason'));
    });
  });
}
