import { Alert, App, Button, Flex, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';

/**
 * A small form in a modal for one action on a loan's fiscal side (report a period, claim, record a
 * recovery): a 400's field errors land on the fields, anything else shows above them.
 */
export function LoanActionModal<Values extends object>({
  open,
  title,
  submitLabel,
  initialValues,
  onSubmit,
  onClose,
  pending,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  initialValues: Values;
  /** Sends the form; resolves with what to tell the user once done (the modal closes), rejects with the API's error. */
  onSubmit: (values: Values) => Promise<string>;
  onClose: () => void;
  pending: boolean;
  children: (form: FormInstance<Values>) => ReactNode;
  testId: string;
}) {
  return (
    <Modal open={open} onCancel={onClose} destroyOnHidden footer={null} title={title}>
      {open && (
        <ActionForm
          initialValues={initialValues}
          onSubmit={onSubmit}
          onClose={onClose}
          pending={pending}
          submitLabel={submitLabel}
          testId={testId}
        >
          {children}
        </ActionForm>
      )}
    </Modal>
  );
}

function ActionForm<Values extends object>({
  initialValues,
  onSubmit,
  onClose,
  pending,
  submitLabel,
  children,
  testId,
}: {
  initialValues: Values;
  onSubmit: (values: Values) => Promise<string>;
  onClose: () => void;
  pending: boolean;
  submitLabel: string;
  children: (form: FormInstance<Values>) => ReactNode;
  testId: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setProblem(null);
    try {
      void message.success(await onSubmit(values));
      onClose();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void submit(values)}
      data-testid={testId}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {children(form)}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={pending}>
          {submitLabel}
        </Button>
      </Flex>
    </Form>
  );
}
