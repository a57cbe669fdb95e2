import * as path from 'node:path';
import { Stage } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';

/** The template metadata key under which a function records how its bundle is built, for the local runtime's watch mode. */
export const LOCAL_BUILD_METADATA = 'local-runtime:esbuild';

/** What ServiceFunction hands NodejsFunction's `bundling`, in the terms of both. */
export interface BundlingSettings {
  readonly minify: boolean;
  readonly sourceMap: boolean;
  readonly target: string;
  readonly logLevel: nodejs.LogLevel;
  readonly externalModules: readonly string[];
}

/**
 * Records, on the function's template resource, the esbuild build NodejsFunction runs for it (`esbuild --bundle
 * <entry> --platform=node --target=… --minify --sourcemap --log-level=…`, from the project root, to `index.js`), as
 * esbuild's own options, with paths relative to the cloud assembly: the local runtime's watch mode rebuilds a
 * changed function with exactly these, and `local/` imports nothing of the app. AWS ignores template metadata.
 */
export function recordLocalBuild(scope: Construct, resource: lambda.CfnFunction, entry: string, projectRoot: string, bundling: BundlingSettings): void {
  const assemblyDir = Stage.of(scope)?.outdir ?? projectRoot;
  resource.addMetadata(LOCAL_BUILD_METADATA, {
    projectRoot: path.relative(assemblyDir, projectRoot) || '.',
    entry: path.relative(projectRoot, entry),
    outfile: 'index.js',
    options: {
      bundle: true,
      platform: 'node',
      target: bundling.target,
      minify: bundling.minify,
      sourcemap: bundling.sourceMap,
      external: [...bundling.externalModules],
      logLevel: bundling.logLevel,
    },
  });
}
