import { Button, Card, Descriptions, Empty, Form, Input, Select, Space, Tag, Timeline, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Unit } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import * as api from './adminApi.ts';
import { FormModal, SectionTitle, useLoad, useRun } from './common.tsx';

const kinds = ['region', 'department', 'centre', 'mediation'] as const;
type Dialog = 'create' | 'rename' | 'move' | undefined;

interface TreeItem { key: number; title: React.ReactNode; children?: TreeItem[] }

/** The organisation tree (four administrative levels plus departments): create, rename, move, (de)activate, and each unit's history. */
export default function UnitsAdmin() {
  const { t, label, dateTime } = useI18n();
  const run = useRun();
  const units = useLoad(api.listUnits);
  const [selectedId, setSelectedId] = useState<number>();
  const [dialog, setDialog] = useState<Dialog>();
  const selected = units.data?.find((u) => u.id === selectedId);
  const history = useLoad(() => (selectedId ? api.unitHistory(selectedId) : Promise.resolve([])), [selectedId, units.data]);

  const tree = useMemo(() => {
    const rows = units.data ?? [];
    const nodes = new Map<number, TreeItem>();
    for (const u of rows) {
      nodes.set(u.id, {
        key: u.id,
        title: (
          <span data-testid={`unit-${u.key}`}>
            {u.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label('unitKind', u.kind)}</Typography.Text>
            {!u.active ? <Tag style={{ marginInlineStart: 6 }}>{t('admin.inactive')}</Tag> : null}
          </span>
        ),
      });
    }
    const roots: TreeItem[] = [];
    for (const u of rows) {
      const parent = u.parentId == null ? undefined : nodes.get(u.parentId);
      if (parent) (parent.children ??= []).push(nodes.get(u.id)!);
      else roots.push(nodes.get(u.id)!);
    }
    return roots;
  }, [units.data, label, t]);

  const nameOf = (id: unknown) => units.data?.find((u) => u.id === id)?.name ?? String(id ?? '—');
  /** A history entry in words: the new name, the old and new parent. */
  const describeChange = (h: api.UnitHistoryEntry) => {
    const before = (h.before ?? {}) as Record<string, unknown>;
    const after = (h.after ?? {}) as Record<string, unknown>;
    if (h.action === 'create') return `${String(after.name ?? '')} ← ${nameOf(after.parentId)}`;
    if (h.action === 'rename') return `${String(before.name ?? '')} → ${String(after.name ?? '')}`;
    if (h.action === 'move') return `${nameOf(before.parentId)} → ${nameOf(after.parentId)}`;
    return '';
  };

  const unitOptions = (exclude?: Unit) =>
    (units.data ?? [])
      .filter((u) => u.active && (!exclude || !(u.id === exclude.id)))
      .map((u) => ({ value: u.id, label: `${'　'.repeat(u.level - 1)}${u.name}` }));

  return (
    <>
      <SectionTitle extra={<Button type="primary" onClick={() => setDialog('create')} data-testid="unit-create">{t('admin.unit.create')}</Button>}>
        {t('admin.nav.units')}
      </SectionTitle>
      <Typography.Paragraph type="secondary">{t('admin.unit.hint')}</Typography.Paragraph>
      <ErrorAlert error={units.error} onRetry={units.reload} />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }}>
        <Card size="small" title={t('admin.unit.tree')} loading={units.loading && !units.data}>
          {tree.length ? (
            <Tree
              aria-label={t('admin.unit.tree')}
              treeData={tree}
              defaultExpandAll
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId(keys[0] as number | undefined)}
              height={520}
            />
          ) : <Empty />}
        </Card>
        <Card size="small" title={selected ? selected.name : t('admin.unit.choose')} data-testid="unit-detail">
          {selected ? (
            <>
              <Descriptions size="small" column={1} items={[
                { key: 'key', label: t('admin.unit.key'), children: selected.key },
                { key: 'kind', label: t('admin.unit.kind'), children: label('unitKind', selected.kind) },
                { key: 'level', label: t('admin.unit.level'), children: selected.level },
                { key: 'parent', label: t('admin.unit.parent'), children: units.data?.find((u) => u.id === selected.parentId)?.name ?? '—' },
                { key: 'active', label: t('admin.status'), children: selected.active ? t('admin.active') : t('admin.inactive') },
              ]} />
              <Space wrap style={{ margin: '12px 0' }}>
                <Button onClick={() => setDialog('create')}>{t('admin.unit.addChild')}</Button>
                <Button onClick={() => setDialog('rename')} data-testid="unit-rename">{t('admin.rename')}</Button>
                <Button onClick={() => setDialog('move')} disabled={!selected.parentId}>{t('admin.unit.move')}</Button>
                <Button danger={selected.active} onClick={() => run(() => api.setUnitActive(selected.id, !selected.active), units.reload)} data-testid="unit-toggle">
                  {selected.active ? t('admin.deactivate') : t('admin.reactivate')}
                </Button>
              </Space>
              <Typography.Title level={3} style={{ fontSize: 15 }}>{t('admin.history')}</Typography.Title>
              <ErrorAlert error={history.error} />
              <Timeline items={(history.data ?? []).map((h) => ({
                key: h.id,
                children: <><strong>{t(`admin.unit.action.${h.action}` as MessageKey)}</strong> · {dateTime(h.at)}<div style={{ fontSize: 12, opacity: 0.8 }}>{describeChange(h)}</div></>,
              }))} />
            </>
          ) : <Typography.Text type="secondary">{t('admin.unit.chooseHint')}</Typography.Text>}
        </Card>
      </div>

      <FormModal<{ key: string; name: string; kind: string; parentId: number }>
        title={t('admin.unit.create')}
        open={dialog === 'create'}
        onClose={() => setDialog(undefined)}
        initialValues={{ kind: 'region', parentId: selected?.id }}
        onSubmit={(v) => api.createUnit({ ...v, key: v.key.trim(), name: v.name.trim() })}
        onDone={units.reload}
        testId="unit-form"
      >
        <Form.Item label={t('admin.unit.parent')} name="parentId" rules={[{ required: true, message: t('admin.required') }]}>
          <Select showSearch optionFilterProp="label" options={unitOptions()} />
        </Form.Item>
        <Form.Item label={t('admin.unit.name')} name="name" rules={[{ required: true, whitespace: true, message: t('admin.required') }, { min: 2, max: 60, message: t('admin.length', { min: 2, max: 60 }) }]}>
          <Input data-testid="unit-name" />
        </Form.Item>
        <Form.Item label={t('admin.unit.key')} name="key" extra={t('admin.unit.keyHint')} rules={[{ required: true, message: t('admin.required') }, { pattern: /^[a-z0-9][a-z0-9._-]{1,40}$/, message: t('admin.unit.keyRule') }]}>
          <Input data-testid="unit-key" />
        </Form.Item>
        <Form.Item label={t('admin.unit.kind')} name="kind" rules={[{ required: true, message: t('admin.required') }]}>
          <Select options={kinds.map((k) => ({ value: k, label: label('unitKind', k) }))} />
        </Form.Item>
      </FormModal>

      <FormModal<{ name: string }>
        title={t('admin.rename')}
        open={dialog === 'rename' && !!selected}
        onClose={() => setDialog(undefined)}
        initialValues={{ name: selected?.name }}
        onSubmit={(v) => api.renameUnit(selected!.id, v.name.trim())}
        onDone={units.reload}
        testId="unit-rename-form"
      >
        <Form.Item label={t('admin.unit.name')} name="name" rules={[{ required: true, whitespace: true, message: t('admin.required') }, { min: 2, max: 60, message: t('admin.length', { min: 2, max: 60 }) }]}>
          <Input />
        </Form.Item>
      </FormModal>

      <FormModal<{ parentId: number }>
        title={t('admin.unit.move')}
        open={dialog === 'move' && !!selected}
        onClose={() => setDialog(undefined)}
        initialValues={{ parentId: selected?.parentId ?? undefined }}
        onSubmit={(v) => api.moveUnit(selected!.id, v.parentId)}
        onDone={units.reload}
        testId="unit-move-form"
      >
        <Form.Item label={t('admin.unit.newParent')} name="parentId" rules={[{ required: true, message: t('admin.required') }]}>
          <Select showSearch optionFilterProp="label" options={unitOptions(selected)} />
        </Form.Item>
      </FormModal>
    </>
  );
}
