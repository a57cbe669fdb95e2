/** The users a run inserts: each with its own recipient address, so every captured email names its user. */
export interface BenchUser {
  userId: string;
  email: string;
  givenName: string;
  createdAt: string;
}

export function benchUsers(runId: string, count: number): BenchUser[] {
  const createdAt = new Date().toISOString();
  return Array.from({ length: count }, (_unused, index) => ({
    userId: `bench-${runId}-${index}`,
    email: `bench-${runId}-${index}@example.com`,
    givenName: `User${index}`,
    createdAt,
  }));
}
