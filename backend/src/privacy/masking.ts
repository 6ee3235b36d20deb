/**
 * What an officer sees of an applicant before claiming: enough to judge the request,
 * not enough to contact or identify them (domain spec: masked name, no phone, no ID).
 */

/** 聊城市东昌府区鲁西机械制造有限公司 → 聊城市****有限公司; 王冠民 → 王**. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length <= 4) return chars[0] + '*'.repeat(chars.length - 1);
  const keepHead = Math.min(3, Math.floor(chars.length / 4));
  const keepTail = Math.min(4, Math.floor(chars.length / 4));
  return chars.slice(0, keepHead).join('') + '****' + chars.slice(chars.length - keepTail).join('');
}

/** 13806351234 → 138****1234, for the applicant's own views and logs. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}

/** How much of a purpose an officer deciding whether to claim reads: enough to judge the request. */
export const MASKED_PURPOSE_LENGTH = 60;

/**
 * The applicant's own words about the loan, as the grab pool shows them: applicants write phone
 * numbers, ID numbers, account numbers and e-mail addresses into free text, so any run of 7 or more
 * digits (spaces and dashes inside allowed, an ID's final X too) and anything shaped like an e-mail
 * becomes ****, and the text is cut to MASKED_PURPOSE_LENGTH characters. Amounts (50万, 300000)
 * stay readable.
 */
export function maskPurpose(purpose: string): string {
  const masked = purpose
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '****')
    .replace(/\d(?:[ -]?\d){5,}[ -]?[\dXx]/g, '****');
  const chars = [...masked];
  return chars.length <= MASKED_PURPOSE_LENGTH ? masked : `${chars.slice(0, MASKED_PURPOSE_LENGTH).join('')}…`;
}
