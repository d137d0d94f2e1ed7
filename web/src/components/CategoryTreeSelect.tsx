import { TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Category } from '../api/types.ts';
import { loadCategories, toTree } from '../lib/reference.ts';

/** The three-level category tree (GET /api/categories). */
export function CategoryTreeSelect({ id, value, onChange, placeholder }: { id?: string; value?: number | null; onChange?: (v: number | null) => void; placeholder?: string }) {
  const [rows, setRows] = useState<Category[]>([]);
  useEffect(() => {
    loadCategories().then(setRows).catch(() => setRows([]));
  }, []);
  const tree = useMemo(() => toTree(rows, (c) => c.name), [rows]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.((v as number | undefined) ?? null)}
      treeData={tree}
      showSearch
      allowClear
      treeNodeFilterProp="title"
      placeholder={placeholder}
      style={{ width: '100%' }}
      listHeight={320}
    />
  );
}
