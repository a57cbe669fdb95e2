import { EnrichmentParametersConfig, IEnrichment, IPipe } from '@aws-cdk/aws-pipes-alpha';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Enriches pipe batches through a Lambda function, invoked synchronously with the filtered records as a JSON
 * array. Written here because `@aws-cdk/aws-pipes-enrichments-alpha` is not available; it follows that
 * package's contract.
 */
export class LambdaEnrichment implements IEnrichment {
  readonly enrichmentArn: string;

  constructor(private readonly fn: lambda.IFunction) {
    this.enrichmentArn = fn.functionArn;
  }

  bind(_pipe: IPipe): EnrichmentParametersConfig {
    return { enrichmentParameters: {} };
  }

  /** Only the unqualified function: the pipe invokes `$LATEST`, never a version or alias. */
  grantInvoke(pipeRole: iam.IRole): void {
    this.fn.grantInvokeLatestVersion(pipeRole);
  }
}
