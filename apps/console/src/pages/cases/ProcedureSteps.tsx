import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from './caseApi';
import { stepBar } from './procedureSteps';
import { Section } from './Section';

/** The procedure's steps with this case's place among them: waiting in a side state, or stopped by a refusal. */
export function ProcedureSteps({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const bar = stepBar(c);
  return (
    <Section title={t('steps.title')}>
      <Steps
        size="small"
        current={bar.current}
        status={bar.state}
        items={bar.steps.map((s, i) => ({
          key: s,
          title: t(`steps.${c.caseType}.${s}`),
          content: i === bar.current ? (bar.note ? t(`status.${bar.note}`) : t(bar.state === 'finish' ? 'steps.done' : 'steps.current')) : undefined,
        }))}
      />
    </Section>
  );
}
