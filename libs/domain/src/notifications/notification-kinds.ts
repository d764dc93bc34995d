/**
 * Every kind of notification the system sends, in both languages, with what the reader must do and whether it is
 * e-mailed by default (issue 10). The procedure tables (packs/case-procedures.ts) name the kinds their steps send;
 * the reminders (CAL-5), failed steps and webhook subscriptions add theirs. BJ-15, BJ-16, BJ-23: whoever must act is
 * told by e-mail by default — officers of a submission, the developer of a supplement request, a revision, the
 * registration, a lapse or an issuance, the bureau of a sign-off request and of escalations; news that asks nothing
 * of the reader stays in the inbox unless they choose otherwise (preferences).
 */
export interface NotificationKind {
  titleZh: string;
  titleEn: string;
  /** What the reader is to do now. */
  todoZh: string;
  todoEn: string;
  /** E-mailed unless the reader chose otherwise. */
  emailByDefault: boolean;
}

const kind = (titleZh: string, titleEn: string, todoZh: string, todoEn: string, emailByDefault = true): NotificationKind => ({ titleZh, titleEn, todoZh, todoEn, emailByDefault });
const NOTHING_ZH = '无需操作。';
const NOTHING_EN = 'Nothing to do.';
const REVIEW_AGAIN_ZH = '请重新开展技术审查。';
const REVIEW_AGAIN_EN = 'Review the case again.';

export const NOTIFICATION_KINDS = {
  case_submitted: kind('新申请待技术审查', 'New application for technical review', '请认领案件并开展技术审查。', 'Claim the case and carry out the technical review.'),
  case_assigned: kind('案件已分派给您', 'Case assigned to you', '请接手办理该案件。', 'Take the case from here.'),
  review_pass: kind('技术审查通过', 'Technical review passed', '无需操作，公示即将开始。', 'Nothing to do; publicity will open.', false),
  review_request_supplement: kind('需补充材料', 'Supplement requested', '请在截止时间前上传补充材料并提交。', 'Upload the supplementary materials and submit them before the deadline.'),
  review_reject: kind('申请未通过审查', 'Application rejected', '如有异议，请联系登记机构。', 'Contact the registry if you disagree.'),
  supplement_submitted: kind('补充材料已提交', 'Supplement submitted', REVIEW_AGAIN_ZH, REVIEW_AGAIN_EN),
  publicity_opened: kind('公示已开始', 'Publicity opened', NOTHING_ZH, NOTHING_EN, false),
  revision_required: kind('公示期间有意见，需修改材料', 'Revision required after publicity', '请在截止时间前提交修改后的材料，并逐条回应意见。', 'Submit revised materials with a response to each standing comment before the deadline.'),
  registration_due: kind('公示无异议，请完成登记', 'Publicity closed clean: complete registration', '请在截止时间前完成项目登记。', 'Complete the registration before the deadline.'),
  bureau_submission_due: kind('公示无异议，请提请签发', 'Publicity closed clean: ask the bureau to issue', '请在截止时间前提请主管部门签发。', 'Ask the bureau to issue before the deadline.'),
  revision_submitted: kind('修改材料已提交', 'Revision submitted', REVIEW_AGAIN_ZH, REVIEW_AGAIN_EN),
  lapsed: kind('案件逾期，视为撤回', 'Case lapsed', '案件已结束；如需继续，请重新申请。', 'The case is closed; apply again to go on.'),
  escalation: kind('登记机构逾期，已上报', 'Registry deadline missed: escalated', '请督办该案件。', 'Follow the case up with the registry.'),
  overdue: kind('办理已逾期', 'Overdue', '请尽快办理；案件已上报主管部门。', 'Act now; the case has been escalated to the bureau.'),
  withdrawn: kind('案件已撤销', 'Case withdrawn', NOTHING_ZH, NOTHING_EN),
  terminated: kind('案件已被运维关闭', 'Case closed by the operators', '请联系登记机构。', 'Contact the registry.'),
  registered: kind('项目已登记', 'Project registered', '无需操作；项目已成为一类项目。', 'Nothing to do; the project is now Class I.'),
  signoff_requested: kind('待签发', 'Sign-off requested', '请审核并签发（或拒绝签发）。', 'Review the issuance and sign it off (or refuse it).'),
  issued: kind('减排量已签发', 'Reductions issued', '无需操作；减排量已记入账户。', 'Nothing to do; the credits are in the account.'),
  issuance_refused: kind('签发被拒绝', 'Issuance refused', '请查看拒绝理由。', 'Read the reasons given.'),
  needs_attention: kind('案件需要处理：系统步骤失败', 'Case needs attention: a step failed', '请查看案件时间线及未完成的活动。', 'Look at the case timeline and its pending activities.'),
  // CAL-5
  deadline_reminder: kind('截止提醒：还有 3 个工作日', 'Reminder: 3 working days to the deadline', '请在截止时间前办理。', 'Act before the deadline.'),
  deadline_today: kind('截止提醒：今天截止', 'Reminder: the deadline is today', '请在今天 24:00（北京时间）前办理。', 'Act before 24:00 Beijing time today.'),
  // Webhooks
  webhook_disabled: kind('Webhook 订阅已停用', 'Webhook subscription disabled', '请检查接收端点后重新启用。', 'Check the receiving endpoint, then enable the subscription again.'),
} as const satisfies Record<string, NotificationKind>;

export type NotificationKindName = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKindName[];

/** The kind's words; an unknown kind (a row written by an older version) is described by its name. */
export function notificationKind(name: string): NotificationKind {
  return (NOTIFICATION_KINDS as Record<string, NotificationKind>)[name] ?? kind(name, name, NOTHING_ZH, NOTHING_EN, false);
}
