import { Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { beijingDateTime } from '../../shared/time';
import type { CaseView } from './caseApi';
import { DismissCommentForm } from './actions/DismissCommentForm';
import { Section } from './Section';
import { emptyText } from '../../shared/tables';

/** Every publicity round (公示) with its comments; an officer may dismiss a comment with a reason while the round is open. */
export function PublicityRounds({ c }: { c: CaseView }) {
  const { t } = useTranslation('cases');
  const mayDismiss = c.allowedActions.includes('dismissComment');
  return (
    <Section title={t('publicity.title')}>
      {c.publicity.length === 0 && <Typography.Text>{t('publicity.none')}</Typography.Text>}
      {c.publicity.map((r) => (
        <section key={r.id} aria-label={t('publicity.roundN', { round: r.round })} style={{ marginBottom: 16 }}>
          <Space wrap>
            <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
              {t('publicity.roundN', { round: r.round })}
            </Typography.Title>
            <Tag color={r.status === 'open' ? 'processing' : 'default'}>{t(`publicity.${r.status}`)}</Tag>
          </Space>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'opened', label: t('publicity.openedAt'), children: beijingDateTime(r.openedAt) },
              { key: 'closes', label: t('publicity.closesAt'), children: beijingDateTime(r.closesAt) },
              ...(r.closedAt ? [{ key: 'closed', label: t('publicity.closedAt'), children: beijingDateTime(r.closedAt) }] : []),
              ...(r.standingComments !== null ? [{ key: 'standing', label: t('publicity.standing'), children: r.standingComments }] : []),
            ]}
          />
          <List
            size="small"
            bordered
            dataSource={r.comments}
            locale={{ emptyText: emptyText(t('publicity.noComments')) }}
            renderItem={(comment) => (
              <List.Item>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{comment.authorName}</Typography.Text>
                    <Typography.Text type="secondary">{beijingDateTime(comment.submittedAt)}</Typography.Text>
                    {comment.dismissedAt ? (
                      <Tag>{t('publicity.dismissed', { reason: t(`dismissalReason.${comment.dismissedReason}`) })}</Tag>
                    ) : (
                      <Tag color="warning">{t(r.status === 'open' ? 'publicity.pending' : 'publicity.stood')}</Tag>
                    )}
                  </Space>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{comment.body}</Typography.Paragraph>
                  {comment.dismissedAt && (
                    <Typography.Text type="secondary">
                      {t('publicity.dismissedAt', { at: beijingDateTime(comment.dismissedAt) })}
                      {comment.dismissedNote ? ` · ${t('publicity.note', { text: comment.dismissedNote })}` : ''}
                    </Typography.Text>
                  )}
                  {mayDismiss && r.status === 'open' && !comment.dismissedAt && <DismissCommentForm c={c} comment={comment} />}
                </Space>
              </List.Item>
            )}
          />
        </section>
      ))}
    </Section>
  );
}
