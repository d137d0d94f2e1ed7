import { Button, Card, List, Progress, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import * as api from '../api/endpoints.ts';
import type { Me, ReplyCheck as Check } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { has } from '../lib/roles.ts';

/** Who is shown the check of a case's reply (the server decides again: GET /api/cases/:id/reply-check). */
export const seesReplyCheck = (me: Me) => has(me, 'reviewer', 'head', 'handler', 'supervisor', 'admin');

const colour = (score: number) => (score >= 80 ? '#2e7d32' : score >= 50 ? '#ad6800' : '#b71c1c');

/**
 * The reply check (答复检查) of a case's current reply, for those who sign
 * it off and review it: a 0–100 score and the reasons to look at. Advice
 * only; shows nothing when there is no reply yet or the user may not check.
 * Reloads when the case changes (`version`).
 */
export function ReplyCheck({ caseId, version }: { caseId: number; version: number }) {
  const { t } = useI18n();
  const [check, setCheck] = useState<Check | null>();
  useEffect(() => {
    api.getReplyCheck(caseId).then((r) => setCheck(r.check)).catch(() => setCheck(null));
  }, [caseId, version]);
  if (!check) return null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('replyCheck.title')}</h2>} size="small" style={{ marginTop: 16 }} data-testid="reply-check">
      <CheckResult check={check} />
    </Card>
  );
}

/** The score ring and the reasons, in the interface language. */
function CheckResult({ check }: { check: Check }) {
  const { t, lang } = useI18n();
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <Progress type="circle" size={56} percent={check.score} format={(p) => `${p}`} strokeColor={colour(check.score)} aria-label={t('replyCheck.score')} />
        <Typography.Text type="secondary">{t('replyCheck.hint')}</Typography.Text>
      </div>
      {check.reasons.length === 0 ? (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t('replyCheck.ok')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={check.reasons}
          renderItem={(r) => (
            <List.Item data-code={r.code}>
              <Tag color={r.weight >= 30 ? 'red' : r.weight >= 20 ? 'orange' : 'default'}>−{r.weight}</Tag> {lang === 'en' ? r.en : r.zh}
            </List.Item>
          )}
        />
      )}
    </>
  );
}

/**
 * In the reply form: checks the text being written (POST /api/reply-check)
 * on demand, before it is submitted. `text()` reads the form's current text.
 */
export function DraftReplyCheck({ caseId, text }: { caseId: number; text: () => string | undefined }) {
  const { t } = useI18n();
  const [check, setCheck] = useState<Check | null>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const reply = text()?.trim();
    if (!reply) return;
    setBusy(true);
    try {
      setCheck((await api.checkDraftReply(caseId, reply)).check);
    } catch {
      setCheck(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginBottom: 12 }} data-testid="draft-reply-check">
      <Button size="small" onClick={run} loading={busy}>{t('replyCheck.run')}</Button>
      {check ? <div style={{ marginTop: 8 }}><CheckResult check={check} /></div> : null}
    </div>
  );
}
