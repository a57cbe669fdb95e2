import { ArchiveModel, EventBusModel } from '../../model/types';
import { BuildContext, ResolvedResource } from './build-context';

export function buildEventBus({ logicalId, identity }: ResolvedResource): EventBusModel {
  return { logicalId, name: identity.attributes.Name, arn: identity.attributes.Arn };
}

export function buildArchive({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): ArchiveModel {
  // CDK writes an empty KmsKeyIdentifier for an archive under the AWS owned key.
  if ((properties.optionalString('KmsKeyIdentifier') ?? '') !== '') {
    context.warn(`${logicalId} (AWS::Events::Archive): KmsKeyIdentifier: archived events are stored unencrypted locally; EventBridge's use of the key is checked`);
  }
  const archive: ArchiveModel = {
    logicalId,
    name: identity.attributes.ArchiveName,
    sourceBusArn: properties.string('SourceArn'),
  };
  if (properties.has('EventPattern')) archive.eventPattern = properties.json('EventPattern');
  const retentionDays = properties.optionalNumber('RetentionDays');
  if (retentionDays !== undefined) archive.retentionDays = retentionDays;
  return archive;
}
