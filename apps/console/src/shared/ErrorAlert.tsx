import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The API's refusal as it said it (its message names the rule or the field), with its code for support. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={e ? t(`errors.${e.code}`, { defaultValue: t('errors.refused') }) : t('errors.network')}
      description={e ? `${e.message} (${e.code})` : String((error as Error)?.message ?? error)}
    />
  );
}
