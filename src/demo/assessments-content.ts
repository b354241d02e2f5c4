// The made-up words of the demo area's assessments (assessments.ts): what a request says, the reasons for each
// decision, advice as a professional would write it, the family's views and comments, exceptions and the
// settings' answers. Plain and specific, as the plans should be; no real person or case.
import type { ExceptionReason } from '../assessment/timescales.ts';

export const summaries: Record<string, string[]> = {
  ASD: ['Finds changes to routine very hard; distressed at transitions and in busy rooms. Limited interaction with other children.', 'Diagnosed with autism; struggles with the noise of the classroom and has been on a reduced timetable since half term.'],
  SLCN: ['Speech is hard for unfamiliar adults to understand; not following instructions in class and becoming frustrated.', 'Language well below age-related expectations despite a year of targeted support from the school.'],
  SEMH: ['Increasing anxiety and refusal to attend; two fixed-term exclusions this year. The school’s support has not been enough.', 'Difficulties regulating emotions; frequently leaves the classroom and has been at risk of permanent exclusion.'],
  MLD: ['Working well below age-related expectations in reading, writing and maths despite SEN support over two years.', 'Progress has stalled; needs more support than the school can provide from its own resources.'],
  SLD: ['Significant learning difficulties; needs adult support for most of the school day, including personal care.', 'Global developmental delay; the nursery cannot meet the child’s needs from its own resources.'],
  PD: ['Cerebral palsy; needs support to move around school, with personal care and with recording work.', 'Physical disability; needs specialist equipment and a trained adult for safe moving and handling.'],
  SPLD: ['Severe dyslexia; reading age four years below chronological age despite specialist teaching.', 'Specific learning difficulties with literacy and working memory; falling further behind each term.'],
  HI: ['Moderate to severe hearing loss; needs a radio aid and a Teacher of the Deaf, and is missing much of the teaching.', 'Hearing impairment; language development delayed and needs signed support in class.'],
  PMLD: ['Profound and multiple learning difficulties; complex health needs including feeding and epilepsy.', 'Needs a highly specialist setting with nursing support throughout the day.'],
  OTH: ['A combination of needs the school cannot meet from its own resources; attendance falling.', 'Needs across learning, communication and health that call for a coordinated plan.'],
  VI: ['Visual impairment; needs modified materials, mobility training and a qualified Teacher of the Visually Impaired.', 'Severe sight loss; needs specialist equipment and support to access the curriculum.'],
  MSI: ['Multi-sensory impairment; needs an intervenor and a highly adapted environment.', 'Combined hearing and sight loss; communication needs specialist support throughout the day.'],
};
export const assessReasons = [
  'The evidence shows the child may have special educational needs and that provision through an EHC plan may be needed (s.36(8)). The school has used its resources over two terms without enough progress.',
  'The panel agreed the school has taken relevant and purposeful action and the child has not made expected progress. An assessment will go ahead.',
  'Complex needs across education and health; the evidence from the setting and the paediatrician supports an assessment.',
];
export const notAssessReasons = [
  'The evidence shows the child’s needs can be met from the resources normally available to the school. The panel recommends a graduated approach with specialist teaching advice, and a review in two terms.',
  'The school has not yet had time to put in place the support recommended by the educational psychologist. The panel will look again if progress does not follow.',
];
export const noPlanReasons = [
  'The assessment shows the child’s needs can be met through SEN support in school with the advice gathered. We will share the advice with the school and meet the family to explain.',
  'The advice shows needs that the setting can meet from its own resources with the strategies recommended. The family has been told of their right to appeal.',
];
export const withdrawnReasons = ['The family moved to another local authority area; the request has been passed to that area.', 'The parent withdrew the request after the school put new support in place.', 'The young person asked for the request to be withdrawn.'];

export const adviceBank: Record<string, { summary: string; needs: string[]; outcomes: string[]; provision: string[] }> = {
  education: {
    summary: 'The school’s view of the child’s learning, progress and the support already in place.',
    needs: ['Needs adult support to start and stay on task in most lessons', 'Reading and spelling well below age-related expectations', 'Finds unstructured times such as break and lunch very difficult'],
    outcomes: ['By the end of the key stage will read a short text independently with understanding', 'Will take part in a small-group activity for 15 minutes with a familiar adult'],
    provision: ['Daily 1:1 reading intervention for 20 minutes with a trained teaching assistant', 'A visual timetable and a named adult at break and lunch', 'Access to a quiet workspace for independent tasks'],
  },
  health: {
    summary: 'Health advice from the community paediatric and therapy services.',
    needs: ['Speech sound disorder affecting intelligibility to unfamiliar listeners', 'Fine motor difficulties affecting handwriting and dressing', 'Sensory processing differences: overwhelmed by noise'],
    outcomes: ['Will be understood by unfamiliar adults in short sentences by the end of the year', 'Will dress independently for PE with minimal prompting'],
    provision: ['Speech and language therapy: a programme set termly by a therapist, delivered 3 times a week by a trained assistant', 'Occupational therapy review each term and a sensory diet in class', 'A health care plan for medication in school'],
  },
  'educational-psychology': {
    summary: 'Psychological advice from observation in class, work with the child, and consultation with parents and staff.',
    needs: ['Cognitive assessment shows a specific difficulty with working memory and processing speed', 'Anxiety in group situations limits participation', 'Needs help to understand and manage emotions'],
    outcomes: ['Will use a calm-down strategy with an adult’s prompt and return to learning within 10 minutes', 'Will follow a three-step instruction without repetition by July'],
    provision: ['Instructions given in small chunks, with visual support and time to process', 'Weekly emotional literacy sessions with a trained ELSA', 'Pre-teaching of new vocabulary before each topic'],
  },
  'social-care': {
    summary: 'Social care advice: the family’s circumstances and any support from children’s social care.',
    needs: ['Needs support with short breaks so the family can care safely', 'Young carer for a parent with a long-term illness'],
    outcomes: ['The family will have regular short breaks and report feeling able to cope', 'Will attend an after-school club with peers once a week'],
    provision: ['Short breaks: 4 hours a week with a commissioned provider', 'A referral to the young carers service'],
  },
  'preparing-for-adulthood': {
    summary: 'Advice on preparing for adulthood: employment, independent living, community and health.',
    needs: ['Needs to learn to travel independently on familiar routes', 'Has not yet had work experience and is unsure about next steps'],
    outcomes: ['Will travel by bus to college independently by the end of Year 12', 'Will complete a supported internship placement'],
    provision: ['Independent travel training for 12 weeks', 'A careers adviser meeting each term and a supported work experience placement'],
  },
};
export const viewsBank = [
  'We want people to see how hard school is for our child and how much they try. Things go best when adults are calm and explain what is happening.',
  'Our child is happiest outdoors and with animals. School mornings are very hard and we often cannot get them through the door.',
  'We have told our story many times; we want one plan that everyone follows, in school and at home.',
];
export const aspirationsBank = ['To have friends and feel safe at school.', 'To read well enough to enjoy books and, one day, to work with animals.', 'To go to college with their friends and live as independently as possible.'];
export const commentsBank = ['Please say more about friendships and unstructured times.', 'Section F should say how many hours of speech and language therapy, not "regular".', 'We would like the plan to name a school nearer home.'];
export const exceptionText: Record<ExceptionReason, string[]> = {
  'school-closure': ['The school was closed for more than four weeks over the summer holiday, so it could not give information in time.', 'The school was closed for over four weeks after flood damage.'],
  'early-years-closure': ['The nursery was closed for over four weeks for building work.'],
  'personal-circumstances': ['A close family bereavement: the family asked for a pause before meeting professionals.', 'The child was in hospital for several weeks and could not be seen.'],
  'absence-from-area': ['The family was abroad visiting relatives for over four weeks.', 'The child was away from the area for more than four weeks in a family emergency.'],
  'missed-appointment': ['The family could not attend the appointment with the adviser; it was rebooked at the first date offered.'],
};
export const consultationReasons = { 'can-meet': ['We can meet the needs described in the draft plan with the provision set out in section F.', 'We can meet the needs with additional adult support, which section F provides for.'], 'cannot-meet': ['We cannot meet the child’s needs: the plan calls for a small specialist class that we do not have.'] };
