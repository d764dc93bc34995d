import { notificationKind } from '../../../libs/domain/src';
import { shanghaiDateTime } from '../../../libs/domain/src/calendar';

/** What a notification e-mail says (issue 10). */
export interface NotificationEmailFacts {
  kind: string;
  /** The notification's own words (English), as in the inbox. */
  message: string;
  caseNo: string | null;
  caseType: 'registration' | 'issuance' | null;
  projectName: string | null;
  /** ISO instant of the deadline it is about, or null. */
  deadlineAt: string | null;
  consoleUrl: string;
}

export interface NotificationEmail {
  subject: string;
  text: string;
  html: string;
}

const CASE_TYPE = { registration: { zh: '项目登记', en: 'project registration' }, issuance: { zh: '减排量签发', en: 'reduction issuance' } } as const;

/** `2026-10-17 00:00`, Beijing wall-clock time (CAL-3: every party sees the absolute instant). */
const beijing = (iso: string) => shanghaiDateTime(new Date(iso)).slice(0, 16).replace('T', ' ');

/**
 * Chinese first, then an English section: the case (number, project, kind of case), what happened, what the reader is
 * to do, the deadline as a Beijing date-time, and the link to the case's console page. Plain text and HTML alike.
 */
export function notificationEmail(f: NotificationEmailFacts): NotificationEmail {
  const k = notificationKind(f.kind);
  const link = f.caseNo ? `${f.consoleUrl}/cases/${encodeURIComponent(f.caseNo)}` : f.consoleUrl;
  const settings = `${f.consoleUrl}/settings/notifications`;
  const type = f.caseType ? CASE_TYPE[f.caseType] : null;
  const deadline = f.deadlineAt ? beijing(f.deadlineAt) : null;
  const subject = `【碳普惠】${f.caseNo ? `${f.caseNo} ` : ''}${k.titleZh} | ${k.titleEn}`;

  const zh: [string, string][] = [
    ['案件', f.caseNo ? `${f.caseNo}${type ? `（${type.zh}）` : ''}` : '—'],
    ...(f.projectName ? ([['项目', f.projectName]] as [string, string][]) : []),
    ['事项', k.titleZh],
    ['需要您做的', k.todoZh],
    ...(deadline ? ([['截止时间', `${deadline}（北京时间）`]] as [string, string][]) : []),
    ['案件页面', link],
  ];
  const en: [string, string][] = [
    ['Case', f.caseNo ? `${f.caseNo}${type ? ` (${type.en})` : ''}` : '—'],
    ...(f.projectName ? ([['Project', f.projectName]] as [string, string][]) : []),
    ['What happened', k.titleEn],
    ['What to do', k.todoEn],
    ...(deadline ? ([['Deadline', `${deadline} Beijing time (UTC+8)`]] as [string, string][]) : []),
    ['Details', f.message],
    ['Case page', link],
  ];
  const lines = (rows: [string, string][], sep: string) => rows.map(([label, value]) => `${label}${sep}${value}`).join('\n');
  const text = [
    '您好，',
    '',
    lines(zh, '：'),
    '',
    '—— English ——',
    '',
    'Hello,',
    '',
    lines(en, ': '),
    '',
    `碳普惠登记系统 · Carbon inclusion registry. 通知设置 / Notification settings: ${settings}`,
  ].join('\n');

  const table = (rows: [string, string][]) =>
    `<table>${rows.map(([label, value]) => `<tr><th align="left">${esc(label)}</th><td>${value === link || value === settings ? `<a href="${esc(value)}">${esc(value)}</a>` : esc(value)}</td></tr>`).join('')}</table>`;
  const html = [
    '<!doctype html><html><body>',
    `<div lang="zh-CN"><p>您好，</p>${table(zh)}</div>`,
    '<hr>',
    `<div lang="en"><h2>English</h2><p>Hello,</p>${table(en)}</div>`,
    `<p><small>碳普惠登记系统 · Carbon inclusion registry. <a href="${esc(settings)}">通知设置 / Notification settings</a></small></p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** One line of a daily digest. */
export interface DigestLine {
  caseNo: string | null;
  kind: string;
  message: string;
  createdAt: string;
  deadlineAt: string | null;
}

/**
 * The daily digest (issue 10): every notification of the day the user chose to get this way, oldest first, each with
 * its case, what happened, its deadline in Beijing time and the link; Chinese first, then English.
 */
export function digestEmail(day: string, lines: DigestLine[], consoleUrl: string): NotificationEmail {
  const settings = `${consoleUrl}/settings/notifications`;
  const link = (l: DigestLine) => (l.caseNo ? `${consoleUrl}/cases/${encodeURIComponent(l.caseNo)}` : consoleUrl);
  const zh = lines.map((l) => {
    const k = notificationKind(l.kind);
    return `· ${beijing(l.createdAt)} ${l.caseNo ?? ''} ${k.titleZh}${l.deadlineAt ? `（截止 ${beijing(l.deadlineAt)} 北京时间）` : ''}\n  ${link(l)}`;
  });
  const en = lines.map((l) => {
    const k = notificationKind(l.kind);
    return `· ${beijing(l.createdAt)} ${l.caseNo ?? ''} ${k.titleEn}${l.deadlineAt ? ` (deadline ${beijing(l.deadlineAt)} Beijing time)` : ''}: ${l.message}\n  ${link(l)}`;
  });
  const subject = `【碳普惠】每日通知摘要 ${day}（${lines.length} 条）| Daily digest (${lines.length})`;
  const text = [`您好，以下是 ${day} 的通知摘要：`, '', ...zh, '', '—— English ——', '', `Hello, your notifications of ${day}:`, '', ...en, '', `通知设置 / Notification settings: ${settings}`].join('\n');
  const item = (l: DigestLine, title: string, extra: string) =>
    `<li>${esc(beijing(l.createdAt))} <a href="${esc(link(l))}">${esc(l.caseNo ?? '')}</a> ${esc(title)}${esc(extra)}</li>`;
  const html = [
    '<!doctype html><html><body>',
    `<div lang="zh-CN"><p>您好，以下是 ${esc(day)} 的通知摘要：</p><ul>${lines.map((l) => item(l, notificationKind(l.kind).titleZh, l.deadlineAt ? `（截止 ${beijing(l.deadlineAt)} 北京时间）` : '')).join('')}</ul></div>`,
    '<hr>',
    `<div lang="en"><h2>English</h2><p>Hello, your notifications of ${esc(day)}:</p><ul>${lines.map((l) => item(l, notificationKind(l.kind).titleEn, `${l.deadlineAt ? ` (deadline ${beijing(l.deadlineAt)} Beijing time)` : ''}: ${l.message}`)).join('')}</ul></div>`,
    `<p><small><a href="${esc(settings)}">通知设置 / Notification settings</a></small></p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
