import { Alert, App, Button, Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import * as api from './adminApi.ts';
import { FormModal, SectionTitle, useLoad } from './common.tsx';

/** API keys of Open311 clients: list, make one (the key is shown this once), revoke. */
export default function ApiKeysAdmin() {
  const { t, dateTime } = useI18n();
  const { modal } = App.useApp();
  const keys = useLoad(api.listApiKeys);
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<api.ApiKey & { key: string }>();
  const [revokeError, setRevokeError] = useState<unknown>();
  const revoke = (k: api.ApiKey) =>
    modal.confirm({
      title: t('admin.key.revokeConfirm', { name: k.name }),
      okText: t('admin.key.revoke'), okButtonProps: { danger: true }, cancelText: t('admin.cancel'),
      onOk: async () => {
        setRevokeError(undefined);
        try { await api.revokeApiKey(k.id); keys.reload(); } catch (err) { setRevokeError(err); }
      },
    });
  return (
    <>
      <SectionTitle extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="key-create">{t('admin.key.create')}</Button>}>
        {t('admin.nav.api-keys')}
      </SectionTitle>
      <Typography.Paragraph type="secondary">{t('admin.key.hint')}</Typography.Paragraph>
      {made ? (
        <Alert type="success" showIcon closable onClose={() => setMade(undefined)} style={{ marginBottom: 12 }} role="status" data-testid="key-made"
          message={t('admin.key.made', { name: made.name })}
          description={<><Typography.Paragraph copyable={{ text: made.key }} code style={{ marginBottom: 4 }} data-testid="key-secret">{made.key}</Typography.Paragraph>{t('admin.key.once')}</>} />
      ) : null}
      <ErrorAlert error={keys.error ?? revokeError} />
      <Table<api.ApiKey>
        rowKey="id" size="small" loading={keys.loading} dataSource={keys.data ?? []} pagination={false}
        columns={[
          { key: 'name', title: t('admin.key.name'), dataIndex: 'name' },
          { key: 'prefix', title: t('admin.key.prefix'), render: (_, k) => <code>{k.prefix}…</code> },
          { key: 'rate', title: t('admin.key.rate'), dataIndex: 'rateLimitPerMinute' },
          { key: 'created', title: t('admin.key.created'), render: (_, k) => dateTime(k.createdAt) },
          { key: 'used', title: t('admin.key.lastUsed'), render: (_, k) => dateTime(k.lastUsedAt) || '—' },
          { key: 'state', title: t('admin.status'), render: (_, k) => (k.revokedAt ? <Tag>{t('admin.key.revoked')} {dateTime(k.revokedAt)}</Tag> : t('admin.active')) },
          { key: 'do', title: t('admin.actions'), render: (_, k) => (k.revokedAt ? null : <Button size="small" danger onClick={() => revoke(k)} aria-label={`${t('admin.key.revoke')} ${k.name}`}>{t('admin.key.revoke')}</Button>) },
        ]}
      />
      <FormModal<{ name: string; rateLimitPerMinute?: number }>
        title={t('admin.key.create')}
        open={creating}
        onClose={() => setCreating(false)}
        onSubmit={async (v) => setMade(await api.createApiKey({ name: v.name.trim(), ...(v.rateLimitPerMinute ? { rateLimitPerMinute: v.rateLimitPerMinute } : {}) }))}
        onDone={keys.reload}
        testId="key-form"
      >
        <Form.Item label={t('admin.key.name')} name="name" rules={[{ required: true, whitespace: true, message: t('admin.required') }, { max: 100, message: t('admin.length', { min: 1, max: 100 }) }]}>
          <Input data-testid="key-name" />
        </Form.Item>
        <Form.Item label={t('admin.key.rate')} name="rateLimitPerMinute" extra={t('admin.key.rateHint')} rules={[{ type: 'integer', min: 1, message: t('admin.tl.amountRule') }]}>
          <InputNumber min={1} precision={0} />
        </Form.Item>
      </FormModal>
    </>
  );
}
