/** `kpi alerts test`: send one test message to every alert channel; exit 0 when all answered, 1 otherwise. */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.ts';
import { UserError } from '../user-error.ts';

export function registerAlerts(program: Command, context: () => CommandContext): void {
  const alerts = program
    .command('alerts')
    .description('the alert channels of the config (企业微信, 钉钉, mail)');
  alerts
    .command('test')
    .description('send one test message to every configured channel and say which answered')
    .option('--json', 'print one JSON object per channel')
    .action(async (options: { json?: boolean }) => {
      const ctx = context();
      const { sendTestAlert } = await import('../../pipelines/send-test-alert.ts');
      const results = await sendTestAlert({ config: ctx.config, now: () => new Date() });
      if (results.length === 0)
        throw new UserError('配置中没有告警通道：请在配置文件的 alerts 中设置 webhooks 或 email');
      for (const r of results)
        ctx.stdout.write(
          options.json
            ? JSON.stringify(r) + '\n'
            : r.ok
              ? `已送达  ${r.channel}\n`
              : `未送达  ${r.channel}（尝试${r.attempts}次：${r.error}）\n`,
        );
      const failed = results.filter((r) => !r.ok).length;
      if (failed > 0) throw new UserError(`${failed}个告警通道未送达，共${results.length}个`);
    });
}
