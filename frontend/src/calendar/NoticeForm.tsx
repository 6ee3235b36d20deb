import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/formErrors';
import { useT, type Translate } from '../i18n/context';
import type { ParsedNotice } from './notice';
import { useSaveCalendarYear, type CalendarSaved } from './queries';

/** What went wrong with a save: the server's field messages, each on the date it names. */
interface Problem {
  title: string;
  lines: string[];
}

/**
 * A 400 names a date by its place in the list sent ("holidays.3"): the line names the date itself,
 * e.g. 调休上班日 2027-02-03：调休上班日须为周六或周日.
 */
function problemOf(error: unknown, sent: ParsedNotice, t: Translate): Problem {
  if (!(error instanceof ApiError && error.status === 400 && error.details.length > 0)) {
    return { title: describeError(error, t), lines: [] };
  }
  const lines = error.details.map(({ path, message }) => {
    const [list, index] = path.split('.').slice(-2);
    const day = list === 'holidays' || list === 'workdays' ? sent[list][Number(index)] : undefined;
    if (!day) return message;
    const field = t(list === 'holidays' ? 'calendar.enter.holiday' : 'calendar.enter.workday', { day });
    return `${field}${t('common.colon')}${message}`;
  });
  return { title: t('calendar.enter.problem'), lines };
}

/**
 * 录入官方安排: the admin pastes the notice (or a list of dates), sees what was read in the grid
 * above, notes where it came from and saves; the answer says how many deadlines moved.
 */
export function NoticeForm({
  year,
  text,
  onText,
  parsed,
}: {
  year: number;
  text: string;
  onText: (text: string) => void;
  /** What `text` lists, read as the admin types. */
  parsed: ParsedNotice;
}) {
  const t = useT();
  const save = useSaveCalendarYear(year);
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<CalendarSaved | null>(null);
  const found = parsed.holidays.length + parsed.workdays.length > 0;

  const submit = async () => {
    setProblem(null);
    setSaved(null);
    // A 400 names places in the lists as sent; the text may change while the save is under way.
    const sent = parsed;
    try {
      const answer = await save.mutateAsync({
        holidays: sent.holidays,
        workdays: sent.workdays,
        ...(source.trim() ? { source: source.trim() } : {}),
      });
      setSaved(answer);
      onText('');
      setSource('');
    } catch (error) {
      setProblem(problemOf(error, sent, t));
    }
  };

  return (
    <Card title={t('calendar.enter.title')} data-testid="notice-form">
      <Flex vertical gap={12}>
        {saved && (
          <Alert
            type="success"
            showIcon
            data-testid="calendar-saved"
            title={t('calendar.saved', { year })}
            description={t('calendar.replanned', saved.replanned)}
            closable={{ onClose: () => setSaved(null) }}
          />
        )}
        {problem && (
          <Alert
            type="error"
            showIcon
            data-testid="calendar-problem"
            title={problem.title}
            description={
              problem.lines.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {problem.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )
            }
          />
        )}
        <Typography.Text type="secondary">{t('calendar.enter.hint', { year })}</Typography.Text>
        <label>
          <Typography.Text>{t('calendar.enter.text')}</Typography.Text>
          <Input.TextArea
            value={text}
            onChange={(event) => {
              // What the last save refused may no longer be in the text.
              setProblem(null);
              onText(event.target.value);
            }}
            autoSize={{ minRows: 6, maxRows: 16 }}
            data-testid="notice-text"
            style={{ marginTop: 4 }}
          />
        </label>
        {text.trim() && (
          <Flex vertical gap={4} data-testid="notice-parsed">
            {found ? (
              <Typography.Text>
                {t('calendar.enter.parsed', { holidays: parsed.holidays.length, workdays: parsed.workdays.length })}
              </Typography.Text>
            ) : (
              <Typography.Text type="warning">{t('calendar.enter.nothing')}</Typography.Text>
            )}
            {parsed.skipped.length > 0 && (
              <Typography.Text type="warning">
                {t('calendar.enter.skipped', { items: parsed.skipped.join('、') })}
              </Typography.Text>
            )}
          </Flex>
        )}
        <label>
          <Typography.Text>{t('calendar.enter.source')}</Typography.Text>
          <Input
            value={source}
            onChange={(event) => setSource(event.target.value)}
            placeholder={t('calendar.enter.sourcePlaceholder')}
            maxLength={200}
            data-testid="notice-source"
            style={{ marginTop: 4 }}
          />
        </label>
        <Flex gap={8} justify="flex-end" wrap>
          <Button onClick={() => onText('')} disabled={!text}>
            {t('calendar.enter.clear')}
          </Button>
          <Button
            type="primary"
            disabled={!found}
            loading={save.isPending}
            onClick={() => void submit()}
            data-testid="save-calendar"
          >
            {t('calendar.enter.save', { year })}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
