/**
 * Check-digit validation of the two identity numbers applicants register with.
 * Pure functions: shared by request validation, demo data and tests.
 */

/** GB 32100-2015: the 31 characters a unified social credit code (统一社会信用代码) may use. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function isValidUscc(code: string): boolean {
  return code.length === 18 && usccCheckCharacter(code.slice(0, 17)) === code[17];
}

/** GB 11643-1999: 17 digits (region, birth date, sequence) and an ISO 7064 MOD 11-2 check. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidIdNumber(id: string, today: Date = new Date()): boolean {
  if (!/^\d{17}[\dX]$/.test(id) || idNumberCheckCharacter(id.slice(0, 17)) !== id[17]) return false;
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  const isRealDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  return isRealDate && y >= 1900 && birth.getTime() <= today.getTime();
}

export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** A mainland landline: the area code (0 and 2–3 digits) and a 7–8 digit number, hyphen optional (0635-8213601). */
export function isMainlandLandline(phone: string): boolean {
  return /^0\d{2,3}-?[2-9]\d{6,7}$/.test(phone);
}
