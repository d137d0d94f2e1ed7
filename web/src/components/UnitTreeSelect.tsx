import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Unit } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { loadUnits, toTree } from '../lib/reference.ts';

interface Props {
  id?: string;
  value?: number | number[];
  onChange?: (v: number | number[] | undefined) => void;
  multiple?: boolean;
  /** Only units below this one (dispatching down). */
  under?: number;
  /** Units that may not be chosen (e.g. the lead among assisting units). */
  exclude?: number[];
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Choose units from the organisation tree (GET /api/units), searchable by name. */
export function UnitTreeSelect({ id, value, onChange, multiple, under, exclude = [], ...rest }: Props) {
  const { t, label } = useI18n();
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    loadUnits().then(setUnits).catch(() => setUnits([]));
  }, []);
  const tree = useMemo(() => {
    let rows = units.filter((u) => u.active && u.kind !== 'centre');
    if (under) {
      const below = new Set<number>([under]);
      for (const u of units) if (u.parentId != null && below.has(u.parentId)) below.add(u.id);
      rows = rows.filter((u) => u.id !== under && below.has(u.id)).map((u) => (u.parentId === under ? { ...u, parentId: null } : u));
    }
    const nodes = toTree(rows, (u) => u.name);
    const mark = (ns: typeof nodes): typeof nodes => ns.map((n) => ({ ...n, disabled: exclude.includes(n.value), children: n.children && mark(n.children) }));
    return mark(nodes);
  }, [units, under, exclude, label]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(v) => onChange?.(v as number | number[] | undefined)}
      treeData={tree}
      multiple={multiple}
      showSearch
      allowClear
      treeNodeFilterProp="title"
      placeholder={t('form.unitSearch')}
      style={{ width: '100%' }}
      listHeight={360}
      popupMatchSelectWidth={false}
      treeDefaultExpandedKeys={tree.slice(0, 1).map((n) => n.key)}
    />
  );
}
