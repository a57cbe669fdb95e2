import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * cdk-nag's AwsSolutions pack, without the deprecation notice its EventBusOpenAccess rule causes: the rule reads
 * `CfnEventBusPolicy#principal` (deprecated in favour of `statement`) on every bus policy, including ours, which
 * sets only `statement`. jsii prints such notices unless `JSII_DEPRECATED=quiet`; it is set only while the checks
 * run, so a deprecated API our own code used would still be reported during construction.
 */
export class QuietAwsSolutionsChecks extends AwsSolutionsChecks {
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const previous = process.env.JSII_DEPRECATED;
    process.env.JSII_DEPRECATED = 'quiet';
    try {
      return super.validate(context);
    } finally {
      if (previous === undefined) delete process.env.JSII_DEPRECATED;
      else process.env.JSII_DEPRECATED = previous;
    }
  }
}
