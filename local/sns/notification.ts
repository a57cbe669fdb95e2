import type { SnsMessageAttribute } from '../patterns';

/** One published message, as the publisher hands it to each subscription. */
export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  /** The message for this subscription's protocol (MessageStructure json picks it per protocol). */
  message: string;
  subject?: string;
  attributes: Readonly<Record<string, SnsMessageAttribute>>;
  /** Epoch ms. */
  timestamp: number;
}

/** The local endpoint signs nothing; these stand where AWS puts its signature and certificate. */
const LOCAL_SIGNATURE = 'local-unsigned';
const LOCAL_CERT_URL = 'https://sns.local.invalid/SimpleNotificationService.pem';

/** The notification JSON SNS delivers to a queue without raw message delivery. */
export function sqsNotification(published: PublishedMessage, subscriptionArn: string, region: string): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: published.messageId,
    TopicArn: published.topicArn,
    ...(published.subject !== undefined ? { Subject: published.subject } : {}),
    Message: published.message,
    Timestamp: new Date(published.timestamp).toISOString(),
    SignatureVersion: '1',
    Signature: LOCAL_SIGNATURE,
    SigningCertURL: LOCAL_CERT_URL,
    UnsubscribeURL: unsubscribeUrl(subscriptionArn, region),
    ...(Object.keys(published.attributes).length > 0 ? { MessageAttributes: typedAttributes(published.attributes) } : {}),
  });
}

/** The event SNS invokes a Lambda function with: one record per message. */
export function lambdaEvent(published: PublishedMessage, subscriptionArn: string, region: string): unknown {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: published.messageId,
          TopicArn: published.topicArn,
          Subject: published.subject ?? null,
          Message: published.message,
          Timestamp: new Date(published.timestamp).toISOString(),
          SignatureVersion: '1',
          Signature: LOCAL_SIGNATURE,
          SigningCertUrl: LOCAL_CERT_URL,
          UnsubscribeUrl: unsubscribeUrl(subscriptionArn, region),
          MessageAttributes: typedAttributes(published.attributes),
        },
      },
    ],
  };
}

/** Raw message delivery hands the attributes on as SQS message attributes of the same type. */
export function sqsMessageAttributes(attributes: Readonly<Record<string, SnsMessageAttribute>>): Record<string, SnsMessageAttribute> | undefined {
  return Object.keys(attributes).length > 0 ? { ...attributes } : undefined;
}

function typedAttributes(attributes: Readonly<Record<string, SnsMessageAttribute>>): Record<string, { Type: string; Value: string }> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [name, { Type: attribute.DataType, Value: attribute.StringValue ?? attribute.BinaryValue ?? '' }]),
  );
}

function unsubscribeUrl(subscriptionArn: string, region: string): string {
  return `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
}
