/**
 * The nightly run as `kpi run` and `kpi schedule` do it: `runPipeline`, then its alerts. A run that
 * ends in failure (a result or a throw) is announced; a refusal because another run holds the lock,
 * or a stop on request, is not a failure of the night and raises none.
 */
import { raiseRunAlerts } from './raise-run-alerts.ts';
import { RunLockedError } from './run-lock.ts';
import { runPipeline, RunStoppedError, type RunOptions, type RunResult } from './run-pipeline.ts';

/** Run the pipeline once and raise its alerts; resolves or throws as `runPipeline` does. */
export async function runAndAlert(
  options: RunOptions & { readonly fetch?: typeof fetch },
): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const alert = (ending: Parameters<typeof raiseRunAlerts>[0]['ending']) =>
    raiseRunAlerts({ config: options.config, ending, log: options.log, now, fetch: options.fetch });
  let result: RunResult;
  try {
    result = await runPipeline(options);
  } catch (error) {
    if (!(error instanceof RunLockedError) && !(error instanceof RunStoppedError))
      await alert({ thrown: error });
    throw error;
  }
  await alert(result);
  return result;
}
