/** The 审核 report as Markdown: a summary, then one section and table per district. Deterministic. */
import { escapeMarkdown } from '../render-markdown.ts';
import type { AuditReport } from './build-audit-report.ts';

/** Render `report` as a Markdown document ending in a newline. */
export function renderAuditMarkdown(report: AuditReport): string {
  const out = [`# ${report.title}`, '', `**${report.periodLabel}**`, '', report.summary, ''];
  for (const g of report.groups) {
    out.push(`## ${g.region}（强制性${g.errors}条，核实性${g.warnings}条）`, '');
    const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
    out.push(line(g.table.header), `| ${g.table.header.map(() => '---').join(' | ')} |`);
    for (const r of g.table.rows) out.push(line(r.map((c) => c.text)));
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
