import { App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get, post, request } from '../api/client.ts';
import { getCaseByNumber } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { has } from '../lib/roles.ts';
import { useMe } from '../session.tsx';

/** What the assessment routes answer (src/modules/assessment/assessment.schemas.ts). */
interface Reason { code: string; zh: string; en: string }
interface IndicatorScore { kpi: string; zh: string; en: string; weight: number; target: number; numerator: number; denominator: number; value: number | null; points: number; deduction: number; reason: Reason }
interface FixedScore { figure: string; count: number; pointsEach: number; points: number; reason: Reason }
interface UnitScore {
  unitId: number; key: string; name: string; rated: boolean; total: number | null; rank: number | null; maxPoints: number;
  appealsAccepted: number; indicators: IndicatorScore[]; deductions: FixedScore[]; bonuses: FixedScore[];
}
interface Scores { year: number; month: number | null; period: { from: string; to: string }; scheme: { name: string; source: string }; units: UnitScore[] }
interface Breakdown { causes: Array<{ figure: string; total: number; hasMore: boolean; cases: Array<{ id: number; number: string; title: string; count: number; appealed: boolean }> }> }
interface Appeal {
  id: number; caseId: number; caseNumber: string; caseTitle: string; unitName: string; kind: (typeof appealKinds)[number]; reason: string; status: 'filed' | 'accepted' | 'rejected';
  filedBy: string; filedAt: string; decidedBy: string | null; decisionNote: string | null;
}

const appealKinds = ['unreasonable', 'notResponsible', 'forceMajeure'] as const;
type FigureKey = Extract<MessageKey, `assess.figure.${string}`> extends `assess.figure.${infer F}` ? F : never;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** 年度考核: ranked scores per unit (month or year), each unit's breakdown with the cases behind its deductions, and appeals (考核申诉). */
export default function Assessment() {
  const { t, lang, dateTime } = useI18n();
  const me = useMe();
  const { message } = AntApp.useApp();
  const en = lang === 'en';
  const thisYear = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [grain, setGrain] = useState<'year' | 'month'>('month');
  const [month, setMonth] = useState(Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(5, 7)));
  const [level, setLevel] = useState<'county' | 'township' | 'department'>('county');
  const [scores, setScores] = useState<Scores | null>();
  const [error, setError] = useState<unknown>();
  const [appeals, setAppeals] = useState<Appeal[]>();
  const [breakdowns, setBreakdowns] = useState<Record<number, Breakdown | Error>>({});
  const [deciding, setDeciding] = useState<{ appeal: Appeal; decision: 'accept' | 'reject' } | null>(null);
  const [note, setNote] = useState('');
  const canAppeal = has(me, 'head');
  const canDecide = has(me, 'admin', 'supervisor');
  const [form] = Form.useForm<{ caseNumber: string; kind: string; reason: string }>();

  const load = useCallback(() => {
    setScores(undefined);
    setBreakdowns({});
    get<Scores>('/api/assessment/scores', { year, month: grain === 'month' ? month : undefined, level })
      .then(setScores).catch((err) => { setError(err); setScores(null); });
    get<{ appeals: Appeal[] }>('/api/assessment/appeals').then((r) => setAppeals(r.appeals)).catch(setError);
  }, [year, grain, month, level]);
  useEffect(load, [load]);

  const loadBreakdown = (unitId: number) => {
    if (breakdowns[unitId]) return;
    get<Breakdown>(`/api/assessment/units/${unitId}/breakdown`, { year, month: grain === 'month' ? month : undefined })
      .then((b) => setBreakdowns((x) => ({ ...x, [unitId]: b })))
      .catch((err: Error) => setBreakdowns((x) => ({ ...x, [unitId]: err })));
  };

  const fileAppeal = async (v: { caseNumber: string; kind: string; reason: string }) => {
    try {
      const c = await getCaseByNumber(v.caseNumber.trim());
      await post('/api/assessment/appeals', { caseId: c.id, kind: v.kind, reason: v.reason });
      message.success(t('assess.appealFiled'));
      form.resetFields();
      load();
    } catch (err) {
      setError(err);
    }
  };

  const decide = async () => {
    if (!deciding) return;
    try {
      await request('POST', `/api/assessment/appeals/${deciding.appeal.id}/decision`, { decision: deciding.decision, note });
      setDeciding(null);
      setNote('');
      load();
    } catch (err) {
      setError(err);
    }
  };

  const indicatorColumns = (scores?.units[0]?.indicators ?? []).map((ind, i) => ({
    key: ind.kpi,
    title: `${en ? ind.en : ind.zh} (${ind.weight})`,
    render: (_: unknown, u: UnitScore) => (u.rated ? u.indicators[i].points : '—'),
  }));

  return (
    <div className="page" data-testid="assessment">
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('assess.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <InputNumber aria-label={t('assess.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Segmented
          aria-label={t('assess.period')}
          value={grain}
          onChange={(v) => setGrain(v as 'year' | 'month')}
          options={[{ value: 'month', label: t('assess.monthly') }, { value: 'year', label: t('assess.annual') }]}
        />
        {grain === 'month' && (
          <Select aria-label={t('assess.month')} style={{ width: 100 }} value={month} onChange={setMonth}
            options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('assess.monthN', { n: i + 1 }) }))} />
        )}
        <Select aria-label={t('assess.level')} style={{ width: 140 }} value={level} onChange={setLevel}
          options={(['county', 'township', 'department'] as const).map((l) => ({ value: l, label: t(`assess.level.${l}`) }))} />
      </Space>
      {error ? <ErrorAlert error={error} onRetry={() => { setError(undefined); load(); }} /> : null}
      <Card size="small" title={scores ? t('assess.schemeIs', { name: scores.scheme.name, from: scores.period.from, to: scores.period.to }) : t('assess.scores')}>
        <Table<UnitScore>
          data-testid="assessment-scores"
          rowKey="unitId"
          size="small"
          loading={scores === undefined}
          dataSource={scores?.units ?? []}
          pagination={false}
          expandable={{
            onExpand: (open, u) => open && loadBreakdown(u.unitId),
            expandedRowRender: (u) => <UnitBreakdown unit={u} breakdown={breakdowns[u.unitId]} />,
          }}
          columns={[
            { key: 'rank', title: t('assess.rank'), width: 70, render: (_, u) => u.rank ?? '—' },
            { key: 'name', title: t('assess.unit'), dataIndex: 'name' },
            { key: 'total', title: t('assess.total'), render: (_, u) => (u.rated ? <strong>{u.total}</strong> : <Tag>{t('assess.notRated')}</Tag>) },
            ...indicatorColumns,
            { key: 'deducted', title: t('assess.deducted'), render: (_, u) => (u.rated ? u.deductions.reduce((s, d) => s + d.points, 0).toFixed(2) : '—') },
            { key: 'appeals', title: t('assess.appealsAccepted'), dataIndex: 'appealsAccepted' },
          ]}
        />
      </Card>

      <Card size="small" style={{ marginTop: 16 }} title={t('assess.appeals')}>
        {canAppeal && (
          <Form form={form} layout="inline" onFinish={fileAppeal} style={{ marginBottom: 12 }} data-testid="appeal-form">
            <Form.Item name="caseNumber" label={t('assess.caseNumber')} rules={[{ required: true, message: t('assess.caseNumberRequired') }]}>
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('assess.kind')} rules={[{ required: true, message: t('assess.kindRequired') }]}>
              <Select style={{ width: 220 }} options={appealKinds.map((k) => ({ value: k, label: t(`assess.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('assess.reason')} rules={[{ required: true, message: t('assess.reasonRequired') }]}>
              <Input style={{ width: 280 }} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit">{t('assess.file')}</Button>
          </Form>
        )}
        <Table<Appeal>
          data-testid="appeals"
          rowKey="id"
          size="small"
          loading={appeals === undefined}
          dataSource={appeals ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { key: 'case', title: t('assess.caseNumber'), render: (_, a) => <Link to={`/cases/${a.caseId}`}>{a.caseNumber}</Link> },
            { key: 'unit', title: t('assess.unit'), dataIndex: 'unitName' },
            { key: 'kind', title: t('assess.kind'), render: (_, a) => t(`assess.kind.${a.kind}`) },
            { key: 'reason', title: t('assess.reason'), dataIndex: 'reason' },
            { key: 'filed', title: t('assess.filed'), render: (_, a) => `${a.filedBy} · ${dateTime(a.filedAt)}` },
            {
              key: 'status', title: t('assess.status'),
              render: (_, a) => (
                <Space direction="vertical" size={0}>
                  <Tag color={a.status === 'accepted' ? 'green' : a.status === 'rejected' ? 'red' : 'blue'}>{t(`assess.status.${a.status}`)}</Tag>
                  {a.decisionNote ? <Typography.Text type="secondary">{a.decidedBy}：{a.decisionNote}</Typography.Text> : null}
                </Space>
              ),
            },
            ...(canDecide ? [{
              key: 'decide', title: t('assess.decide'),
              render: (_: unknown, a: Appeal) => a.status === 'filed' && (
                <Space>
                  <Button size="small" onClick={() => setDeciding({ appeal: a, decision: 'accept' })}>{t('assess.accept')}</Button>
                  <Button size="small" danger onClick={() => setDeciding({ appeal: a, decision: 'reject' })}>{t('assess.reject')}</Button>
                </Space>
              ),
            }] : []),
          ]}
        />
      </Card>
      <Modal
        open={deciding !== null}
        title={deciding ? t(deciding.decision === 'accept' ? 'assess.acceptTitle' : 'assess.rejectTitle', { number: deciding.appeal.caseNumber }) : ''}
        okText={t('assess.confirm')}
        okButtonProps={{ disabled: note.trim() === '' }}
        onOk={decide}
        onCancel={() => { setDeciding(null); setNote(''); }}
      >
        <Input.TextArea aria-label={t('assess.note')} placeholder={t('assess.note')} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2000} />
      </Modal>
    </div>
  );
}

function UnitBreakdown({ unit, breakdown }: { unit: UnitScore; breakdown: Breakdown | Error | undefined }) {
  const { t, lang } = useI18n();
  const en = lang === 'en';
  if (!unit.rated) return <Typography.Text type="secondary">{t('assess.notRatedHint')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered>
        {unit.indicators.map((i) => (
          <Descriptions.Item key={i.kpi} label={`${en ? i.en : i.zh} · ${i.numerator}/${i.denominator} = ${pct(i.value)}`}>
            {i.points} / {i.weight} · {en ? i.reason.en : i.reason.zh}
          </Descriptions.Item>
        ))}
        {[...unit.deductions, ...unit.bonuses].map((d) => (
          <Descriptions.Item key={d.figure} label={t('assess.fixed', { figure: t(`assess.figure.${d.figure as FigureKey}`) })}>{d.points} · {en ? d.reason.en : d.reason.zh}</Descriptions.Item>
        ))}
      </Descriptions>
      {breakdown instanceof Error ? <ErrorAlert error={breakdown} /> : breakdown === undefined ? null : breakdown.causes.map((c) => (
        <div key={c.figure}>
          <Typography.Text strong>{t('assess.casesBehind', { figure: t(`assess.figure.${c.figure as FigureKey}`), total: c.total })}</Typography.Text>{' '}
          {c.cases.map((x) => (
            <Link key={x.id} to={`/cases/${x.id}`} style={{ marginRight: 8 }} title={x.title}>{x.number}{x.appealed ? ` (${t('assess.appealed')})` : ''}</Link>
          ))}
          {c.hasMore ? '…' : null}
        </div>
      ))}
    </Space>
  );
}
