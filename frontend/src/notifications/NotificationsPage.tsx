import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Flex, List, Segmented, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../api/formErrors';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime } from '../i18n/format';
import { PageHeading } from '../layout/PageHeading';
import { useNoticeWords } from './noticeWords';
import { notificationPageSize, useMarkRead, useNotifications, type Notification } from './queries';

/** How each kind of notice is tagged; kinds the web app does not know yet read as a plain notice. */
const kinds: Record<string, { label: MessageKey; color: string }> = {
  'sla.reminder': { label: 'notificationKind.sla.reminder', color: 'warning' },
  'sla.breach': { label: 'notificationKind.sla.breach', color: 'error' },
  'request.assigned': { label: 'notificationKind.request.assigned', color: 'blue' },
  'sla.calendar_provisional': { label: 'notificationKind.sla.calendar_provisional', color: 'gold' },
  'supervision.urge': { label: 'notificationKind.supervision.urge', color: 'volcano' },
  'supervision.urge_acknowledged': { label: 'notificationKind.supervision.urge_acknowledged', color: 'green' },
};
const otherKind = { label: 'notificationKind.other', color: 'default' } as const;
/** An applicant's notices of their request's progress, coloured by how it went. */
const progressColors: Record<string, string> = {
  'progress.approve': 'green',
  'progress.disburse': 'green',
  'progress.reject': 'red',
  'progress.expire': 'default',
  'progress.escalate': 'orange',
};
const kindOf = (kind: string): { label: MessageKey; color: string } =>
  kinds[kind] ??
  (kind.startsWith('progress.')
    ? { label: 'notificationKind.progress', color: progressColors[kind] ?? 'blue' }
    : otherKind);

/** 消息中心: the signed-in user's notifications, newest first, live from the stream; read one or all. */
export default function NotificationsPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useNotifications(page, unreadOnly);
  const markRead = useMarkRead();
  const words = useNoticeWords();
  const unread = list.data?.unread ?? 0;

  const show = (next: { unreadOnly: boolean; page?: number }) => {
    const query = new URLSearchParams();
    if (next.unreadOnly) query.set('unread', 'true');
    if (next.page && next.page > 1) query.set('page', String(next.page));
    setParams(query);
  };
  const markAll = () =>
    markRead.mutate(undefined, {
      onSuccess: () => void message.success(t('notifications.allRead')),
      onError: (error) => void message.error(describeError(error, t)),
    });

  const item = (n: Notification) => {
    const kind = kindOf(n.kind);
    const { title, body, requestId } = words(n);
    const isUnread = n.readAt === null;
    return (
      <List.Item
        data-testid="notification"
        data-kind={n.kind}
        data-read={!isUnread}
        actions={
          isUnread
            ? [
                <Button
                  key="read"
                  size="small"
                  type="link"
                  icon={<CheckOutlined />}
                  loading={markRead.isPending && markRead.variables === n.id}
                  onClick={() => markRead.mutate(n.id)}
                  data-testid="mark-read"
                >
                  {t('notifications.markRead')}
                </Button>,
              ]
            : []
        }
      >
        <List.Item.Meta
          avatar={<Badge status={isUnread ? 'processing' : 'default'} />}
          title={
            <Flex align="center" gap={8} wrap>
              <Tag color={kind.color} style={{ marginInlineEnd: 0 }}>
                {t(kind.label)}
              </Tag>
              <Typography.Text strong={isUnread}>{title}</Typography.Text>
            </Flex>
          }
          description={
            <Flex vertical gap={2}>
              <Typography.Text type={isUnread ? undefined : 'secondary'}>{body}</Typography.Text>
              <Flex gap={12} wrap>
                <Typography.Text type="secondary">{formatDateTime(n.createdAt, language)}</Typography.Text>
                {requestId && (
                  <Link to={`/my/requests/${encodeURIComponent(requestId)}`} data-testid="notification-request">
                    {t('notice.view')}
                  </Link>
                )}
              </Flex>
            </Flex>
          }
        />
      </List.Item>
    );
  };

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('nav.notifications')}
        subtitle={t('notifications.subtitle')}
        extra={
          <Button onClick={markAll} disabled={unread === 0} loading={markRead.isPending && !markRead.variables}>
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <div>
            <Segmented<'all' | 'unread'>
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(value) => show({ unreadOnly: value === 'unread' })}
              options={[
                { value: 'all', label: t('notifications.all') },
                { value: 'unread', label: t('notifications.unreadCount', { count: unread }) },
              ]}
            />
          </div>
          <List
            data-testid="notifications"
            itemLayout="horizontal"
            loading={list.isPending}
            dataSource={list.data?.items}
            renderItem={item}
            locale={{
              emptyText: list.isError ? (
                describeError(list.error, t)
              ) : (
                <Empty description={t(unreadOnly ? 'notifications.emptyUnread' : 'notifications.empty')} />
              ),
            }}
            pagination={{
              current: page,
              pageSize: notificationPageSize,
              total: list.data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: false,
              onChange: (next) => show({ unreadOnly, page: next }),
            }}
          />
        </Flex>
      </Card>
    </Flex>
  );
}
