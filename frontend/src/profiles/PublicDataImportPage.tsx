import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { PUBLIC_DATA_COLUMNS } from '@lcfin/backend/contract';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { PageHeading } from '../layout/PageHeading';
import { useImportPublicData, type ImportReportType } from './queries';

interface FormValues {
  source: string;
  /** Held in state (antd's Upload keeps the File), named here so its errors show under it. */
  file?: never;
}

/** The provider of the extracts the bureau receives today. */
const USUAL_SOURCE = '聊城市大数据局';

/** 公共数据导入: the bureau uploads an extract; every row is imported, or none and the refused rows are listed. */
export default function PublicDataImportPage() {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReportType | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const importData = useImportPublicData();

  const submit = ({ source }: FormValues) => {
    setProblem(null);
    setReport(null);
    if (!file) {
      form.setFields([{ name: 'file', errors: [t('publicData.fileRequired')] }]);
      return;
    }
    importData.mutate(
      { file, source },
      { onSuccess: setReport, onError: (error) => setProblem(formProblem(form, error, t)) },
    );
  };

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('publicData.title')} subtitle={t('publicData.subtitle')} />
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ source: USUAL_SOURCE }}>
          <Form.Item name="source" label={t('publicData.source')} rules={[{ required: true }]}>
            <Input maxLength={60} style={{ maxWidth: 360 }} />
          </Form.Item>
          <Form.Item name="file" label={t('publicData.file')} extra={t('publicData.allOrNothing')}>
            <Upload
              accept=".csv,.xlsx"
              maxCount={1}
              // Kept until 导入 is pressed, then sent with the source in one request.
              beforeUpload={(chosen) => {
                setFile(chosen);
                setReport(null);
                form.setFields([{ name: 'file', errors: [] }]);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'extract', name: file.name, status: 'done' }] : []}
            >
              <Button icon={<UploadOutlined />}>{t('publicData.chooseFile')}</Button>
            </Upload>
          </Form.Item>
          <Typography.Paragraph type="secondary">
            <Typography.Text strong>{t('publicData.columns')}：</Typography.Text>
            {t('publicData.columnsHint')}
          </Typography.Paragraph>
          {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={importData.isPending}>
            {t('publicData.submit')}
          </Button>
        </Form>
      </Card>
      {report && (
        <Card data-testid="import-report">
          {report.rejected.length === 0 ? (
            <Alert type="success" showIcon title={t('publicData.imported', { count: report.imported })} />
          ) : (
            <Flex vertical gap={12}>
              <Alert type="error" showIcon title={t('publicData.rejected', { count: report.rejected.length })} />
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.field}`}
                dataSource={report.rejected}
                pagination={false}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('publicData.row'), dataIndex: 'row', width: 80 },
                  {
                    title: t('publicData.field'),
                    dataIndex: 'field',
                    width: 240,
                    // As the extract heads the column, with its key; the whole row when no one cell is at fault.
                    render: (field: string) =>
                      field in PUBLIC_DATA_COLUMNS
                        ? `${PUBLIC_DATA_COLUMNS[field as keyof typeof PUBLIC_DATA_COLUMNS]}（${field}）`
                        : t('publicData.wholeRow'),
                  },
                  { title: t('publicData.reason'), dataIndex: 'reason' },
                ]}
              />
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
