import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CategoryTreeSelect } from '../../components/CategoryTreeSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import * as api from './adminApi.ts';
import { FormModal, SectionTitle, useLoad, useRun } from './common.tsx';

const PAGE = 10;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
type Values = { question: string; answer: string; categoryId?: number | null; keywords?: string[]; validFrom?: string; validTo?: string };
type Dialog = { kind: 'create' } | { kind: 'edit'; entry: api.KnowledgeEntry } | undefined;

/** The knowledge base (知识库): search every entry (expired and retired too), add, edit, retire or bring back. */
export default function KnowledgeAdmin() {
  const { t } = useI18n();
  const run = useRun();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad(() => api.searchKnowledge({ q: query || undefined, limit: PAGE, offset: (page - 1) * PAGE }), [query, page]);
  const [dialog, setDialog] = useState<Dialog>();
  const required = { required: true, whitespace: true, message: t('admin.required') };
  const dateRule = { pattern: DATE, message: t('admin.cal.dateRule') };
  const toBody = (v: Values) => ({
    question: v.question.trim(), answer: v.answer.trim(), categoryId: v.categoryId ?? null, keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    ...(v.validFrom ? { validFrom: v.validFrom } : {}), validTo: v.validTo || null,
  });

  return (
    <>
      <SectionTitle extra={<Button type="primary" onClick={() => setDialog({ kind: 'create' })} data-testid="kb-create">{t('admin.kb.create')}</Button>}>
        {t('admin.nav.knowledge')}
      </SectionTitle>
      <form role="search" aria-label={t('admin.kb.search')} onSubmit={(e) => { e.preventDefault(); setPage(1); setQuery(q.trim()); }} style={{ marginBottom: 12 }}>
        <Space.Compact>
          <Input aria-label={t('admin.kb.search')} placeholder={t('admin.kb.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 320 }} data-testid="kb-search" />
          <Button htmlType="submit">{t('common.search')}</Button>
        </Space.Compact>
      </form>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<api.KnowledgeEntry>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('admin.total', { n }) }}
        expandable={{ expandedRowRender: (e) => <div className="case-content">{e.answer}</div> }}
        columns={[
          { key: 'question', title: t('admin.kb.question'), dataIndex: 'question' },
          { key: 'category', title: t('admin.tl.category'), render: (_, e) => e.category?.name ?? '—' },
          { key: 'valid', title: t('admin.kb.valid'), render: (_, e) => `${e.validFrom} – ${e.validTo ?? '∞'}` },
          { key: 'use', title: t('admin.kb.useCount'), dataIndex: 'useCount' },
          { key: 'state', title: t('admin.status'), render: (_, e) => (!e.active ? <Tag>{t('admin.kb.retired')}</Tag> : e.usable ? t('admin.active') : <Tag color="orange">{t('admin.kb.outOfDate')}</Tag>) },
          {
            key: 'do', title: t('admin.actions'), render: (_, e) => (
              <Space size="small">
                <Button size="small" onClick={() => setDialog({ kind: 'edit', entry: e })}>{t('admin.edit')}</Button>
                <Button size="small" danger={e.active} onClick={() => run(() => api.changeKnowledge(e.id, { version: e.version, active: !e.active }), list.reload)}>
                  {e.active ? t('admin.kb.retire') : t('admin.reactivate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('admin.kb.hint')}</Typography.Paragraph>

      <FormModal<Values>
        title={dialog?.kind === 'edit' ? `${t('admin.edit')} · #${dialog.entry.id}` : t('admin.kb.create')}
        open={!!dialog}
        onClose={() => setDialog(undefined)}
        initialValues={dialog?.kind === 'edit' ? {
          question: dialog.entry.question, answer: dialog.entry.answer, categoryId: dialog.entry.category?.id ?? null,
          keywords: dialog.entry.keywords, validFrom: dialog.entry.validFrom, validTo: dialog.entry.validTo ?? undefined,
        } : undefined}
        onSubmit={(v) => (dialog?.kind === 'edit' ? api.changeKnowledge(dialog.entry.id, { ...toBody(v), version: dialog.entry.version }) : api.createKnowledge(toBody(v)))}
        onDone={list.reload}
        testId="kb-form"
      >
        <Form.Item label={t('admin.kb.question')} name="question" rules={[required, { min: 2, max: 200, message: t('admin.length', { min: 2, max: 200 }) }]}>
          <Input data-testid="kb-question" />
        </Form.Item>
        <Form.Item label={t('admin.kb.answer')} name="answer" rules={[required, { min: 2, max: 5000, message: t('admin.length', { min: 2, max: 5000 }) }]}>
          <Input.TextArea rows={5} data-testid="kb-answer" />
        </Form.Item>
        <Form.Item label={t('admin.tl.category')} name="categoryId"><CategoryTreeSelect /></Form.Item>
        <Form.Item label={t('admin.kb.keywords')} name="keywords" extra={t('admin.kb.keywordsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
        </Form.Item>
        <Space wrap>
          <Form.Item label={t('admin.kb.validFrom')} name="validFrom" rules={[dateRule]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
          <Form.Item label={t('admin.kb.validTo')} name="validTo" rules={[dateRule]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
        </Space>
      </FormModal>
    </>
  );
}
