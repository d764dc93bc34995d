import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The console's text is complete in both languages (issue 8: zh-CN and en-US): every namespace file exists in both
 * with the same keys and no empty text, and every literal key a page passes to `t()` exists in both. Plural forms
 * differ by language (Chinese has only `_other`), so keys are compared without their plural suffix.
 */
const CONSOLE = join(__dirname, '..', '..', 'apps', 'console', 'src');
const I18N = join(CONSOLE, 'i18n');
const LANGUAGES = ['zh-CN', 'en-US'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
const read = (lang: string, ns: string) => flatten(JSON.parse(readFileSync(join(I18N, lang, `${ns}.json`), 'utf8')));
const namespaces = (lang: string) => readdirSync(join(I18N, lang)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const keysOf = (lang: string, ns: string) => new Set(read(lang, ns).map(([k]) => k.replace(PLURAL, '')));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

describe('the console in zh-CN and en-US', () => {
  it('issue 8: both languages have the same namespaces', () => {
    expect(namespaces('en-US')).toEqual(namespaces('zh-CN'));
  });

  it.each(namespaces('zh-CN'))('issue 8: namespace %s has the same keys in both languages, none empty', (ns) => {
    const [zh, en] = LANGUAGES.map((l) => keysOf(l, ns));
    expect({ onlyInZh: [...zh].filter((k) => !en.has(k)), onlyInEn: [...en].filter((k) => !zh.has(k)) }).toEqual({ onlyInZh: [], onlyInEn: [] });
    for (const lang of LANGUAGES) expect(read(lang, ns).filter(([, v]) => !v.trim()).map(([k]) => `${lang} ${k}`)).toEqual([]);
  });

  it('issue 8: every literal key the pages translate exists in both languages', () => {
    const missing: string[] = [];
    for (const file of sources(CONSOLE)) {
      const text = readFileSync(file, 'utf8');
      // The namespace a file's t() reads by default: useTranslation('ns') or useTranslation(['ns', …]); else common.
      const ns = /useTranslation\(\s*\[?\s*'([^']+)'/.exec(text)?.[1] ?? 'common';
      for (const [, raw] of text.matchAll(/(?<![\w.$])t\(\s*'([^']+)'/g)) {
        const [keyNs, key] = raw.includes(':') ? raw.split(':', 2) : [ns, raw];
        for (const lang of LANGUAGES) {
          if (!namespaces(lang).includes(keyNs) || !keysOf(lang, keyNs).has(key)) missing.push(`${relative(CONSOLE, file)}: ${lang} ${keyNs}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
