import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { AuditLogTable } from '../constructs/audit-log-table';
import { EmailHmacKey } from '../constructs/email-hmac-key';
import { IdempotencyTable } from '../constructs/idempotency-table';
import { OperatorRole } from '../constructs/operator-role';
import { LogGroupSettings, ServiceFunction } from '../constructs/service-function';
import { idempotencyWindowFor } from './redelivery';
import { sesSendPace } from './ses-send-pace';
import { Capability } from './subscriber-entry';

/** Stack-wide resources a capability may hand to a subscriber. */
export interface SharedResources {
  readonly stage: string;
  readonly senderEmail: string;
  /** Emails a second each function that sends email may send: the stage's SES rate, shared among them. */
  readonly sesSendRateShare: number;
  readonly auditTable: AuditLogTable;
  readonly emailHmacKey: EmailHmacKey;
  /** Reads and redrives each subscriber's dead letters (`npm run dlq`). */
  readonly operatorRole: OperatorRole;
  /** How subscribers' functions keep their log groups. */
  readonly logs: LogGroupSettings;
}

export interface CapabilityTarget {
  /** The subscriber construct; capability-owned resources are created under it. */
  readonly scope: Construct;
  readonly subscriberName: string;
  readonly handler: ServiceFunction;
  /** Longest time in which the subscriber may receive the same event again. */
  readonly redeliveryWindow: Duration;
  /** The event source mapping's settings, for a queued subscriber. */
  readonly queued?: { readonly maxConcurrency: number; readonly batchSize: number };
  readonly shared: SharedResources;
}

type Grant = (target: CapabilityTarget) => void;

const CAPABILITIES: Record<Capability, Grant> = {
  sendEmail: ({ scope, subscriberName, handler, queued, shared }) => {
    if (queued === undefined) {
      throw new Error(`Subscriber "${subscriberName}": sendEmail needs queued delivery, whose concurrency cap keeps sends within the SES quota`);
    }
    handler.addEnvironment('SENDER_EMAIL', shared.senderEmail);
    const pace = sesSendPace({ subscriberName, sendRateShare: shared.sesSendRateShare, timeout: handler.timeout, ...queued });
    handler.addEnvironment('MIN_SEND_INTERVAL_MS', String(pace.minSendIntervalMs));
    // SES authorizes against whichever identity is verified: the address itself or its domain. Either way the
    // function may send as the configured sender only, never as another address of the domain.
    const senderDomain = shared.senderEmail.slice(shared.senderEmail.indexOf('@') + 1);
    const identities = [['SenderAddressIdentity', shared.senderEmail], ['SenderDomainIdentity', senderDomain]].map(
      ([id, identity]) => ses.EmailIdentity.fromEmailIdentityName(scope, id, identity).emailIdentityArn,
    );
    handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: identities,
        conditions: { StringEquals: { 'ses:FromAddress': shared.senderEmail } },
      }),
    );
  },
  idempotencyTable: ({ scope, subscriberName, handler, redeliveryWindow, shared }) => {
    const table = new IdempotencyTable(scope, 'IdempotencyTable', {
      tableName: `users-fanout-${shared.stage}-${subscriberName}-idempotency`,
    });
    table.grantIdempotencyRecords(handler);
    handler.addEnvironment('IDEMPOTENCY_TABLE_NAME', table.tableName);
    handler.addEnvironment('IDEMPOTENCY_TTL_SECONDS', String(idempotencyWindowFor(redeliveryWindow).toSeconds()));
  },
  auditTable: ({ handler, shared }) => {
    shared.auditTable.grants.actions(handler, 'dynamodb:PutItem');
    handler.addEnvironment('AUDIT_TABLE_NAME', shared.auditTable.tableName);
  },
  emailHmac: ({ handler, shared }) => {
    shared.emailHmacKey.allowMacGeneration(handler.grantPrincipal);
    handler.addEnvironment('EMAIL_HMAC_KEY_ARN', shared.emailHmacKey.keyArn);
  },
};

export function grantCapabilities(needs: readonly Capability[], target: CapabilityTarget): void {
  for (const capability of new Set(needs)) CAPABILITIES[capability](target);
}
