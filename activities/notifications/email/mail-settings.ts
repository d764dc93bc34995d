/**
 * Where e-mail goes (issue 10). `SMTP_URL` (smtp://user:pass@host:port, smtps://… for TLS from the start) names the
 * server; unset, e-mail is off and notifications stay in the inbox (`npm start` sets it to its development mail
 * server). `MAIL_FROM` is the sender; `CONSOLE_URL` the console's address, for the link to the case in each mail.
 */
export interface MailSettings {
  smtpUrl: string | null;
  from: string;
  consoleUrl: string;
}

export const MAIL_SETTINGS = Symbol('MAIL_SETTINGS');

export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  return {
    smtpUrl: env.SMTP_URL?.trim() || null,
    from: env.MAIL_FROM?.trim() || '碳普惠登记系统 Carbon Inclusion Registry <registry@localhost>',
    consoleUrl: (env.CONSOLE_URL?.trim() || `http://localhost:${env.PORT || 3000}/console`).replace(/\/+$/, ''),
  };
}
