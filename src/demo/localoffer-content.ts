// The demo local offer's content (src/demo/localoffer.ts builds the rows from it): the kinds of service, their
// texts, venues and streets, and the names and answers a listing's contacts and SEND questions are drawn from.
// Made up, as the demo area is.
import type { AccessibilityFeature, Category, Day, DeliveryMode, ServiceContent } from '../localoffer/domain.ts';
// ---------------------------------------------------------------------------------------------------------------
// What the services are

export type Venue = 'hub' | 'library' | 'leisure' | 'community' | 'health' | 'church' | 'school' | 'college' | 'farm' | 'office';
export const venueName: Record<Venue, (town: string) => string> = {
  hub: (t) => `${t} Family Hub`,
  library: (t) => `${t} Library`,
  leisure: (t) => `${t} Leisure Centre`,
  community: (t) => `${t} Community Centre`,
  health: (t) => `${t} Health Centre`,
  church: (t) => `St Anne’s Church Hall, ${t}`,
  school: (t) => `${t} Primary School`,
  college: (t) => `Joinedshire College, ${t} campus`,
  farm: (t) => `Hollybank Farm, near ${t}`,
  office: (t) => `${t} Council Offices`,
};
export const streets = ['High Street', 'Station Road', 'Church Lane', 'Mill Road', 'Park Avenue', 'Victoria Street', 'Queens Road', 'Bridge Street', 'Market Place', 'Chapel Row'];

export interface Template {
  name: string;
  org: string;
  categories: Category[];
  needs?: string[];
  ages: [number, number];
  /** true: free; false: paid; a number: the chance it is free. */
  free: boolean | number;
  cost?: string;
  delivery: DeliveryMode[];
  venue?: Venue;
  summary: string;
  description: string;
  whoFor: string;
  howToAccess: string;
  referral: ServiceContent['referral'];
  days?: Day[][];
  times?: [string, string][];
  scheduleNote?: string;
  timesNote?: string;
  keywords: string[];
  /** Delivered outside the area (a neighbour's provision families from here use). */
  outside?: boolean;
  languages?: string[];
}

// {town} is the town; {venue} the place's name.
export const templates: Template[] = [
  {
    name: 'Speech and language therapy drop-in, {town}', org: 'Joinedshire Community Health NHS Trust', categories: ['health'], needs: ['SLCN'], ages: [0, 5], free: true, delivery: ['in-person'], venue: 'hub',
    summary: 'Ask a speech and language therapist about your young child’s talking, listening or understanding, without a referral.',
    description: 'A weekly drop-in at {venue} run by the children’s speech and language therapy (SALT) team. Bring your child and talk to a therapist about any worries with speech, language, stammering or understanding. The therapist can give advice and activities to try at home, and can refer your child to the therapy service if they need more help.',
    whoFor: 'Parents and carers of children from birth to 5 who live in Joinedshire.', howToAccess: 'Just come along: no appointment or referral needed. Sessions can be busy, so arrive early.', referral: 'self',
    days: [['TU'], ['WE'], ['TH']], times: [['09:30', '11:30'], ['13:30', '15:00']], scheduleNote: 'Term time only', keywords: ['SALT', 'talking', 'stammering', 'language'],
  },
  {
    name: 'Children’s speech and language therapy service ({town} clinic)', org: 'Joinedshire Community Health NHS Trust', categories: ['health'], needs: ['SLCN', 'ASD', 'DS'], ages: [0, 18], free: true, delivery: ['in-person', 'online'], venue: 'health',
    summary: 'Assessment and therapy for children and young people with speech, language, communication or swallowing needs.',
    description: 'Our speech and language therapists assess children and young people, set goals with the family and school, and provide therapy in clinic, at school or online. We also support children who have difficulty eating, drinking or swallowing (dysphagia), and train school staff in communication-friendly classrooms.',
    whoFor: 'Children and young people aged 0 to 18 registered with a Joinedshire GP, and 19 to 25 in special schools.', howToAccess: 'Parents can refer a child under 5 themselves by phone. For older children, ask the school’s SENCO, your GP or health visitor to refer.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['08:30', '16:30']], keywords: ['SALT', 'SLT', 'dysphagia', 'swallowing', 'communication'],
  },
  {
    name: 'Occupational therapy for children, {town}', org: 'Joinedshire Community Health NHS Trust', categories: ['health'], needs: ['PD', 'ASD', 'OTH'], ages: [0, 18], free: true, delivery: ['in-person', 'home'], venue: 'health',
    summary: 'Help with everyday skills such as dressing, eating, handwriting and play, and advice on equipment and adaptations.',
    description: 'Children’s occupational therapists (OTs) help children take part in everyday activities at home and school. We assess motor skills, coordination and sensory processing, give programmes to practise, and advise on equipment such as seating, bathing aids and adapted cutlery. We visit homes and schools.',
    whoFor: 'Children and young people with a physical disability, coordination difficulties (such as dyspraxia) or sensory needs that affect daily life.', howToAccess: 'A GP, paediatrician, school SENCO or health visitor refers your child. You can ask any of them to do this.', referral: 'professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '17:00']], keywords: ['OT', 'dyspraxia', 'sensory', 'equipment', 'handwriting'],
  },
  {
    name: 'Physiotherapy for children and young people, {town}', org: 'Joinedshire Children’s Hospital NHS Foundation Trust', categories: ['health'], needs: ['PD', 'PMLD', 'MSI'], ages: [0, 19], free: true, delivery: ['in-person', 'home'], venue: 'health',
    summary: 'Physio to help children move, sit, stand and walk, with exercise programmes for home and school.',
    description: 'Paediatric physiotherapists work with children who have difficulties with movement, including cerebral palsy, developmental delay and conditions affecting muscles. We provide assessment, hands-on therapy, hydrotherapy and advice on splints, standing frames and wheelchairs.',
    whoFor: 'Children and young people up to 19 with movement difficulties.', howToAccess: 'Referral from a GP, paediatrician or another therapist.', referral: 'professional',
    days: [['MO', 'WE', 'FR']], times: [['09:00', '16:00']], keywords: ['physio', 'cerebral palsy', 'hydrotherapy', 'wheelchair', 'mobility'],
  },
  {
    name: 'CAMHS getting help team, {town}', org: 'Joinedshire Community Health NHS Trust', categories: ['health'], needs: ['SEMH'], ages: [5, 18], free: true, delivery: ['in-person', 'online', 'phone'], venue: 'health',
    summary: 'Child and adolescent mental health support for anxiety, low mood, self-harm and other emotional difficulties.',
    description: 'The child and adolescent mental health service (CAMHS) offers assessment, talking therapies such as CBT, family work and, where needed, medication reviews. We work with schools and the mental health support teams. In a crisis, call the 24-hour line.',
    whoFor: 'Children and young people aged 5 to 18 with emotional or mental health difficulties, and their families.', howToAccess: 'Young people aged 14 or over, parents, GPs and schools can refer using the online form or by phone.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '17:00']], timesNote: 'Crisis line open 24 hours, every day.', keywords: ['CAMHS', 'mental health', 'anxiety', 'low mood', 'CBT', 'self-harm'],
  },
  {
    name: 'Autism and ADHD assessment pathway', org: 'Joinedshire Children’s Hospital NHS Foundation Trust', categories: ['health'], needs: ['ASD', 'SEMH'], ages: [2, 18], free: true, delivery: ['in-person', 'online'], venue: 'health',
    summary: 'Neurodevelopmental assessment for children who may be autistic or have ADHD, with support while you wait.',
    description: 'A team of paediatricians, psychologists and speech and language therapists assesses children and young people for autism (ASD) and attention deficit hyperactivity disorder (ADHD). While you wait, we offer parent workshops and a support line. After an assessment we explain the outcome and what help is available, with or without a diagnosis.',
    whoFor: 'Children and young people aged 2 to 18 whose school, nursery or GP has concerns about social communication, attention or behaviour.', howToAccess: 'A referral from the school SENCO, nursery, GP or health visitor, with information from home and school.', referral: 'professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '17:00']], timesNote: 'The wait for an assessment is about 40 weeks. Support is available while you wait.', keywords: ['autism', 'ADHD', 'neurodevelopmental', 'diagnosis', 'paediatrician'],
  },
  {
    name: 'Portage home visiting, {town}', org: 'Joinedshire Council SEND Team', categories: ['education'], needs: ['SLD', 'PMLD', 'DS', 'PD', 'MSI'], ages: [0, 4], free: true, delivery: ['home'],
    summary: 'Home visits to support the learning and play of pre-school children with additional needs.',
    description: 'Portage home visitors come to your home every week or two to play with your child and you, set small steps for learning, and help plan the move to nursery or school. Portage is a national model of early education for children with special educational needs and disabilities.',
    whoFor: 'Children under 4 (before they start school) with significant developmental delay or a disability, and their families.', howToAccess: 'Anyone can refer with the family’s agreement: parents, health visitors, therapists or nurseries.', referral: 'self-or-professional',
    keywords: ['early years', 'pre-school', 'play', 'development', 'home visits'],
  },
  {
    name: 'Specialist teaching service: autism outreach', org: 'Joinedshire Council SEND Team', categories: ['education'], needs: ['ASD'], ages: [4, 16], free: true, delivery: ['in-person', 'online'], venue: 'office',
    summary: 'Advisory teachers who help schools support autistic pupils, with training for staff and workshops for parents.',
    description: 'Our specialist teachers visit schools to observe, advise and model strategies for autistic children and young people, such as visual timetables, sensory breaks and social stories. We run the ‘Understanding autism’ course for parents each term.',
    whoFor: 'Schools in Joinedshire, for pupils who are autistic or awaiting assessment. Parents can join the workshops.', howToAccess: 'The school’s SENCO makes a request for involvement. Parents can book workshops online.', referral: 'professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['08:30', '16:30']], keywords: ['autism', 'advisory teacher', 'outreach', 'school support'],
  },
  {
    name: 'Hearing and vision support service', org: 'Joinedshire Council SEND Team', categories: ['education'], needs: ['HI', 'VI', 'MSI'], ages: [0, 25], free: true, delivery: ['in-person', 'home'], venue: 'office',
    summary: 'Qualified teachers of deaf and visually impaired children, from diagnosis to college.',
    description: 'Teachers of the deaf and qualified teachers of children with vision impairment support babies, children and young people at home, in nursery, school and college. We advise on hearing aids, radio aids, braille, large print and mobility, and teach British Sign Language (BSL) to families.',
    whoFor: 'Children and young people with a hearing or vision impairment, from diagnosis to 25.', howToAccess: 'Audiology and eye clinics refer at diagnosis; schools and parents can also contact us.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['08:30', '16:30']], keywords: ['deaf', 'hearing', 'visual impairment', 'BSL', 'braille', 'sensory support'],
  },
  {
    name: 'Educational psychology consultation line', org: 'Joinedshire Council SEND Team', categories: ['education', 'advice-support'], ages: [0, 25], free: true, delivery: ['phone'],
    summary: 'Talk to an educational psychologist about your child’s learning, behaviour or wellbeing.',
    description: 'Each week an educational psychologist (EP) answers calls from parents and carers. We listen, help you think through what is happening and what might help, and explain how schools and the council can support your child, including EHC needs assessments.',
    whoFor: 'Parents and carers of children and young people aged 0 to 25 in Joinedshire.', howToAccess: 'Book a 30-minute phone call online or by phone.', referral: 'self',
    days: [['TH']], times: [['13:00', '16:00']], keywords: ['EP', 'educational psychologist', 'advice', 'learning'],
  },
  {
    name: '{town} Primary School: enhanced resource base', org: '{town} Primary School', categories: ['education'], needs: ['ASD', 'SLCN'], ages: [4, 11], free: true, delivery: ['in-person'], venue: 'school',
    summary: 'A mainstream primary school with a resource base of 12 places for children with communication and interaction needs.',
    description: 'Children in the resource base are taught in small groups for part of the day and join their mainstream class for the rest, with support. Speech and language therapists visit weekly. Places are allocated through an EHC plan.',
    whoFor: 'Children aged 4 to 11 with an EHC plan for communication and interaction needs, including autism.', howToAccess: 'Places are named in a child’s EHC plan after consultation by the SEND team. Families are welcome to visit first.', referral: 'professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['08:45', '15:15']], scheduleNote: 'Term time', keywords: ['resource base', 'primary', 'mainstream', 'school place'],
  },
  {
    name: 'Meadowbank School (special school), {town} site', org: 'Meadowbank School (special)', categories: ['education'], needs: ['SLD', 'PMLD', 'ASD', 'MSI'], ages: [3, 19], free: true, delivery: ['in-person'], venue: 'school',
    summary: 'A special school for pupils with severe, profound and multiple learning difficulties, with a sixth form.',
    description: 'Meadowbank has a hydrotherapy pool, sensory rooms and a Changing Places toilet. Therapists work in school. We use Makaton, symbols and communication aids (AAC) throughout the day. Transport is arranged by the council for eligible pupils.',
    whoFor: 'Children and young people aged 3 to 19 with an EHC plan naming a special school.', howToAccess: 'Through the EHC plan. Arrange a visit through the school office.', referral: 'professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '15:00']], keywords: ['special school', 'sixth form', 'Makaton', 'hydrotherapy', 'sensory room'],
  },
  {
    name: 'Joinedshire College foundation learning, {town} campus', org: 'Joinedshire College', categories: ['education', 'preparing-for-adulthood'], needs: ['MLD', 'SLD', 'ASD'], ages: [16, 25], free: true, delivery: ['in-person'], venue: 'college',
    summary: 'Courses for young people with learning difficulties: independent living, work skills, English and maths.',
    description: 'Foundation learning programmes build independence, communication and work skills, with work experience in the college café and shop. Learners have a personal tutor and learning support. Many move on to a supported internship.',
    whoFor: 'Young people aged 16 to 25 with learning difficulties or disabilities, with or without an EHC plan.', howToAccess: 'Apply online or come to an open evening. Our learning support team meets every applicant.', referral: 'self',
    days: [['MO', 'TU', 'WE', 'TH']], times: [['09:30', '15:30']], keywords: ['college', 'post 16', 'further education', 'independence', 'work skills'],
  },
  {
    name: 'Supported internships with local employers', org: 'Joinedshire College', categories: ['preparing-for-adulthood'], needs: ['MLD', 'SLD', 'ASD', 'SLCN'], ages: [16, 24], free: true, delivery: ['in-person'], venue: 'college',
    summary: 'A year of work placements with a job coach, leading to paid work.',
    description: 'Interns spend most of the week at an employer such as the hospital, a supermarket or the council, learning a real job with a job coach, and one day at college. The aim is a paid job at the end. Travel training is included.',
    whoFor: 'Young people aged 16 to 24 with an EHC plan who want to work.', howToAccess: 'Talk to your school or college, or ask at your annual review. Apply by March for September.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '15:00']], keywords: ['supported internship', 'employment', 'job coach', 'work'],
  },
  {
    name: 'Travel training, {town}', org: 'Joinedshire Council Travel Team', categories: ['travel', 'preparing-for-adulthood'], needs: ['MLD', 'SLD', 'ASD', 'VI'], ages: [11, 25], free: true, delivery: ['in-person'], venue: 'office',
    summary: 'One-to-one training to travel safely and independently by bus, train or on foot.',
    description: 'A travel trainer plans a route with the young person, practises it with them until they are confident, and gradually steps back. We cover road safety, timetables, paying, and what to do if something goes wrong.',
    whoFor: 'Young people aged 11 to 25 with SEND who could learn to travel on their own.', howToAccess: 'Ask your school, college or social worker to refer, or contact us yourself.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['08:00', '17:00']], keywords: ['independent travel training', 'bus', 'independence'],
  },
  {
    name: 'Home to school transport for children with SEND', org: 'Joinedshire Council Travel Team', categories: ['travel'], ages: [4, 18], free: true, delivery: ['phone', 'online'],
    summary: 'Free transport, or a travel allowance, to school for eligible children with special educational needs.',
    description: 'The council arranges transport to school for children who cannot reasonably walk because of their special educational needs, disability or mobility problem, and for some others by distance. This may be a place on a minibus or taxi, a bus pass, or a personal travel budget paid to the family.',
    whoFor: 'Children of compulsory school age living in Joinedshire; post-16 transport has its own policy.', howToAccess: 'Apply online after a school place is confirmed. Apply by 31 May for September.', referral: 'self',
    keywords: ['school transport', 'taxi', 'minibus', 'travel budget', 'bus pass'],
  },
  {
    name: 'Short breaks: Saturday club, {town}', org: 'Open Doors Short Breaks', categories: ['short-breaks-leisure'], needs: ['ASD', 'SLD', 'PMLD', 'PD'], ages: [5, 17], free: 0.3, cost: '£15 a session; free with a short breaks allowance.', delivery: ['in-person'], venue: 'community',
    summary: 'A Saturday activity club for disabled children and young people, giving families a break.',
    description: 'Arts and crafts, cooking, music, sensory play and outdoor games with trained staff, one to one where needed. Personal care and medication can be supported. Many families use their short breaks allowance for this.',
    whoFor: 'Disabled children and young people aged 5 to 17.', howToAccess: 'Book a visit first; then book sessions by phone or email.', referral: 'self',
    days: [['SA']], times: [['10:00', '15:00']], keywords: ['short breaks', 'respite', 'activities', 'club', 'weekend'],
  },
  {
    name: 'Holiday playscheme, {town}', org: 'Open Doors Short Breaks', categories: ['short-breaks-leisure'], needs: ['ASD', 'SLD', 'PD', 'SEMH'], ages: [5, 19], free: 0.2, cost: '£25 a day; some free places with a short breaks allowance.', delivery: ['in-person'], venue: 'school',
    summary: 'Fun days out and activities in the school holidays for children with SEND.',
    description: 'Our holiday playscheme runs in the Easter, summer and October holidays, with trips to farms, parks and the cinema, and quieter rooms for those who need them. Staffing is up to one to one.',
    whoFor: 'Children and young people aged 5 to 19 with SEND.', howToAccess: 'Register online; bookings open six weeks before each holiday.', referral: 'self',
    days: [['MO', 'TU', 'WE', 'TH']], times: [['09:30', '15:30']], scheduleNote: 'School holidays only', keywords: ['holiday club', 'playscheme', 'summer', 'short breaks'],
  },
  {
    name: 'Overnight short breaks at Willow House', org: 'Joinedshire Council Children’s Social Care', categories: ['short-breaks-leisure', 'social-care'], needs: ['SLD', 'PMLD', 'PD', 'ASD'], ages: [8, 18], free: true, delivery: ['in-person'], venue: 'community',
    summary: 'Overnight stays in a small residential home, so children have fun and families get a rest.',
    description: 'Willow House has six bedrooms, a sensory room and a garden. Children stay for one or more nights a month, planned with the family. Staff are trained in personal care, epilepsy, PEG feeding and moving and handling.',
    whoFor: 'Children and young people aged 8 to 18 with complex disabilities, after a social care assessment.', howToAccess: 'Ask for a short breaks assessment from the Children with Disabilities social work team.', referral: 'professional',
    keywords: ['respite', 'overnight', 'residential', 'short breaks', 'complex needs'],
  },
  {
    name: 'Children with disabilities social work team', org: 'Joinedshire Council Children’s Social Care', categories: ['social-care'], needs: ['SLD', 'PMLD', 'PD', 'MSI', 'ASD'], ages: [0, 18], free: true, delivery: ['in-person', 'phone', 'home'], venue: 'office',
    summary: 'Social workers who assess and support disabled children and their families, including short breaks and direct payments.',
    description: 'We carry out assessments of children in need and carers’ assessments, arrange short breaks, personal budgets and direct payments, and plan the move to adult social care from age 14.',
    whoFor: 'Families of children and young people with a substantial and lasting disability.', howToAccess: 'Contact the front door by phone or online. Anyone can make a referral with the family’s agreement.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['08:30', '17:00']], keywords: ['social worker', 'direct payments', 'personal budget', 'carers assessment', 'short breaks'],
  },
  {
    name: 'Young carers group, {town}', org: 'Joinedshire Carers Centre', categories: ['social-care', 'short-breaks-leisure'], ages: [8, 18], free: true, delivery: ['in-person'], venue: 'community',
    summary: 'A fortnightly group for children who help look after a disabled brother, sister or parent.',
    description: 'Young carers meet others in the same position, have time off from caring and take part in trips and activities. We also support young carers at school.',
    whoFor: 'Young carers aged 8 to 18.', howToAccess: 'Young people, parents, schools or social workers can refer by phone or online.', referral: 'self-or-professional',
    days: [['WE']], times: [['16:30', '18:30']], scheduleNote: 'Every other week', keywords: ['young carers', 'siblings', 'brothers and sisters'],
  },
  {
    name: 'Sensory swim sessions, {town}', org: 'Joinedshire Leisure', categories: ['short-breaks-leisure'], needs: ['ASD', 'PD', 'PMLD', 'SLD', 'MSI'], ages: [0, 25], free: false, cost: '£3.50 a swimmer; carers free.', delivery: ['in-person'], venue: 'leisure',
    summary: 'Quiet, warm pool sessions with dimmed lights and no music, for disabled swimmers and their families.',
    description: 'The learner pool is heated and kept quiet, with floats, toys and a pool hoist. Changing rooms have a Changing Places toilet and a private family room. Lifeguards are trained in disability awareness.',
    whoFor: 'Disabled children and young people and their families.', howToAccess: 'Pay on the door or book online. No referral needed.', referral: 'self',
    days: [['SU'], ['SA'], ['FR']], times: [['08:00', '09:00'], ['17:00', '18:00']], keywords: ['swimming', 'pool', 'sensory', 'quiet session', 'hoist'],
  },
  {
    name: 'Inclusive football club, {town}', org: 'Joinedshire Inclusive Sports', categories: ['short-breaks-leisure'], needs: ['ASD', 'MLD', 'SEMH', 'DS'], ages: [6, 18], free: false, cost: '£3 a session; first session free.', delivery: ['in-person'], venue: 'leisure',
    summary: 'Weekly football for children and young people with SEND, with qualified coaches and small groups.',
    description: 'Fun, friendly sessions where everyone plays. Groups are by ability, not age. Coaches have FA disability training. We enter inclusive festivals across the county.',
    whoFor: 'Children and young people aged 6 to 18 with learning difficulties, autism or other needs.', howToAccess: 'Come to a free taster session; no need to book.', referral: 'self',
    days: [['SA'], ['TU']], times: [['10:00', '11:00'], ['17:30', '18:30']], keywords: ['football', 'sport', 'disability sport'],
  },
  {
    name: 'Riding for the disabled, Hollybank', org: 'Hollybank Riding for the Disabled', categories: ['short-breaks-leisure', 'health'], needs: ['PD', 'ASD', 'SLD', 'PMLD'], ages: [4, 25], free: false, cost: '£12 a lesson; bursaries available.', delivery: ['in-person'], venue: 'farm',
    summary: 'Horse riding and carriage driving for children and young people with disabilities.',
    description: 'Our volunteers and qualified coaches lead riding sessions that build balance, confidence and communication. There is a ramp and hoist for mounting and a carriage for wheelchair users.',
    whoFor: 'Disabled children and young people aged 4 to 25.', howToAccess: 'Contact us for an assessment visit. A doctor’s consent form is needed.', referral: 'self',
    days: [['WE'], ['SA']], times: [['10:00', '12:00'], ['13:00', '15:00']], keywords: ['horse riding', 'RDA', 'outdoor', 'wheelchair'],
  },
  {
    name: 'Youth club for young people with SEND, {town}', org: 'Joinedshire Youth Service', categories: ['short-breaks-leisure', 'preparing-for-adulthood'], needs: ['MLD', 'ASD', 'SLD', 'SEMH'], ages: [11, 25], free: true, delivery: ['in-person'], venue: 'community',
    summary: 'A weekly evening youth club: games, cooking, music and making friends.',
    description: 'A relaxed youth club with youth workers and volunteers. Members plan activities and trips together and can work towards awards. There is a quiet room.',
    whoFor: 'Young people aged 11 to 25 with learning difficulties or disabilities.', howToAccess: 'Just turn up, or call first if you would like to visit before joining.', referral: 'self',
    days: [['TH'], ['MO']], times: [['18:00', '20:00']], keywords: ['youth club', 'friends', 'teenagers', 'social'],
  },
  {
    name: 'Stay and play for children with additional needs, {town}', org: '{town} Family Hub', categories: ['short-breaks-leisure', 'advice-support'], needs: [], ages: [0, 5], free: true, delivery: ['in-person'], venue: 'hub',
    summary: 'A friendly stay-and-play with sensory toys, for under-5s with additional needs and their families.',
    description: 'Play together in a calm room with sensory toys, messy play and songs with Makaton signing. Meet other parents. Family hub staff can tell you about other services and help with forms.',
    whoFor: 'Children under 5 with additional needs or a disability, whether or not they have a diagnosis, and their parents and carers.', howToAccess: 'Drop in. No need to book.', referral: 'self',
    days: [['MO'], ['FR'], ['WE']], times: [['10:00', '11:30']], scheduleNote: 'Term time only', keywords: ['stay and play', 'toddlers', 'early years', 'Makaton', 'sensory play'],
  },
  {
    name: 'Joinedshire SENDIASS: free, impartial advice', org: 'Joinedshire SENDIASS', categories: ['advice-support'], ages: [0, 25], free: true, delivery: ['phone', 'online', 'in-person'], venue: 'library',
    summary: 'Confidential, impartial information, advice and support about SEND, for parents and young people.',
    description: 'The SEND information, advice and support service (SENDIASS) helps with school support, EHC needs assessments and plans, annual reviews, exclusions, mediation and appeals to the tribunal. We can help you write letters, come to meetings, and explain your rights. We are arm’s length from the council.',
    whoFor: 'Parents and carers of children with SEND, and children and young people up to 25.', howToAccess: 'Call the helpline, email, or come to a drop-in at the library.', referral: 'self',
    days: [['MO', 'TU', 'WE', 'TH'], ['FR']], times: [['09:30', '16:30'], ['09:30', '13:00']], keywords: ['SENDIASS', 'IASS', 'advice', 'EHCP', 'tribunal', 'rights', 'impartial'],
  },
  {
    name: 'Joinedshire Parent Carer Forum coffee morning, {town}', org: 'Joinedshire Parent Carer Forum', categories: ['advice-support'], ages: [0, 25], free: true, delivery: ['in-person'], venue: 'church',
    summary: 'Meet other parent carers, share experiences and tell us what should change in local services.',
    description: 'The forum is run by parents of children with SEND. At our coffee mornings you can talk to others who understand, get tips, and give your views, which we take to the council and health services to shape the local offer.',
    whoFor: 'Parents and carers of children and young people with SEND aged 0 to 25.', howToAccess: 'Drop in. Children under 5 are welcome.', referral: 'self',
    days: [['TU'], ['TH']], times: [['10:00', '12:00']], scheduleNote: 'First week of each month', keywords: ['parent carer forum', 'peer support', 'coffee morning', 'parents'],
  },
  {
    name: 'Autism parent support group, {town}', org: 'Sunflower Autism Support', categories: ['advice-support'], needs: ['ASD'], ages: [2, 25], free: true, delivery: ['in-person', 'online'], venue: 'community',
    summary: 'Support for parents of autistic children, with or without a diagnosis, and talks from professionals.',
    description: 'A charity run by parents of autistic children. Monthly meetings with guest speakers on sleep, sensory needs, school and anxiety; an online group; and family days out. Also the ‘Cygnet’ course for parents after a diagnosis.',
    whoFor: 'Parents and carers of autistic children and young people, or children waiting for an autism assessment.', howToAccess: 'Email or message us to join. No diagnosis is needed.', referral: 'self',
    days: [['WE']], times: [['19:00', '21:00']], scheduleNote: 'Second Wednesday of the month', keywords: ['autism', 'parent support', 'Cygnet', 'autistic'],
  },
  {
    name: 'ADHD family support sessions, {town}', org: 'Sunflower Autism Support', categories: ['advice-support'], needs: ['SEMH', 'OTH'], ages: [4, 18], free: 0.5, cost: '£5 a session, towards room hire.', delivery: ['in-person', 'online'], venue: 'library',
    summary: 'Workshops and peer support for families living with ADHD.',
    description: 'Practical sessions on routines, sleep, school and medication, led by a specialist nurse and parents with lived experience. Sessions alternate between the library and online.',
    whoFor: 'Parents and carers of children with ADHD or suspected ADHD.', howToAccess: 'Book a place online or by phone.', referral: 'self',
    days: [['TU']], times: [['18:30', '20:00']], keywords: ['ADHD', 'attention', 'behaviour', 'parenting'],
  },
  {
    name: 'Dyslexia assessments and tuition, {town}', org: 'Bright Sparks Learning', categories: ['education'], needs: ['SPLD'], ages: [6, 25], free: false, cost: 'Assessment £450; tuition £35 an hour.', delivery: ['in-person', 'online'], venue: 'community',
    summary: 'Private dyslexia and dyscalculia assessments by a specialist assessor, and one-to-one tuition.',
    description: 'Diagnostic assessments with a full report that schools and exam boards accept, and structured, multi-sensory tuition in reading, spelling and maths. Sessions in person or online.',
    whoFor: 'Children and young people aged 6 to 25 who may have a specific learning difficulty such as dyslexia.', howToAccess: 'Book a free 15-minute call first.', referral: 'self',
    days: [['MO', 'WE'], ['SA']], times: [['15:30', '19:00'], ['09:00', '13:00']], keywords: ['dyslexia', 'dyscalculia', 'SpLD', 'tutoring', 'reading'],
  },
  {
    name: 'Early help family support, {town}', org: '{town} Family Hub', categories: ['social-care', 'advice-support'], ages: [0, 18], free: true, delivery: ['home', 'in-person', 'phone'], venue: 'hub',
    summary: 'A family support worker to help with routines, behaviour, sleep, housing or money worries.',
    description: 'Our early help workers work with the whole family for a few months on what matters to you, including parenting courses such as Triple P, support with benefits, and linking with schools and health services.',
    whoFor: 'Families with children aged 0 to 18 who would like some extra help.', howToAccess: 'Ask at the family hub, or ask a school, GP or health visitor to refer.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '17:00']], keywords: ['early help', 'family support', 'parenting', 'sleep', 'behaviour'],
  },
  {
    name: 'Moving into adulthood: transition advice clinic', org: 'Joinedshire Council Preparing for Adulthood Team', categories: ['preparing-for-adulthood', 'advice-support'], ages: [14, 25], free: true, delivery: ['in-person', 'online', 'phone'], venue: 'library',
    summary: 'Advice for young people and families on life after school: work, college, housing, health and money.',
    description: 'The preparing for adulthood team explains what changes at 16 and 18: adult social care assessments, health transition, benefits such as PIP, supported housing, mental capacity and decision making. Bring your questions.',
    whoFor: 'Young people with SEND aged 14 to 25 and their families.', howToAccess: 'Drop in to the monthly clinic or book a phone call.', referral: 'self',
    days: [['WE']], times: [['14:00', '19:00']], scheduleNote: 'Last Wednesday of the month', keywords: ['preparing for adulthood', 'transition', 'PIP', 'benefits', 'adult social care'],
  },
  {
    name: 'Supported living and housing options', org: 'Hollow Lane Housing Association', categories: ['preparing-for-adulthood', 'social-care'], needs: ['SLD', 'MLD', 'ASD', 'PD'], ages: [18, 25], free: 0, cost: 'Rent and service charges; most tenants claim housing benefit.', delivery: ['in-person'], venue: 'community',
    summary: 'Shared and self-contained homes with support, for young adults with learning disabilities or autism.',
    description: 'Flats and shared houses with support staff on site or on call, so young adults can live independently with help. Tenants have their own tenancy.',
    whoFor: 'Adults aged 18 and over with a learning disability or autism who are assessed as needing supported living.', howToAccess: 'Through an adult social care assessment, or contact us to discuss vacancies.', referral: 'self-or-professional',
    keywords: ['supported living', 'housing', 'independent living', 'learning disability'],
  },
  {
    name: 'Equipment and wheelchair service', org: 'Joinedshire Children’s Hospital NHS Foundation Trust', categories: ['health'], needs: ['PD', 'PMLD'], ages: [0, 18], free: true, delivery: ['in-person', 'home'], venue: 'health',
    summary: 'Wheelchairs, seating, and equipment for home such as hoists, beds and bathing aids.',
    description: 'The wheelchair service assesses, provides and maintains wheelchairs and buggies. The community equipment service delivers items your therapist recommends for home, and collects them when no longer needed.',
    whoFor: 'Children and young people with long-term mobility needs.', howToAccess: 'Referral by a therapist, GP or paediatrician.', referral: 'professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '16:30']], keywords: ['wheelchair', 'equipment', 'hoist', 'seating', 'adaptations'],
  },
  {
    name: 'Specialist nursing for children with complex health needs', org: 'Joinedshire Community Health NHS Trust', categories: ['health'], needs: ['PMLD', 'PD', 'MSI'], ages: [0, 19], free: true, delivery: ['home', 'in-person'],
    summary: 'Community children’s nurses caring for children with complex health needs at home and in special schools.',
    description: 'Nurses support tube feeding, epilepsy care plans, continence, and end-of-life care, train families and school staff, and coordinate continuing care packages.',
    whoFor: 'Children and young people with complex or long-term health needs.', howToAccess: 'Referral by a hospital consultant, paediatrician or GP.', referral: 'professional',
    keywords: ['nursing', 'epilepsy', 'tube feeding', 'continence', 'complex needs'],
  },
  {
    name: 'Neighbourton specialist college (residential)', org: 'Neighbourton Specialist College', categories: ['education', 'preparing-for-adulthood'], needs: ['ASD', 'SLD', 'SEMH'], ages: [16, 25], free: true, delivery: ['in-person'], venue: 'college', outside: true,
    summary: 'An independent specialist college outside Joinedshire, with day and residential places.',
    description: 'A specialist college for autistic young people and those with learning difficulties, offering life skills, work experience and therapies on site. Some Joinedshire young people attend through their EHC plan.',
    whoFor: 'Young people aged 16 to 25 with an EHC plan.', howToAccess: 'Through the EHC plan and annual review; visits welcome.', referral: 'professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '15:30']], keywords: ['specialist college', 'residential', 'independent', 'post 16'],
  },
  {
    name: 'Neighbourton children’s hospice: family support', org: 'Bluebell Children’s Hospice', categories: ['health', 'short-breaks-leisure', 'social-care'], needs: ['PMLD', 'PD'], ages: [0, 19], free: true, delivery: ['in-person', 'home'], venue: 'community', outside: true,
    summary: 'Short breaks, symptom care and family support for children with life-limiting conditions.',
    description: 'Our hospice near Neighbourton offers stays for the whole family, hydrotherapy, music therapy, sibling groups and care at home. Families from Joinedshire are welcome.',
    whoFor: 'Children and young people up to 19 with life-limiting or life-threatening conditions, and their families.', howToAccess: 'Families or professionals can refer by phone.', referral: 'self-or-professional',
    keywords: ['hospice', 'short breaks', 'respite', 'palliative', 'siblings'],
  },
  {
    name: 'Deaf children’s family group, {town}', org: 'Joinedshire Deaf Children’s Society', categories: ['advice-support', 'short-breaks-leisure'], needs: ['HI'], ages: [0, 18], free: true, delivery: ['in-person'], venue: 'library',
    summary: 'A monthly family group for deaf children, with BSL storytelling and a chance for parents to meet.',
    description: 'Deaf role models run storytelling and games in British Sign Language and spoken English. Parents share experiences of hearing aids, cochlear implants and school. Free BSL taster lessons for families.',
    whoFor: 'Deaf children and their families.', howToAccess: 'Drop in, or email us to join the mailing list.', referral: 'self',
    days: [['SA']], times: [['10:30', '12:30']], scheduleNote: 'Third Saturday of the month', keywords: ['deaf', 'BSL', 'sign language', 'cochlear implant', 'hearing aids'],
  },
  {
    name: 'Sleep support for families, {town}', org: '{town} Family Hub', categories: ['advice-support', 'health'], needs: ['ASD', 'SEMH', 'SLD'], ages: [2, 18], free: true, delivery: ['in-person', 'online'], venue: 'hub',
    summary: 'Workshops and one-to-one advice from trained sleep practitioners for children who struggle to sleep.',
    description: 'Many disabled and autistic children have difficulty settling or staying asleep. Our sleep practitioners run a four-week workshop at {venue} and offer follow-up calls to help you make a sleep plan that fits your family.',
    whoFor: 'Parents and carers of children aged 2 to 18 with SEND who have sleep difficulties.', howToAccess: 'Book a place online or ask at the family hub.', referral: 'self',
    days: [['TH']], times: [['10:00', '12:00']], keywords: ['sleep', 'bedtime', 'routines', 'night waking'],
  },
  {
    name: 'Music therapy group, {town}', org: 'Harmony Music Therapy', categories: ['health', 'short-breaks-leisure'], needs: ['ASD', 'PMLD', 'SLCN', 'SEMH'], ages: [0, 19], free: false, cost: '£10 a session; funded places for children with an EHC plan naming music therapy.', delivery: ['in-person'], venue: 'community',
    summary: 'Small music therapy groups led by a registered music therapist, for communication and wellbeing.',
    description: 'Children explore instruments, voice and rhythm with a music therapist, building communication, turn-taking and confidence. Groups of up to five children, with parents welcome to join in.',
    whoFor: 'Children and young people with communication, emotional or complex needs.', howToAccess: 'Contact us for a free introductory session.', referral: 'self',
    days: [['MO'], ['SA']], times: [['16:00', '17:00'], ['10:00', '11:00']], keywords: ['music therapy', 'music', 'communication', 'wellbeing'],
  },
  {
    name: 'Relaxed sensory story time, {town} Library', org: 'Joinedshire Libraries', categories: ['short-breaks-leisure'], needs: [], ages: [0, 8], free: true, delivery: ['in-person'], venue: 'library',
    summary: 'A calm, sensory story and rhyme time with props, lights and signing, before the library opens.',
    description: 'Stories come alive with sensory props, bubbles and Makaton signs. The library is quiet and the lights are low. Ear defenders and ‘wobble cushions’ are available, and nobody minds if children move around.',
    whoFor: 'Children up to 8 with additional needs, and their families, brothers and sisters.', howToAccess: 'Drop in; free. Library membership is not needed.', referral: 'self',
    days: [['SA'], ['WE']], times: [['09:00', '09:45']], keywords: ['story time', 'library', 'sensory', 'relaxed', 'books'],
  },
  {
    name: 'Inclusive nursery places, {town}', org: 'Little Acorns Nursery', categories: ['education'], needs: ['SLCN', 'ASD', 'PD', 'DS'], ages: [0, 4], free: 0.2, cost: 'Government-funded hours for 2, 3 and 4 year olds; extra hours £6.20 an hour.', delivery: ['in-person'], venue: 'community',
    summary: 'A nursery with an experienced special educational needs coordinator (SENCO) and small key groups.',
    description: 'We make reasonable adjustments for every child, work with portage, therapists and health visitors, and can apply for inclusion funding for extra support. A calm room and a sensory garden.',
    whoFor: 'Children from 9 months to school age, including those with SEND.', howToAccess: 'Visit us and fill in a registration form. Ask about funded places.', referral: 'self',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['07:30', '18:00']], keywords: ['nursery', 'childcare', 'early years', 'funded hours', 'SENCO'],
  },
  {
    name: 'Money and benefits advice for families, {town}', org: 'Joinedshire Citizens Advice', categories: ['advice-support'], ages: [0, 25], free: true, delivery: ['in-person', 'phone'], venue: 'library',
    summary: 'Help to claim Disability Living Allowance, Carer’s Allowance, PIP and other support for disabled children and young people.',
    description: 'Advisers help families fill in DLA and PIP forms, check entitlement to Carer’s Allowance and Universal Credit, challenge decisions and apply for grants such as the Family Fund.',
    whoFor: 'Families of disabled children and young people, and young people themselves.', howToAccess: 'Call to book an appointment at the library drop-in.', referral: 'self',
    days: [['TU'], ['FR']], times: [['10:00', '13:00']], keywords: ['DLA', 'PIP', 'benefits', 'Carers Allowance', 'money', 'grants'],
  },
  {
    name: 'Trampolining club for disabled children, {town}', org: 'Joinedshire Inclusive Sports', categories: ['short-breaks-leisure', 'health'], needs: ['ASD', 'PD', 'SLD', 'DS', 'SEMH'], ages: [5, 18], free: false, cost: '£4 a session.', delivery: ['in-person'], venue: 'leisure',
    summary: 'Rebound therapy and trampolining with qualified coaches, for balance, movement and fun.',
    description: 'Sessions use rebound therapy techniques for children with physical and learning disabilities and sensory needs. A hoist is available for getting on and off the trampoline.',
    whoFor: 'Disabled children and young people aged 5 to 18.', howToAccess: 'Book a first session by phone so the coach can plan for your child.', referral: 'self',
    days: [['WE'], ['SU']], times: [['17:00', '18:00'], ['11:00', '12:00']], keywords: ['trampoline', 'trampolining', 'rebound therapy', 'sport'],
  },
  {
    name: 'Employment support for young adults with SEND, {town}', org: 'Joinedshire Supported Employment', categories: ['preparing-for-adulthood'], needs: ['MLD', 'ASD', 'SLD', 'SEMH'], ages: [16, 25], free: true, delivery: ['in-person', 'online'], venue: 'community',
    summary: 'Job coaching, CV help, work tasters and support at interviews and in your first job.',
    description: 'An employment adviser meets you regularly to find what work suits you, arranges tasters with local employers, and supports you and your employer once you start, including Access to Work applications.',
    whoFor: 'Young people aged 16 to 25 with learning difficulties, autism or mental health needs who want a job.', howToAccess: 'Refer yourself online, or ask your college, school or social worker.', referral: 'self-or-professional',
    days: [['MO', 'TU', 'WE', 'TH', 'FR']], times: [['09:00', '17:00']], keywords: ['jobs', 'employment', 'work', 'job coach', 'Access to Work', 'CV'],
  },
];

export const contactFirst = ['Amina', 'Ben', 'Claire', 'David', 'Esther', 'Faisal', 'Gemma', 'Harpreet', 'Ian', 'Joanna', 'Kwame', 'Laura', 'Marek', 'Nadia', 'Owen', 'Priya', 'Rachel', 'Sam', 'Tomasz', 'Una'];
export const contactLast = ['Ahmed', 'Bennett', 'Clarke', 'Doyle', 'Evans', 'Fraser', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Kaur', 'Lewis', 'Mensah', 'Nowak', 'Osei', 'Patel'];
export const roles = ['Service manager', 'Team leader', 'Coordinator', 'Family liaison officer', 'Administrator'];
export const accessNotes = [
  'Level access from the car park, automatic doors, and a lift to every floor.',
  'Ground floor only. There is a ramp at the side entrance; ring the bell for help.',
  'Step-free throughout. Blue badge spaces by the entrance. A quiet room is available on request.',
  'The hall has two steps at the front; use the side door for step-free access. Hearing loop at reception.',
  'Fully accessible building with a Changing Places toilet, hoist and adult-sized changing bench.',
];
export const featureSets: AccessibilityFeature[][] = [
  ['step-free', 'accessible-toilet', 'parking'],
  ['step-free'],
  ['step-free', 'accessible-toilet', 'quiet-space', 'parking'],
  ['hearing-loop', 'accessible-toilet'],
  ['step-free', 'accessible-toilet', 'changing-places', 'hearing-loop', 'quiet-space', 'parking'],
];
export const languagesOffered = ['English', 'Urdu', 'Polish', 'Punjabi', 'Bengali', 'Arabic', 'Romanian', 'British Sign Language'];

export const identifyNeeds = [
  'We start by listening to the family and the child, and read any reports you share with us. Our assessment uses observation and standard tools, and we explain what we find in plain English.',
  'Staff notice how each child is getting on and talk to parents about any worries. With your agreement we ask the right specialist service for advice.',
  'Everyone who joins has a welcome meeting where we ask about the child’s needs, what helps and what to avoid, and write a one-page profile with you.',
];
export const involveFamilies = [
  'Families help set goals and review them with us every term. We send a short written update after each review.',
  'We ask children and young people what they enjoy and what they find hard, using pictures or symbols where that helps, and we act on what parents tell us.',
  'Parents are welcome to stay. We use a home–setting book or an app to share how each session went.',
];
export const staffTraining = [
  'All staff complete autism awareness, safeguarding and first aid training, and specialists take part in regular professional supervision.',
  'Staff are trained in Makaton, positive behaviour support, epilepsy awareness and moving and handling, refreshed every year.',
  'Our qualified therapists are registered with the Health and Care Professions Council and complete continuing professional development each year.',
];
export const transitions = [
  'We share information (with your consent) when a child moves to a new school or service, and can visit the new setting with them.',
  'From Year 9 we talk about preparing for adulthood and help plan the move to adult services at 18.',
  'We offer extra visits, photo books of the new place and a named person to help with each move.',
];
