import { Form, Input, Modal, Progress, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import * as api from '../api/endpoints.ts';
import type { CaseListItem } from '../api/types.ts';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { CaseAction } from '../../../src/domain/lifecycle.ts';

export type BatchKind = 'dispatch' | 'urge';
interface Result { id: number; number: string; ok: boolean; text: string }

/**
 * One request per case, in turn: read the case (its version and allowed
 * actions), skip it if the action is not allowed now, else act; every
 * outcome is listed with the server's message.
 */
export function BatchDialog({ kind, cases, onClose }: { kind: BatchKind; cases: CaseListItem[]; onClose(changed: boolean): void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm();
  const [results, setResults] = useState<Result[]>();
  const [busy, setBusy] = useState(false);
  const lead = Form.useWatch('leadUnitId', form) as number | undefined;

  const run = async (values: { leadUnitId?: number; assistUnitIds?: number[]; note?: string }) => {
    setBusy(true);
    const out: Result[] = [];
    setResults(out);
    for (const c of cases) {
      try {
        const current = await api.getCase(c.id);
        const candidates: CaseAction[] = kind === 'dispatch' ? ['dispatch', 'redispatch'] : ['urge'];
        const action = candidates.find((a) => current.allowedActions.includes(a));
        if (!action) {
          out.push({ id: c.id, number: c.number, ok: false, text: t('list.batchSkipped', { action: label('action', candidates[0]) }) });
        } else {
          const body = kind === 'dispatch'
            ? { version: current.version, leadUnitId: values.leadUnitId!, assistUnitIds: values.assistUnitIds ?? [], note: values.note || undefined }
            : { version: current.version, note: values.note || undefined };
          const after = await api.act(c.id, action, body);
          out.push({ id: c.id, number: c.number, ok: true, text: `${t('list.batchOk')} → ${label('state', after.state)}` });
        }
      } catch (err) {
        out.push({ id: c.id, number: c.number, ok: false, text: err instanceof ApiError ? `${err.message} (${err.code})` : String(err) });
      }
      setResults([...out]);
    }
    setBusy(false);
  };

  const title = t(kind === 'dispatch' ? 'list.batchDispatch' : 'list.batchUrge');
  const okCount = results?.filter((r) => r.ok).length ?? 0;
  return (
    <Modal
      open
      width={720}
      title={`${title} · ${t('list.selected', { n: cases.length })}`}
      onCancel={() => !busy && onClose(Boolean(results))}
      okText={results ? t('common.close') : t('form.submit')}
      cancelButtonProps={{ style: results ? { display: 'none' } : undefined }}
      confirmLoading={busy}
      onOk={() => (results ? onClose(true) : form.submit())}
      destroyOnHidden
    >
      {!results ? (
        <Form form={form} layout="vertical" onFinish={run}>
          {kind === 'dispatch' ? (
            <>
              <Form.Item name="leadUnitId" label={t('form.leadUnit')} rules={[{ required: true, message: t('form.chooseLead') }]}>
                <UnitTreeSelect data-testid="batch-lead" />
              </Form.Item>
              <Form.Item name="assistUnitIds" label={t('form.assistUnits')} rules={[{ validator: async (_r, v?: number[]) => { if (lead && v?.includes(lead)) throw new Error(t('form.assistNotLead')); } }]}>
                <UnitTreeSelect multiple exclude={lead ? [lead] : []} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="note" label={t('form.noteOptional')} rules={[{ max: 5000, message: t('form.tooLong', { n: 5000 }) }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      ) : (
        <>
          <Progress percent={Math.round((results.length / cases.length) * 100)} status={busy ? 'active' : okCount === cases.length ? 'success' : 'normal'} />
          <p aria-live="polite" data-testid="batch-summary">{busy ? '' : t('list.batchSummary', { ok: okCount, failed: results.length - okCount })}</p>
          <Table<Result>
            rowKey="id" size="small" pagination={false} dataSource={results} data-testid="batch-results"
            columns={[
              { title: t('col.number'), dataIndex: 'number', width: 160 },
              { title: t('col.result'), render: (_: unknown, r: Result) => <><Tag color={r.ok ? 'success' : 'error'}>{r.ok ? '✓' : '✗'}</Tag>{r.text}</> },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
