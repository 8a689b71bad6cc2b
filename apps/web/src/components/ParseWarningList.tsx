import type { CSSProperties } from "react";

/** The parser's warnings as a list, each with its line (`L12 …`): the import preview and the plan page. */
export function ParseWarningList({
  warnings,
  style,
}: {
  warnings: ReadonlyArray<{ line?: number | null; message: string }>;
  style?: CSSProperties;
}) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20, ...style }}>
      {warnings.map((w, i) => (
        <li key={i}>
          {w.line ? `L${w.line} ` : ""}
          {w.message}
        </li>
      ))}
    </ul>
  );
}
