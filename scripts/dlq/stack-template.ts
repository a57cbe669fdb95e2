import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthesize } from '../../local/cli/synth';
import type { CfnTemplate } from '../../local/template/cfn-types';
import { readCloudAssembly } from '../../local/template/cloud-assembly';
import { DlqError } from './dlq-error';

/** The app names its one stack per stage like this (cdk/build-app.ts). */
const stackNameFor = (stage: string): string => `UsersFanout-${stage}`;

/**
 * The synthesized template of the stage's stack. Every queue, pipe, rule, bus and function has an explicit physical name,
 * so the template names them exactly as they are deployed, without any call to CloudFormation. It is synthesized
 * (with that stage as context) only when the cloud assembly does not hold the stack yet.
 */
export async function loadStackTemplate(projectDir: string, cdkOutDir: string, stage: string): Promise<CfnTemplate> {
  const stackName = stackNameFor(stage);
  const find = () => readCloudAssembly(cdkOutDir).find((stack) => stack.stackName === stackName);
  let stack = fs.existsSync(path.join(cdkOutDir, 'manifest.json')) ? find() : undefined;
  if (stack === undefined) {
    await synthesize({ projectDir, outDir: cdkOutDir, context: { stage } });
    stack = find();
  }
  if (stack === undefined) throw new DlqError(`${cdkOutDir} holds no stack named ${stackName}, even after synthesizing stage "${stage}"`);
  return stack.template;
}
