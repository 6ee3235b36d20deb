import { Form, Input } from 'antd';
import { WorkPhone } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';

/**
 * The work phone field of the officer and account forms: the API's own rule (a mobile or a
 * landline with its area code) checked as one types, so the form and the API never disagree.
 */
export function WorkPhoneItem() {
  const t = useT();
  return (
    <Form.Item
      name="workPhone"
      label={t('workPhone.label')}
      extra={t('workPhone.hint')}
      rules={[
        {
          validator: (_, value?: string | null) =>
            !value?.trim() || WorkPhone.safeParse(value).success
              ? Promise.resolve()
              : Promise.reject(new Error(t('workPhone.invalid'))),
        },
      ]}
    >
      <Input inputMode="tel" autoComplete="off" />
    </Form.Item>
  );
}

/** A blank field clears the phone. */
export const workPhoneOf = (value: string | null | undefined): string | null => value?.trim() || null;
