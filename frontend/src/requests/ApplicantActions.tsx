import { App, Button, Popconfirm } from 'antd';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { useRequestAction } from './actions';
import type { LoanRequest } from './loanRequest';
import { canCancel, canReopen } from './vocabulary';

/** The applicant's say over their request: withdraw it before approval, or offer a rejected one to other banks. */
export function ApplicantActions({ request }: { request: LoanRequest }) {
  const t = useT();
  const { message } = App.useApp();
  const act = useRequestAction();

  const run = (action: 'cancel' | 'reopen', done: MessageKey) =>
    act.mutateAsync({ id: request.id, action }).then(
      () => void message.success(t(done)),
      (error: unknown) => void message.error(describeError(error, t)),
    );

  return (
    <>
      {canReopen(request.status) && (
        <Popconfirm
          title={t('requestActions.reopenConfirm')}
          description={t('requestActions.reopenNote')}
          onConfirm={() => run('reopen', 'requestActions.reopened')}
        >
          <Button type="primary" data-testid="reopen">
            {t('requestActions.reopen')}
          </Button>
        </Popconfirm>
      )}
      {canCancel(request.status) && (
        <Popconfirm
          title={t('requestActions.cancelConfirm')}
          description={t('requestActions.cancelNote')}
          okButtonProps={{ danger: true }}
          onConfirm={() => run('cancel', 'requestActions.cancelled')}
        >
          <Button danger data-testid="cancel-request">
            {t('requestActions.cancel')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
