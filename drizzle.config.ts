import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every module's tables, in whatever subfolder: a module adds a `*.tables.ts`, nothing else changes.
  schema: ['./src/server/**/*.tables.ts'],
  out: './migrations',
});
