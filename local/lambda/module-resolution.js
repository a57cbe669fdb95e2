// @ts-check
'use strict';
/*
 * How a function's code finds modules, as in Lambda: its own folder (LAMBDA_TASK_ROOT, with its node_modules), Node's
 * built-ins, and the AWS SDK v3 that the Node.js runtime provides for bundles that leave `@aws-sdk/*` out (the
 * NodejsFunction default). Nothing else: a package the bundle forgot is missing here as it is in AWS, even when the
 * synthesized assembly lies inside a project whose node_modules holds it.
 *
 * The runtime's SDK is the one installed with the local runtime. This file confines CommonJS resolution (required by
 * worker-bootstrap.js) and is also the ESM resolve hook module, registered only for handlers that are ES modules.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');

const SDK_SCOPE = '@aws-sdk/';

/** @param {string} file @param {string} folder */
function isInside(file, folder) {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** @param {string} specifier */
function isBare(specifier) {
  return !/^(?:\.{0,2}\/|[a-zA-Z][a-zA-Z\d+.-]*:)/.test(specifier);
}

/** @param {string} specifier @param {string} sdkBase */
function missingSdkMessage(specifier, sdkBase) {
  const name = specifier.split('/').slice(0, 2).join('/');
  return (
    `Cannot find module '${specifier}': the local runtime provides the AWS SDK v3 packages installed with it ` +
    `(in ${path.join(sdkBase, 'node_modules')}), and ${name} is not one of them; add it to the project's devDependencies`
  );
}

/**
 * Confines CommonJS resolution for code under `codeDir`, and lets `@aws-sdk/*` fall back to the runtime's SDK.
 * @param {string} codeDir the function's code folder
 * @param {string} sdkBase the folder whose node_modules holds the runtime's `@aws-sdk` packages
 */
function confineCommonJs(codeDir, sdkBase) {
  const root = fs.realpathSync(codeDir);
  /** @type {any} */
  const internals = Module;
  const nodeModulePaths = internals._nodeModulePaths;
  internals._nodeModulePaths = function (/** @type {string} */ from) {
    const paths = nodeModulePaths.call(this, from);
    // Code of the function looks for packages only up to its own folder, as /var/task does in Lambda.
    return isInside(from, root) ? paths.filter((/** @type {string} */ candidate) => isInside(candidate, root)) : paths;
  };
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function (/** @type {string} */ request, /** @type {any} */ parent, /** @type {boolean} */ isMain, /** @type {any} */ options) {
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      if (/** @type {{code?: string}} */ (error).code !== 'MODULE_NOT_FOUND' || !request.startsWith(SDK_SCOPE)) throw error;
      try {
        return resolveFilename.call(this, request, parent, isMain, { paths: [sdkBase] });
      } catch {
        const missing = new Error(missingSdkMessage(request, sdkBase));
        Object.assign(missing, { code: 'MODULE_NOT_FOUND' });
        throw missing;
      }
    }
  };
}

/** @type {{ codeDir: string, sdkBase: string } | undefined} */
let hookData;

/** ESM hook: receives the folders from `register`. @param {{ codeDir: string, sdkBase: string }} data */
async function initialize(data) {
  hookData = { codeDir: fs.realpathSync(data.codeDir), sdkBase: data.sdkBase };
}

/**
 * ESM hook: the same rules as confineCommonJs, for `import`.
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: object) => Promise<{ url: string }>} next
 */
async function resolve(specifier, context, next) {
  const data = /** @type {{ codeDir: string, sdkBase: string }} */ (hookData);
  const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
  const fromCode = parent !== undefined && isInside(parent, data.codeDir) && isBare(specifier);
  if (!fromCode) return next(specifier, context);
  /** @type {{ url: string } | undefined} */
  let resolved;
  try {
    resolved = await next(specifier, context);
  } catch (error) {
    if (/** @type {{code?: string}} */ (error).code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  if (resolved && (!resolved.url.startsWith('file:') || isInside(fileURLToPath(resolved.url), data.codeDir))) return resolved;
  if (specifier.startsWith(SDK_SCOPE)) {
    try {
      return await next(specifier, { ...context, parentURL: pathToFileURL(path.join(data.sdkBase, 'package.json')).href });
    } catch {
      throw Object.assign(new Error(missingSdkMessage(specifier, data.sdkBase)), { code: 'ERR_MODULE_NOT_FOUND' });
    }
  }
  throw Object.assign(new Error(`Cannot find package '${specifier}' imported from ${parent}`), { code: 'ERR_MODULE_NOT_FOUND' });
}

module.exports = { confineCommonJs, initialize, resolve };
