import { FunctionModel } from '../../model/types';
import { functionNameFromArnOrName } from '../arns';
import { BuildContext, ResolvedResource } from './build-context';

/** AWS::Lambda::EventInvokeConfig: sets the async retry policy and destinations of a function already built. */
export function applyEventInvokeConfig(
  { logicalId, properties }: ResolvedResource,
  functions: FunctionModel[],
  context: BuildContext,
): void {
  const name = functionNameFromArnOrName(properties.string('FunctionName'));
  const target = functions.find((fn) => fn.name === name);
  if (!target) {
    context.warn(`${logicalId} (AWS::Lambda::EventInvokeConfig): function ${name} is not run locally; ignored`);
    return;
  }
  const destinations = properties.child('DestinationConfig');
  const config = target.asyncConfig;
  config.maximumRetryAttempts = properties.number('MaximumRetryAttempts', config.maximumRetryAttempts);
  config.maximumEventAgeSeconds = properties.number('MaximumEventAgeInSeconds', config.maximumEventAgeSeconds);
  const onFailure = destinations.child('OnFailure').optionalString('Destination');
  const onSuccess = destinations.child('OnSuccess').optionalString('Destination');
  if (onFailure !== undefined) config.onFailureDestinationArn = onFailure;
  if (onSuccess !== undefined) config.onSuccessDestinationArn = onSuccess;
}
