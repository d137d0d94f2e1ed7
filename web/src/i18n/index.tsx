import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api/client.ts';
import { messages, type MessageKey } from './messages.ts';
import { vocabulary } from './vocab.ts';
import { zhHant } from './zh-Hant.ts';

/** The three interface languages; 简体中文 by default. */
export const languages = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Language = (typeof languages)[number];
export const languageNames: Record<Language, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };
/** What the server is told: it answers in English for `en`, in Chinese otherwise. */
const acceptLanguage: Record<Language, string> = { 'zh-Hans': 'zh-CN,zh;q=0.9', 'zh-Hant': 'zh-TW,zh;q=0.9', en: 'en' };

const dictionaries: Record<Language, Record<string, string>> = {
  'zh-Hans': { ...Object.fromEntries(Object.entries(messages).map(([k, [zh]]) => [k, zh])), ...vocabulary('zh') },
  'zh-Hant': zhHant,
  en: { ...Object.fromEntries(Object.entries(messages).map(([k, [, en]]) => [k, en])), ...vocabulary('en') },
};

export type Vocab = 'state' | 'action' | 'history' | 'channel' | 'type' | 'urgency' | 'role' | 'resolution' | 'satisfaction'
  | 'assignmentRole' | 'assignmentStatus' | 'deadline' | 'sex' | 'unitKind';

export interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  /** A message of messages.ts with `{name}` values filled in. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A vocabulary label (`label('state', 'handling')` → 办理中); the code itself when unknown. */
  label(kind: Vocab, code: string | null | undefined): string;
  /** A date and time in Beijing time, in the interface language's style. */
  dateTime(value: string | Date | null | undefined): string;
}

const STORAGE_KEY = 'ms.lang';
const I18nContext = createContext<I18n | null>(null);

export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return (languages as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-Hans';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => {
    const l = initialLanguage();
    setApiLanguage(acceptLanguage[l]);
    document.documentElement.lang = l;
    return l;
  });
  const setLang = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    setApiLanguage(acceptLanguage[l]);
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
    });
    return {
      lang,
      setLang,
      t: (key, values) => {
        const text = dict[key] ?? dictionaries['zh-Hans'][key] ?? key;
        return values ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m)) : text;
      },
      label: (kind, code) => (code == null ? '' : dict[`${kind}.${code}`] ?? code),
      dateTime: (v) => (v ? format.format(typeof v === 'string' ? new Date(v) : v) : ''),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
