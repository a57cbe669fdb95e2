import * as path from 'node:path';

/**
 * Which changed files matter, by cdk.json's `watch` settings, as `cdk watch` reads them: `include` and `exclude`
 * globs relative to the project (`**` any folders, `*` any name part). Without settings, every file but the
 * usual build and state folders.
 */
export interface WatchSettings {
  include?: string[];
  exclude?: string[];
}

const ALWAYS_EXCLUDED = ['node_modules', 'cdk.out', '.git'];

interface Exclusion {
  pattern: RegExp;
  /** A bare name, which excludes a folder or file of that name wherever it is. */
  anyDepth: boolean;
}

export class WatchedPaths {
  private readonly include: RegExp[];
  private readonly exclude: Exclusion[];

  constructor(
    private readonly projectDir: string,
    settings: WatchSettings = {},
  ) {
    this.include = (settings.include ?? ['**']).map(globPattern);
    this.exclude = [...ALWAYS_EXCLUDED, ...(settings.exclude ?? [])].map((glob) => ({ pattern: globPattern(glob), anyDepth: !glob.includes('/') }));
  }

  /** Folder names the file watcher need not look into at all. */
  ignoredFolders(): string[] {
    return ALWAYS_EXCLUDED;
  }

  matches(file: string): boolean {
    const relative = path.relative(this.projectDir, file).split(path.sep).join('/');
    if (relative.startsWith('..')) return false;
    // An excluded folder excludes everything under it; a name without a slash (`node_modules`) is excluded at any depth.
    const parts = relative.split('/');
    const underExcluded = ({ pattern, anyDepth }: Exclusion): boolean =>
      parts.some((part, index) => pattern.test(parts.slice(0, index + 1).join('/')) || (anyDepth && pattern.test(part)));
    if (this.exclude.some((exclusion) => exclusion.pattern.test(relative) || underExcluded(exclusion))) return false;
    return this.include.some((pattern) => pattern.test(relative));
  }
}

function globPattern(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index];
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (character === '*') source += '[^/]*';
    else source += character.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
