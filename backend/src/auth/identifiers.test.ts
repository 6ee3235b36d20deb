import { describe, expect, it } from 'vitest';
import {
  idNumberCheckCharacter,
  isMainlandLandline,
  isMainlandMobile,
  isValidIdNumber,
  isValidUscc,
  usccCheckCharacter,
} from './identifiers';

describe('USCC check character (GB 32100)', () => {
  it('accepts published codes', () => {
    // Codes printed on public business licences.
    expect(isValidUscc('91110000802100433B')).toBe(true);
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });
  it('rejects a wrong check character, a bad length and forbidden letters', () => {
    expect(isValidUscc('91110000802100433C')).toBe(false);
    expect(isValidUscc('9111000080210043')).toBe(false);
    expect(isValidUscc('91110000802100433I')).toBe(false);
    expect(usccCheckCharacter('9111000080210043O')).toBeNull();
  });
  it('computes the check that makes a code valid', () => {
    const body = '91371500MA3C12345';
    expect(isValidUscc(body + usccCheckCharacter(body))).toBe(true);
  });
});

describe('resident ID check digit (GB 11643)', () => {
  it('accepts the standard example and an X check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(false); // 1880 is before 1900
  });
  it('rejects a wrong check digit, an impossible birth date and a future birth date', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    const feb30 = '37152519900230123';
    expect(isValidIdNumber(feb30 + idNumberCheckCharacter(feb30))).toBe(false);
    const future = '37152520990101123';
    expect(isValidIdNumber(future + idNumberCheckCharacter(future), new Date('2026-01-01'))).toBe(false);
  });
});

describe('mainland phone numbers', () => {
  it('takes 11 digits starting 13–19', () => {
    expect(isMainlandMobile('13800138000')).toBe(true);
    expect(isMainlandMobile('12800138000')).toBe(false);
    expect(isMainlandMobile('1380013800')).toBe(false);
  });

  it('accepts a landline with its area code, hyphen optional', () => {
    for (const phone of ['0635-8213601', '06358213601', '010-62345678', '0635-3281234']) {
      expect(isMainlandLandline(phone), phone).toBe(true);
    }
    for (const phone of ['8213601', '635-8213601', '0635-0213601', '0635-82136', '0635 8213601', '13800138000']) {
      expect(isMainlandLandline(phone), phone).toBe(false);
    }
  });
});
