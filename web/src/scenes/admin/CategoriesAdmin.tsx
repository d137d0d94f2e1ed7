import { Button, Card, Descriptions, Empty, Form, Input, Space, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import * as api from './adminApi.ts';
import { FormModal, SectionTitle, useLoad, useRun } from './common.tsx';

interface TreeItem { key: number; title: React.ReactNode; children?: TreeItem[] }
type Dialog = { kind: 'create'; parent: api.AdminCategory | null } | { kind: 'rename' } | undefined;

/** The three-level category tree: add, rename, (de)activate. Categories are never deleted: cases keep pointing at them. */
export default function CategoriesAdmin() {
  const { t } = useI18n();
  const run = useRun();
  const cats = useLoad(api.listCategories);
  const [selectedId, setSelectedId] = useState<number>();
  const [dialog, setDialog] = useState<Dialog>();
  const selected = cats.data?.find((c) => c.id === selectedId);

  const tree = useMemo(() => {
    const rows = cats.data ?? [];
    const nodes = new Map<number, TreeItem>();
    for (const c of rows) {
      nodes.set(c.id, { key: c.id, title: <span>{c.name}{!c.active ? <Tag style={{ marginInlineStart: 6 }}>{t('admin.inactive')}</Tag> : null}</span> });
    }
    const roots: TreeItem[] = [];
    for (const c of rows) {
      const parent = c.parentId == null ? undefined : nodes.get(c.parentId);
      if (parent) (parent.children ??= []).push(nodes.get(c.id)!);
      else roots.push(nodes.get(c.id)!);
    }
    return roots;
  }, [cats.data, t]);
  const nameRules = [{ required: true, whitespace: true, message: t('admin.required') }, { max: 40, message: t('admin.length', { min: 1, max: 40 }) },
    { pattern: /^[^/]*$/, message: t('admin.category.noSlash') }];

  return (
    <>
      <SectionTitle extra={<Button type="primary" onClick={() => setDialog({ kind: 'create', parent: null })} data-testid="category-create-top">{t('admin.category.createTop')}</Button>}>
        {t('admin.nav.categories')}
      </SectionTitle>
      <Typography.Paragraph type="secondary">{t('admin.category.hint')}</Typography.Paragraph>
      <ErrorAlert error={cats.error} onRetry={cats.reload} />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }}>
        <Card size="small" title={t('admin.category.tree')} loading={cats.loading && !cats.data}>
          {tree.length ? (
            <Tree aria-label={t('admin.category.tree')} treeData={tree} selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId(keys[0] as number | undefined)} height={520} data-testid="category-tree" />
          ) : <Empty />}
        </Card>
        <Card size="small" title={selected ? selected.fullName : t('admin.category.choose')}>
          {selected ? (
            <>
              <Descriptions size="small" column={1} items={[
                { key: 'name', label: t('admin.category.name'), children: selected.name },
                { key: 'full', label: t('admin.category.fullName'), children: selected.fullName },
                { key: 'level', label: t('admin.unit.level'), children: selected.level },
                { key: 'active', label: t('admin.status'), children: selected.active ? t('admin.active') : t('admin.inactive') },
              ]} />
              <Space wrap style={{ marginTop: 12 }}>
                <Button onClick={() => setDialog({ kind: 'create', parent: selected })} disabled={selected.level >= 3 || !selected.active}>{t('admin.category.addChild')}</Button>
                <Button onClick={() => setDialog({ kind: 'rename' })}>{t('admin.rename')}</Button>
                <Button danger={selected.active} onClick={() => run(() => api.changeCategory(selected.id, { active: !selected.active }), cats.reload)}>
                  {selected.active ? t('admin.deactivate') : t('admin.reactivate')}
                </Button>
              </Space>
            </>
          ) : <Typography.Text type="secondary">{t('admin.category.chooseHint')}</Typography.Text>}
        </Card>
      </div>

      <FormModal<{ name: string }>
        title={dialog?.kind === 'create' && dialog.parent ? `${t('admin.category.addChild')} · ${dialog.parent.fullName}` : t('admin.category.createTop')}
        open={dialog?.kind === 'create'}
        onClose={() => setDialog(undefined)}
        onSubmit={(v) => api.createCategory({ name: v.name.trim(), parentId: dialog?.kind === 'create' ? dialog.parent?.id ?? null : null })}
        onDone={cats.reload}
        testId="category-form"
      >
        <Form.Item label={t('admin.category.name')} name="name" rules={nameRules}><Input data-testid="category-name" /></Form.Item>
      </FormModal>
      <FormModal<{ name: string }>
        title={t('admin.rename')}
        open={dialog?.kind === 'rename' && !!selected}
        onClose={() => setDialog(undefined)}
        initialValues={{ name: selected?.name }}
        onSubmit={(v) => api.changeCategory(selected!.id, { name: v.name.trim() })}
        onDone={cats.reload}
        testId="category-rename-form"
      >
        <Form.Item label={t('admin.category.name')} name="name" rules={nameRules}><Input /></Form.Item>
      </FormModal>
    </>
  );
}
