import type { PipeModel } from '../model/types';
import type { PipeStatus } from './pipe-access';

/** What the Pipes API's actions read: the template's pipes, each one's state, and when the runtime created them. */
export interface PipesState {
  pipes: readonly PipeModel[];
  status(pipeName: string): PipeStatus | undefined;
  /** Epoch seconds the pipes were created: when the runtime started. */
  createdAt: number;
}
