import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import * as api from './adminApi.ts';
import { FormModal, SectionTitle, useLoad, useRun } from './common.tsx';

type Values = { list: api.WordListName; word: string; level?: 'urgent' | 'critical' | null };
const body = (v: Values): api.IntakeWordInput => ({ list: v.list, word: v.word.trim(), level: v.list === 'urgent' ? (v.level ?? 'urgent') : null });

/**
 * The word lists checked at intake: urgent words raise a new appeal's
 * urgency, sensitive words flag it for review (docs/admin.md). Below, the
 * cases flagged for review, each cleared after a look.
 */
export default function IntakeWordsAdmin() {
  const { t, label, dateTime } = useI18n();
  const run = useRun();
  const words = useLoad(api.listIntakeWords);
  const [offset, setOffset] = useState(0);
  const flagged = useLoad(() => api.listFlaggedCases({ limit: 20, offset }), [offset]);
  const [form] = Form.useForm<Values>();
  const list = Form.useWatch('list', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [editing, setEditing] = useState<api.IntakeWord>();
  const lists = [{ value: 'urgent', label: t('admin.iw.urgent') }, { value: 'sensitive', label: t('admin.iw.sensitive') }];
  const levels = [{ value: 'urgent', label: label('urgency', 'urgent') }, { value: 'critical', label: label('urgency', 'critical') }];
  const add = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.addIntakeWord(body(v));
      form.resetFields(['word']);
      words.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const wordRules = [{ required: true, whitespace: true, message: t('admin.required') }, { max: 50, message: t('admin.length', { min: 1, max: 50 }) }];
  return (
    <>
      <SectionTitle>{t('admin.nav.intake-words')}</SectionTitle>
      <Typography.Paragraph type="secondary">{t('admin.iw.hint')}</Typography.Paragraph>
      <Form form={form} name="iw-form" layout="inline" onFinish={add} disabled={busy} initialValues={{ list: 'urgent', level: 'urgent' }} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('admin.iw.list')} name="list"><Select options={lists} style={{ width: 120 }} data-testid="iw-list" /></Form.Item>
        <Form.Item label={t('admin.iw.word')} name="word" rules={wordRules}><Input style={{ width: 200 }} data-testid="iw-word" /></Form.Item>
        {list === 'urgent' ? <Form.Item label={t('admin.iw.level')} name="level"><Select options={levels} style={{ width: 110 }} data-testid="iw-level" /></Form.Item> : null}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="iw-add">{t('admin.add')}</Button>
      </Form>
      <ErrorAlert error={error ?? words.error} onRetry={error ? undefined : words.reload} />
      <Table<api.IntakeWord>
        rowKey="id" size="small" loading={words.loading} dataSource={words.data?.items ?? []} data-testid="iw-table"
        pagination={{ pageSize: 20, showTotal: (n) => t('admin.total', { n }) }}
        columns={[
          { key: 'list', title: t('admin.iw.list'), render: (_, w) => <Tag color={w.list === 'urgent' ? 'red' : 'orange'}>{t(w.list === 'urgent' ? 'admin.iw.urgent' : 'admin.iw.sensitive')}</Tag>,
            filters: lists.map((l) => ({ text: l.label, value: l.value })), onFilter: (v, w) => w.list === v },
          { key: 'word', title: t('admin.iw.word'), dataIndex: 'word' },
          { key: 'level', title: t('admin.iw.level'), render: (_, w) => (w.level ? label('urgency', w.level) : '—') },
          { key: 'at', title: t('admin.updatedAt'), render: (_, w) => dateTime(w.createdAt) },
          { key: 'do', title: t('admin.actions'), render: (_, w) => (
            <Space size="small">
              <Button size="small" onClick={() => setEditing(w)} aria-label={`${t('admin.edit')} ${w.word}`}>{t('admin.edit')}</Button>
              <Button size="small" danger onClick={() => run(() => api.removeIntakeWord(w.id), words.reload)} aria-label={`${t('admin.remove')} ${w.word}`}>{t('admin.remove')}</Button>
            </Space>
          ) },
        ]}
      />
      <FormModal<Values>
        title={t('admin.iw.change')} open={Boolean(editing)} onClose={() => setEditing(undefined)} testId="iw-edit"
        initialValues={editing ? { list: editing.list, word: editing.word, level: editing.level ?? 'urgent' } : undefined}
        onSubmit={(v) => api.changeIntakeWord(editing!.id, body(v))} onDone={words.reload}
      >
        {(f) => (
          <>
            <Form.Item label={t('admin.iw.list')} name="list" rules={[{ required: true, message: t('admin.required') }]}><Select options={lists} /></Form.Item>
            <Form.Item label={t('admin.iw.word')} name="word" rules={wordRules}><Input /></Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.list !== b.list}>
              {() => (f.getFieldValue('list') === 'urgent' ? <Form.Item label={t('admin.iw.level')} name="level"><Select options={levels} /></Form.Item> : null)}
            </Form.Item>
          </>
        )}
      </FormModal>

      <div style={{ marginTop: 32 }} />
      <SectionTitle>{t('admin.iw.flagged')}</SectionTitle>
      <Typography.Paragraph type="secondary">{t('admin.iw.flaggedHint')}</Typography.Paragraph>
      <ErrorAlert error={flagged.error} onRetry={flagged.reload} />
      <Table<api.FlaggedCase>
        rowKey="id" size="small" loading={flagged.loading} dataSource={flagged.data?.items ?? []} data-testid="iw-flagged"
        pagination={{ pageSize: 20, current: offset / 20 + 1, total: flagged.data?.total ?? 0, onChange: (p) => setOffset((p - 1) * 20), showTotal: (n) => t('admin.total', { n }) }}
        columns={[
          { key: 'number', title: t('admin.iw.case'), render: (_, c) => <Link to={`/cases/${c.id}`}>{c.number}</Link> },
          { key: 'title', title: t('admin.iw.caseTitle'), dataIndex: 'title', ellipsis: true },
          { key: 'words', title: t('admin.iw.found'), render: (_, c) => (c.wordHits?.sensitive ?? []).map((w) => <Tag key={w}>{w}</Tag>) },
          { key: 'urgency', title: t('admin.iw.level'), render: (_, c) => label('urgency', c.urgency) },
          { key: 'state', title: t('admin.iw.state'), render: (_, c) => label('state', c.state) },
          { key: 'at', title: t('admin.updatedAt'), render: (_, c) => dateTime(c.receivedAt) },
          { key: 'do', title: t('admin.actions'), render: (_, c) => (
            <Button size="small" onClick={() => run(() => api.clearFlag(c.id), flagged.reload)} aria-label={`${t('admin.iw.clear')} ${c.number}`}>{t('admin.iw.clear')}</Button>
          ) },
        ]}
      />
    </>
  );
}
