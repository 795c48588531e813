import type { TestProject } from 'vitest/node';
import { startServer } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One real server for the whole e2e run: each test file creates its own data so files do not depend on each other. */
export default async function setup(project: TestProject) {
  // Debugging aid: E2E_BASE_URL points the tests at an already running server (started with ADMIN_TOKEN=e2e-admin-token).
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return;
  }
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    const output = server.output().trim();
    await server.stop();
    // LOG_LEVEL=warn: anything here is worth reading (warnings, errors, 500s).
    if (output) process.stderr.write(`\n----- journal du serveur (warn et plus) -----\n${output}\n---------------------------------------------\n`);
  };
}
