import type { TestProject } from 'vitest/node';
import { startServer } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One real server for the whole e2e run: each test file creates its own data so files do not depend on each other. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    const output = server.output().trim();
    await server.stop();
    // LOG_LEVEL=warn: anything here is worth reading (warnings, errors, 500s).
    if (output) process.stderr.write(`\n----- journal du serveur (warn et plus) -----\n${output}\n---------------------------------------------\n`);
  };
}
