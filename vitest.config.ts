import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Several tests run whole pipelines in child processes (kill -9 after a step, browsers,
    // LibreOffice): generous limits keep a slow CI machine from failing them on time alone.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    env: { TZ: 'Asia/Shanghai' },
  },
});
