import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';
import { useRequestAction } from '../requests/actions';
import type { LoanRequest } from '../requests/loanRequest';
import { removeFromPool } from './poolQueries';

/**
 * 抢单: the answer decides at once — won (on to the request's page) or already taken (the row goes).
 * The answer alone decides, even if the stream removed the row while the click was in flight.
 */
export function useClaim() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const act = useRequestAction();

  const say = (kind: 'success' | 'warning' | 'error', testId: string, text: string) =>
    void message[kind](<span data-testid={testId}>{text}</span>);

  const claim = async (request: LoanRequest) => {
    try {
      await act.mutateAsync({ id: request.id, action: 'claim' });
      removeFromPool(queryClient, request.id);
      say('success', 'claim-won', t('pool.won'));
      navigate(`/officer/requests/${request.id}`);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : null;
      // Taken by someone else (409), or no longer this institution's to take (403): either way, not here.
      if (status === 409 || status === 403) removeFromPool(queryClient, request.id);
      if (status === 409) say('warning', 'claim-taken', t('pool.taken'));
      else say('error', 'claim-failed', describeError(error, t));
    }
  };

  return { claim, claimingId: act.isPending ? act.variables.id : null };
}
