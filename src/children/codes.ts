// DfE code sets used on the child's record (../shared/domain/sen2.md §3.2, §3.3; statutory-rules.md §5.5).
import { laCodes } from './la-codes.ts';

type CodeList = readonly (readonly [code: string, label: string])[];

/** Sex (SEN2 `Sex`, from 2024): M, F, and U for not known (CBDS). */
export const sexCodes: CodeList = [
  ['F', 'Female'],
  ['M', 'Male'],
  ['U', 'Not known'],
];

/** CBDS main ethnicity codes (sen2.md §3.3). Extended codes are not offered until checked against the current CBDS. */
export const ethnicityCodes: CodeList = [
  ['WBRI', 'White – British'],
  ['WIRI', 'White – Irish'],
  ['WIRT', 'Traveller of Irish heritage'],
  ['WROM', 'Gypsy or Roma'],
  ['WOTH', 'Any other White background'],
  ['MWBC', 'White and Black Caribbean'],
  ['MWBA', 'White and Black African'],
  ['MWAS', 'White and Asian'],
  ['MOTH', 'Any other mixed background'],
  ['AIND', 'Indian'],
  ['APKN', 'Pakistani'],
  ['ABAN', 'Bangladeshi'],
  ['AOTH', 'Any other Asian background'],
  ['BCRB', 'Black Caribbean'],
  ['BAFR', 'Black African'],
  ['BOTH', 'Any other Black background'],
  ['CHNE', 'Chinese'],
  ['OOTH', 'Any other ethnic group'],
  ['REFU', 'Refused'],
  ['NOBT', 'Information not yet obtained'],
];

/** SEN2 need types (`SENtype`, statutory-rules.md §5.5). DS is collected from SEN2 2025. */
export const needTypes: CodeList = [
  ['ASD', 'Autistic spectrum disorder'],
  ['SLCN', 'Speech, language and communication needs'],
  ['SEMH', 'Social, emotional and mental health'],
  ['MLD', 'Moderate learning difficulty'],
  ['SLD', 'Severe learning difficulty'],
  ['PMLD', 'Profound and multiple learning difficulty'],
  ['SPLD', 'Specific learning difficulty'],
  ['PD', 'Physical disability'],
  ['HI', 'Hearing impairment'],
  ['VI', 'Vision impairment'],
  ['MSI', 'Multi-sensory impairment'],
  ['DS', 'Down syndrome'],
  ['OTH', 'Other difficulty or disability'],
];

/** First languages offered first in the form; any other can be typed. */
export const commonLanguages = [
  'English', 'Polish', 'Urdu', 'Punjabi', 'Bengali', 'Arabic', 'Romanian', 'Somali', 'Portuguese', 'Spanish',
  'Gujarati', 'Tamil', 'Ukrainian', 'British Sign Language', 'Welsh',
] as const;

function lookup(list: CodeList, code: string | null | undefined): string {
  if (!code) return '';
  return list.find(([c]) => c === code)?.[1] ?? code;
}

export const sexLabel = (code: string | null | undefined): string => lookup(sexCodes, code);
export const ethnicityLabel = (code: string | null | undefined): string => lookup(ethnicityCodes, code);
export const needTypeLabel = (code: string | null | undefined): string => lookup(needTypes, code);
export const isEthnicityCode = (code: string): boolean => ethnicityCodes.some(([c]) => c === code);

/** Whether a 3-digit code is a DfE LA number we know (or one of the demonstration areas). */
export function isLaCode(code: string): boolean {
  return Object.hasOwn(laCodes, code);
}

/** The name of a local authority from its DfE number, or the number itself. */
export function laName(code: string | null | undefined): string {
  if (!code) return '';
  return laCodes[code] ?? code;
}

/** All LA numbers with names, sorted by name, for a select. */
export function laOptions(): { code: string; name: string }[] {
  return Object.entries(laCodes)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
