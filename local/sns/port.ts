import type { SnsPort } from '../model/ports';
import { requireAuthorization } from '../protocol/authorization';
import type { Publisher } from './publisher';
import { validatePublish } from './validations/publish';

/** The in-process SnsPort: a publish gets the checks a Publish request gets, its caller's permission included. */
export function snsPort(publisher: Publisher): SnsPort {
  return {
    publish: async (topicArn, message, caller, trace) => {
      requireAuthorization(caller, [{ action: 'sns:Publish', resource: topicArn }]);
      return publisher.publish(
        validatePublish({
          TopicArn: topicArn,
          Message: message.message,
          ...(message.subject !== undefined ? { Subject: message.subject } : {}),
          ...(message.messageAttributes !== undefined ? { MessageAttributes: message.messageAttributes } : {}),
        }),
        trace?.traceParent,
      );
    },
  };
}
