import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';

export function NotFound({ title }: { title?: string }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <Result status="404" title={<h1 style={{ fontSize: 24, margin: 0 }}>{title ?? t('common.pageNotFound')}</h1>} extra={<Link to="/"><Button type="primary">{t('common.backHome')}</Button></Link>} />
    </div>
  );
}
