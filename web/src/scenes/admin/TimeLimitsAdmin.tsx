import { Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { limitUnits, stages } from '../../../../src/domain/deadlines.ts';
import { caseTypes, channels, urgencies } from '../../../../src/modules/case/case.vocabulary.ts';
import { CategoryTreeSelect } from '../../components/CategoryTreeSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import * as api from './adminApi.ts';
import { FormModal, SectionTitle, useLoad, useRun } from './common.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; policy: api.Policy } | undefined;

/** The time-limit table (办理时限): rows by stage with their criteria; add, change, (de)activate; and which row applies to an appeal. */
export default function TimeLimitsAdmin() {
  const { t, label, dateTime } = useI18n();
  const run = useRun();
  const policies = useLoad(api.listPolicies);
  const cats = useLoad(api.listCategories);
  const [dialog, setDialog] = useState<Dialog>();
  const [preview, setPreview] = useState<api.Preview>();
  const [previewError, setPreviewError] = useState<unknown>();
  const catName = useMemo(() => new Map((cats.data ?? []).map((c) => [c.id, c.fullName])), [cats.data]);
  const stageLabel = (s: string) => t(`admin.stage.${s}` as MessageKey);
  const unitLabel = (u: string) => t(`admin.limitUnit.${u}` as MessageKey);
  const any = t('admin.tl.any');
  const opts = (kind: 'type' | 'urgency' | 'channel', codes: readonly string[]) => codes.map((c) => ({ value: c, label: label(kind, c) }));
  const required = { required: true, message: t('admin.required') };
  /** The limit itself and a note: the same fields when a policy is made and when it is changed. */
  const limitFields = (
    <>
      <Space>
        <Form.Item label={t('admin.tl.amount')} name="amount" rules={[required, { type: 'integer', min: 1, message: t('admin.tl.amountRule') }]}><InputNumber min={1} precision={0} /></Form.Item>
        <Form.Item label={t('admin.tl.unit')} name="unit" rules={[required]}><Select style={{ width: 140 }} options={limitUnits.map((u) => ({ value: u, label: unitLabel(u) }))} /></Form.Item>
      </Space>
      <Form.Item label={t('admin.note')} name="note" rules={[{ max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
    </>
  );

  const runPreview = async (v: { stage: string; type: string; urgency?: string; channel?: string; categoryId?: number | null }) => {
    setPreviewError(undefined);
    try {
      setPreview(await api.previewPolicy({ ...v, categoryId: v.categoryId ?? undefined }));
    } catch (err) {
      setPreview(undefined);
      setPreviewError(err);
    }
  };

  return (
    <>
      <SectionTitle extra={<Button type="primary" onClick={() => setDialog({ kind: 'create' })} data-testid="tl-create">{t('admin.tl.create')}</Button>}>
        {t('admin.nav.time-limits')}
      </SectionTitle>
      <ErrorAlert error={policies.error} onRetry={policies.reload} />
      <Table<api.Policy>
        rowKey="id" size="small" loading={policies.loading} dataSource={policies.data ?? []} pagination={false} scroll={{ x: 1080, y: 420 }}
        columns={[
          { key: 'stage', title: t('admin.tl.stage'), render: (_, p) => stageLabel(p.stage) },
          { key: 'type', title: t('list.type'), render: (_, p) => (p.caseType ? label('type', p.caseType) : any) },
          { key: 'urgency', title: t('list.urgency'), render: (_, p) => (p.urgency ? label('urgency', p.urgency) : any) },
          { key: 'channel', title: t('list.channel'), render: (_, p) => (p.channel ? label('channel', p.channel) : any) },
          { key: 'category', title: t('admin.tl.category'), render: (_, p) => (p.categoryId ? catName.get(p.categoryId) ?? p.categoryId : any) },
          { key: 'limit', title: t('admin.tl.limit'), width: 130, render: (_, p) => <strong>{p.amount} {unitLabel(p.unit)}</strong> },
          { key: 'active', title: t('admin.status'), render: (_, p) => (p.active ? t('admin.active') : <Tag>{t('admin.inactive')}</Tag>) },
          { key: 'note', title: t('admin.note'), dataIndex: 'note', ellipsis: true },
          { key: 'updated', title: t('admin.updatedAt'), width: 150, render: (_, p) => dateTime(p.updatedAt) },
          {
            key: 'do', title: t('admin.actions'), fixed: 'right', width: 150, render: (_, p) => (
              <Space size="small">
                <Button size="small" onClick={() => setDialog({ kind: 'edit', policy: p })}>{t('admin.edit')}</Button>
                {p.active
                  ? <Button size="small" danger onClick={() => run(() => api.deactivatePolicy(p.id), policies.reload)}>{t('admin.deactivate')}</Button>
                  : <Button size="small" onClick={() => run(() => api.changePolicy(p.id, { active: true }), policies.reload)}>{t('admin.reactivate')}</Button>}
              </Space>
            ),
          },
        ]}
      />

      <Card size="small" title={<h3 style={{ fontSize: 15, margin: 0 }}>{t('admin.tl.preview')}</h3>} style={{ marginTop: 16 }}>
        <Form layout="inline" name="tl-preview" onFinish={runPreview} initialValues={{ stage: 'reply', type: 'complaint', urgency: 'normal', channel: 'hotline' }}>
          <Form.Item label={t('admin.tl.stage')} name="stage" rules={[required]}><Select style={{ width: 110 }} options={stages.map((s) => ({ value: s, label: stageLabel(s) }))} /></Form.Item>
          <Form.Item label={t('list.type')} name="type" rules={[required]}><Select style={{ width: 110 }} options={opts('type', caseTypes)} /></Form.Item>
          <Form.Item label={t('list.urgency')} name="urgency"><Select style={{ width: 100 }} options={opts('urgency', urgencies)} /></Form.Item>
          <Form.Item label={t('list.channel')} name="channel"><Select style={{ width: 130 }} options={opts('channel', channels)} /></Form.Item>
          <Form.Item label={t('admin.tl.category')} name="categoryId" style={{ width: 280 }}><CategoryTreeSelect /></Form.Item>
          <Button htmlType="submit" data-testid="tl-preview">{t('admin.tl.runPreview')}</Button>
        </Form>
        <div style={{ marginTop: 12 }} aria-live="polite">
          <ErrorAlert error={previewError} />
          {preview ? (
            <Descriptions size="small" column={2} data-testid="tl-preview-result" items={[
              { key: 'limit', label: t('admin.tl.limit'), children: `${preview.policy.amount} ${unitLabel(preview.policy.unit)} (#${preview.policy.id})` },
              { key: 'start', label: t('admin.tl.start'), children: dateTime(preview.start) },
              { key: 'due', label: t('admin.tl.due'), children: dateTime(preview.due) },
              { key: 'dueDate', label: t('admin.tl.dueDate'), children: preview.dueDate },
            ]} />
          ) : null}
        </div>
      </Card>

      <FormModal<api.NewPolicy>
        title={t('admin.tl.create')}
        open={dialog?.kind === 'create'}
        onClose={() => setDialog(undefined)}
        initialValues={{ stage: 'reply', unit: 'workdays' }}
        onSubmit={(v) => api.createPolicy({ ...v, note: v.note?.trim() || null })}
        onDone={policies.reload}
        testId="tl-form"
      >
        <Form.Item label={t('admin.tl.stage')} name="stage" rules={[required]}><Select options={stages.map((s) => ({ value: s, label: stageLabel(s) }))} /></Form.Item>
        <Form.Item label={t('list.type')} name="caseType" extra={t('admin.tl.anyHint')}><Select allowClear options={opts('type', caseTypes)} /></Form.Item>
        <Form.Item label={t('list.urgency')} name="urgency"><Select allowClear options={opts('urgency', urgencies)} /></Form.Item>
        <Form.Item label={t('list.channel')} name="channel"><Select allowClear options={opts('channel', channels)} /></Form.Item>
        <Form.Item label={t('admin.tl.category')} name="categoryId"><CategoryTreeSelect /></Form.Item>
        {limitFields}
      </FormModal>

      <FormModal<{ amount: number; unit: string; note?: string | null }>
        title={dialog?.kind === 'edit' ? `${t('admin.edit')} · ${stageLabel(dialog.policy.stage)} #${dialog.policy.id}` : ''}
        open={dialog?.kind === 'edit'}
        onClose={() => setDialog(undefined)}
        initialValues={dialog?.kind === 'edit' ? { amount: dialog.policy.amount, unit: dialog.policy.unit, note: dialog.policy.note } : undefined}
        onSubmit={(v) => api.changePolicy((dialog as { policy: api.Policy }).policy.id, { amount: v.amount, unit: v.unit, note: v.note?.trim() || null })}
        onDone={policies.reload}
        testId="tl-edit-form"
      >
        {limitFields}
      </FormModal>
    </>
  );
}
