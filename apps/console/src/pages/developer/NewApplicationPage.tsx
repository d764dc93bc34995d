import { Breadcrumb, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { IssuanceApplicationForm } from './IssuanceApplicationForm';
import { RegistrationApplicationForm } from './RegistrationApplicationForm';

/**
 * A new application (/applications/new/registration | issuance): the form creates the case as a draft and goes to
 * its case page, where the materials are uploaded and the application submitted.
 */
export default function NewApplicationPage() {
  const { t } = useTranslation('developer');
  const { caseType } = useParams();
  if (caseType !== 'registration' && caseType !== 'issuance') return <Result status="404" title={t('newApplication.unknownType')} extra={<Link to="/applications">{t('applications.title')}</Link>} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <Breadcrumb items={[{ title: <Link to="/applications">{t('applications.title')}</Link> }, { title: t(`newApplication.${caseType}.title`) }]} />
      <Typography.Title level={1}>{t(`newApplication.${caseType}.title`)}</Typography.Title>
      <Typography.Paragraph>{t(`newApplication.${caseType}.intro`)}</Typography.Paragraph>
      {caseType === 'registration' ? <RegistrationApplicationForm /> : <IssuanceApplicationForm />}
    </Space>
  );
}
