export function migrate(databaseUrl: string, options?: { quiet?: boolean }): Promise<void>;
