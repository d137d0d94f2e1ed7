import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { ListState } from './case-list-state.ts';

/** Named filter sets of the case list, kept in this browser for this user. */
export function SavedViews({ username, current, onApply }: { username: string; current: ListState; onApply(v: ListState): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const key = `ms.views.${username}`;
  const [views, setViews] = useState<Record<string, ListState>>(() => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, ListState>;
    } catch {
      return {};
    }
  });
  const [chosen, setChosen] = useState<string>();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const store = (next: Record<string, ListState>) => {
    setViews(next);
    localStorage.setItem(key, JSON.stringify(next));
  };
  return (
    <Space>
      <Select
        aria-label={t('list.views')}
        placeholder={t('list.views')}
        style={{ width: 180 }}
        value={chosen}
        allowClear
        onChange={(v?: string) => { setChosen(v); if (v && views[v]) onApply(views[v]); }}
        options={Object.keys(views).map((v) => ({ value: v, label: v }))}
      />
      <Button icon={<SaveOutlined />} onClick={() => { setName(chosen ?? ''); setNaming(true); }}>{t('list.saveView')}</Button>
      {chosen ? (
        <Button aria-label={t('list.deleteView')} icon={<DeleteOutlined />} onClick={() => { const { [chosen]: _gone, ...rest } = views; store(rest); setChosen(undefined); }} />
      ) : null}
      <Modal
        open={naming}
        title={t('list.saveView')}
        onCancel={() => setNaming(false)}
        onOk={() => {
          const n = name.trim();
          if (!n) { message.error(t('list.viewNameRequired')); return; }
          const { page: _p, ...view } = current;
          store({ ...views, [n]: view });
          setChosen(n);
          setNaming(false);
          message.success(t('list.viewSaved', { name: n }));
        }}
      >
        <label htmlFor="view-name">{t('list.viewName')}</label>
        <Input id="view-name" autoFocus value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
      </Modal>
    </Space>
  );
}
