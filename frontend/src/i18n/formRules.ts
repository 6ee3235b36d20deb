import type { FormRule } from 'antd';
import type { Translate } from './context';

/** A required choice, worded for a select: 请选择所属行业 rather than antd's 请输入所属行业. */
export function chooseRule(t: Translate, field: string): FormRule {
  return { required: true, message: t('validation.choose', { field }) };
}
