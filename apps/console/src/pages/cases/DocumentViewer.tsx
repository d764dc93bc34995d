import { Alert, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { documentBlob, type CaseDocument, type CaseView } from './caseApi';

/** Types shown in the page: PDFs in a frame, raster images in an <img>. Others are downloaded. */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const viewable = (contentType: string) => contentType === 'application/pdf' || IMAGE_TYPES.includes(contentType);

/**
 * A material shown in the page: its bytes fetched with the session's token, wrapped in a Blob of the declared type
 * (PDF or raster image only — never HTML or SVG, which would run in the console's origin) and shown through an
 * object URL, revoked when the viewer closes (its content is destroyed then).
 */
function DocumentContent({ c, doc, title }: { c: CaseView; doc: CaseDocument; title: string }) {
  const { t } = useTranslation('cases');
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let made: string | null = null;
    let closed = false;
    documentBlob(c, doc.id).then(
      (blob) => {
        if (closed) return;
        made = URL.createObjectURL(new Blob([blob], { type: doc.contentType }));
        setUrl(made);
      },
      (e) => !closed && setError(e),
    );
    return () => {
      closed = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [c, doc.id, doc.contentType]);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('documents.sha256')}: <Typography.Text code>{doc.sha256}</Typography.Text>
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      {!url && !error && <Spin aria-label={t('documents.loading')} />}
      {url && doc.contentType === 'application/pdf' && <iframe title={title} src={url} style={{ width: '100%', height: '70vh', border: 0 }} />}
      {url && IMAGE_TYPES.includes(doc.contentType) && <img alt={title} src={url} style={{ maxWidth: '100%' }} />}
      {url && !viewable(doc.contentType) && <Alert type="info" role="note" title={t('documents.notViewable')} />}
    </>
  );
}

/** The viewer's dialog; it stays mounted so that closing returns focus to the button that opened it. */
export function DocumentViewer({ c, doc, open, onClose }: { c: CaseView; doc: CaseDocument | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('cases');
  const title = doc ? t('documents.viewerTitle', { name: doc.filename }) : '';
  return (
    <Modal open={open && doc !== null} onCancel={onClose} footer={null} width="80vw" title={title} destroyOnHidden>
      {doc && <DocumentContent key={doc.id} c={c} doc={doc} title={title} />}
    </Modal>
  );
}

/** Saves a material under its file name (an object URL, revoked once the browser has taken it). */
export async function downloadDocument(c: CaseView, doc: CaseDocument) {
  const url = URL.createObjectURL(await documentBlob(c, doc.id));
  const a = document.createElement('a');
  a.href = url;
  a.download = doc.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
