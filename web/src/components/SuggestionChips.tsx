import { Button, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { post } from '../api/client.ts';
import * as api from '../api/endpoints.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * The server's suggestions for a case (GET /api/cases/:id/suggestions) as
 * one-click chips with their confidence: units for dispatching, categories
 * for registering. Shows nothing when the server has no suggestion (no
 * model, no route, an error): a suggestion is a help, never a blocker.
 * With `text` instead of `caseId` (the hotline desk, before the case is
 * saved) it asks POST /api/suggestions with the title and content, half a
 * second after the typing stops.
 */
export function SuggestionChips({ caseId, text, kind, onPick }: { caseId?: number; text?: { title: string; content: string }; kind: 'units' | 'categories'; onPick(id: number): void }) {
  const { t } = useI18n();
  const [items, setItems] = useState<Array<{ id: number; name: string; confidence: number }>>([]);
  useEffect(() => {
    let live = true;
    const typed = text ? { title: text.title.trim().slice(0, 100), content: text.content.trim().slice(0, 5000) } : undefined;
    if (typed && typed.title.length + typed.content.length < 4) { setItems([]); return; }
    const ask = () => (typed ? post<api.Suggestions>('/api/suggestions', typed).catch(() => null) : caseId ? api.caseSuggestions(caseId) : Promise.resolve(null));
    const timer = window.setTimeout(() => ask().then((s) => {
      if (!live) return;
      if (!s) { setItems([]); return; }
      const list = kind === 'units' ? (s.units ?? []).map((u) => ({ id: u.unitId, name: u.name, confidence: u.confidence }))
        : (s.categories ?? []).map((c) => ({ id: c.categoryId, name: c.name, confidence: c.confidence }));
      setItems(list.slice(0, 3));
    }), typed ? 500 : 0);
    return () => { live = false; window.clearTimeout(timer); };
  }, [caseId, kind, text?.title, text?.content]);
  if (!items.length) return null;
  const label = t(kind === 'units' ? 'suggest.units' : 'suggest.categories');
  return (
    <div role="group" aria-label={label} data-testid={`suggest-${kind}`} style={{ marginBottom: 12 }}>
      <Space wrap size={[6, 6]}>
        <Typography.Text type="secondary">{label}</Typography.Text>
        {items.map((s) => (
          <Button key={s.id} size="small" shape="round" onClick={() => onPick(s.id)} data-testid="suggestion" data-id={s.id}
            aria-label={t('suggest.pick', { name: s.name, confidence: Math.round(s.confidence * 100) })}>
            {s.name} · {Math.round(s.confidence * 100)}%
          </Button>
        ))}
      </Space>
    </div>
  );
}
