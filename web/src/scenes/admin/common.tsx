import { App, Form, Modal, TreeSelect, Typography, type ButtonProps, type FormInstance } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { toTree } from '../../lib/reference.ts';
import { listUnits } from './adminApi.ts';

/** Loads data for a screen; `reload()` fetches it again after a change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((d) => { if (live) { setData(d); setError(undefined); } })
      .catch((err) => live && setError(err))
      .finally(() => live && setLoading(false));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Runs a one-click change (deactivate, revoke, remove): a success message, or the server's refusal. */
export function useRun() {
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  return async (fn: () => Promise<unknown>, done?: () => void) => {
    try {
      await fn();
      message.success(t('admin.saved'));
      done?.();
    } catch (err) {
      modal.error({ title: t('common.error'), content: <ErrorAlert error={err} /> });
    }
  };
}

export function SectionTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{children}</Typography.Title>
      {extra}
    </div>
  );
}

interface FormModalProps<V> {
  title: string;
  open: boolean;
  onClose: () => void;
  /** Called with the checked values; a thrown ApiError is shown in the dialog, which stays open. */
  onSubmit: (values: V) => Promise<unknown>;
  onDone?: () => void;
  initialValues?: Partial<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  testId: string;
  okText?: string;
}

/**
 * A dialog with a form: the fields are checked before anything is sent; the
 * server's message is shown when it refuses (and announced, role="alert").
 */
export function FormModal<V extends object>({ title, open, onClose, onSubmit, onDone, initialValues, children, testId, okText }: FormModalProps<V>) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const { message } = App.useApp();
  const { t } = useI18n();
  useEffect(() => {
    if (open) {
      form.resetFields();
      if (initialValues) form.setFieldsValue(initialValues as never);
      setError(undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
      message.success(t('admin.saved'));
      onClose();
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={okText ?? t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-ok` } as ButtonProps}
    >
      <Form form={form} name={testId} layout="vertical" requiredMark onFinish={submit} data-testid={testId}>
        {typeof children === 'function' ? children(form) : children}
        {/* Enter in a text field submits the form. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

/**
 * Choose a unit from the whole tree, the hotline centre included (staff work
 * there), fetched fresh so units made a moment ago are there.
 */
export function AdminUnitSelect({ id, value, onChange, ...rest }: { id?: string; value?: number; onChange?: (v: number | undefined) => void; 'aria-label'?: string; 'data-testid'?: string }) {
  const { t } = useI18n();
  const units = useLoad(listUnits);
  const tree = useMemo(() => toTree((units.data ?? []).filter((u) => u.active), (u) => u.name), [units.data]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(v) => onChange?.(v as number | undefined)}
      treeData={tree}
      showSearch
      allowClear
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      placeholder={t('form.unitSearch')}
      style={{ width: '100%' }}
      listHeight={320}
    />
  );
}
