// Identifiers that join a child's record to other systems (statutory-rules.md §6).

export type Checked = { ok: true; value: string } | { ok: false; message: string };

/** "9434765919" → "943 476 5919". */
export function formatNhsNumber(v: string): string {
  const d = v.replace(/\D/g, '');
  return d.length === 10 ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : v;
}

/** The modulus 11 check digit of the first nine digits, or 10 when no valid number can have them. */
export function nhsCheckDigit(nineDigits: string): number {
  // NHS Data Dictionary, NHS NUMBER: weights 10..2, remainder mod 11, check = 11 − remainder (11 → 0, 10 invalid).
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

/** Checks an NHS number (spaces and hyphens allowed) and gives it as 10 digits, or says why it is wrong. */
export function checkNhsNumber(input: string): Checked {
  const raw = input.trim();
  if (/[^\d\s-]/.test(raw)) return { ok: false, message: 'NHS number must only include numbers 0 to 9, like 943 476 5919' };
  const d = raw.replace(/[\s-]/g, '');
  if (d.length !== 10) return { ok: false, message: `NHS number must be 10 digits, like 943 476 5919 (you entered ${d.length})` };
  const check = nhsCheckDigit(d.slice(0, 9));
  if (check === 10) return { ok: false, message: `NHS number ${formatNhsNumber(d)} is not valid: no NHS number can start with these 9 digits. Check it has been copied correctly` };
  if (check !== Number(d[9])) return { ok: false, message: `NHS number ${formatNhsNumber(d)} is not valid: its check digit (the last one) should be ${check}. Check it has been copied correctly` };
  return { ok: true, value: d };
}

// DfE UPN v2.0 (Government Data Standards Catalogue): check letters never use I, O or S.
const upnLetters = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The check letter for the 12 characters after it. */
export function upnCheckLetter(rest: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest[i] ?? '';
    // Characters 2–13 weighted 2..13; a temporary UPN's final letter counts as its index in upnLetters.
    const value = /\d/.test(ch) ? Number(ch) : upnLetters.indexOf(ch);
    sum += value * (i + 2);
  }
  return upnLetters[sum % 23] ?? '?';
}

/** Checks a UPN (spaces allowed, any case) and gives it in capitals, or says why it is wrong. */
export function checkUpn(input: string): Checked {
  const u = input.replace(/\s/g, '').toUpperCase();
  if (u.length !== 13) return { ok: false, message: `UPN must be 13 characters, like H886200124123 (you entered ${u.length})` };
  if (!/^[A-Z]/.test(u)) return { ok: false, message: 'UPN must start with a letter, like H886200124123' };
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(u)) return { ok: false, message: 'UPN must be a letter, then 11 numbers, then a number or a letter, like H886200124123' };
  const first = u[0] ?? '';
  const last = u[12] ?? '';
  if (/[IOS]/.test(first) || /[IOS]/.test(last)) return { ok: false, message: 'UPN is not valid: the letters I, O and S are never used in a UPN. Check whether a number 1, 0 or 5 was meant' };
  const expected = upnCheckLetter(u.slice(1));
  if (expected !== first) return { ok: false, message: `UPN ${u} is not valid: its first letter (the check letter) should be ${expected}. Check it has been copied correctly` };
  return { ok: true, value: u };
}

/** Whether a valid UPN is temporary (ends in a letter). */
export const isTemporaryUpn = (upn: string): boolean => /[A-Z]$/.test(upn);
