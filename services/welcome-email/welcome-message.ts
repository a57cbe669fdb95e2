import type { SendEmailCommandInput } from '@aws-sdk/client-ses';
import type { UserCreatedDetail } from '../../events/user-created';
import { escapeHtml } from './escape-html';

/** The welcome email for one new user, as an SES v1 `SendEmail` request with an HTML and a text body. */
export function welcomeMessage(user: UserCreatedDetail['data'], senderEmail: string): SendEmailCommandInput {
  const greeting = user.givenName ? `Welcome, ${user.givenName}!` : 'Welcome!';
  const interests = user.interests ?? [];
  const textLines = [
    greeting,
    '',
    'Thanks for signing up. Your account is ready.',
    ...(interests.length > 0 ? ['', `We will keep you posted about: ${interests.join(', ')}.`] : []),
  ];
  const html = [
    '<!doctype html>',
    '<html><body>',
    `<h1>${escapeHtml(greeting)}</h1>`,
    '<p>Thanks for signing up. Your account is ready.</p>',
    ...(interests.length > 0 ? [`<p>We will keep you posted about: ${interests.map(escapeHtml).join(', ')}.</p>`] : []),
    '</body></html>',
  ].join('\n');
  return {
    Source: senderEmail,
    Destination: { ToAddresses: [user.email] },
    Message: {
      Subject: { Charset: 'UTF-8', Data: greeting },
      Body: {
        Html: { Charset: 'UTF-8', Data: html },
        Text: { Charset: 'UTF-8', Data: textLines.join('\n') },
      },
    },
  };
}
