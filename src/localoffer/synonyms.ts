// The words families use and the words listings use (issue 5 §1): abbreviations (SALT, OT, CAMHS), the names
// of needs and their family of words (autistic → autism, dyslexic → dyslexia: English stemming keeps them apart),
// and older or everyday names (respite → short breaks). Pure; maintained by hand, one group a line.
//
// A group is a set of terms that mean the same to someone looking for help. A search term that is any of a
// group's terms finds a listing that uses any of them. Keep a group tight: a term belongs in one only if every
// listing matching another of its terms is one the family would want. Short terms that are also everyday words
// (ADD, CP, HI) are left out on purpose.
//
// Terms are lower case, written in words (no punctuation); words the search ignores ("and", "of") may be in a
// term, and are ignored when matching it too.

export const synonymGroups: readonly (readonly string[])[] = [
  // Needs (SEN2 need types and the conditions families name)
  ['autism', 'autistic', 'asd', 'asc', 'autism spectrum disorder', 'autism spectrum condition', 'autistic spectrum disorder', 'asperger', 'aspergers', 'asperger syndrome'],
  ['adhd', 'attention deficit hyperactivity disorder', 'attention deficit', 'hyperactivity'],
  ['dyslexia', 'dyslexic', 'spld', 'specific learning difficulty', 'specific learning difficulties'],
  ['dyspraxia', 'dyspraxic', 'dcd', 'developmental coordination disorder'],
  ['dyscalculia', 'dyscalculic'],
  ['pda', 'pathological demand avoidance', 'demand avoidance'],
  ['slcn', 'speech language and communication needs', 'speech and language needs', 'communication needs'],
  ['semh', 'social emotional and mental health'],
  ['mld', 'moderate learning difficulty', 'moderate learning difficulties'],
  ['sld', 'severe learning difficulty', 'severe learning difficulties'],
  ['pmld', 'profound and multiple learning difficulty', 'profound and multiple learning difficulties', 'profound and multiple learning disabilities'],
  ['learning disability', 'learning disabilities', 'learning disabled'],
  ['deaf', 'hearing impairment', 'hearing impaired', 'hearing loss', 'deafness'],
  ['visual impairment', 'vision impairment', 'visually impaired', 'sight loss', 'blind', 'blindness', 'partially sighted'],
  ['msi', 'multi sensory impairment', 'multisensory impairment', 'deafblind'],
  ['physical disability', 'physical disabilities', 'physically disabled'],
  ['down syndrome', 'downs syndrome', 'down s syndrome'],
  ['epilepsy', 'epileptic', 'seizures'],
  ['cerebral palsy'],
  ['sensory processing', 'sensory needs', 'sensory difficulties'],
  ['anxiety', 'anxious'],
  ['selective mutism', 'mutism'],
  // Services, therapies and professionals
  ['speech and language therapy', 'speech and language therapist', 'speech therapy', 'speech therapist', 'salt', 'slt'],
  ['occupational therapy', 'occupational therapist', 'ot'],
  ['physiotherapy', 'physiotherapist', 'physio'],
  ['camhs', 'child and adolescent mental health service', 'child and adolescent mental health services', 'mental health service', 'children s mental health'],
  ['educational psychologist', 'educational psychology', 'ep'],
  ['paediatrician', 'pediatrician', 'paediatrics', 'pediatrics', 'community paediatrics'],
  ['health visitor', 'health visiting', 'health visitors'],
  ['sendiass', 'sendias', 'iass', 'information advice and support', 'send information advice and support service'],
  ['senco', 'sendco', 'special educational needs coordinator'],
  ['ehcp', 'ehc plan', 'education health and care plan', 'ehc needs assessment', 'ehcna'],
  ['short breaks', 'short break', 'respite', 'respite care'],
  ['pfa', 'preparing for adulthood', 'transition to adulthood', 'moving into adulthood'],
  ['supported internship', 'supported internships', 'internship'],
  ['personal budget', 'personal budgets', 'direct payment', 'direct payments'],
  ['travel training', 'independent travel training'],
  ['school transport', 'home to school transport', 'school travel', 'transport to school', 'school bus', 'taxi to school'],
  ['bsl', 'british sign language', 'sign language'],
  ['makaton', 'signing and symbols'],
  ['aac', 'augmentative and alternative communication', 'communication aids'],
  ['wheelchair', 'wheelchairs', 'wheelchair user', 'wheelchair users'],
  ['changing places', 'changing places toilet', 'hoist'],
  ['holiday club', 'holiday clubs', 'holiday scheme', 'playscheme', 'play scheme', 'holiday activities'],
  ['after school club', 'after school clubs', 'afterschool club'],
  ['youth club', 'youth clubs', 'youth group'],
  ['parent carer forum', 'parent forum', 'parent carers forum'],
  ['mediation', 'disagreement resolution'],
  ['tribunal', 'appeal', 'appeals', 'sendist'],
  ['early years', 'preschool', 'pre school', 'nursery', 'under fives', 'under 5s'],
  ['post 16', 'post sixteen', 'sixth form', 'further education', 'fe college'],
  // Everyday words for people
  ['children', 'child', 'kids', 'kid'],
  ['young people', 'young person', 'teenager', 'teenagers', 'teens', 'teen', 'adolescent', 'adolescents'],
  ['parents', 'parent', 'mum', 'mums', 'dad', 'dads', 'mother', 'father'],
  ['carers', 'carer', 'parent carers', 'parent carer'],
  ['siblings', 'sibling', 'brothers and sisters'],
];
