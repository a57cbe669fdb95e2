import type { AwsClients } from '../../support/aws-clients';
import { sleep } from '../../support/waiting';
import type { CreatedUsers } from '../reliability/reconcile';
import { poisonUser, validUser } from '../reliability/users';
import { deleteUser, insertUser, putUserCreated, renameUser } from '../reliability/writes';

type Operation = 'insert' | 'poison' | 'modify' | 'delete' | 'putEvents';

/** Shares of the mix; inserts dominate, as sign-ups would. */
const MIX: ReadonlyArray<[Operation, number]> = [
  ['insert', 0.55],
  ['poison', 0.05],
  ['modify', 0.15],
  ['delete', 0.1],
  ['putEvents', 0.15],
];

/**
 * The soak's writes and what they created. A user counts as created once its write was answered; writes are
 * repeated across kills until answered, and every one is safe to repeat.
 */
export class Workload {
  readonly valid = new Set<string>();
  readonly poison = new Set<string>();
  readonly done: Record<Operation, number> = { insert: 0, poison: 0, modify: 0, delete: 0, putEvents: 0 };
  private readonly inTable: string[] = [];
  private next = 0;
  private issued = 0;

  constructor(
    private readonly clients: AwsClients,
    private readonly run: string,
  ) {}

  get created(): CreatedUsers {
    return { valid: this.valid, poison: this.poison };
  }

  /**
   * Runs `concurrency` writers until `deadline` (epoch ms), paced to `ratePerSecond` operations: a steady load
   * the pipeline keeps up with, rather than a backlog that only grows.
   */
  async runUntil(deadline: number, concurrency: number, ratePerSecond: number): Promise<void> {
    const startedAt = Date.now();
    const writer = async (): Promise<void> => {
      for (;;) {
        const dueAt = startedAt + (this.issued++ * 1000) / ratePerSecond;
        if (dueAt >= deadline) return;
        await sleep(dueAt - Date.now());
        await this.step(pick());
      }
    };
    await Promise.all(Array.from({ length: concurrency }, writer));
  }

  private async step(operation: Operation): Promise<void> {
    const userId = `${this.run}-${this.next++}`;
    switch (operation) {
      case 'insert':
        await insertUser(this.clients, validUser(userId));
        this.valid.add(userId);
        this.inTable.push(userId);
        break;
      case 'poison':
        await insertUser(this.clients, poisonUser(userId, this.next));
        this.poison.add(userId);
        break;
      case 'putEvents':
        await putUserCreated(this.clients, userId);
        this.valid.add(userId);
        break;
      case 'modify': {
        const existing = this.randomInTable();
        if (existing === undefined) return;
        await renameUser(this.clients, existing, 'Augusta');
        break;
      }
      case 'delete': {
        const index = Math.floor(Math.random() * this.inTable.length);
        const [existing] = this.inTable.splice(index, 1);
        if (existing === undefined) return;
        await deleteUser(this.clients, existing);
        break;
      }
    }
    this.done[operation]++;
  }

  private randomInTable(): string | undefined {
    return this.inTable[Math.floor(Math.random() * this.inTable.length)];
  }
}

function pick(): Operation {
  let draw = Math.random();
  for (const [operation, share] of MIX) {
    if ((draw -= share) < 0) return operation;
  }
  return 'insert';
}
