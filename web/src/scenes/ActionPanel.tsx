import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import * as api from '../api/endpoints.ts';
import type { CaseView, RejectReason } from '../api/types.ts';
import { CategoryTreeSelect } from '../components/CategoryTreeSelect.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { DraftReplyCheck } from '../components/ReplyCheck.tsx';
import { SuggestionChips } from '../components/SuggestionChips.tsx';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { loadRejectReasons } from '../lib/reference.ts';
import { useMe } from '../session.tsx';
import { lifecycle, resolutions, satisfactionLevels, type CaseAction } from '../../../src/domain/lifecycle.ts';
import { caseTypes, urgencies } from '../../../src/modules/case/case.vocabulary.ts';

/** Actions that close or refuse something are shown in red. */
const dangerous = new Set<CaseAction>(['reject', 'return', 'sendBack', 'rejectDraft', 'refuseExtension', 'refuseSuspension', 'close']);
const primary = new Set<CaseAction>(['register', 'dispatch', 'redispatch', 'sign', 'draftReply', 'signOff', 'approve', 'recordCallback']);

/**
 * Exactly the actions the server lists in `allowedActions`, one button each;
 * each opens a form that checks its input before sending and shows the
 * server's message when it refuses.
 */
export function ActionPanel({ view, onChanged, onReload }: { view: CaseView; onChanged(v: CaseView): void; onReload(): Promise<void> }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState<CaseAction>();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.actions')}</h2>} size="small" data-testid="actions">
      {view.allowedActions.length === 0 ? <Typography.Text type="secondary" data-testid="no-actions">{t('case.noActions')}</Typography.Text> : (
        <Space wrap>
          {view.allowedActions.map((a) => (
            <Button key={a} type={primary.has(a) ? 'primary' : 'default'} danger={dangerous.has(a)} onClick={() => setOpen(a)} data-action={a}>
              {label('action', a)}
            </Button>
          ))}
        </Space>
      )}
      {open ? <ActionDialog action={open} view={view} onClose={() => setOpen(undefined)} onChanged={onChanged} onReload={onReload} /> : null}
    </Card>
  );
}

interface Values {
  note?: string;
  leadUnitId?: number;
  assistUnitIds?: number[];
  unitIds?: number[];
  days?: number;
  intoNumber?: string;
  reasonCode?: string;
  reached?: boolean;
  resolution?: string;
  satisfaction?: string;
  type?: string;
  urgency?: string;
  categoryId?: number | null;
}

function ActionDialog({ action, view, onClose, onChanged, onReload }: {
  action: CaseAction; view: CaseView; onClose(): void; onChanged(v: CaseView): void; onReload(): Promise<void>;
}) {
  const { t, label, lang } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [reasons, setReasons] = useState<RejectReason[]>([]);
  const lead = Form.useWatch('leadUnitId', form);
  // Until the form store answers, the watch reads undefined: default to the initial value so the fields and their rules are there from the first render.
  const reached = Form.useWatch('reached', form) ?? true;
  const noteRequired = lifecycle[action].note === 'required';
  const noteName = (`note.${action}` in NOTE_KEYS ? t(`note.${action}` as MessageKey) : t('form.note'));
  const actionName = label('action', action);

  useEffect(() => {
    if (action === 'reject') loadRejectReasons().then(setReasons).catch(() => setReasons([]));
  }, [action]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, unknown> & { version: number } = { version: view.version };
      if (v.note?.trim()) body.note = v.note.trim();
      switch (action) {
        case 'dispatch':
        case 'redispatch':
          body.leadUnitId = v.leadUnitId;
          body.assistUnitIds = v.assistUnitIds ?? [];
          break;
        case 'subDispatch':
          body.unitIds = v.unitIds;
          break;
        case 'requestExtension':
          body.days = v.days;
          break;
        case 'reject':
          body.reasonCode = v.reasonCode;
          break;
        case 'merge': {
          const into = await api.getCaseByNumber(v.intoNumber!.trim());
          body.intoCaseId = into.id;
          break;
        }
        case 'recordCallback':
          body.reached = v.reached;
          if (v.reached) { body.resolution = v.resolution; body.satisfaction = v.satisfaction; }
          break;
        case 'register':
          body.type = v.type;
          body.urgency = v.urgency;
          body.categoryId = v.categoryId ?? null;
          break;
      }
      const after = await api.act(view.id, action, body);
      onChanged(after);
      message.success(t('form.done', { action: actionName }));
      onClose();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'STALE_VERSION') {
        await onReload();
        message.warning(t('case.stale'));
      }
    } finally {
      setBusy(false);
    }
  };

  const required = (what: string) => ({ required: true, message: t('form.required', { label: what }) });
  const unitsField = (name: 'leadUnitId' | 'assistUnitIds' | 'unitIds', text: MessageKey, opts: { multiple?: boolean; under?: number; exclude?: number[]; rules?: object[] } = {}) => (
    <Form.Item name={name} label={t(text)} rules={opts.rules}>
      <UnitTreeSelect multiple={opts.multiple} under={opts.under} exclude={opts.exclude} data-testid={`field-${name}`} />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={`${actionName} · ${view.number}`}
      okText={actionName}
      cancelText={t('form.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      // data-action tells this dialog's button from one still closing after the previous action.
      okButtonProps={{ danger: dangerous.has(action), ...({ 'data-testid': 'action-submit', 'data-action': action } as Record<string, string>) }}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: view.type, urgency: view.urgency, categoryId: view.category?.id ?? null, reached: true, days: 3 }}
        data-testid={`form-${action}`}
      >
        {action === 'register' ? (
          <>
            <Form.Item name="type" label={t('form.type')} rules={[required(t('form.type'))]}>
              <Select options={caseTypes.map((c) => ({ value: c, label: label('type', c) }))} />
            </Form.Item>
            <Form.Item name="urgency" label={t('form.urgency')}>
              <Select options={urgencies.map((c) => ({ value: c, label: label('urgency', c) }))} />
            </Form.Item>
            <SuggestionChips caseId={view.id} kind="categories" onPick={(id) => form.setFieldValue('categoryId', id)} />
            <Form.Item name="categoryId" label={t('form.category')}>
              <CategoryTreeSelect />
            </Form.Item>
          </>
        ) : null}
        {action === 'dispatch' || action === 'redispatch' ? (
          <>
            <SuggestionChips caseId={view.id} kind="units" onPick={(id) => { form.setFieldValue('leadUnitId', id); form.validateFields(['leadUnitId']).catch(() => {}); }} />
            {unitsField('leadUnitId', 'form.leadUnit', { rules: [{ required: true, message: t('form.chooseLead') }] })}
            {unitsField('assistUnitIds', 'form.assistUnits', {
              multiple: true, exclude: lead ? [lead] : [],
              rules: [{ validator: async (_r: unknown, v?: number[]) => { if (lead && v?.includes(lead)) throw new Error(t('form.assistNotLead')); } }],
            })}
          </>
        ) : null}
        {action === 'subDispatch' ? unitsField('unitIds', 'form.subUnits', { multiple: true, under: me.unitId, rules: [{ required: true, type: 'array', min: 1, message: t('form.chooseUnits') }] }) : null}
        {action === 'requestExtension' ? (
          <Form.Item name="days" label={t('form.days')} rules={[{ required: true, type: 'integer', min: 1, max: 10, message: t('form.daysRange') }]}>
            <InputNumber min={1} max={10} precision={0} />
          </Form.Item>
        ) : null}
        {action === 'reject' ? (
          <Form.Item name="reasonCode" label={t('form.reasonCode')} rules={[{ required: true, message: t('form.reasonRequired') }]}>
            <Select options={reasons.map((r) => ({ value: r.code, label: lang === 'en' ? r.labelEn : r.labelZh }))} />
          </Form.Item>
        ) : null}
        {action === 'merge' ? (
          <Form.Item
            name="intoNumber"
            label={t('form.intoCase')}
            rules={[
              { required: true, whitespace: true, message: t('form.intoCaseRequired') },
              { validator: async (_r, v?: string) => { if (v?.trim() === view.number) throw new Error(t('form.intoCaseSelf')); } },
            ]}
          >
            <Input placeholder="AL2026-000123" />
          </Form.Item>
        ) : null}
        {action === 'recordCallback' ? (
          <>
            <Form.Item name="reached" label={t('form.reached')}>
              <Radio.Group options={[{ value: true, label: t('case.reached') }, { value: false, label: t('case.notReached') }]} />
            </Form.Item>
            {reached ? (
              <>
                <Form.Item name="resolution" label={t('form.resolution')} rules={[{ required: true, message: t('form.resolutionRequired') }]}>
                  <Radio.Group options={resolutions.map((r) => ({ value: r, label: label('resolution', r) }))} />
                </Form.Item>
                <Form.Item name="satisfaction" label={t('form.satisfaction')} rules={[{ required: true, message: t('form.satisfactionRequired') }]}>
                  <Radio.Group options={satisfactionLevels.map((s) => ({ value: s, label: label('satisfaction', s) }))} />
                </Form.Item>
              </>
            ) : null}
          </>
        ) : null}
        <Form.Item
          name="note"
          label={noteRequired ? noteName : t('form.noteOptional')}
          rules={[
            ...(noteRequired ? [{ required: true, whitespace: true, message: t('form.required', { label: noteName }) }] : []),
            { max: 5000, message: t('form.tooLong', { n: 5000 }) },
          ]}
        >
          <Input.TextArea rows={action === 'draftReply' || action === 'answer' ? 6 : 3} autoFocus data-testid="field-note" />
        </Form.Item>
        {action === 'draftReply' ? <DraftReplyCheck caseId={view.id} text={() => form.getFieldValue('note')} /> : null}
      </Form>
      {error ? <ErrorAlert error={error} title={t('form.refused')} /> : null}
    </Modal>
  );
}

const NOTE_KEYS: Record<string, true> = Object.fromEntries(
  ['answer', 'draftReply', 'return', 'overrule', 'sendBack', 'rejectDraft', 'instruct', 'submitInput', 'replyUp', 'requestExtension',
    'requestSuspension', 'refuseExtension', 'refuseSuspension', 'rehandle', 'close'].map((a) => [`note.${a}`, true]),
);
