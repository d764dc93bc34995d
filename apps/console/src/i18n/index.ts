import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

/**
 * All text goes through i18n: zh-CN (the registry's staff) and en-US, complete in both. The language is the
 * browser's by default and remembered once chosen (localStorage). Each area has a namespace file of its own.
 */
const modules = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', { eager: true });
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, mod] of Object.entries(modules)) {
  const [, lang, ns] = /\.\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  (resources[lang] ??= {})[ns] = mod.default;
}

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en-US', label: 'English' },
] as const;

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    fallbackLng: 'zh-CN',
    supportedLngs: LANGUAGES.map((l) => l.code),
    load: 'currentOnly',
    nonExplicitSupportedLngs: false,
    ns: Object.keys(resources['zh-CN'] ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'console.lang', caches: ['localStorage'], convertDetectedLanguage: (l: string) => (l.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US') },
    returnNull: false,
  });

export default i18n;
