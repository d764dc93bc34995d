import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { beijingDateTime } from '../../shared/time';
import type { CaseDocument, CaseView } from './caseApi';
import { DocumentViewer, downloadDocument, viewable } from './DocumentViewer';
import { MaterialUpload } from './MaterialUpload';
import { Section } from './Section';
import { emptyText } from '../../shared/tables';

/** Bytes for people: 183204 → "178.9 KB". A size, not a quantity: a JS number is exact for it. */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The materials: the BJ-13 / BJ-21 checklist, every document with its digest, the in-page viewer, and upload. */
export function Materials({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const [viewing, setViewing] = useState<CaseDocument | null>(null);
  const [viewerOpen, setViewerOpen] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  return (
    <Section title={t('documents.title')}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('documents.checklist', { requirement: c.materials.requirement })}
      </Typography.Title>
      <ul aria-label={t('documents.checklist', { requirement: c.materials.requirement })} style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {c.materials.required.map((k) => (
          <li key={k}>
            <Tag color={c.materials.missing.includes(k) ? 'warning' : 'success'}>
              {t('documents.checklistItem', { kind: t(`documentKind.${k}`), state: t(c.materials.missing.includes(k) ? 'documents.missing' : 'documents.present') })}
            </Tag>
          </li>
        ))}
      </ul>
      <ErrorAlert error={downloadError} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.documents}
        locale={{ emptyText: emptyText(t('documents.empty')) }}
        columns={[
          { key: 'kind', title: t('documents.kind'), render: (_, d) => t(`documentKind.${d.kind}`) },
          { key: 'filename', title: t('documents.filename'), dataIndex: 'filename' },
          { key: 'size', title: t('documents.size'), render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{size(d.sizeBytes)}</span> },
          { key: 'round', title: t('documents.round'), dataIndex: 'round', width: 64 },
          { key: 'uploadedAt', title: t('documents.uploadedAt'), render: (_, d) => beijingDateTime(d.uploadedAt) },
          {
            key: 'sha256',
            title: t('documents.sha256'),
            render: (_, d) => (
              <Typography.Text code copyable={{ tooltips: [t('documents.copy'), t('documents.copied')] }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {d.sha256}
              </Typography.Text>
            ),
          },
          {
            key: 'open',
            title: t('documents.open'),
            render: (_, d) => (
              <Space>
                {viewable(d.contentType) && (
                  <Button size="small" onClick={() => (setViewing(d), setViewerOpen(true))} aria-label={t('documents.viewNamed', { name: d.filename })}>
                    {t('documents.view')}
                  </Button>
                )}
                <Button
                  size="small"
                  onClick={() => downloadDocument(c, d).then(() => setDownloadError(null), setDownloadError)}
                  aria-label={t('documents.downloadNamed', { name: d.filename })}
                >
                  {t('documents.download')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <DocumentViewer c={c} doc={viewing} open={viewerOpen} onClose={() => setViewerOpen(false)} />
      <div style={{ marginTop: 16 }}>
        <MaterialUpload c={c} />
      </div>
    </Section>
  );
}
