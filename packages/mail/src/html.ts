/** Markup that is already safe; everything else interpolated into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function interpolate(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join("");
  return escapeHtml(value);
}

/**
 * Tagged template for email HTML: every interpolated value is escaped unless it is SafeHtml
 * (the output of another `html` call). Data from plans and users can never inject markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += interpolate(v) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** A link whose href is escaped too, and only http(s). */
export function link(href: string, label: unknown): SafeHtml {
  const safe = /^https?:\/\//i.test(href) ? href : "#";
  return html`<a href="${safe}" style="color:#1d4ed8">${label}</a>`;
}
