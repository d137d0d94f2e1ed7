import { Button, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import * as api from './adminApi.ts';
import { SectionTitle, useLoad, useRun } from './common.tsx';

/** Words a Leader Message Board post may not contain: list, add, remove. */
export default function BannedWordsAdmin() {
  const { t, dateTime } = useI18n();
  const run = useRun();
  const words = useLoad(api.listBannedWords);
  const [form] = Form.useForm<{ word: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const add = async ({ word }: { word: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.addBannedWord(word.trim());
      form.resetFields();
      words.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <SectionTitle>{t('admin.nav.banned-words')}</SectionTitle>
      <Typography.Paragraph type="secondary">{t('admin.bw.hint')}</Typography.Paragraph>
      <Form form={form} name="bw-form" layout="inline" onFinish={add} disabled={busy} style={{ marginBottom: 12 }}>
        <Form.Item label={t('admin.bw.word')} name="word" rules={[{ required: true, whitespace: true, message: t('admin.required') }, { max: 50, message: t('admin.length', { min: 1, max: 50 }) }]}>
          <Input style={{ width: 240 }} data-testid="bw-word" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="bw-add">{t('admin.add')}</Button>
      </Form>
      <ErrorAlert error={error ?? words.error} onRetry={error ? undefined : words.reload} />
      <Table<api.BannedWord>
        rowKey="id" size="small" loading={words.loading} dataSource={words.data?.items ?? []} data-testid="bw-table"
        pagination={{ pageSize: 20, showTotal: (n) => t('admin.total', { n }) }}
        columns={[
          { key: 'word', title: t('admin.bw.word'), dataIndex: 'word' },
          { key: 'at', title: t('admin.updatedAt'), render: (_, w) => dateTime(w.createdAt) },
          { key: 'do', title: t('admin.actions'), render: (_, w) => <Button size="small" danger onClick={() => run(() => api.removeBannedWord(w.id), words.reload)} aria-label={`${t('admin.remove')} ${w.word}`}>{t('admin.remove')}</Button> },
        ]}
      />
    </>
  );
}
