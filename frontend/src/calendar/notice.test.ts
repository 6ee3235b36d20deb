import { describe, expect, it } from 'vitest';
import { parseNotice } from './notice';

const days = (from: number, to: number, month: string) =>
  Array.from({ length: to - from + 1 }, (_, i) => `2027-${month}-${String(from + i).padStart(2, '0')}`);

describe('parseNotice', () => {
  it('reads the State Council notice: ranges within and across months, single days, lists of working days', () => {
    const notice = `国务院办公厅关于2027年部分节假日安排的通知
      一、元旦：1月1日（周五）至3日（周日）放假，共3天。
      二、春节：2月5日（农历腊月廿九、周五）至13日（周六）放假调休，共9天。2月14日（周日）、2月20日（周六）上班。
      三、清明节：4月3日（周六）至5日（周一）放假，共3天。
      四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
      五、端午节：6月9日（周三）放假，与周末连休。
      六、中秋节：9月29日（周三）至10月1日（周五）放假。
      七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
      鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月5日）休息。
      国务院办公厅
      2026年11月5日`;
    expect(parseNotice(notice, 2027)).toEqual({
      holidays: [
        ...days(1, 3, '01'),
        ...days(5, 13, '02'),
        ...days(3, 5, '04'),
        ...days(1, 5, '05'),
        '2027-06-09',
        ...days(29, 30, '09'),
        ...days(1, 7, '10'),
      ],
      workdays: ['2027-02-14', '2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'],
      // The notice's own date, under the signature.
      skipped: ['2026-11-05'],
    });
  });

  it('takes 上班 in the same sentence as the days off, and full-width digits', () => {
    expect(parseNotice('春节：２月５日至７日放假调休，共３天，２月１４日、２０日上班。', 2027)).toEqual({
      holidays: days(5, 7, '02'),
      workdays: ['2027-02-14', '2027-02-20'],
      skipped: [],
    });
  });

  it('reads plain lists of dates: days off unless headed or followed by 上班', () => {
    const list = '2027-01-01\n2027-01-04 至 2027-01-05\n上班：2027-02-06, 2027-02-07\n2027/10/01';
    expect(parseNotice(list, 2027)).toEqual({
      holidays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-10-01'],
      workdays: ['2027-02-06', '2027-02-07'],
      skipped: [],
    });
  });

  it('keeps a date in another year that 放假 claims, for the server to refuse', () => {
    expect(parseNotice('2026年12月31日至2027年1月1日放假', 2027).holidays).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('leaves out dates that name no day and ranges that end before they start', () => {
    expect(parseNotice('2月30日放假。3月5日至2日放假。', 2027)).toEqual({
      holidays: ['2027-03-05'],
      workdays: [],
      skipped: ['2月30日', '2日'],
    });
  });

  it('finds nothing in text without dates', () => {
    expect(parseNotice('各地区、各部门要妥善安排好值班和安全、保卫等工作。', 2027)).toEqual({
      holidays: [],
      workdays: [],
      skipped: [],
    });
  });
});
