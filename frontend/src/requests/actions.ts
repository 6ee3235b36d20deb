import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import type { HandoverBody } from '@lcfin/backend/contract';
import type { NewLoanRequest, SentLoanRequest, StageInput } from './loanRequest';
import { received, requestChanged, requestPath } from './queries';

/** What may be done to a request: officers claim and move it on, applicants cancel or reopen it. */
export type RequestAction =
  { id: string; action: 'claim' | 'cancel' | 'reopen' } | { id: string; action: 'transition'; stage: StageInput };

export function useRequestAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: RequestAction) =>
      received(
        await api.post<SentLoanRequest>(
          `${requestPath(request.id)}/${request.action}`,
          request.action === 'transition' ? request.stage : undefined,
        ),
      ),
    onSuccess: (fresh) => requestChanged(queryClient, fresh.id, fresh),
    onError: (error, { id }) => {
      // Out of order or taken meanwhile: show the request as it is now.
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) {
        void requestChanged(queryClient, id);
      }
    },
  });
}

/** 转派: the institution admin hands the request to another of its officers, with the reason. */
export function useHandOver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: HandoverBody & { id: string }) =>
      received(await api.post<SentLoanRequest>(`${requestPath(id)}/handover`, body)),
    onSuccess: (fresh) => requestChanged(queryClient, fresh.id, fresh),
  });
}

/** Places a request; a retry of the same submission sends the same key and gets the first answer back. */
export function useSubmitRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, idempotencyKey }: { input: NewLoanRequest; idempotencyKey: string }) =>
      received(await api.post<SentLoanRequest>('/loan-requests', input, { 'Idempotency-Key': idempotencyKey })),
    onSuccess: (created) => requestChanged(queryClient, created.id, created),
  });
}
