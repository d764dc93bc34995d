import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * BJ-30: a public list as a CSV file (UTF-8 with BOM, headings in the language the page is shown in). A plain link
 * to the API's download, so the browser saves it under the name the API gives (Content-Disposition).
 */
export function CsvDownloadLink({ list }: { list: 'publicity' | 'issuances' | 'projects' }) {
  const { t, i18n } = useTranslation('public');
  return (
    <a href={`/public/${list}.csv?lang=${encodeURIComponent(i18n.language)}`} download>
      <DownloadOutlined /> {t(`csv.${list}`)}
    </a>
  );
}
