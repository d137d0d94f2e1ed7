import { Card, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import * as api from '../api/endpoints.ts';
import { StateTag } from '../components/Tags.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/messages.ts';

/** The server's likely repeats of this case (GET /api/cases/:id/duplicates), when it has the repeat check. */
export function Duplicates({ caseId }: { caseId: number }) {
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<api.SuggestedDuplicate[] | null>();
  useEffect(() => {
    api.duplicatesOf(caseId).then(setItems).catch(() => setItems(null));
  }, [caseId]);
  if (!items) return null;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('case.duplicates')}</h2>} size="small" style={{ marginTop: 16 }} data-testid="duplicates">
      {items.length === 0 ? <Typography.Text type="secondary">{t('case.noDuplicates')}</Typography.Text> : (
        <List
          size="small"
          dataSource={items}
          renderItem={(d) => (
            <List.Item>
              <div>
                <Link to={`/cases/${d.caseId}`}>{d.number}</Link> <StateTag state={d.state} />
                <div>{d.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('case.similarity', { p: Math.round(d.score * 100) })} · {dateTime(d.receivedAt)}
                </Typography.Text>
                <div>{d.reasons.map((r) => <Tag key={r}>{t(`dup.${r}` as MessageKey)}</Tag>)}</div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
