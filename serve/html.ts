/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * `SafeHtml`, so text from the warehouse (file names, messages) can never become markup.
 */

/** A fragment of HTML that is already safe to insert. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escape text for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** `html\`<td>${name}</td>\`` — values escaped, `SafeHtml` and arrays of fragments inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup produced elsewhere and trusted as such (an SVG chart drawn on the server). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
