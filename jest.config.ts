import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// testTimeout is a global option: in a multi-project run the projects' own
// (preset) value is ignored, so it is set here too. SIP tests under a loaded
// 2-core CI machine need more than jest's 5 s default.
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  testTimeout: 30000,
});
