import { App, Button, Card, Form, InputNumber, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import * as api from './adminApi.ts';
import { SectionTitle, useLoad } from './common.tsx';

/** The bounds the server checks too (src/modules/routing/routing.settings.ts). */
const bounds = {
  threshold: [0.5, 1], hour: [0, 23], keep: [1, 20], maxSamples: [100, 200_000], minUnitSamples: [2, 100_000],
} as const;

/**
 * Routing settings: automatic dispatch (off by default; only when the top
 * unit's confidence reaches the threshold) and the scheduled retraining,
 * with the stored models and how well they scored on held-out cases.
 */
export default function RoutingAdmin() {
  const { t, dateTime } = useI18n();
  const { message } = App.useApp();
  const settings = useLoad(api.routingSettings);
  const models = useLoad(api.routingModels);
  const [form] = Form.useForm<api.RoutingSettings>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = async (v: api.RoutingSettings) => {
    setBusy(true);
    setError(undefined);
    try {
      form.setFieldsValue(await api.saveRoutingSettings(v));
      message.success(t('admin.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const range = (name: keyof typeof bounds, step = 1) => {
    const [min, max] = bounds[name];
    return {
      rules: [{ required: true, message: t('admin.required') }, { type: 'number' as const, min, max, message: t('admin.rt.range', { min, max }) }],
      input: <InputNumber step={step} style={{ width: 160 }} data-testid={`rt-${name}`} />,
    };
  };
  const field = (path: [string, string], name: keyof typeof bounds, step = 1) => {
    const r = range(name, step);
    return <Form.Item label={t(`admin.rt.${name}` as MessageKey)} name={path} rules={r.rules} extra={t('admin.rt.allowed', { min: bounds[name][0], max: bounds[name][1] })}>{r.input}</Form.Item>;
  };
  const pct = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);
  return (
    <>
      <SectionTitle>{t('admin.nav.routing')}</SectionTitle>
      <Typography.Paragraph type="secondary">{t('admin.rt.hint')}</Typography.Paragraph>
      <ErrorAlert error={settings.error} onRetry={settings.reload} />
      <Form form={form} name="rt-form" layout="vertical" onFinish={save} disabled={busy || !settings.data} data-testid="rt-form" style={{ maxWidth: 640 }}>
        <Card size="small" title={t('admin.rt.auto')} style={{ marginBottom: 16 }}>
          <Form.Item label={t('admin.rt.autoEnabled')} name={['autoDispatch', 'enabled']} valuePropName="checked"><Switch data-testid="rt-auto" /></Form.Item>
          {field(['autoDispatch', 'threshold'], 'threshold', 0.01)}
        </Card>
        <Card size="small" title={t('admin.rt.retrain')} style={{ marginBottom: 16 }}>
          <Form.Item label={t('admin.rt.retrainEnabled')} name={['retrain', 'enabled']} valuePropName="checked"><Switch data-testid="rt-retrain" /></Form.Item>
          {field(['retrain', 'hour'], 'hour')}
          {field(['retrain', 'keep'], 'keep')}
          {field(['retrain', 'maxSamples'], 'maxSamples', 100)}
          {field(['retrain', 'minUnitSamples'], 'minUnitSamples')}
        </Card>
        {error ? <div style={{ marginBottom: 12 }}><ErrorAlert error={error} /></div> : null}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="rt-save">{t('admin.save')}</Button>
      </Form>

      <div style={{ marginTop: 32 }} />
      <SectionTitle>{t('admin.rt.models')}</SectionTitle>
      <ErrorAlert error={models.error} onRetry={models.reload} />
      <Table<api.RoutingModel>
        rowKey="id" size="small" loading={models.loading} dataSource={models.data?.items ?? []} data-testid="rt-models" pagination={false}
        locale={{ emptyText: t('admin.rt.noModels') }}
        columns={[
          { key: 'kind', title: t('admin.rt.kind'), render: (_, m) => t(m.kind === 'unit' ? 'admin.rt.kindUnit' : 'admin.rt.kindCategory') },
          { key: 'at', title: t('admin.rt.trainedAt'), render: (_, m) => dateTime(m.trainedAt) },
          { key: 'samples', title: t('admin.rt.samples'), dataIndex: 'samples' },
          { key: 'labels', title: t('admin.rt.labels'), dataIndex: 'labels' },
          { key: 'acc', title: t('admin.rt.accuracy'), render: (_, m) => pct(m.metrics?.holdout?.accuracy) },
          { key: 'top3', title: t('admin.rt.top3'), render: (_, m) => pct(m.metrics?.holdout?.top3) },
          { key: 'size', title: t('admin.rt.size'), render: (_, m) => `${Math.ceil(m.sizeBytes / 1024)} KiB` },
        ]}
      />
    </>
  );
}
