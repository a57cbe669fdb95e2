import { context, type BuildContext, type Metafile } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionModel } from '../model/types';

interface FunctionBuild {
  fn: FunctionModel;
  context: BuildContext<{ write: false; metafile: true }>;
  /** Absolute paths of the files the bundle was built from. */
  inputs: Set<string>;
  builds: number;
}

/** How many builds of a function stay on disk: the one running, and the one its last sandboxes may still read. */
const KEPT_BUILDS = 2;

/**
 * The functions whose builds the app recorded (FunctionModel.build), each as an incremental esbuild context with
 * exactly the recorded options. A first build learns each bundle's inputs, so a change rebuilds only the functions
 * that import the changed file; each rebuild goes to a fresh folder, so sandboxes still running the old bundle keep
 * it intact.
 */
export class FunctionBuilds {
  private readonly builds = new Map<string, FunctionBuild>();

  constructor(private readonly outDir: string) {}

  /** Prepares the functions of a (new) model: contexts for new or changed builds, none for removed functions. */
  async prepare(functions: readonly FunctionModel[]): Promise<void> {
    const wanted = new Map(functions.filter((fn) => fn.build).map((fn) => [fn.arn, fn]));
    for (const [arn, existing] of this.builds) {
      const fn = wanted.get(arn);
      if (fn && JSON.stringify(fn.build) === JSON.stringify(existing.fn.build)) {
        existing.fn = fn;
        continue;
      }
      await existing.context.dispose();
      this.builds.delete(arn);
    }
    await Promise.all(
      [...wanted.values()]
        .filter((fn) => !this.builds.has(fn.arn))
        .map(async (fn) => {
          const build = await this.open(fn);
          this.builds.set(fn.arn, build);
        }),
    );
  }

  /** The functions whose bundle is built from any of `files`. */
  affectedBy(files: readonly string[]): FunctionModel[] {
    return [...this.builds.values()].filter((build) => files.some((file) => build.inputs.has(file))).map((build) => build.fn);
  }

  /** Every file some function's bundle is built from. */
  isInput(file: string): boolean {
    return [...this.builds.values()].some((build) => build.inputs.has(file));
  }

  /** Rebuilds one function into a new folder and returns it; throws esbuild's errors. */
  async rebuild(fn: FunctionModel): Promise<string> {
    const build = this.builds.get(fn.arn);
    if (!build || !fn.build) throw new Error(`${fn.name} has no recorded build to rebuild`);
    const result = await build.context.rebuild();
    build.inputs = inputsOf(result.metafile, fn.build.projectRoot);
    build.builds++;
    const folder = path.join(this.outDir, fn.logicalId, String(build.builds));
    fs.mkdirSync(folder, { recursive: true });
    for (const file of result.outputFiles) fs.writeFileSync(path.join(folder, path.basename(file.path)), file.contents);
    fs.rmSync(path.join(this.outDir, fn.logicalId, String(build.builds - KEPT_BUILDS)), { recursive: true, force: true });
    return folder;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.builds.values()].map((build) => build.context.dispose()));
    this.builds.clear();
  }

  private async open(fn: FunctionModel): Promise<FunctionBuild> {
    const recorded = fn.build as NonNullable<FunctionModel['build']>;
    const buildContext = await context({
      ...recorded.options,
      entryPoints: [recorded.entry],
      absWorkingDir: recorded.projectRoot,
      // At the depth of the numbered folders the builds are written to, so the source map's relative paths hold.
      outfile: path.join(this.outDir, fn.logicalId, 'build', recorded.outfile),
      write: false,
      metafile: true,
    });
    const first = await buildContext.rebuild();
    return { fn, context: buildContext, inputs: inputsOf(first.metafile, recorded.projectRoot), builds: 0 };
  }
}

function inputsOf(metafile: Metafile, projectRoot: string): Set<string> {
  return new Set(Object.keys(metafile.inputs).map((input) => path.resolve(projectRoot, input)));
}
