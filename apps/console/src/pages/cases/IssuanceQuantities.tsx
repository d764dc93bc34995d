import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { serialNumber } from '../../shared/quantities';
import { Quantity } from '../../shared/Quantity';
import type { IssuanceCase } from './caseApi';
import { Section } from './Section';

/** A serial of a block: its prefix and its number within the block (strings: serials are never JS numbers). */
const serial = (prefix: string, n: string) => `${prefix}-${serialNumber(n)}`;

/**
 * An issuance's quantities: claimed, audited and what sign-off issues under the over-claim rule (BJ-23), with the
 * rule's branch in words in the reader's language (the API's `explanation` is English only), and the serial block
 * once issued. Quantities stay the API's decimal strings throughout.
 */
export function IssuanceQuantities({ c }: { c: IssuanceCase }) {
  const { t } = useTranslation('cases');
  const q = c.issuable;
  return (
    <Section title={t('quantities.title')}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'claimed', label: t('quantities.claimed'), children: <Quantity value={c.claimedTco2e} /> },
          { key: 'audited', label: t('quantities.audited'), children: c.auditedTco2e ? <Quantity value={c.auditedTco2e} /> : t('quantities.notAudited') },
          ...(q
            ? [
                { key: 'excess', label: t('quantities.excess'), children: <Quantity value={q.excessTco2e} /> },
                { key: 'threshold', label: t('quantities.threshold'), children: <Quantity value={q.thresholdTco2e} /> },
                { key: 'issuable', label: t('quantities.issuable'), children: <Quantity value={q.tco2e} unit="t" /> },
              ]
            : []),
          ...(c.issuedTco2e !== null ? [{ key: 'issued', label: t('quantities.issued'), children: <Quantity value={c.issuedTco2e} unit="t" /> }] : []),
        ]}
      />
      {q && c.auditedTco2e && (
        <Alert
          type="info"
          role="note"
          showIcon
          style={{ marginTop: 12 }}
          title={t('quantities.ruleTitle')}
          description={t(`quantities.basis.${q.basis}`, { claimed: c.claimedTco2e, audited: c.auditedTco2e, excess: q.excessTco2e, threshold: q.thresholdTco2e, issuable: q.tco2e })}
        />
      )}
      {c.blockPrefix && c.blockQuantity && (
        <Descriptions
          style={{ marginTop: 12 }}
          size="small"
          title={<Typography.Text strong>{t('quantities.block')}</Typography.Text>}
          column={1}
          items={[
            { key: 'prefix', label: t('quantities.blockPrefix'), children: <Typography.Text code>{c.blockPrefix}</Typography.Text> },
            {
              key: 'range',
              label: t('quantities.serialRange'),
              children: <Typography.Text code>{t('quantities.range', { from: serial(c.blockPrefix, '1'), to: serial(c.blockPrefix, c.blockQuantity) })}</Typography.Text>,
            },
            { key: 'quantity', label: t('quantities.blockQuantity'), children: <Quantity value={c.blockQuantity} unit="t" /> },
          ]}
        />
      )}
    </Section>
  );
}
