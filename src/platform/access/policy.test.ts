// The access rule over plain facts, table by table. test/integration/access-policy.test.ts checks that the
// SQL form of the same rule agrees with this one for every role × relationship × consent state.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideChildAccess, mayDo, mayCreateChild, mayEditListings, mayManageLocalOffer, maySeeLocalOfferEvidence, type AccessFacts } from './policy.ts';
import type { Actor, Role } from './actor.ts';
import type { OrganisationKind } from '../db/schema.ts';

function staff(role: Role, kind: OrganisationKind, laCode = '990'): Actor {
  return { id: 'u1', kind: 'staff', name: 'S', email: 's@x', roles: [role], organisation: { id: 'o1', kind, laCode, name: 'Org' }, via: 'session' };
}
const family: Actor = { id: 'f1', kind: 'family', name: 'P', email: 'p@x', roles: [], organisation: null, via: 'session' };
const facts = (f: Partial<AccessFacts>): AccessFacts => ({ childLaCode: '990', pastCompulsorySchoolAge: false, inTeam: false, consentAgencies: [], override: false, family: null, ...f });

describe('staff access', () => {
  const cases: [string, Actor, Partial<AccessFacts>, string | false][] = [
    ['caseworker, own area, no consent', staff('caseworker', 'send-team'), {}, 'send-team'],
    ['SEND manager, own area', staff('send-manager', 'send-team'), {}, 'send-team'],
    ['EP in the SEND team, own area', staff('educational-psychologist', 'send-team'), {}, 'send-team'],
    ['caseworker, another area', staff('caseworker', 'send-team', '991'), {}, false],
    ['caseworker, another area, in the team with education consent', staff('caseworker', 'send-team', '991'), { inTeam: true, consentAgencies: ['education'] }, 'team-with-consent'],
    ['area leader sees no individual record by role alone', staff('area-leader', 'send-team'), {}, false],
    ['admin sees no individual record by role alone', staff('admin', 'send-team'), {}, false],
    ['SENCO, school in team, education consent', staff('senco', 'school'), { inTeam: true, consentAgencies: ['education'] }, 'team-with-consent'],
    ['SENCO, school in team, health consent only', staff('senco', 'school'), { inTeam: true, consentAgencies: ['health'] }, false],
    ['SENCO, not in team, education consent', staff('senco', 'school'), { consentAgencies: ['education'] }, false],
    ['health professional in team, health consent', staff('health-professional', 'health-provider'), { inTeam: true, consentAgencies: ['health'] }, 'team-with-consent'],
    ['health professional in team, no consent', staff('health-professional', 'health-provider'), { inTeam: true }, false],
    ['health professional in team, override', staff('health-professional', 'health-provider'), { inTeam: true, override: true }, 'team-with-override'],
    ['health professional not in team, override is ignored', staff('health-professional', 'health-provider'), { override: true }, false],
    ['DCO at the ICB in team, health consent', staff('designated-clinical-officer', 'icb'), { inTeam: true, consentAgencies: ['health'] }, 'team-with-consent'],
    ['social worker in team, social care consent', staff('social-worker', 'social-care'), { inTeam: true, consentAgencies: ['social-care'] }, 'team-with-consent'],
    ['social worker in team, education consent only', staff('social-worker', 'social-care'), { inTeam: true, consentAgencies: ['education'] }, false],
    // Issue 5: providers of local offer services, and the local offer's roles, never reach a child's record.
    ['provider in the team, consent for every agency', staff('listing-editor', 'provider'), { inTeam: true, consentAgencies: ['education', 'health', 'social-care'] }, false],
    ['provider in the team with an override', staff('listing-editor', 'provider'), { inTeam: true, override: true }, false],
    ['a school’s listing editor, school in team, education consent', staff('listing-editor', 'school'), { inTeam: true, consentAgencies: ['education'] }, false],
    ['a health provider’s listing editor in team, health consent', staff('listing-editor', 'health-provider'), { inTeam: true, consentAgencies: ['health'] }, false],
    ['local offer officer in the SEND team, own area', staff('local-offer-officer', 'send-team'), {}, false],
    ['local offer officer, SEND team in the child’s team, education consent', staff('local-offer-officer', 'send-team'), { inTeam: true, consentAgencies: ['education'] }, false],
    ['SENCO who also edits the school’s listing sees as a SENCO', { ...staff('senco', 'school'), roles: ['senco', 'listing-editor'] }, { inTeam: true, consentAgencies: ['education'] }, 'team-with-consent'],
  ];
  for (const [name, actor, f, expected] of cases) {
    test(name, () => {
      const d = decideChildAccess(actor, facts(f));
      assert.equal(d.allowed ? d.route : false, expected);
    });
  }
  test('a provider in the team is never offered an override', () => {
    assert.deepEqual(decideChildAccess(staff('listing-editor', 'provider'), facts({ inTeam: true })), { allowed: false, canOverride: false });
  });
  test('staff with no role see nothing (fails closed)', () => {
    assert.deepEqual(decideChildAccess({ ...staff('senco', 'school'), roles: [] }, facts({ inTeam: true, consentAgencies: ['education'] })), { allowed: false, canOverride: false });
  });
  test('a team member without consent is offered an override; a stranger is not', () => {
    assert.deepEqual(decideChildAccess(staff('health-professional', 'health-provider'), facts({ inTeam: true })), { allowed: false, canOverride: true });
    assert.deepEqual(decideChildAccess(staff('health-professional', 'health-provider'), facts({})), { allowed: false, canOverride: false });
  });
});

describe('family access follows the rights that pass at the end of compulsory school age', () => {
  const link = (relationship: string, pr: boolean, byParent = false, byYp = false) => ({ relationship, parentalResponsibility: pr, grantedByParent: byParent, grantedByYoungPerson: byYp });
  const cases: [string, Partial<AccessFacts>, string | false][] = [
    ['not linked to the child', {}, false],
    ['mother with PR, child under 16', { family: link('mother', true) }, 'family'],
    ['carer without PR, child', { family: link('carer', false) }, false],
    ['carer without PR, access granted by a parent', { family: link('carer', false, true) }, 'family'],
    ['mother with PR, young person has not agreed', { pastCompulsorySchoolAge: true, family: link('mother', true) }, false],
    ['mother with PR, young person agreed', { pastCompulsorySchoolAge: true, family: link('mother', true, false, true) }, 'family'],
    ['carer granted by a parent, after the young person takes over', { pastCompulsorySchoolAge: true, family: link('carer', false, true) }, false],
    ['the young person, past compulsory school age', { pastCompulsorySchoolAge: true, family: link('self', false) }, 'young-person'],
    ['the child themself, before then', { family: link('self', false) }, false],
  ];
  for (const [name, f, expected] of cases) {
    test(name, () => {
      const d = decideChildAccess(family, facts(f));
      assert.equal(d.allowed ? d.route : false, expected);
    });
  }
});

describe('what each access route allows', () => {
  const cases: [Parameters<typeof mayDo>[0], Parameters<typeof mayDo>[1], boolean][] = [
    ['send-team', 'edit-identity', true],
    ['send-team', 'view-audit', true],
    ['team-with-consent', 'edit-identity', false],
    ['team-with-consent', 'upload-document', true],
    ['team-with-override', 'edit-about-me', false],
    ['family', 'edit-about-me', true],
    ['family', 'edit-identity', false],
    ['family', 'view-audit', true],
    ['young-person', 'withdraw-consent', true],
    ['young-person', 'edit-team', false],
  ];
  for (const [route, action, expected] of cases) test(`${route} → ${action}: ${expected}`, () => assert.equal(mayDo(route, action), expected));

  test('only the home area SEND team caseworker or manager creates records', () => {
    assert.equal(mayCreateChild(staff('caseworker', 'send-team'), '990'), true);
    assert.equal(mayCreateChild(staff('caseworker', 'send-team'), '991'), false);
    assert.equal(mayCreateChild(staff('senco', 'school'), '990'), false);
    assert.equal(mayCreateChild(staff('area-leader', 'send-team'), '990'), false);
  });
});

describe('who may do what in the local offer', () => {
  const cases: [string, Actor, { edit: boolean; manage: boolean; evidence: boolean }][] = [
    ['a provider’s listing editor', staff('listing-editor', 'provider'), { edit: true, manage: false, evidence: false }],
    ['a school’s listing editor', staff('listing-editor', 'school'), { edit: true, manage: false, evidence: false }],
    ['the local offer officer', staff('local-offer-officer', 'send-team'), { edit: false, manage: true, evidence: true }],
    ['a SEND manager', staff('send-manager', 'send-team'), { edit: false, manage: true, evidence: true }],
    ['an area leader', staff('area-leader', 'send-team'), { edit: false, manage: false, evidence: true }],
    ['a caseworker', staff('caseworker', 'send-team'), { edit: false, manage: false, evidence: false }],
    ['an administrator', staff('admin', 'send-team'), { edit: false, manage: false, evidence: false }],
    ['a SENCO', staff('senco', 'school'), { edit: false, manage: false, evidence: false }],
    ['a family member', family, { edit: false, manage: false, evidence: false }],
  ];
  for (const [name, actor, want] of cases) {
    test(name, () => {
      assert.deepEqual({ edit: mayEditListings(actor), manage: mayManageLocalOffer(actor), evidence: maySeeLocalOfferEvidence(actor) }, want);
    });
  }
  test('the council manages and sees the evidence of its own area only', () => {
    assert.equal(mayManageLocalOffer(staff('local-offer-officer', 'send-team'), '991'), false);
    assert.equal(maySeeLocalOfferEvidence(staff('area-leader', 'send-team'), '991'), false);
    assert.equal(mayManageLocalOffer(staff('local-offer-officer', 'send-team'), '990'), true);
  });
});
