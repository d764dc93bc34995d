import { Checkbox, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDocument } from '../caseApi';

/** Which uploaded documents a submission names: a checkbox per document, labelled by kind and file name. */
export function DocumentPicker({ documents, value, onChange }: { documents: CaseDocument[]; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation('cases');
  if (documents.length === 0) return <Typography.Text type="secondary">{t('documentsPicker.none')}</Typography.Text>;
  return (
    <Checkbox.Group
      value={value}
      onChange={(ids) => onChange?.(ids.map(String))}
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      options={documents.map((d) => ({ value: d.id, label: `${t(`documentKind.${d.kind}`)} · ${d.filename}` }))}
    />
  );
}
