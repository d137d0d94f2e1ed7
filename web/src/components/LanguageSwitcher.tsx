import { Select } from 'antd';
import { languageNames, languages, useI18n, type Language } from '../i18n/index.tsx';

/** 简体 / 繁體 / English; remembered in this browser. */
export function LanguageSwitcher({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Select<Language>
      aria-label={t('nav.language')}
      data-testid="language"
      value={lang}
      onChange={setLang}
      style={{ width: 112 }}
      variant={dark ? 'filled' : 'outlined'}
      options={languages.map((l) => ({ value: l, label: languageNames[l] }))}
    />
  );
}
