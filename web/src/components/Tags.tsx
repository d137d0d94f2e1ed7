import { Tag, Tooltip } from 'antd';
import type { Deadline } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * Tag colours as [text, background, border]: the text is dark enough for
 * WCAG AA contrast (≥ 4.5:1) on its background, unlike the lighter presets.
 */
type Palette = readonly [string, string, string];
const blue: Palette = ['#0b3d91', '#e6f0ff', '#91b4f0'];
const purple: Palette = ['#4a1d96', '#f1eafe', '#c4a8f5'];
const teal: Palette = ['#0b5560', '#e3f6f7', '#8fd0d6'];
const orange: Palette = ['#7a3300', '#fff1e0', '#f5b97a'];
const red: Palette = ['#8a1212', '#fde8e8', '#f0a3a3'];
const green: Palette = ['#1e5e2b', '#e7f5ea', '#94cfa0'];
const yellow: Palette = ['#5c3c00', '#fff3bf', '#e0b100'];
const grey: Palette = ['#3d3d3d', '#f0f0f0', '#c8c8c8'];

const stateColors: Record<string, Palette> = {
  received: blue, registered: blue, dispatched: purple, returned: red, handling: teal,
  signoff: teal, reviewing: teal, callback: orange, callback_review: orange, closed: green,
  archived: grey, rejected: grey, merged: grey,
};
const style = ([color, background, borderColor]: Palette) => ({ color, background, borderColor });

export function StateTag({ state }: { state: string }) {
  const { label } = useI18n();
  return <Tag style={style(stateColors[state] ?? grey)} data-state={state}>{label('state', state)}</Tag>;
}

/** Yellow when due soon, red when overdue: the colour never stands alone, the words say it too. */
const deadlineColors: Record<string, Palette> = {
  on_time: green, due_soon: yellow, overdue: red, done: grey, paused: blue, unknown: grey, calendar_unconfirmed: orange,
};

export function DeadlineTag({ deadline, compact = false }: { deadline: Deadline | null | undefined; compact?: boolean }) {
  const { t, label, dateTime } = useI18n();
  if (!deadline) return <span aria-label={t('common.none')}>—</span>;
  const hours = deadline.remainingWorkingHours;
  const detail = hours === undefined ? '' : hours >= 0 ? t('case.remaining', { h: hours }) : t('case.overdueBy', { h: -hours });
  const tag = (
    <Tag style={style(deadlineColors[deadline.state] ?? grey)} data-deadline={deadline.state}>
      {label('deadline', deadline.state)}
      {!compact && deadline.dueAt ? ` · ${dateTime(deadline.dueAt)}` : ''}
    </Tag>
  );
  const tip = [deadline.dueAt ? dateTime(deadline.dueAt) : '', detail].filter(Boolean).join(' · ');
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}
