import { Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { QUANTITY_PATTERN } from '../../../../../../libs/domain/src/quantity-patterns';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import type { CaseView } from '../caseApi';
import { sendCaseAction, useCaseAction, type ReviewBody } from '../caseActions';
import { ActionCard } from './ActionCard';

type Outcome = ReviewBody['outcome'];
/** The API's review outcomes (ReviewDto.outcome), in the order an officer weighs them. */
const OUTCOMES: Record<Outcome, true> = { pass: true, request_supplement: true, reject: true };

/**
 * Technical review (BJ-15, BJ-23): pass, request a supplement (10 working days) or reject; reasons are required
 * for the last two. Passing an issuance fixes the audited quantity, which the over-claim rule then uses.
 */
export function ReviewForm({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const [form] = Form.useForm<{ outcome: Outcome; reasons?: string; auditedTco2e?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const review = useCaseAction(c, (body: ReviewBody, key) => sendCaseAction.review(c, body, key));
  const audits = c.caseType === 'issuance' && outcome === 'pass';
  return (
    <ActionCard title={t('action.review')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'pass' }}
        onFinish={(v) => review.mutate({ outcome: v.outcome, reasons: v.reasons?.trim() || undefined, auditedTco2e: audits ? v.auditedTco2e?.trim() : undefined })}
      >
        <Form.Item name="outcome" label={t('review.outcome')}>
          <Radio.Group
            aria-label={t('review.outcome')}
            options={(Object.keys(OUTCOMES) as Outcome[]).map((o) => ({ value: o, label: t(`review.outcomes.${o}`) }))}
          />
        </Form.Item>
        {audits && (
          <Form.Item
            name="auditedTco2e"
            label={t('review.audited')}
            extra={t('review.auditedHelp', { claimed: c.claimedTco2e })}
            rules={[
              { required: true, message: t('review.auditedRequired') },
              { pattern: QUANTITY_PATTERN, message: t('review.auditedFormat') },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" style={{ maxWidth: 240 }} suffix="tCO₂e" />
          </Form.Item>
        )}
        <Form.Item
          name="reasons"
          label={t('review.reasons')}
          rules={[{ required: outcome !== 'pass', whitespace: true, message: t('review.reasonsRequired') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <ErrorAlert error={review.error} />
        <Button htmlType="submit" type="primary" loading={review.isPending}>
          {t('review.submit')}
        </Button>
      </Form>
    </ActionCard>
  );
}
