import { Input, Typography, type InputProps } from "antd";
import { useState, type ComponentProps } from "react";
import type { z } from "zod";

import { countCharacters, fieldIssue, textLimit } from "../lib/text-limits.ts";

/**
 * Text inputs whose limit is the server's: `schema` and `field` name the zod schema the procedure
 * takes and the field, and the input counts characters against that field's maximum as zod counts
 * them. Over the limit the count turns red and the form's zodRule (or, outside a form, the
 * component itself) refuses with the schema's message; the text is never cut, so a long paste is
 * kept whole for the user to shorten. Every text input of the app is one of these (a test greps
 * for antd's cutting `maxLength`).
 */
type Limited = { schema: z.ZodType; field: string };
type TextAreaProps = ComponentProps<typeof Input.TextArea>;
type SearchProps = ComponentProps<typeof Input.Search>;

const countOf = (schema: z.ZodType, field: string) => ({
  show: true,
  max: textLimit(schema, field),
  strategy: countCharacters,
});

export function LimitedInput({ schema, field, ...props }: InputProps & Limited) {
  return <Input {...props} count={countOf(schema, field)} />;
}

export function LimitedTextArea({ schema, field, ...props }: TextAreaProps & Limited) {
  return <Input.TextArea {...props} count={countOf(schema, field)} />;
}

/**
 * A text field outside a Form (a search box, a reason beside a button): it shows the schema's
 * message under itself while the text is refused; `onValid` gets the text only when it is taken.
 */
export function useFieldCheck(schema: z.ZodType, field: string) {
  const [problem, setProblem] = useState<string | null>(null);
  return {
    problem,
    /** the field's message for `value` (shown), or null when the schema takes it */
    check: (value: unknown) => {
      const issue = fieldIssue(schema, field, value);
      setProblem(issue);
      return issue;
    },
    clear: () => setProblem(null),
    message: problem ? (
      <Typography.Text type="danger" role="alert" style={{ display: "block", fontSize: 12 }}>
        {problem}
      </Typography.Text>
    ) : null,
  };
}

/** A search box with the schema's limit: over it, the schema's message shows and nothing is searched. */
export function LimitedSearch({
  schema,
  field,
  onSearch,
  onChange,
  ...props
}: SearchProps & Limited) {
  const field$ = useFieldCheck(schema, field);
  return (
    <span style={{ display: "inline-block" }}>
      <Input.Search
        {...props}
        count={countOf(schema, field)}
        status={field$.problem ? "error" : undefined}
        onChange={(e) => {
          field$.clear();
          onChange?.(e);
        }}
        onSearch={(value, event, info) => {
          if (!field$.check(value || undefined)) onSearch?.(value, event, info);
        }}
      />
      {field$.message}
    </span>
  );
}
