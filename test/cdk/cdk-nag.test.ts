import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, CfnResource, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { buildApp } from '../../cdk/build-app';
import { OperatorQueue } from '../../cdk/constructs/secure-queue';
import { CDK_OUT } from '../../support/project';

interface ValidationReport {
  pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

function findings(assemblyDir: string): string[] {
  const report = JSON.parse(readFileSync(path.join(assemblyDir, 'validation-report.json'), 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) => violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}`)),
  );
}

/** Every `Validations.of(construct).acknowledge(...)` in the tree; CDK records each as `{ [ruleId]: reason }`. */
function acknowledgements(root: IConstruct): { path: string; ruleId: string; reason: unknown; construct: IConstruct }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>))
      .map(([ruleId, reason]) => ({ path: construct.node.path, ruleId, reason, construct })),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding, error or warning, on the app', () => {
    // The report of the synthesis jest's global setup ran: the app as cdk synth makes it.
    expect(findings(CDK_OUT)).toEqual([]);
  });

  it('runs on the app and fails synthesis on a finding', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'users-fanout-nag-'));
    try {
      const { app, stack } = buildApp({ outdir });
      new sqs.Queue(stack, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
      expect(findings(outdir).sort()).toEqual(
        ['SQS2', 'SQS3', 'SQS4'].map((rule) => `AwsSolutions-${rule} at ${stack.stackName}/PlainQueue/Resource`),
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('acknowledges each finding on the one resource it concerns, never on a construct that would cover its children', () => {
    const { app } = buildApp();
    const acknowledged = acknowledgements(app as App);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path: constructPath, construct } of acknowledged) {
      expect({ constructPath, isResource: construct instanceof CfnResource }).toEqual({ constructPath, isResource: true });
    }
  });

  it('states why the rejected-users queue needs no dead-letter queue: the enrichment parks records there, read only by operators', () => {
    const { app, stack } = buildApp();
    const reasons = acknowledgements(app as App).filter(({ construct }) => construct === stack.rejectedUsersQueue.node.defaultChild);
    expect(reasons).toEqual([
      expect.objectContaining({
        ruleId: 'AwsSolutions::AwsSolutions-SQS3',
        reason: expect.stringMatching(/^The user-created pipe's enrichment parks rejected user records in this queue, which operators only read/),
      }),
    ]);
    expect(String(reasons[0]!.reason)).not.toMatch(/itself a dead-letter queue/);
  });

  it('leaves a new dead-letter queue to state its own reason: the class acknowledges nothing', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'users-fanout-nag-'));
    try {
      const { app, stack } = buildApp({ outdir });
      new OperatorQueue(stack, 'UnexplainedDlq', { queueName: 'unexplained-dlq' });
      expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
      expect(findings(outdir)).toEqual([`AwsSolutions-SQS3 at ${stack.stackName}/UnexplainedDlq/Resource`]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('acknowledges findings only with a specific reason', () => {
    const { app } = buildApp();
    const acknowledged = acknowledgements(app as App);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path: constructPath, ruleId, reason } of acknowledged) {
      expect({ constructPath, ruleId, reason }).toEqual({
        constructPath,
        ruleId: expect.stringMatching(/^AwsSolutions::AwsSolutions-[A-Z]+\d+/),
        reason: expect.stringMatching(/^.{80,}$/s),
      });
    }
  });
});
