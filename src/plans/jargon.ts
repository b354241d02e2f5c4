// The maintained list of jargon and abbreviations that plan writers use and families do not (issue 4 §3; Ofsted on
// Halton: outcomes "written in a jargon-ridden manner"). It is data: add a row, not a rule. Each row says what to
// write instead, and the checker (quality.ts) turns it into a finding with that advice.
//
// Abbreviations are matched case-sensitively as whole words (so "OT" is found, "ot" and "not" are not), with an
// optional plural "s" ("TAs"). An abbreviation is fine when the same text also spells it out: any of `expansions`
// appears (case-insensitive), e.g. "speech and language therapy (SALT)". Jargon is matched case-insensitively and
// is fine when it is explained on the spot: followed by a bracket, a dash or ", which means".

export type JargonEntry = {
  /** As shown in messages. */
  term: string;
  kind: 'abbreviation' | 'jargon';
  pattern: RegExp;
  /** The plain words to use instead (jargon) or what the abbreviation stands for. */
  plain: string;
  /** Abbreviations only: lower-case phrases whose presence in the same text counts as spelling it out. */
  expansions: readonly string[];
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function abbreviation(term: string, plain: string, expansions: readonly string[] = [plain.toLowerCase()]): JargonEntry {
  return { term, kind: 'abbreviation', pattern: new RegExp(`(?<![\\w:])${escape(term)}s?(?![\\w:])`), plain, expansions };
}

/** `forms` is a regular-expression source for the variants ("scaffold(?:ing|ed)?"); defaults to the term itself. */
function jargon(term: string, plain: string, forms = escape(term)): JargonEntry {
  return { term, kind: 'jargon', pattern: new RegExp(`\\b${forms}\\b`, 'i'), plain, expansions: [] };
}

export const jargonList: readonly JargonEntry[] = [
  // Professions and services
  abbreviation('SALT', 'speech and language therapy', ['speech and language therap']),
  abbreviation('SLT', 'speech and language therapy', ['speech and language therap']),
  abbreviation('OT', 'occupational therapy', ['occupational therap']),
  abbreviation('EP', 'educational psychologist', ['educational psycholog']),
  abbreviation('TA', 'teaching assistant'),
  abbreviation('HLTA', 'higher level teaching assistant'),
  abbreviation('LSA', 'learning support assistant'),
  abbreviation('ELSA', 'emotional literacy support assistant'),
  abbreviation('SENCO', 'special educational needs co-ordinator (the teacher who leads on SEN in the school)', ['special educational needs co-ordinator', 'special educational needs coordinator']),
  abbreviation('SENCo', 'special educational needs co-ordinator (the teacher who leads on SEN in the school)', ['special educational needs co-ordinator', 'special educational needs coordinator']),
  abbreviation('CAMHS', 'child and adolescent mental health services', ['child and adolescent mental health']),
  abbreviation('QTVI', 'qualified teacher of children with vision impairment', ['qualified teacher of']),
  abbreviation('QTOD', 'qualified teacher of deaf children', ['qualified teacher of']),
  abbreviation('PRU', 'pupil referral unit'),
  abbreviation('AP', 'alternative provision'),
  abbreviation('LA', 'local authority', ['local authority', 'council']),
  abbreviation('ICB', 'integrated care board'),
  abbreviation('SENDIASS', 'the local SEND information, advice and support service', ['information, advice and support', 'information advice and support']),
  { term: 'physio', kind: 'abbreviation', pattern: /(?<!\w)physios?(?!\w)/i, plain: 'physiotherapy', expansions: ['physiotherap'] },
  // Needs and conditions
  abbreviation('SEN', 'special educational needs'),
  abbreviation('SEND', 'special educational needs and disabilities', ['special educational needs']),
  abbreviation('SEMH', 'social, emotional and mental health', ['social, emotional and mental health', 'social emotional and mental health']),
  abbreviation('SLCN', 'speech, language and communication needs', ['speech, language and communication', 'speech language and communication']),
  abbreviation('ASC', 'autism', ['autism', 'autistic']),
  abbreviation('ASD', 'autism', ['autism', 'autistic']),
  abbreviation('ADHD', 'attention deficit hyperactivity disorder'),
  abbreviation('ADD', 'attention deficit disorder'),
  abbreviation('DCD', 'developmental co-ordination disorder (dyspraxia)', ['co-ordination disorder', 'coordination disorder', 'dyspraxia']),
  abbreviation('PDA', 'pathological demand avoidance', ['demand avoidance']),
  abbreviation('MLD', 'moderate learning difficulties'),
  abbreviation('SLD', 'severe learning difficulties'),
  abbreviation('PMLD', 'profound and multiple learning difficulties'),
  abbreviation('SpLD', 'specific learning difficulty (such as dyslexia)', ['specific learning difficult']),
  abbreviation('VI', 'vision impairment', ['vision impair', 'visual impair']),
  abbreviation('HI', 'hearing impairment', ['hearing impair', 'deaf']),
  abbreviation('MSI', 'multi-sensory impairment', ['multi-sensory impair', 'multisensory impair']),
  abbreviation('BSL', 'British Sign Language', ['british sign language']),
  // Plans, stages and teaching
  abbreviation('EHCP', 'education, health and care plan', ['education, health and care plan', 'education health and care plan']),
  abbreviation('EHC', 'education, health and care', ['education, health and care', 'education health and care']),
  abbreviation('IEP', 'individual education plan'),
  abbreviation('QFT', 'quality first teaching'),
  abbreviation('EYFS', 'early years foundation stage'),
  abbreviation('PfA', 'preparing for adulthood'),
  abbreviation('PECS', 'Picture Exchange Communication System (swapping pictures to ask for things)', ['picture exchange']),
  abbreviation('AAC', 'augmentative and alternative communication (communication aids, signs or symbols)', ['alternative communication']),
  { term: '1:1', kind: 'abbreviation', pattern: /(?<![\w:])1:1(?![\w:])/, plain: 'one-to-one (one adult working with the child alone)', expansions: ['one-to-one', 'one to one'] },
  { term: 'KS', kind: 'abbreviation', pattern: /(?<!\w)KS ?[1-5](?!\w)/, plain: 'key stage (for example, key stage 2 is Years 3 to 6)', expansions: ['key stage'] },

  // Jargon: professional words with everyday alternatives
  jargon('differentiated', 'work set at the right level for the child', 'differentiat(?:ed|ion|e|ing)'),
  jargon('quality first teaching', 'good everyday teaching that every pupil gets'),
  jargon('Wave 3', 'individual, specialist support', 'wave ?[123]'),
  jargon('scaffolding', 'step-by-step help that is reduced as the child learns', 'scaffold(?:ing|ed|s)?'),
  jargon('sensory diet', 'a planned set of movement and sensory activities through the day'),
  jargon('proprioceptive', 'the sense of where your body is (pushing, pulling, carrying heavy things)', 'propriocepti(?:ve|on)'),
  jargon('vestibular', 'the sense of balance and movement'),
  jargon('interoception', 'noticing signals from inside the body, such as hunger or needing the toilet', 'interocepti(?:on|ve)'),
  jargon('executive functioning', 'planning, organising and remembering what to do', 'executive function(?:ing|s)?'),
  jargon('dysregulated', 'very upset and unable to calm down', 'dysregulat(?:ed|ion)'),
  jargon('co-regulation', 'an adult helping the child to calm down', 'co-?regulat(?:ion|e)'),
  jargon('self-regulation', 'calming down and managing feelings', 'self-?regulat(?:ion|e)'),
  jargon('emotional regulation', 'managing feelings', 'emotional(?:ly)? regulat(?:ion|e)'),
  jargon('fine motor skills', 'hand skills, such as holding a pencil or using scissors', 'fine motor(?: skills?)?'),
  jargon('gross motor skills', 'whole-body movement, such as running, jumping and balance', 'gross motor(?: skills?)?'),
  jargon('motor planning', 'working out how to make a movement'),
  jargon('bilateral integration', 'using both sides of the body together'),
  jargon('expressive language', 'how the child uses words and sentences to say what they mean'),
  jargon('receptive language', 'how well the child understands what others say'),
  jargon('pragmatic language', 'using language with other people: taking turns, staying on topic', 'pragmatics?(?: language| skills)?'),
  jargon('phonological awareness', 'hearing the separate sounds in words'),
  jargon('auditory processing', 'making sense of what is heard'),
  jargon('working memory', 'holding information in mind while using it'),
  jargon('graduated approach', 'the school’s cycle of assessing, planning, doing and reviewing support'),
  jargon('overlearning', 'practising a skill many times until it sticks', 'over-?learn(?:ing|t)?'),
  jargon('chunking', 'breaking tasks into small steps', 'chunk(?:ing|ed)'),
  jargon('task analysis', 'breaking a task into small steps and teaching them one at a time'),
  jargon('access the curriculum', 'take part in lessons and learn', 'access(?:ing)? the curriculum'),
  jargon('learning offer', 'lessons and activities at school', '(?:learning|curriculum) offer'),
  jargon('generalise skills', 'use a skill in other places and with other people', '(?:generali[sz]e|transfer)(?:s|d)? (?:these |the(?:se)? |their |his |her )?skills'),
  jargon('holistic', 'whole (looking at every part of the child’s life)'),
];
