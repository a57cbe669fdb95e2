import type { SnsPort } from '../model/ports';
import type { Publisher } from './publisher';
import { validatePublish } from './validations/publish';

/** The in-process SnsPort: a publish gets the checks a Publish request gets. */
export function snsPort(publisher: Publisher): SnsPort {
  return {
    publish: (topicArn, message, trace) =>
      publisher.publish(
        validatePublish({
          TopicArn: topicArn,
          Message: message.message,
          ...(message.subject !== undefined ? { Subject: message.subject } : {}),
          ...(message.messageAttributes !== undefined ? { MessageAttributes: message.messageAttributes } : {}),
        }),
        trace?.traceParent,
      ),
  };
}
