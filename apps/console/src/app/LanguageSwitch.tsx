import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

/** 中文 / English: the choice is remembered (localStorage); the default is the browser's language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented
      aria-label={t('shell.language')}
      size="small"
      value={i18n.language}
      options={LANGUAGES.map((l) => ({ value: l.code, label: <span lang={l.code}>{l.label}</span> }))}
      onChange={(v) => void i18n.changeLanguage(String(v))}
    />
  );
}
