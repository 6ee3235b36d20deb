import type { FormRule } from 'antd';
import type { Translate } from '../i18n/context';

// The API's password rule: at least 8 characters, letters and digits both.
const lettersAndDigits = /^(?=.*[A-Za-z])(?=.*\d)/;

/** The form's check of a password the API will accept. */
export function passwordRules(t: Translate, required = true): FormRule[] {
  return [
    { required },
    { min: 8, message: t('validation.passwordLength') },
    { pattern: lettersAndDigits, message: t('validation.passwordLettersDigits') },
  ];
}
