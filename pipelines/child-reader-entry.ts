/**
 * The child side of `openChildReader`: runs each reader it is sent, one at a time, and answers
 * with its value or its error message. It ends with its parent.
 */
import { pathToFileURL } from 'node:url';

interface Task {
  readonly id: number;
  readonly module: string;
  readonly exportName: string;
  readonly args: unknown[];
}

process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
process.on('message', async (task: Task) => {
  try {
    const url = task.module.startsWith('file:') ? task.module : pathToFileURL(task.module).href;
    const reader = (await import(url))[task.exportName] as (...args: unknown[]) => Promise<unknown>;
    if (typeof reader !== 'function')
      throw new Error(`${task.module} exports no function ${task.exportName}`);
    process.send!({ id: task.id, ok: true, value: await reader(...task.args) });
  } catch (error) {
    process.send!({ id: task.id, ok: false, message: (error as Error)?.message ?? String(error) });
  }
});
