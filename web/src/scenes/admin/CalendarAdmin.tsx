import { Alert, Button, Calendar, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import * as api from './adminApi.ts';
import { FormModal, SectionTitle, useLoad, useRun } from './common.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The working calendar of a year: twelve months, each day marked working or
 * not (holidays red, make-up working days blue, with words in each day's
 * label); a day's override is added or removed; the year is confirmed once
 * its holiday arrangement is entered.
 */
export default function CalendarAdmin() {
  const { t, lang, dateTime } = useI18n();
  const run = useRun();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const days = useLoad(() => api.calendarDays(`${year}-01-01`, `${year}-12-31`), [year]);
  const overrides = useLoad(() => api.calendarOverrides(year), [year]);
  const status = useLoad(() => api.calendarStatus([year]), [year]);
  const [editing, setEditing] = useState<{ date?: string; kind?: 'workday' | 'holiday'; name?: string | null }>();
  const [confirming, setConfirming] = useState(false);
  const byDate = useMemo(() => new Map((days.data ?? []).map((d) => [d.date, d])), [days.data]);
  const overrideOf = useMemo(() => new Map((overrides.data ?? []).map((o) => [o.date, o])), [overrides.data]);
  const reload = () => { days.reload(); overrides.reload(); status.reload(); };
  const yearStatus = status.data?.years.find((y) => y.year === year);
  const dayjsLocale = lang === 'en' ? 'en' : lang === 'zh-Hant' ? 'zh-tw' : 'zh-cn';

  const describe = (date: string) => {
    const d = byDate.get(date);
    if (!d) return date;
    const kind = d.workday ? t('admin.cal.workday') : t('admin.cal.dayOff');
    return [date, kind, d.name, d.source === 'override' ? t('admin.cal.overridden') : null].filter(Boolean).join('，');
  };

  const cell = (month: number) => (value: Dayjs) => {
    const date = value.format('YYYY-MM-DD');
    if (value.month() !== month) return <div className="cal-cell cal-out" aria-hidden />;
    const d = byDate.get(date);
    const weekend = value.day() === 0 || value.day() === 6;
    const cls = !d ? '' : d.source === 'override' ? (d.workday ? 'cal-override-work' : 'cal-override-off')
      : !d.workday && !weekend ? 'cal-holiday' : d.workday && weekend ? 'cal-makeup' : !d.workday ? 'cal-weekend' : '';
    return (
      <div className={`cal-cell ${cls}`} title={describe(date)} aria-label={describe(date)} data-date={date}>
        {value.date()}
      </div>
    );
  };

  return (
    <>
      <SectionTitle extra={
        <Space wrap>
          <Select aria-label={t('admin.cal.year')} value={year} onChange={setYear} style={{ width: 110 }} data-testid="cal-year"
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: String(y) }))} />
          <Button onClick={() => setEditing({})} data-testid="cal-add">{t('admin.cal.add')}</Button>
          <Button type="primary" onClick={() => setConfirming(true)} data-testid="cal-confirm">{t('admin.cal.confirm', { year })}</Button>
        </Space>
      }>
        {t('admin.nav.calendar')}
      </SectionTitle>
      {yearStatus ? (
        <Alert style={{ marginBottom: 12 }} showIcon type={yearStatus.confirmed ? 'success' : 'warning'}
          message={yearStatus.confirmed ? t('admin.cal.confirmed', { year }) : t('admin.cal.unconfirmed', { year })} data-testid="cal-status" />
      ) : null}
      <ErrorAlert error={days.error ?? overrides.error ?? status.error} onRetry={reload} />
      <Space wrap size={[16, 4]} style={{ marginBottom: 8 }} aria-label={t('admin.cal.legend')}>
        <span><span className="cal-swatch cal-holiday" /> {t('admin.cal.holiday')}</span>
        <span><span className="cal-swatch cal-makeup" /> {t('admin.cal.makeup')}</span>
        <span><span className="cal-swatch cal-weekend" /> {t('admin.cal.weekend')}</span>
        <span><span className="cal-swatch cal-override-off" /> / <span className="cal-swatch cal-override-work" /> {t('admin.cal.overridden')}</span>
      </Space>
      <Typography.Paragraph type="secondary">{t('admin.cal.hint')}</Typography.Paragraph>
      <style>{calendarCss}</style>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 12 }} data-testid="cal-year-grid">
        {Array.from({ length: 12 }, (_, m) => {
          const first = dayjs(`${year}-${String(m + 1).padStart(2, '0')}-01`).locale(dayjsLocale);
          return (
            <Card key={`${year}-${m}`} size="small" title={<h3 style={{ fontSize: 14, margin: 0 }}>{first.format(lang === 'en' ? 'MMMM' : 'M月')}</h3>} styles={{ body: { padding: 4 } }}>
              <Calendar
                fullscreen={false}
                value={first}
                headerRender={() => null}
                fullCellRender={cell(m)}
                onSelect={(d, info) => {
                  if (info.source !== 'date' || d.month() !== m) return;
                  const date = d.format('YYYY-MM-DD');
                  const o = overrideOf.get(date);
                  setEditing({ date, kind: o?.kind ?? (byDate.get(date)?.workday ? 'holiday' : 'workday'), name: o?.name ?? null });
                }}
              />
            </Card>
          );
        })}
      </div>

      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 20 }}>{t('admin.cal.overrides', { year })}</Typography.Title>
      <Table<api.Override>
        rowKey="date" size="small" dataSource={overrides.data ?? []} pagination={false} data-testid="cal-overrides"
        columns={[
          { key: 'date', title: t('admin.cal.date'), dataIndex: 'date' },
          { key: 'kind', title: t('admin.cal.kind'), render: (_, o) => (o.kind === 'holiday' ? <Tag color="red">{t('admin.cal.dayOff')}</Tag> : <Tag color="blue">{t('admin.cal.workday')}</Tag>) },
          { key: 'name', title: t('admin.cal.name'), dataIndex: 'name' },
          { key: 'at', title: t('admin.updatedAt'), render: (_, o) => dateTime(o.createdAt) },
          {
            key: 'do', title: t('admin.actions'), render: (_, o) => (
              <Space size="small">
                <Button size="small" onClick={() => setEditing({ date: o.date, kind: o.kind, name: o.name })}>{t('admin.edit')}</Button>
                <Button size="small" danger onClick={() => run(() => api.removeOverride(o.date), reload)} aria-label={`${t('admin.remove')} ${o.date}`}>{t('admin.remove')}</Button>
              </Space>
            ),
          },
        ]}
      />

      <FormModal<{ date: string; kind: 'workday' | 'holiday'; name?: string }>
        title={editing?.date ? `${t('admin.cal.override')} · ${editing.date}` : t('admin.cal.add')}
        open={!!editing}
        onClose={() => setEditing(undefined)}
        initialValues={{ date: editing?.date, kind: editing?.kind ?? 'holiday', name: editing?.name ?? undefined }}
        onSubmit={(v) => api.putOverride(v.date.trim(), { kind: v.kind, name: v.name?.trim() || null })}
        onDone={reload}
        testId="cal-form"
      >
        <Form.Item label={t('admin.cal.date')} name="date" extra="YYYY-MM-DD"
          rules={[{ required: true, message: t('admin.required') }, { pattern: DATE, message: t('admin.cal.dateRule') },
            { validator: (_, v: string) => (!v || !DATE.test(v) || dayjs(v).format('YYYY-MM-DD') === v ? Promise.resolve() : Promise.reject(new Error(t('admin.cal.dateRule')))) }]}>
          <Input placeholder={`${year}-10-08`} data-testid="cal-date" />
        </Form.Item>
        <Form.Item label={t('admin.cal.kind')} name="kind" rules={[{ required: true, message: t('admin.required') }]}>
          <Radio.Group options={[{ value: 'holiday', label: t('admin.cal.dayOff') }, { value: 'workday', label: t('admin.cal.workday') }]} />
        </Form.Item>
        <Form.Item label={t('admin.cal.name')} name="name" rules={[{ max: 50, message: t('admin.length', { min: 0, max: 50 }) }]}>
          <Input placeholder={t('admin.cal.namePlaceholder')} data-testid="cal-name" />
        </Form.Item>
      </FormModal>

      <FormModal<{ note?: string }>
        title={t('admin.cal.confirm', { year })}
        open={confirming}
        onClose={() => setConfirming(false)}
        onSubmit={(v) => api.confirmYear(year, v.note?.trim() || undefined)}
        onDone={reload}
        testId="cal-confirm-form"
        okText={t('admin.cal.confirmOk')}
      >
        <Typography.Paragraph>{t('admin.cal.confirmHint', { year })}</Typography.Paragraph>
        <Form.Item label={t('admin.note')} name="note" rules={[{ max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
      </FormModal>
    </>
  );
}

const calendarCss = `
.cal-cell { height: 26px; line-height: 26px; margin: 1px; border-radius: 4px; text-align: center; }
.cal-out { visibility: hidden; }
.cal-holiday { background: #fde2e2; color: #8f1d1d; font-weight: 600; }
.cal-weekend { background: #f2f2f2; color: #595959; }
.cal-makeup { background: #dbe8fb; color: #0b3d91; font-weight: 600; }
.cal-override-off { background: #b71c1c; color: #fff; font-weight: 600; }
.cal-override-work { background: #0b4f9c; color: #fff; font-weight: 600; }
.cal-swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: middle; border: 1px solid #d9d9d9; }
`;
