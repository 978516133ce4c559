import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Several tests run whole pipelines in child processes (kill -9 after a step, browsers,
    // LibreOffice): generous limits keep a slow CI machine from failing them on time alone.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    env: { TZ: 'Asia/Shanghai' },
    // A test file names what it needs with `// @module-tag <name>`; `npm run test:fast` leaves
    // these out, `npm test` runs everything.
    tags: [
      { name: 'browser', description: 'drives Debian chromium' },
      { name: 'office', description: 'converts files with LibreOffice or reads them with poppler' },
      { name: 'process', description: 'starts kpi or another program as a child process' },
      { name: 'sample-year', description: 'plays a whole sample year through the pipeline' },
    ],
  },
});
