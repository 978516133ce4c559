#!/usr/bin/env node
// The `kpi` command. The sources are TypeScript; tsx compiles them on the fly so that a fresh
// `npm install` is enough to run the CLI (no build step to forget).
import { register } from 'tsx/esm/api';

register();
// `kpi query … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
