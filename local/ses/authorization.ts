import { authorization, type AuthorizationCheck, type AuthorizationTable } from '../protocol/authorization';
import type { RequestContext } from '../protocol/service';
import type { EngineRequest } from './engine';
import type { SES_V1_OPERATIONS, SES_V2_OPERATIONS } from './operations';
import type { SesState } from './state';
import { listMembers, type QueryParameters } from './validations/fields';

const IDENTITY = 'identity';

const sesArn = (context: RequestContext, resource: string): string => `arn:aws:ses:${context.region}:${context.account}:${resource}`;

/** `Ada <ada@example.com>` as its address and its display name. */
function splitAddress(text: string): { address: string; displayName?: string } {
  const match = /^\s*(.*?)\s*<\s*([^<>]+?)\s*>\s*$/.exec(text);
  if (!match) return { address: text.trim() };
  const displayName = match[1]?.replace(/^"|"$/g, '');
  return { address: match[2] as string, ...(displayName ? { displayName } : {}) };
}

interface Send {
  action: string;
  from: string;
  recipients: readonly string[];
  apiVersion: '1' | '2';
  /** A sending-authorization identity ARN the request names (`SourceArn`, `FromEmailAddressIdentityArn`). */
  identityArn?: string;
  configurationSet?: string;
  template?: string;
}

/**
 * A send is authorized on the identity it sends as, with SES's condition keys (`ses:FromAddress`, `ses:Recipients`,
 * `ses:FromDisplayName`, `ses:ApiVersion`). Which identity AWS checks is the one verified in the account: the
 * address itself or its domain. Locally no identity is verified, so either one's grant lets the send through; the
 * denial names the address's. A configuration set or template the send uses is checked too.
 */
function sendChecks(send: Send, context: RequestContext): AuthorizationCheck[] {
  const { address, displayName } = splitAddress(send.from);
  const conditionKeys: Record<string, string | string[]> = {
    'ses:FromAddress': address,
    'ses:Recipients': send.recipients.map((recipient) => splitAddress(recipient).address),
    'ses:ApiVersion': send.apiVersion,
  };
  if (displayName !== undefined) conditionKeys['ses:FromDisplayName'] = displayName;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const identity: AuthorizationCheck =
    send.identityArn !== undefined
      ? { action: send.action, resource: send.identityArn, context: conditionKeys }
      : { action: send.action, resource: sesArn(context, `identity/${address}`), alternatives: [sesArn(context, `identity/${domain}`)], context: conditionKeys };
  return [
    identity,
    ...(send.configurationSet ? [{ action: send.action, resource: sesArn(context, `configuration-set/${send.configurationSet}`), context: conditionKeys }] : []),
    ...(send.template ? [{ action: send.action, resource: sesArn(context, `template/${send.template}`), context: conditionKeys }] : []),
  ];
}

/** SendRawEmail's sender: its `Source`, else the message's From header. */
function rawSender(parameters: QueryParameters): string {
  if (parameters.Source) return parameters.Source;
  const raw = Buffer.from(parameters['RawMessage.Data'] ?? '', 'base64').toString('utf8');
  return /^From:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
}

function rawRecipients(parameters: QueryParameters): string[] {
  const listed = listMembers(parameters, 'Destinations');
  if (listed.length > 0) return listed;
  const raw = Buffer.from(parameters['RawMessage.Data'] ?? '', 'base64').toString('utf8');
  const headers = raw.split(/\r?\n\r?\n/)[0] ?? '';
  return [...headers.matchAll(/^(?:To|Cc|Bcc):\s*(.+)$/gim)].flatMap((match) => (match[1] as string).split(',').map((item) => item.trim()));
}

/** The permission each SES v1 (query protocol) operation needs. */
export const SES_V1_AUTHORIZATION = {
  SendEmail: authorization(
    [
      { action: 'ses:SendEmail', resourceType: IDENTITY },
      { action: 'ses:SendEmail', resourceType: 'configuration-set' },
    ],
    (input, _state, context) =>
      sendChecks(
        {
          action: 'ses:SendEmail',
          from: input.Source,
          recipients: [...input.Destination.ToAddresses, ...input.Destination.CcAddresses, ...input.Destination.BccAddresses],
          apiVersion: '1',
          identityArn: input.Parameters.SourceArn,
          configurationSet: input.Parameters.ConfigurationSetName,
        },
        context,
      ),
  ),
  SendRawEmail: authorization(
    [
      { action: 'ses:SendRawEmail', resourceType: IDENTITY },
      { action: 'ses:SendRawEmail', resourceType: 'configuration-set' },
    ],
    (input, _state, context) =>
      sendChecks(
        {
          action: 'ses:SendRawEmail',
          from: rawSender(input.Parameters),
          recipients: rawRecipients(input.Parameters),
          apiVersion: '1',
          identityArn: input.Parameters.SourceArn ?? input.Parameters.FromArn,
          configurationSet: input.Parameters.ConfigurationSetName,
        },
        context,
      ),
  ),
} satisfies AuthorizationTable<SesState, typeof SES_V1_OPERATIONS>;

type Body = Record<string, unknown> & {
  FromEmailAddress?: string;
  FromEmailAddressIdentityArn?: string;
  ConfigurationSetName?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  Content?: { Template?: { TemplateName?: string } };
  DefaultContent?: { Template?: { TemplateName?: string } };
  BulkEmailEntries?: Array<{ Destination?: Body['Destination'] }>;
  TemplateName?: string;
};

const destinationAddresses = (destination: Body['Destination']): string[] => [
  ...(destination?.ToAddresses ?? []),
  ...(destination?.CcAddresses ?? []),
  ...(destination?.BccAddresses ?? []),
];

function onTemplate(action: string) {
  return authorization<SesState, EngineRequest>([{ action, resourceType: 'template' }], (request, _state, context) => {
    const name = request.params?.TemplateName ?? (request.body as Body).TemplateName ?? '';
    return [{ action, resource: sesArn(context, `template/${name}`) }];
  });
}

const everywhere = (action: string) => authorization<SesState, EngineRequest>([{ action, resourceType: '*' }], () => [{ action, resource: '*' }]);

/** The permission each SES v2 (REST-JSON) operation needs. */
export const SES_V2_AUTHORIZATION = {
  SendEmail: authorization(
    [
      { action: 'ses:SendEmail', resourceType: IDENTITY },
      { action: 'ses:SendEmail', resourceType: 'configuration-set' },
      { action: 'ses:SendEmail', resourceType: 'template' },
    ],
    (request: EngineRequest, _state, context) => {
      const body = request.body as Body;
      return sendChecks(
        {
          action: 'ses:SendEmail',
          from: body.FromEmailAddress ?? '',
          recipients: destinationAddresses(body.Destination),
          apiVersion: '2',
          identityArn: body.FromEmailAddressIdentityArn,
          configurationSet: body.ConfigurationSetName,
          template: body.Content?.Template?.TemplateName,
        },
        context,
      );
    },
  ),
  SendBulkEmail: authorization(
    [
      { action: 'ses:SendBulkEmail', resourceType: IDENTITY },
      { action: 'ses:SendBulkEmail', resourceType: 'configuration-set' },
      { action: 'ses:SendBulkEmail', resourceType: 'template' },
    ],
    (request: EngineRequest, _state, context) => {
      const body = request.body as Body;
      return sendChecks(
        {
          action: 'ses:SendBulkEmail',
          from: body.FromEmailAddress ?? '',
          recipients: (body.BulkEmailEntries ?? []).flatMap((entry) => destinationAddresses(entry.Destination)),
          apiVersion: '2',
          identityArn: body.FromEmailAddressIdentityArn,
          configurationSet: body.ConfigurationSetName,
          template: body.DefaultContent?.Template?.TemplateName,
        },
        context,
      );
    },
  ),
  CreateEmailTemplate: onTemplate('ses:CreateEmailTemplate'),
  GetEmailTemplate: onTemplate('ses:GetEmailTemplate'),
  ListEmailTemplates: everywhere('ses:ListEmailTemplates'),
  UpdateEmailTemplate: onTemplate('ses:UpdateEmailTemplate'),
  DeleteEmailTemplate: onTemplate('ses:DeleteEmailTemplate'),
  TestRenderEmailTemplate: onTemplate('ses:TestRenderEmailTemplate'),
  GetAccount: everywhere('ses:GetAccount'),
} satisfies AuthorizationTable<SesState, typeof SES_V2_OPERATIONS>;
