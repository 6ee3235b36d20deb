import { Flex, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import { useSignedInUser } from '../auth/signedInUser';
import { useT } from '../i18n/context';
import { useRequestFormat } from './format';
import type { LoanRequest, RequestStatus, TimelineEntry } from './loanRequest';
import { entryActor, entryFacts, entryTitle, handoverOfficers, isReplan } from './timelineFacts';

/** Outcomes stand out; every other step is blue. */
const outcomeColors: Partial<Record<RequestStatus, string>> = {
  approved: 'green',
  disbursed: 'green',
  rejected: 'red',
  cancelled: 'gray',
  expired: 'gray',
};

/** Every step the request took, the latest first, with who took it, what it recorded and any note. */
export function RequestTimeline({ request, entries }: { request: LoanRequest; entries: readonly TimelineEntry[] }) {
  const t = useT();
  const format = useRequestFormat();
  const viewer = useSignedInUser();
  const officers = useMemo(() => handoverOfficers(entries), [entries]);
  return (
    <Timeline
      data-testid="request-timeline"
      items={entries.toReversed().map((entry, index) => ({
        key: `${entry.at}-${index}`,
        color: outcomeColors[entry.to] ?? 'blue',
        content: (
          <Flex vertical gap={2} data-testid="timeline-entry">
            <Typography.Text strong>{entryTitle(entry, t)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format.dateTime(entry.at)} · {entryActor(entry, request, viewer.id, t, officers)}
            </Typography.Text>
            {entryFacts(entry, format, t).map((fact) => (
              <Typography.Text key={fact}>{fact}</Typography.Text>
            ))}
            {/* A re-plan's note is the platform's own summary of the moves its facts give in the reader's language. */}
            {entry.note && !isReplan(entry) && <Typography.Text type="secondary">“{entry.note}”</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}
