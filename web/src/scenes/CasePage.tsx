import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import * as api from '../api/endpoints.ts';
import type { Assignment, CaseView } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { DeadlineTag, StateTag } from '../components/Tags.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { Duplicates } from './Duplicates.tsx';
import { ReplyCheck, seesReplyCheck } from '../components/ReplyCheck.tsx';
import { useMe } from '../session.tsx';
import { NotFound } from './NotFound.tsx';

const fileSize = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`);

/** One case: every field, the units and their deadlines, the history, and the actions the server says this user may take now. */
export default function CasePage() {
  const { id } = useParams();
  const caseId = Number(id);
  const { t, label, dateTime } = useI18n();
  const me = useMe();
  const [view, setView] = useState<CaseView>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setView(await api.getCase(caseId));
    } catch (err) {
      setError(err);
    }
  }, [caseId]);
  useEffect(() => { setView(undefined); void load(); }, [load]);

  if (!Number.isInteger(caseId) || caseId <= 0 || (error instanceof ApiError && error.status === 404)) {
    return <NotFound title={t('case.notFound')} />;
  }
  if (error && !view) return <div className="page"><ErrorAlert error={error} onRetry={load} /></div>;
  if (!view) return <div className="page"><Skeleton active paragraph={{ rows: 12 }} /></div>;

  const c = view;
  const f = c.flags;
  const flagTags = [
    f.supervised && <Tag color="red" key="s">{t('case.flag.supervised')}</Tag>,
    f.listed && <Tag color="red" key="l">{t('case.flag.listed')}</Tag>,
    f.instructed && <Tag color="purple" key="i">{t('case.flag.instructed')}</Tag>,
    f.suspended && <Tag color="blue" key="p">{t('case.flag.suspended')}</Tag>,
    f.urgeCount > 0 && <Tag color="orange" key="u">{t('case.flag.urged', { n: f.urgeCount })}</Tag>,
    f.returnCount > 0 && <Tag key="r">{t('case.flag.returned', { n: f.returnCount })}</Tag>,
    f.rehandleCount > 0 && <Tag key="h">{t('case.flag.rehandled', { n: f.rehandleCount })}</Tag>,
    f.extensionCount > 0 && <Tag key="e">{t('case.flag.extended', { n: f.extensionCount })}</Tag>,
  ].filter(Boolean);

  const unitName = (unitId: number | null) => c.assignments.find((a) => a.unitId === unitId)?.unitName ?? (unitId ? `#${unitId}` : '');

  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }} align="start">
        <div>
          <Link to="/cases">← {t('case.back')}</Link>
          <Typography.Title level={1} style={{ fontSize: 22, margin: '8px 0' }}>
            <span data-testid="case-number">{c.number}</span> · {c.title}
          </Typography.Title>
          <Space wrap>
            <span data-testid="case-state" data-state={c.state}><StateTag state={c.state} /></span>
            {c.confidential ? <Tag color="volcano">{t('case.confidential')}</Tag> : null}
            {flagTags}
            <Typography.Text type="secondary">{t('case.version', { v: c.version })}</Typography.Text>
          </Space>
        </div>
        <Button icon={<ReloadOutlined />} onClick={load}>{t('common.refresh')}</Button>
      </Space>
      {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} onRetry={load} /></div> : null}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.summary')}</h2>} size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} bordered>
                <Descriptions.Item label={t('col.channel')}>{label('channel', c.channel)}</Descriptions.Item>
                <Descriptions.Item label={t('col.type')}>{label('type', c.type)}</Descriptions.Item>
                <Descriptions.Item label={t('col.urgency')}>{label('urgency', c.urgency)}</Descriptions.Item>
                <Descriptions.Item label={t('case.category')}>{c.category?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.region')}>{c.region?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.address')}>{c.address ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.subject')}>{c.subject ?? '—'}</Descriptions.Item>
                {c.leaderKey ? <Descriptions.Item label={t('case.leader')}>{c.leaderKey}</Descriptions.Item> : null}
                {c.location ? <Descriptions.Item label={t('case.location')}>{c.location.lat.toFixed(5)}, {c.location.lng.toFixed(5)}</Descriptions.Item> : null}
                {c.queryCode ? <Descriptions.Item label={t('case.queryCode')}>{c.queryCode}</Descriptions.Item> : null}
                <Descriptions.Item label={t('col.leadUnit')}>{c.leadUnitId ? unitName(c.leadUnitId) : '—'}</Descriptions.Item>
                {c.mergedIntoId ? <Descriptions.Item label={t('case.flags')}><Link to={`/cases/${c.mergedIntoId}`}>{t('case.mergedInto', { id: c.mergedIntoId })}</Link></Descriptions.Item> : null}
                {c.rejectReasonCode ? <Descriptions.Item label={t('case.rejectReason')}>{c.rejectReasonCode}</Descriptions.Item> : null}
                <Descriptions.Item label={t('case.receivedAt')}>{dateTime(c.times.receivedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('case.registeredAt')}>{dateTime(c.times.registeredAt) || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.dispatchedAt')}>{dateTime(c.times.dispatchedAt) || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('case.closedAt')}>{dateTime(c.times.closedAt) || '—'}</Descriptions.Item>
                {c.times.archivedAt ? <Descriptions.Item label={t('case.archivedAt')}>{dateTime(c.times.archivedAt)}</Descriptions.Item> : null}
              </Descriptions>
            </Card>

            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.citizen')}</h2>} size="small">
              {c.citizen ? (
                <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                  <Descriptions.Item label={t('case.name')}>{c.citizen.name ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('case.phone')}>{c.citizen.phone ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('case.sex')}>{label('sex', c.citizen.sex) || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('case.organisation')}>{c.citizen.organisation ?? '—'}</Descriptions.Item>
                </Descriptions>
              ) : <Typography.Text type="secondary">{t('case.citizenHidden')}</Typography.Text>}
            </Card>

            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.content')}</h2>} size="small">
              <div className="case-content" data-testid="case-content">{c.content}</div>
              {c.directAnswer ? <><Typography.Title level={3} style={{ fontSize: 14 }}>{t('case.directAnswer')}</Typography.Title><div className="case-content">{c.directAnswer}</div></> : null}
              {c.reply ? (
                <>
                  <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>{t('case.reply')}</Typography.Title>
                  <div className="case-content" data-testid="case-reply">{c.reply.content}</div>
                  <Typography.Text type="secondary">{unitName(c.reply.unitId)} {dateTime(c.reply.at)}</Typography.Text>
                </>
              ) : null}
            </Card>

            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.assignments')}</h2>} size="small">
              {c.assignments.length === 0 ? <Empty description={t('case.noAssignments')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
                <Table<Assignment>
                  rowKey="id" size="small" pagination={false} dataSource={c.assignments} scroll={{ x: 'max-content' }} data-testid="assignments"
                  columns={[
                    { title: t('case.unit'), dataIndex: 'unitName', render: (v: string, a) => <span style={{ paddingLeft: a.parentId ? 16 : 0 }}>{a.parentId ? '└ ' : ''}{v}</span> },
                    { title: t('case.role'), dataIndex: 'role', render: (v: string) => label('assignmentRole', v) },
                    { title: t('case.status'), dataIndex: 'status', render: (v: string) => label('assignmentStatus', v) },
                    { title: t('case.signDeadline'), render: (_: unknown, a) => <DeadlineTag deadline={a.signDeadline} /> },
                    { title: t('case.replyDeadline'), render: (_: unknown, a) => <span data-testid={`reply-deadline-${a.unitId}`}><DeadlineTag deadline={a.replyDeadline} /></span> },
                    { title: t('case.input'), render: (_: unknown, a) => a.inputContent ?? (a.returnReason ? `${t('case.returnReason')}：${a.returnReason}` : '') },
                  ]}
                />
              )}
              <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>{t('case.centreDeadlines')}</Typography.Title>
              <Space wrap>
                {(['register', 'review', 'callback'] as const).map((k) => (
                  <span key={k}>{t(`case.deadline.${k}`)}：<DeadlineTag deadline={c.deadlines[k]} /></span>
                ))}
              </Space>
            </Card>

            {c.replies.length || c.callbacks.length || c.extensions.length || c.suspensions.length ? (
              <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.replies')}</h2>} size="small">
                {c.replies.map((r) => (
                  <div key={r.id} style={{ marginBottom: 12 }}>
                    <Tag>{r.status}</Tag> <Typography.Text type="secondary">{r.unitName} · {dateTime(r.draftedAt)}</Typography.Text>
                    <div className="case-content">{r.content}</div>
                    {r.reviewNote ? <Typography.Text type="secondary">{r.reviewNote}</Typography.Text> : null}
                  </div>
                ))}
                {c.callbacks.length ? <Typography.Title level={3} style={{ fontSize: 14 }}>{t('case.callbacks')} · {t('case.callbackAttempts', { n: c.callback.attempts })}</Typography.Title> : null}
                {c.callbacks.map((cb, i) => (
                  <div key={i}>
                    {dateTime(cb.at)} · {cb.reached ? t('case.reached') : t('case.notReached')}
                    {cb.resolution ? ` · ${label('resolution', cb.resolution)}` : ''}{cb.satisfaction ? ` · ${label('satisfaction', cb.satisfaction)}` : ''}
                    {cb.note ? ` · ${cb.note}` : ''}
                  </div>
                ))}
                {c.extensions.length ? <Typography.Title level={3} style={{ fontSize: 14 }}>{t('case.extensions')}</Typography.Title> : null}
                {c.extensions.map((e) => <div key={e.id}>{dateTime(e.requestedAt)} · +{e.days} · {e.status} · {e.reason}{e.decisionNote ? ` · ${e.decisionNote}` : ''}</div>)}
                {c.suspensions.length ? <Typography.Title level={3} style={{ fontSize: 14 }}>{t('case.suspensions')}</Typography.Title> : null}
                {c.suspensions.map((s) => <div key={s.id}>{dateTime(s.requestedAt)} · {s.status} · {s.reason}</div>)}
              </Card>
            ) : null}

            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.attachments')}</h2>} size="small">
              {c.attachments.length === 0 ? <Typography.Text type="secondary">{t('case.noAttachments')}</Typography.Text> : (
                <Table
                  rowKey="id" size="small" pagination={false} dataSource={c.attachments}
                  columns={[
                    { title: t('case.fileName'), dataIndex: 'fileName' },
                    { title: t('case.fileType'), dataIndex: 'mimeType' },
                    { title: t('case.fileSize'), dataIndex: 'sizeBytes', render: (n: number) => fileSize(n) },
                    { title: t('case.receivedAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
                  ]}
                />
              )}
            </Card>

            <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.history')}</h2>} size="small">
              <Timeline
                data-testid="history"
                items={c.history.map((h) => ({
                  key: h.id,
                  color: h.action.startsWith('auto') ? 'red' : h.toState === 'closed' ? 'green' : 'blue',
                  children: (
                    <div data-action={h.action}>
                      <Typography.Text strong>{label('history', h.action)}</Typography.Text>
                      {h.fromState !== h.toState ? <> · {label('state', h.fromState) || '∅'} → {label('state', h.toState)}</> : null}
                      <div><Typography.Text type="secondary">{dateTime(h.at)} · {[h.actorName, h.actorUnitName].filter(Boolean).join(' · ')}</Typography.Text></div>
                      {h.note ? <div className="case-content">{h.note}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <div style={{ position: 'sticky', top: 16 }}>
            <ActionPanel view={c} onChanged={setView} onReload={load} />
            <Duplicates caseId={c.id} />
            {seesReplyCheck(me) && c.replies.length ? <ReplyCheck caseId={c.id} version={c.version} /> : null}
          </div>
        </Col>
      </Row>
    </div>
  );
}
