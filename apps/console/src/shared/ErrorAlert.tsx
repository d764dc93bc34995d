import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * The API's refusal as it said it (its message names the rule or the field), with its code for support. A rule
 * that refuses for several reasons at once (INELIGIBLE: `details.reasons`, BJ-13/14/21/22) lists every one.
 */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const reasons = e ? reasonsOf(e) : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={e ? t(`errors.${e.code}`, { defaultValue: t('errors.refused') }) : t('errors.network')}
      description={
        reasons.length > 1 ? (
          <>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            ({e!.code})
          </>
        ) : e ? (
          `${e.message} (${e.code})`
        ) : (
          String((error as Error)?.message ?? error)
        )
      }
    />
  );
}

/** `details.reasons` when the API gave a list of them (the message then joins them into one line). */
function reasonsOf(e: ApiError): string[] {
  const reasons = e.body.details?.reasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
}
