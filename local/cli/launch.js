// @ts-check
'use strict';
/*
 * Runs a TypeScript entry point of the local runtime without a TypeScript loader: `node local/cli/launch.js
 * local/cli/start.ts <args>` is what `npm start` runs. esbuild bundles the entry with every local source it imports
 * (npm packages stay outside, loaded from node_modules as usual) into node_modules/.cache/local-runtime, and the
 * bundle is reused for as long as none of those sources changed. Under tsx, each start spent about half a second on
 * its loader thread, transforming the same tree again; a fresh bundle costs one stat of each of its sources.
 *
 * Plain JavaScript, because it is what runs before any TypeScript can; its JSDoc types are checked by tsc (this
 * file is in tsconfig's program) and ESLint lints it.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const process = require('node:process');

const PROJECT_DIR = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(PROJECT_DIR, 'node_modules', '.cache', 'local-runtime');
/** How esbuild reads TypeScript, besides the sources themselves: a change to it makes a new bundle. */
const BUILD_SETTINGS = [__filename, path.join(PROJECT_DIR, 'tsconfig.json')];

/**
 * A file as it was when the bundle was made. Its size, modification and change times, as git's index keeps them:
 * the change time moves on every write, even one that restores the modification time.
 * @typedef {{ file: string, size: number, mtimeMs: number, ctimeMs: number }} SourceStamp
 * @typedef {{ entry: string, esbuild: string, sources: SourceStamp[] }} Manifest
 * @typedef {{ bundle: string, buildMs: number | undefined }} FreshBundle
 */

/**
 * The bundle of `entry` (an absolute path), made again first if one of its sources changed since it was made;
 * `buildMs` says how long that took, and is undefined when the bundle was reused.
 * @param {string} entry
 * @param {string} cacheDir
 * @returns {Promise<FreshBundle>}
 */
async function freshBundle(entry, cacheDir = CACHE_DIR) {
  const { bundle, manifestFile } = cachedFiles(entry, cacheDir);
  if (fs.existsSync(bundle) && isFresh(readManifest(manifestFile))) return { bundle, buildMs: undefined };
  const started = performance.now();
  await build(entry, bundle, manifestFile);
  return { bundle, buildMs: performance.now() - started };
}

/**
 * Where the bundle of `entry` (an absolute path) and its manifest are kept, and its source map beside the bundle.
 * @param {string} entry
 * @param {string} cacheDir
 */
function cachedFiles(entry, cacheDir = CACHE_DIR) {
  const name = `${path.basename(entry, path.extname(entry))}-${createHash('sha256').update(entry).digest('hex').slice(0, 12)}`;
  const bundle = path.join(cacheDir, `${name}.cjs`);
  return { bundle, sourceMap: `${bundle}.map`, manifestFile: path.join(cacheDir, `${name}.json`) };
}

/** @param {string} file @returns {Manifest | undefined} */
function readManifest(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** @param {Manifest | undefined} manifest */
function isFresh(manifest) {
  if (!manifest) return false;
  // esbuild is only loaded to build: its version is read from its package.json.
  if (manifest.esbuild !== esbuildVersion()) return false;
  return manifest.sources.every((source) => {
    const now = stampOf(source.file);
    return now !== undefined && now.size === source.size && now.mtimeMs === source.mtimeMs && now.ctimeMs === source.ctimeMs;
  });
}

/** @param {string} file @returns {SourceStamp | undefined} */
function stampOf(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat && { file, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs };
}

function esbuildVersion() {
  return /** @type {{ version: string }} */ (JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8'))).version;
}

/**
 * Bundles `entry` into `bundle`, with a source map beside it, and records the stamps of its sources. Each file is
 * written under a temporary name and renamed, the manifest last: a start running at the same time reads either the
 * old bundle or the new one, never half of one, and never a manifest newer than its bundle.
 * @param {string} entry
 * @param {string} bundle
 * @param {string} manifestFile
 */
async function build(entry, bundle, manifestFile) {
  const esbuild = require('esbuild');
  /** @type {SourceStamp[]} */
  const sources = BUILD_SETTINGS.map(stampOf).filter((stamp) => stamp !== undefined);
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    // package.json's engines: the oldest Node.js the runtime runs on, whichever one made the bundle.
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'silent',
    plugins: [stampedSources(sources)],
  });
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  // esbuild lists the map first: the bundle that names it is renamed into place after it.
  for (const output of result.outputFiles) writeAtomically(output.path, output.contents);
  /** @type {Manifest} */
  const manifest = { entry, esbuild: esbuild.version, sources };
  writeAtomically(manifestFile, JSON.stringify(manifest));
  forgetGoneEntries(path.dirname(bundle));
}

/**
 * Removes the bundles of entries that are no longer there. A copy of the project that links node_modules (as the
 * tests' copies do) keeps its bundle in the same cache; once the copy is deleted, nothing would ever reuse it.
 * @param {string} cacheDir
 */
function forgetGoneEntries(cacheDir) {
  for (const file of fs.readdirSync(cacheDir).filter((name) => name.endsWith('.json'))) {
    const { entry } = readManifest(path.join(cacheDir, file)) ?? {};
    if (entry === undefined || fs.existsSync(entry)) continue;
    for (const cached of Object.values(cachedFiles(entry, cacheDir))) fs.rmSync(cached, { force: true });
  }
}

/** @param {string} file @param {string | Uint8Array} contents */
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/** @type {Record<string, import('esbuild').Loader>} */
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

/**
 * Reads every source for esbuild, stamping it first into `stamps`: a source edited while the bundle is made is
 * newer than its stamp, so the next start makes the bundle again. Each source's folder is stamped too: a file added
 * beside a source (a `name.ts` that an import of `./name` would now find before `name/index.ts`) makes it again.
 *
 * Every module of a bundle runs from the bundle's folder, but a local source that reads `__dirname` or `__filename`
 * means its own (the Lambda worker's bootstrap, the console's UI, the shipped IAM policies): each such source gets
 * its own constants, on its first line so that its source map stays true below it.
 * @param {SourceStamp[]} stamps
 * @returns {import('esbuild').Plugin}
 */
function stampedSources(stamps) {
  return {
    name: 'stamped-sources',
    setup(builder) {
      const stamp = (/** @type {string} */ file) => {
        const stamped = stampOf(file);
        if (stamped) stamps.push(stamped);
      };
      const folders = new Set();
      builder.onLoad({ filter: /.*/, namespace: 'file' }, async ({ path: file }) => {
        const folder = path.dirname(file);
        if (!folders.has(folder)) {
          folders.add(folder);
          stamp(folder);
        }
        stamp(file);
        const loader = LOADERS[path.extname(file)];
        if (!loader) return undefined;
        const contents = await fs.promises.readFile(file, 'utf8');
        if (loader === 'json' || !/\b__(dirname|filename)\b/.test(contents)) return { contents, loader };
        const constants = `const __dirname = ${JSON.stringify(path.dirname(file))}, __filename = ${JSON.stringify(file)};`;
        return { contents: constants + contents, loader };
      });
    },
  };
}

/** @param {unknown} error */
function describeBuildFailure(error) {
  const { errors } = /** @type {{ errors?: import('esbuild').Message[] }} */ (error);
  if (!errors?.length) return error instanceof Error ? error.message : String(error);
  return errors
    .map(({ text, location }) => (location ? `${location.file}:${location.line}:${location.column + 1}: ${text}\n    ${location.lineText}` : text))
    .join('\n');
}

/**
 * `node local/cli/launch.js <entry.ts> <args>`: a fresh bundle of the entry, with `process.argv` set as if node had
 * run the entry itself.
 */
async function prepare() {
  const [entryArgument] = process.argv.slice(2);
  if (!entryArgument) throw new Error('Usage: node local/cli/launch.js <entry.ts> [args]');
  const entry = path.resolve(entryArgument);
  let fresh;
  try {
    fresh = await freshBundle(entry);
  } catch (error) {
    throw new Error(`${path.relative(process.cwd(), entry)} did not build:\n${describeBuildFailure(error)}`);
  }
  if (fresh.buildMs !== undefined) {
    process.stdout.write(`Built the local runtime in ${(fresh.buildMs / 1000).toFixed(1)} s (reused from node_modules/.cache until its sources change)\n`);
  }
  process.argv.splice(1, 2, entry);
  return fresh.bundle;
}

if (require.main === module) {
  prepare().then(
    // Outside the promise: what the entry throws as it loads is an uncaught exception, printed with its stack as
    // node prints it for any script. Source maps stay off: Node 20 reads every loaded module's map as it loads (the
    // bundle's and some thirty of its packages', 50 ms of each start); NODE_OPTIONS=--enable-source-maps makes stack
    // traces name the TypeScript sources.
    (bundle) => process.nextTick(() => require(bundle)),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

module.exports = { freshBundle, cachedFiles };
