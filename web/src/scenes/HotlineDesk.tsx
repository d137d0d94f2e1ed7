import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, List, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../api/endpoints.ts';
import type { CaseView, KnowledgeHit } from '../api/types.ts';
import { CategoryTreeSelect } from '../components/CategoryTreeSelect.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SuggestionChips } from '../components/SuggestionChips.tsx';
import { StateTag } from '../components/Tags.tsx';
import { UnitTreeSelect } from '../components/UnitTreeSelect.tsx';
import { useI18n } from '../i18n/index.tsx';
import { has } from '../lib/roles.ts';
import { useMe } from '../session.tsx';
import { caseTypes, urgencies } from '../../../src/modules/case/case.vocabulary.ts';

interface Values {
  citizenName?: string;
  citizenSex?: 'male' | 'female' | 'unknown';
  title: string;
  content: string;
  type: string;
  urgency: string;
  categoryId?: number | null;
  regionUnitId?: number;
  address?: string;
  confidential?: boolean;
  register?: boolean;
  answer?: string;
}

const PHONE = /^[0-9+-]{5,20}$/;

/**
 * The 12345 desk, keyboard first: the caller's number (Enter shows their
 * earlier appeals), one form for the new case, answer-and-close or create,
 * and the knowledge base beside it. Every field is reachable with Tab;
 * shortcuts are listed on the page.
 */
export default function HotlineDesk() {
  const { t, label, dateTime } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const draft = { title: Form.useWatch('title', form) ?? '', content: Form.useWatch('content', form) ?? '' };
  const phoneRef = useRef<InputRef>(null);
  const titleRef = useRef<InputRef>(null);
  const kbRef = useRef<InputRef>(null);
  const [phone, setPhone] = useState('');
  const [history, setHistory] = useState<api.CallerHistory | null>();
  const [historyBusy, setHistoryBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<CaseView>();
  const [kbQuery, setKbQuery] = useState('');
  const [kb, setKb] = useState<{ total: number; items: KnowledgeHit[] } | null | undefined>();
  const [kbAvailable, setKbAvailable] = useState<boolean>();
  /** The knowledge entry whose answer was taken into the answer field. */
  const [usedKnowledge, setUsedKnowledge] = useState<number>();
  const canAnswer = has(me, 'operator');

  useEffect(() => {
    api.searchKnowledge('').then((r) => setKbAvailable(r !== null)).catch(() => setKbAvailable(false));
  }, []);

  const lookup = useCallback(async (number: string) => {
    if (!PHONE.test(number)) { setHistory(undefined); return; }
    setHistoryBusy(true);
    try {
      const found = await api.callerHistory(number);
      setHistory(found);
      // The hotline's caller record knows the name last given: offered, never overwriting what was typed.
      const lastName = (found.raw as { lastName?: string | null } | undefined)?.lastName;
      if (lastName && !form.getFieldValue('citizenName')) form.setFieldValue('citizenName', lastName);
    } catch (err) {
      setError(err);
    } finally {
      setHistoryBusy(false);
    }
  }, [form]);

  const clear = useCallback(() => {
    form.resetFields();
    setPhone('');
    setHistory(undefined);
    setError(undefined);
    setKb(undefined);
    setKbQuery('');
    setUsedKnowledge(undefined);
    phoneRef.current?.focus();
  }, [form]);

  const save = async (mode: 'create' | 'answer') => {
    setError(undefined);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (phone && !PHONE.test(phone)) { setError(new Error(t('hotline.phoneInvalid'))); phoneRef.current?.focus(); return; }
    if (mode === 'answer' && !v.answer?.trim()) {
      form.setFields([{ name: 'answer', errors: [t('hotline.answerRequired')] }]);
      return;
    }
    setBusy(true);
    try {
      const view = await api.createHotlineCase({
        type: v.type, urgency: v.urgency, title: v.title.trim(), content: v.content.trim(),
        citizenName: v.citizenName?.trim() || null, citizenPhone: phone || null, citizenSex: v.citizenSex ?? null,
        confidential: v.confidential ?? false, categoryId: v.categoryId ?? null, regionUnitId: v.regionUnitId ?? null,
        address: v.address?.trim() || null, register: mode === 'create' ? Boolean(v.register) : false,
      }, mode === 'answer' ? { note: v.answer!.trim(), ...(usedKnowledge ? { knowledgeId: usedKnowledge } : {}) } : undefined);
      message.success(t(view.state === 'closed' ? 'hotline.closed' : 'hotline.created', { number: view.number }));
      setLast(view);
      clear();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // Shortcuts for the whole desk.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key === '1') { e.preventDefault(); phoneRef.current?.focus(); }
      else if (e.altKey && e.key === '2') { e.preventDefault(); titleRef.current?.focus(); }
      else if (e.altKey && (e.key === 'k' || e.key === 'K')) { e.preventDefault(); kbRef.current?.focus(); }
      else if (e.altKey && (e.key === 'n' || e.key === 'N')) { e.preventDefault(); clear(); }
      else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); void save(e.shiftKey && canAnswer ? 'answer' : 'create'); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const searchKb = async (q: string) => {
    setKbQuery(q);
    if (!q.trim()) { setKb(undefined); return; }
    try {
      setKb(await api.searchKnowledge(q.trim()));
    } catch (err) {
      setError(err);
    }
  };

  const marked = (text: string, marks: Array<[number, number]> = []) => {
    const out: React.ReactNode[] = [];
    let at = 0;
    for (const [s, e] of marks) {
      if (s > at) out.push(text.slice(at, s));
      out.push(<mark className="kb-mark" key={s}>{text.slice(s, e)}</mark>);
      at = e;
    }
    out.push(text.slice(at));
    return out;
  };

  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('hotline.title')}</Typography.Title>
        <Typography.Text type="secondary" aria-label={t('hotline.keyboard')} style={{ fontSize: 12 }}>{t('hotline.shortcuts')}</Typography.Text>
      </Space>
      {last ? (
        <Alert
          style={{ marginTop: 12 }} type="success" showIcon data-testid="hotline-last"
          message={<>{t('hotline.lastCase')}：<Link to={`/cases/${last.id}`}>{last.number}</Link> · {last.title} · <StateTag state={last.state} /></>}
        />
      ) : null}
      {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={6}>
          <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}><label htmlFor="caller-phone">{t('hotline.phone')}</label></h2>}>
            <Input
              id="caller-phone"
              ref={phoneRef}
              autoFocus
              inputMode="tel"
              autoComplete="off"
              value={phone}
              onChange={(e) => setPhone(e.target.value.replace(/\s/g, ''))}
              onPressEnter={(e) => { e.preventDefault(); void lookup(phone).then(() => document.getElementById('citizenName')?.focus()); }}
              onBlur={() => { if (phone && history?.phone !== phone) void lookup(phone); }}
              status={phone && !PHONE.test(phone) ? 'error' : undefined}
              aria-describedby="caller-phone-hint"
              data-testid="caller-phone"
              size="large"
            />
            <Typography.Text type="secondary" id="caller-phone-hint" style={{ fontSize: 12 }}>{t('hotline.phoneHint')}</Typography.Text>
          </Card>
          <Card size="small" style={{ marginTop: 12 }} title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('hotline.history')}</h2>} data-testid="caller-history">
            {historyBusy ? <Spin /> : history === undefined ? <Typography.Text type="secondary">{t('hotline.historyHint')}</Typography.Text> : history === null || history.cases.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline.noHistory')} />
            ) : (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{history.total} · {t(history.source === 'hotline' ? 'hotline.fromHotline' : 'hotline.fromCases')}</Typography.Text>
                <List
                  size="small"
                  dataSource={history.cases}
                  renderItem={(c) => (
                    <List.Item>
                      <div>
                        <Link to={`/cases/${c.id}`} target="_blank">{c.number}</Link> <StateTag state={c.state} />
                        <div>{c.title}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(c.receivedAt)}</Typography.Text>
                      </div>
                    </List.Item>
                  )}
                />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('hotline.newCase')}</h2>}>
            <Form<Values> form={form} layout="vertical" initialValues={{ type: 'help', urgency: 'normal', register: true }} disabled={busy} data-testid="hotline-form" onFinish={() => save('create')}>
              <Row gutter={12}>
                <Col span={16}>
                  <Form.Item name="citizenName" label={t('hotline.citizenName')} rules={[{ max: 50, message: t('form.tooLong', { n: 50 }) }]}>
                    <Input id="citizenName" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="citizenSex" label={t('hotline.sex')}>
                    <Select allowClear options={(['male', 'female', 'unknown'] as const).map((s) => ({ value: s, label: label('sex', s) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="title" label={t('hotline.titleField')} rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('form.titleRange') }]}>
                <Input ref={titleRef} maxLength={100} showCount data-testid="hotline-title" />
              </Form.Item>
              <Form.Item name="content" label={t('hotline.content')} rules={[{ required: true, whitespace: true, min: 2, max: 5000, message: t('form.contentRange') }]}>
                <Input.TextArea rows={5} maxLength={5000} data-testid="hotline-content" onChange={(e) => { if (!kbQuery && e.target.value.length > 8 && kbAvailable) void searchKb(e.target.value.slice(0, 40)); }} />
              </Form.Item>
              {/* The server's category suggestions for what is typed (docs/web.md); nothing when it has none. */}
              <SuggestionChips text={draft} kind="categories" onPick={(id) => form.setFieldValue('categoryId', id)} />
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="type" label={t('form.type')} rules={[{ required: true }]}>
                    <Select options={caseTypes.map((c) => ({ value: c, label: label('type', c) }))} data-testid="hotline-type" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="urgency" label={t('form.urgency')}>
                    <Select options={urgencies.map((c) => ({ value: c, label: label('urgency', c) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="categoryId" label={t('form.category')}>
                    <CategoryTreeSelect />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={10}>
                  <Form.Item name="regionUnitId" label={t('hotline.region')}>
                    <UnitTreeSelect />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item name="address" label={t('hotline.address')} rules={[{ max: 200, message: t('form.tooLong', { n: 200 }) }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </Row>
              <Space wrap>
                <Form.Item name="confidential" valuePropName="checked" noStyle><Checkbox>{t('hotline.confidential')}</Checkbox></Form.Item>
                <Form.Item name="register" valuePropName="checked" noStyle><Checkbox>{t('hotline.register')}</Checkbox></Form.Item>
              </Space>
              {canAnswer ? (
                <Form.Item name="answer" label={t('hotline.answer')} style={{ marginTop: 12 }} rules={[{ max: 5000, message: t('form.tooLong', { n: 5000 }) }]}>
                  <Input.TextArea rows={3} data-testid="hotline-answer" />
                </Form.Item>
              ) : null}
              <Space style={{ marginTop: 12 }} wrap>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="hotline-create">{t('hotline.create')} <kbd>Ctrl+Enter</kbd></Button>
                {canAnswer ? <Button onClick={() => save('answer')} loading={busy} data-testid="hotline-answer-close">{t('hotline.answerClose')} <kbd>Ctrl+Shift+Enter</kbd></Button> : null}
                <Button onClick={clear}>{t('hotline.clear')} <kbd>Alt+N</kbd></Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={6}>
          <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}><label htmlFor="kb-search">{t('hotline.kb')}</label></h2>} data-testid="knowledge">
            {kbAvailable === false ? <Typography.Text type="secondary">{t('hotline.kbMissing')}</Typography.Text> : (
              <>
                <Input.Search id="kb-search" ref={kbRef} placeholder={t('hotline.kbSearch')} value={kbQuery} onChange={(e) => setKbQuery(e.target.value)} onSearch={searchKb} allowClear />
                {kb && kb.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline.kbEmpty')} /> : null}
                {kb?.items.length ? <List
                  size="small"
                  dataSource={kb.items}
                  renderItem={(k) => (
                    <List.Item actions={canAnswer ? [<Button key="use" size="small" onClick={() => { form.setFieldValue('answer', k.answer); setUsedKnowledge(k.id); }}>{t('hotline.kbUse')}</Button>] : []}>
                      <div>
                        <Typography.Text strong>{marked(k.question, k.highlight?.question)}</Typography.Text>
                        {k.category ? <Tag style={{ marginLeft: 4 }}>{k.category.name}</Tag> : null}
                        <div style={{ fontSize: 13 }}>{k.highlight ? marked(k.highlight.snippet.text, k.highlight.snippet.marks) : k.answer.slice(0, 120)}</div>
                      </div>
                    </List.Item>
                  )}
                /> : null}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
