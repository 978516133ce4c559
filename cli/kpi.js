#!/usr/bin/env node
// The `kpi` command. The sources are TypeScript; tsx compiles them on the fly so that a fresh
// `npm install` is enough to run the CLI (no build step to forget).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
