import { stringify } from 'csv-stringify/sync';

export type CsvLanguage = 'zh-CN' | 'en-US';
export const CSV_LANGUAGES: readonly CsvLanguage[] = ['zh-CN', 'en-US'];

/** A column of a CSV download: the row's field and its heading in each language. */
export interface CsvColumn<T> {
  value: (row: T) => string | number | null | undefined;
  'zh-CN': string;
  'en-US': string;
}

// Full-width look-alikes of the formula characters csv-stringify escapes: some spreadsheets read them as formulas too.
const FULL_WIDTH_FORMULA = /^[＝＋－＠]/;

/**
 * A CSV download anyone may open in a spreadsheet: UTF-8 with a BOM (so Excel reads Chinese), CRLF lines
 * (RFC 4180), and every cell that a spreadsheet would run as a formula prefixed with `'` (CSV injection:
 * project names and comments are public text from anyone).
 */
export function csvOf<T>(columns: readonly CsvColumn<T>[], rows: readonly T[], lang: CsvLanguage): string {
  return stringify(
    [columns.map((c) => c[lang]), ...rows.map((r) => columns.map((c) => c.value(r) ?? ''))],
    {
      bom: true,
      record_delimiter: 'windows',
      escape_formulas: true,
      cast: { string: (v) => (FULL_WIDTH_FORMULA.test(v) ? `'${v}` : v) },
    },
  );
}
