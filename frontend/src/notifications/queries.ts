import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { NotificationPage, NotificationView, ReadAll } from '@lcfin/backend/contract';
import { api } from '../api/client';

/** One message of the notification centre (`GET /notifications`). */
export type Notification = NotificationView;
export type { NotificationPage };

export const notificationsKey = ['notifications'] as const;
export const notificationPageSize = 20;
const minute = 60_000;

/** Alerts arrive on the stream; other notices (e.g. an assignment) within a minute. */
export function useNotifications(page: number, unreadOnly: boolean, pageSize = notificationPageSize) {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize), unread: String(unreadOnly) });
  return useQuery({
    queryKey: [...notificationsKey, params.toString()],
    queryFn: () => api.get<NotificationPage>(`/notifications?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: minute,
  });
}

/** How many of the signed-in user's notifications are unread (the header's bell). */
export function useUnreadCount(): number | undefined {
  return useNotifications(1, true, 1).data?.unread;
}

export function notificationsChanged(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: notificationsKey });
}

/** Marks one notification read, or (no id) all of them. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id?: string): Promise<Notification | ReadAll> =>
      id
        ? api.post<Notification>(`/notifications/${encodeURIComponent(id)}/read`)
        : api.post<ReadAll>('/notifications/read-all'),
    onSettled: () => notificationsChanged(queryClient),
  });
}
