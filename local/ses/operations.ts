import { operation, type OperationTable } from '../protocol/operations';
import { sendEmail } from './actions/send-email';
import { sendRawEmail } from './actions/send-raw-email';
import { ENGINE } from './engine';
import { engineOperation } from './engine-operation';
import type { SesState } from './state';
import { validateSendEmail } from './validations/send-email';
import { validateSendRawEmail } from './validations/send-raw-email';

/**
 * SES has two APIs, each with its own table: v1 (the query protocol, `Action=SendEmail`) and v2 (REST-JSON).
 * Both are signed for `ses`, and both name their send operation SendEmail.
 */
export const SES_V1_OPERATIONS = {
  SendEmail: operation(validateSendEmail, sendEmail),
  SendRawEmail: operation(validateSendRawEmail, sendRawEmail),
} satisfies OperationTable<SesState>;

const TEMPLATE = { pathMembers: ['TemplateName'] } as const;

export const SES_V2_OPERATIONS = {
  SendEmail: engineOperation(ENGINE.v2.sendEmail, { sends: true }),
  SendBulkEmail: engineOperation(ENGINE.v2.sendBulkEmail, { sends: true }),
  CreateEmailTemplate: engineOperation(ENGINE.v2.createEmailTemplate),
  GetEmailTemplate: engineOperation(ENGINE.v2.getEmailTemplate, TEMPLATE),
  ListEmailTemplates: engineOperation(ENGINE.v2.listEmailTemplates, { queryMembers: ['PageSize', 'NextToken'] }),
  UpdateEmailTemplate: engineOperation(ENGINE.v2.updateEmailTemplate, TEMPLATE),
  DeleteEmailTemplate: engineOperation(ENGINE.v2.deleteEmailTemplate, TEMPLATE),
  TestRenderEmailTemplate: engineOperation(ENGINE.v2.testRenderEmailTemplate, TEMPLATE),
  GetAccount: engineOperation(ENGINE.v2.getAccount),
} satisfies OperationTable<SesState>;
