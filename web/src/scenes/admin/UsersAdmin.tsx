import { Button, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { roles, type Role } from '../../../../src/domain/roles.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useMe } from '../../session.tsx';
import * as api from './adminApi.ts';
import { AdminUnitSelect, FormModal, SectionTitle, useLoad, useRun } from './common.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'password' | 'history'; user: api.StaffUser } | undefined;

/** Staff accounts: filter, create, change roles and unit, deactivate, set a new password, and each account's history. */
export default function UsersAdmin() {
  const { t, label } = useI18n();
  const me = useMe();
  const run = useRun();
  const users = useLoad(api.listUsers);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role>();
  const [status, setStatus] = useState<'active' | 'inactive'>();
  const [dialog, setDialog] = useState<Dialog>();
  const roleOptions = roles.map((r) => ({ value: r, label: label('role', r) }));
  const shown = useMemo(() => (users.data ?? []).filter((u) => {
    const text = `${u.username} ${u.displayName} ${u.unitName}`.toLowerCase();
    return (!q || text.includes(q.trim().toLowerCase())) && (!role || u.roles.includes(role)) && (!status || u.active === (status === 'active'));
  }), [users.data, q, role, status]);
  const required = { required: true, message: t('admin.required') };

  return (
    <>
      <SectionTitle extra={<Button type="primary" onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">{t('admin.user.create')}</Button>}>
        {t('admin.nav.users')}
      </SectionTitle>
      <form role="search" aria-label={t('admin.filter')} onSubmit={(e) => e.preventDefault()} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input aria-label={t('admin.user.search')} placeholder={t('admin.user.search')} value={q} onChange={(e) => setQ(e.target.value)} allowClear style={{ width: 240 }} data-testid="user-search" />
          <Select optionFilterProp="label" aria-label={t('admin.user.roles')} placeholder={t('admin.user.roles')} allowClear value={role} onChange={setRole} options={roleOptions} style={{ width: 180 }} />
          <Select aria-label={t('admin.status')} placeholder={t('admin.status')} allowClear value={status} onChange={setStatus} style={{ width: 140 }}
            options={[{ value: 'active', label: t('admin.active') }, { value: 'inactive', label: t('admin.inactive') }]} />
        </Space>
      </form>
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <Table<api.StaffUser>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={shown}
        pagination={{ pageSize: 20, showTotal: (n) => t('admin.total', { n }) }}
        columns={[
          { key: 'username', title: t('admin.user.username'), dataIndex: 'username' },
          { key: 'displayName', title: t('admin.user.displayName'), dataIndex: 'displayName' },
          { key: 'unit', title: t('admin.user.unit'), dataIndex: 'unitName' },
          { key: 'roles', title: t('admin.user.roles'), render: (_, u) => u.roles.map((r) => <Tag key={r}>{label('role', r)}</Tag>) },
          { key: 'active', title: t('admin.status'), render: (_, u) => (u.active ? t('admin.active') : <Tag color="default">{t('admin.inactive')}</Tag>) },
          {
            key: 'do', title: t('admin.actions'), render: (_, u) => (
              <Space size="small" wrap>
                <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })} aria-label={`${t('admin.edit')} ${u.username}`}>{t('admin.edit')}</Button>
                <Button size="small" onClick={() => setDialog({ kind: 'password', user: u })} aria-label={`${t('admin.user.resetPassword')} ${u.username}`}>{t('admin.user.resetPassword')}</Button>
                <Button size="small" onClick={() => setDialog({ kind: 'history', user: u })} aria-label={`${t('admin.user.history')} ${u.username}`}>{t('admin.user.history')}</Button>
                <Button size="small" danger={u.active} disabled={u.id === me.userId} onClick={() => run(() => api.changeUser(u.id, { active: !u.active }), users.reload)}
                  aria-label={`${u.active ? t('admin.deactivate') : t('admin.reactivate')} ${u.username}`}>
                  {u.active ? t('admin.deactivate') : t('admin.reactivate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />

      <FormModal<{ username: string; displayName: string; unitId: number; roles: Role[]; password: string }>
        title={t('admin.user.create')}
        open={dialog?.kind === 'create'}
        onClose={() => setDialog(undefined)}
        onSubmit={(v) => api.createUser({ ...v, username: v.username.trim(), displayName: v.displayName.trim() })}
        onDone={users.reload}
        testId="user-form"
      >
        <Form.Item label={t('admin.user.username')} name="username" extra={t('admin.user.usernameHint')} rules={[required, { pattern: /^[A-Za-z0-9._-]{2,40}$/, message: t('admin.user.usernameRule') }]}>
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item label={t('admin.user.displayName')} name="displayName" rules={[{ ...required, whitespace: true }, { max: 40, message: t('admin.length', { min: 1, max: 40 }) }]}>
          <Input data-testid="user-displayName" />
        </Form.Item>
        <Form.Item label={t('admin.user.unit')} name="unitId" rules={[required]}>
          <AdminUnitSelect data-testid="user-unit" />
        </Form.Item>
        <Form.Item label={t('admin.user.roles')} name="roles" rules={[{ ...required, type: 'array', min: 1 }]}>
          <Select mode="multiple" optionFilterProp="label" options={roleOptions} data-testid="user-roles" />
        </Form.Item>
        <Form.Item label={t('admin.user.password')} name="password" extra={t('admin.user.passwordHint')} rules={[required, { min: 8, max: 200, message: t('admin.user.passwordRule') }]}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
      </FormModal>

      <FormModal<{ displayName: string; unitId: number; roles: Role[] }>
        title={dialog?.kind === 'edit' ? `${t('admin.edit')} · ${dialog.user.username}` : ''}
        open={dialog?.kind === 'edit'}
        onClose={() => setDialog(undefined)}
        initialValues={dialog?.kind === 'edit' ? { displayName: dialog.user.displayName, unitId: dialog.user.unitId, roles: dialog.user.roles } : undefined}
        onSubmit={(v) => api.changeUser((dialog as { user: api.StaffUser }).user.id, { ...v, displayName: v.displayName.trim() })}
        onDone={users.reload}
        testId="user-edit-form"
      >
        <Form.Item label={t('admin.user.displayName')} name="displayName" rules={[{ ...required, whitespace: true }, { max: 40, message: t('admin.length', { min: 1, max: 40 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('admin.user.unit')} name="unitId" rules={[required]}>
          <AdminUnitSelect />
        </Form.Item>
        <Form.Item label={t('admin.user.roles')} name="roles" rules={[{ ...required, type: 'array', min: 1 }]}>
          <Select mode="multiple" optionFilterProp="label" options={roleOptions} />
        </Form.Item>
      </FormModal>

      <UserHistory user={dialog?.kind === 'history' ? dialog.user : undefined} onClose={() => setDialog(undefined)} />

      <FormModal<{ password: string; again: string }>
        title={dialog?.kind === 'password' ? `${t('admin.user.resetPassword')} · ${dialog.user.username}` : ''}
        open={dialog?.kind === 'password'}
        onClose={() => setDialog(undefined)}
        onSubmit={(v) => api.resetPassword((dialog as { user: api.StaffUser }).user.id, v.password)}
        testId="user-password-form"
      >
        <Form.Item label={t('admin.user.newPassword')} name="password" extra={t('admin.user.passwordHint')} rules={[required, { min: 8, max: 200, message: t('admin.user.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t('admin.user.passwordAgain')} name="again" dependencies={['password']} rules={[required, ({ getFieldValue }) => ({
          validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('admin.user.passwordMismatch')))),
        })]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** An account's history (GET /api/users/:id/history): who created it, what each change changed, when a password was set. */
function UserHistory({ user, onClose }: { user?: api.StaffUser; onClose: () => void }) {
  const { t, label, dateTime } = useI18n();
  const history = useLoad(() => (user ? api.userHistory(user.id) : Promise.resolve([])), [user?.id]);
  const units = useLoad(() => (user ? api.listUnits() : Promise.resolve([])), [user?.id]);
  const unitName = (id: unknown) => units.data?.find((u) => u.id === id)?.name ?? String(id ?? '—');
  const show = (field: string, v: unknown) => {
    if (field === 'unitId') return unitName(v);
    if (field === 'roles') return (v as Role[] | undefined ?? []).map((r) => label('role', r)).join('、');
    if (field === 'active') return v ? t('admin.active') : t('admin.inactive');
    return String(v ?? '—');
  };
  const fields: Array<[string, string]> = [['displayName', t('admin.user.displayName')], ['unitId', t('admin.user.unit')], ['roles', t('admin.user.roles')], ['active', t('admin.status')]];
  /** What an entry changed, field by field, in words. */
  const describe = (h: api.UserHistoryEntry) => {
    if (h.action === 'password') return '';
    if (h.action === 'create') return fields.map(([f, name]) => `${name}：${show(f, h.after?.[f])}`).join('；');
    return fields
      .filter(([f]) => JSON.stringify(h.before?.[f]) !== JSON.stringify(h.after?.[f]))
      .map(([f, name]) => `${name}：${show(f, h.before?.[f])} → ${show(f, h.after?.[f])}`).join('；');
  };
  return (
    <Modal open={Boolean(user)} title={user ? `${t('admin.user.history')} · ${user.username}` : ''} onCancel={onClose} destroyOnHidden
      footer={<Button onClick={onClose} data-testid="user-history-close">{t('common.close')}</Button>}>
      <ErrorAlert error={history.error ?? units.error} onRetry={history.reload} />
      {history.data && history.data.length === 0 ? <Typography.Text type="secondary">{t('admin.user.historyEmpty')}</Typography.Text> : null}
      <Timeline data-testid="user-history" items={(history.data ?? []).map((h) => ({
        key: h.id,
        children: (
          <>
            <strong>{t(`admin.user.action.${h.action}`)}</strong> · {dateTime(h.at)} · {t('admin.user.by', { name: h.actorName ?? t('admin.user.byCli') })}
            <div style={{ fontSize: 12, opacity: 0.8 }}>{describe(h)}</div>
          </>
        ),
      }))} />
    </Modal>
  );
}
