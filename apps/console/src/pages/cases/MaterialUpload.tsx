import { Alert, Button, Form, Select, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useAction } from '../../shared/useAction';
import { caseKeys, uploadDocument, type CaseDocument, type CaseView, type DocumentKind } from './caseApi';

/**
 * Upload a material while the case accepts them (the API lists the kinds this user may file now: the applicant's
 * materials, the named verifier's report). The stored document's SHA-256 is shown at once (BJ-31).
 */
export function MaterialUpload({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const fileId = useId();
  const kindId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [kind, setKind] = useState<DocumentKind | undefined>(c.uploadableKinds.length === 1 ? c.uploadableKinds[0] : undefined);
  const upload = useAction(async (a: { kind: DocumentKind; file: File }): Promise<CaseDocument> => uploadDocument(c, a.kind, a.file), caseKeys.afterAction(c.caseNo));
  if (c.uploadableKinds.length === 0) return null;
  const missing = c.materials.missing.find((k) => c.uploadableKinds.some((u) => u === k));
  return (
    <Form
      layout="vertical"
      onFinish={() => {
        if (kind && file) upload.mutate({ kind, file }, { onSuccess: () => (setFile(null), setInputKey((k) => k + 1)) });
      }}
    >
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('upload.title')}
      </Typography.Title>
      <Form.Item label={t('upload.kind')} htmlFor={kindId} required>
        <Select
          virtual={false}
          id={kindId}
          value={kind}
          onChange={setKind}
          placeholder={missing ? t('upload.suggest', { kind: t(`documentKind.${missing}`) }) : t('upload.choose')}
          options={c.uploadableKinds.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))}
          style={{ maxWidth: 360 }}
        />
      </Form.Item>
      <Form.Item label={t('upload.file')} htmlFor={fileId} required>
        <input key={inputKey} id={fileId} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Form.Item>
      <ErrorAlert error={upload.error} />
      {upload.data && !upload.isPending && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('upload.done', { name: upload.data.filename, kind: t(`documentKind.${upload.data.kind}`) })}
          description={
            <>
              {t('documents.sha256')}: <Typography.Text code copyable>{upload.data.sha256}</Typography.Text>
            </>
          }
        />
      )}
      <Button htmlType="submit" type="primary" disabled={!kind || !file} loading={upload.isPending} style={{ marginTop: 12 }}>
        {t('upload.submit')}
      </Button>
    </Form>
  );
}
