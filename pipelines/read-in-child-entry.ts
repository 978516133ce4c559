/**
 * The child side of `readInChild`: receives one reader to run, sends back its value or its error
 * message, and exits. Nothing else runs in this process.
 */
import { pathToFileURL } from 'node:url';

process.once('message', async (task: { module: string; exportName: string; args: unknown[] }) => {
  try {
    const url = task.module.startsWith('file:') ? task.module : pathToFileURL(task.module).href;
    const reader = (await import(url))[task.exportName] as (...args: unknown[]) => Promise<unknown>;
    if (typeof reader !== 'function')
      throw new Error(`${task.module} exports no function ${task.exportName}`);
    const value = await reader(...task.args);
    process.send!({ ok: true, value }, () => process.exit(0));
  } catch (error) {
    process.send!({ ok: false, message: (error as Error).message ?? String(error) }, () => process.exit(0));
  }
});
