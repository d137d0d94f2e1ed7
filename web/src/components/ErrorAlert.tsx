import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

/** The server's own message (and its stable code) when it refuses; announced to screen readers. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t, label } = useI18n();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const allowed = api?.details?.allowedActions as string[] | undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error"
      message={title ?? (api ? api.message : t('common.error'))}
      description={
        <>
          {title && api ? <div>{api.message}</div> : null}
          {!api && error instanceof Error ? <div>{error.message}</div> : null}
          {api ? <div style={{ opacity: 0.8 }}>{api.code}{api.status ? ` (${api.status})` : ''}</div> : null}
          {allowed ? <div>{allowed.map((a) => label('action', a)).join('、') || t('common.none')}</div> : null}
        </>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
