import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback } from 'react';
import type { StreamMessageData } from '@lcfin/backend/contract';
import { api } from '../api/client';
import { useNoticeWords } from './noticeWords';
import { notificationsChanged, type NotificationPage } from './queries';

/** How many of the newest notifications to look through for the one the stream announced. */
const recent = 10;

/**
 * What the applicant's open app does when the stream says a notice of their request is in the
 * notification centre (the workers write it before announcing it): the bell and centre refresh,
 * and the notice pops up in the same words.
 */
export function useLiveNotice(): (data: StreamMessageData<'request.notice'>) => Promise<void> {
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const words = useNoticeWords();

  return useCallback(
    async ({ requestId, action }) => {
      const [page] = await Promise.all([
        api.get<NotificationPage>(`/notifications?pageSize=${recent}`),
        notificationsChanged(queryClient),
      ]);
      const notice = page.items.find(
        (n) => n.kind === `progress.${action}` && (n.params as { requestId?: string } | null)?.requestId === requestId,
      );
      if (!notice) return;
      const { title, body } = words(notice);
      notification.info({ key: notice.id, title, description: body, placement: 'topRight', className: 'live-notice' });
    },
    [queryClient, notification, words],
  );
}
