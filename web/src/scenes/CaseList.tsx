import { DownloadOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Input, Popover, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import * as api from '../api/endpoints.ts';
import type { CaseList as CaseListData, CaseListItem } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { DeadlineTag, StateTag } from '../components/Tags.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { toCsv } from '../lib/csv.ts';
import { downloadText } from '../lib/download.ts';
import { has } from '../lib/roles.ts';
import { useMe } from '../session.tsx';
import { caseStates } from '../../../src/domain/lifecycle.ts';
import { caseTypes, channels, urgencies } from '../../../src/modules/case/case.vocabulary.ts';
import { BatchDialog, type BatchKind } from './BatchDialog.tsx';
import { listSearch, parseListSearch, type ListState } from './case-list-state.ts';
import { SavedViews } from './SavedViews.tsx';

type ColumnId = 'number' | 'title' | 'state' | 'channel' | 'type' | 'urgency' | 'receivedAt' | 'leadUnit' | 'nextDue' | 'supervised' | 'urgeCount';
const allColumns: ColumnId[] = ['number', 'title', 'state', 'channel', 'type', 'urgency', 'receivedAt', 'leadUnit', 'nextDue', 'supervised', 'urgeCount'];
const defaultColumns: ColumnId[] = ['number', 'title', 'state', 'channel', 'urgency', 'receivedAt', 'leadUnit', 'nextDue'];
/** Columns the server can sort by (GET /api/cases?sort=). */
const sortKey: Partial<Record<ColumnId, string>> = { number: 'number', state: 'state', urgency: 'urgency', receivedAt: 'receivedAt', nextDue: 'nextDue' };
const COLUMNS_KEY = 'ms.columns';

function loadColumns(): ColumnId[] {
  try {
    const v = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as ColumnId[] | null;
    return Array.isArray(v) && v.length ? v.filter((c) => allColumns.includes(c)) : defaultColumns;
  } catch {
    return defaultColumns;
  }
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" };
/** A search highlight (escaped text with <mark> around the hits) as React nodes: text stays text. */
function marked(html: string): React.ReactNode[] {
  return html.split(/<mark>(.*?)<\/mark>/).map((part, i) => {
    const text = part.replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e]);
    return i % 2 ? <mark key={i}>{text}</mark> : text;
  });
}

/** The case list: filters and search in the address, server-side sorting and paging, chosen columns, batch actions, CSV export. */
export default function CaseList() {
  const { t, label, dateTime } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => parseListSearch(search), [search]);
  const page = state.page ?? 1;
  const pageSize = state.pageSize ?? 20;
  const [data, setData] = useState<CaseListData>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  const [columns, setColumns] = useState<ColumnId[]>(loadColumns);
  const [selected, setSelected] = useState<CaseListItem[]>([]);
  const [batch, setBatch] = useState<BatchKind>();
  const [q, setQ] = useState(state.q ?? '');

  useEffect(() => setQ(state.q ?? ''), [state.q]);

  const update = (patch: Partial<ListState>, keepPage = false) => {
    const next: ListState = { ...state, ...patch, ...(keepPage ? {} : { page: undefined }) };
    if (!('queue' in patch)) delete next.queue;
    setSearch(listSearch(next));
  };

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    const { queue: _queue, page: _page, pageSize: _size, ...query } = state;
    api.listCases({ ...query, limit: pageSize, offset: (page - 1) * pageSize })
      .then((d) => { if (live) { setData(d); setSelected([]); } })
      .catch((err) => live && setError(err))
      .finally(() => live && setLoading(false));
    return () => { live = false; };
  }, [state, page, pageSize, reload]);

  const text: Record<ColumnId, (c: CaseListItem) => string> = {
    number: (c) => c.number,
    title: (c) => c.title,
    state: (c) => label('state', c.state),
    channel: (c) => label('channel', c.channel),
    type: (c) => label('type', c.type),
    urgency: (c) => label('urgency', c.urgency),
    receivedAt: (c) => dateTime(c.receivedAt),
    leadUnit: (c) => c.leadUnitName ?? '',
    nextDue: (c) => (c.nextDue ? `${label('deadline', c.nextDue.state)} ${dateTime(c.nextDue.dueAt)}` : ''),
    supervised: (c) => (c.supervised ? t('common.yes') : t('common.no')),
    urgeCount: (c) => String(c.urgeCount),
  };
  const currentSort = state.sort?.replace(/^-/, '');
  const sortOrder = (id: ColumnId) => (sortKey[id] && sortKey[id] === currentSort ? (state.sort!.startsWith('-') ? 'descend' : 'ascend') : null);
  const render: Partial<Record<ColumnId, (c: CaseListItem) => React.ReactNode>> = {
    number: (c) => <Link to={`/cases/${c.id}`} data-testid="case-link">{c.number}</Link>,
    title: (c) => (c.highlight
      ? <><Link to={`/cases/${c.id}`} tabIndex={-1}>{marked(c.highlight.title)}</Link><div data-testid="list-snippet" style={{ fontSize: 12, opacity: 0.75, whiteSpace: 'normal' }}>{marked(c.highlight.snippet)}</div></>
      : <Link to={`/cases/${c.id}`} tabIndex={-1}>{c.title}</Link>),
    state: (c) => <StateTag state={c.state} />,
    urgency: (c) => (c.urgency === 'normal' ? text.urgency(c) : <Typography.Text type="danger" strong>{text.urgency(c)}</Typography.Text>),
    nextDue: (c) => <DeadlineTag deadline={c.nextDue} />,
  };
  const tableColumns: TableProps<CaseListItem>['columns'] = columns.map((id) => ({
    key: id,
    title: t(`col.${id}` as MessageKey),
    sorter: Boolean(sortKey[id]),
    sortOrder: sortOrder(id),
    ellipsis: id === 'title',
    width: id === 'number' ? 150 : id === 'title' ? undefined : id === 'nextDue' ? 220 : undefined,
    render: (_: unknown, c: CaseListItem) => render[id]?.(c) ?? text[id](c),
  }));

  const exportCsv = () => {
    const rows = data?.items ?? [];
    downloadText(`cases-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(columns.map((c) => t(`col.${c}` as MessageKey)), rows.map((r) => columns.map((c) => text[c](r)))));
    message.success(t('list.exported', { n: rows.length }));
  };

  const onTableChange: TableProps<CaseListItem>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? sortKey[s.columnKey as ColumnId] : undefined;
    const sort = key ? `${s.order === 'descend' ? '-' : ''}${key}` : undefined;
    if (sort !== state.sort) update({ sort });
    else update({ page: pagination.current, pageSize: pagination.pageSize }, true);
  };

  const option = (kind: 'state' | 'channel' | 'type' | 'urgency') => (code: string) => ({ value: code, label: label(kind, code) });
  const unitStaff = has(me, 'handler', 'head');

  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('list.title')}</Typography.Title>
        <SavedViews username={me.username} current={state} onApply={(v) => setSearch(listSearch(v))} />
      </Space>
      <form role="search" aria-label={t('list.filters')} onSubmit={(e) => { e.preventDefault(); update({ q: q.trim() || undefined }); }} style={{ margin: '16px 0' }}>
        <Space wrap>
          <Input.Search
            aria-label={t('list.search')}
            placeholder={t('list.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            allowClear
            style={{ width: 280 }}
            data-testid="list-search"
          />
          <Select
            aria-label={t('list.state')} placeholder={t('list.state')} mode="multiple" allowClear maxTagCount={2} style={{ minWidth: 200 }}
            value={state.state?.split(',').filter(Boolean) ?? []}
            onChange={(v: string[]) => update({ state: v.join(',') || undefined })}
            options={caseStates.map(option('state'))} data-testid="filter-state"
          />
          <Select aria-label={t('list.channel')} placeholder={t('list.channel')} allowClear style={{ width: 140 }} value={state.channel} onChange={(v) => update({ channel: v })} options={channels.map(option('channel'))} />
          <Select aria-label={t('list.type')} placeholder={t('list.type')} allowClear style={{ width: 120 }} value={state.type} onChange={(v) => update({ type: v })} options={caseTypes.map(option('type'))} />
          <Select aria-label={t('list.urgency')} placeholder={t('list.urgency')} allowClear style={{ width: 120 }} value={state.urgency} onChange={(v) => update({ urgency: v })} options={urgencies.map(option('urgency'))} />
          <Select
            aria-label={t('list.dueState')} placeholder={t('list.dueState')} allowClear style={{ width: 130 }} value={state.dueState}
            onChange={(v) => update({ dueState: v })}
            options={(['due_soon', 'overdue'] as const).map((d) => ({ value: d, label: label('deadline', d) }))}
          />
          {unitStaff ? (
            <Select
              aria-label={t('list.mine')} placeholder={t('list.mine')} allowClear style={{ width: 150 }} value={state.mine}
              onChange={(v) => update({ mine: v })}
              options={[{ value: 'pending', label: t('list.minePending') }, { value: 'signed', label: t('list.mineSigned') }]}
            />
          ) : null}
          <Checkbox checked={state.supervised === true} onChange={(e) => update({ supervised: e.target.checked || undefined })}>{t('list.supervised')}</Checkbox>
          <Button onClick={() => { setQ(''); setSearch(''); }}>{t('list.reset')}</Button>
        </Space>
      </form>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Space wrap>
          <span aria-live="polite" data-testid="list-total">{data ? t('list.total', { n: data.totalCapped ? `${data.total}+` : data.total }) : ''}</span>
          {selected.length ? <Typography.Text strong>{t('list.selected', { n: selected.length })}</Typography.Text> : null}
          {has(me, 'dispatcher') ? <Button disabled={!selected.length} onClick={() => setBatch('dispatch')} data-testid="batch-dispatch">{t('list.batchDispatch')}</Button> : null}
          {has(me, 'supervisor', 'leader') ? <Button disabled={!selected.length} onClick={() => setBatch('urge')} data-testid="batch-urge">{t('list.batchUrge')}</Button> : null}
        </Space>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>{t('common.refresh')}</Button>
          <Popover
            trigger="click"
            title={t('list.columns')}
            content={
              <Checkbox.Group
                aria-label={t('list.columns')}
                style={{ display: 'grid', gap: 4 }}
                value={columns}
                onChange={(v) => {
                  const next = allColumns.filter((c) => (v as ColumnId[]).includes(c));
                  setColumns(next);
                  localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
                }}
                options={allColumns.map((c) => ({ value: c, label: t(`col.${c}` as MessageKey) }))}
              />
            }
          >
            <Button icon={<SettingOutlined />} data-testid="columns">{t('list.columns')}</Button>
          </Popover>
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!data?.items.length} data-testid="export">{t('list.export')}</Button>
        </Space>
      </Space>
      {error ? <ErrorAlert error={error} onRetry={() => setReload((n) => n + 1)} /> : null}
      <Table<CaseListItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={tableColumns}
        dataSource={data?.items ?? []}
        onChange={onTableChange}
        rowSelection={has(me, 'dispatcher', 'supervisor', 'leader') ? { selectedRowKeys: selected.map((c) => c.id), onChange: (_k, rows) => setSelected(rows) } : undefined}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => t('list.total', { n }) }}
        scroll={{ x: 'max-content' }}
        data-testid="case-table"
      />
      {batch ? (
        <BatchDialog kind={batch} cases={selected} onClose={(changed) => { setBatch(undefined); if (changed) setReload((n) => n + 1); }} />
      ) : null}
    </div>
  );
}
