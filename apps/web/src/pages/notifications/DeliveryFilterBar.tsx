import { Select, Space } from "antd";
import { useState } from "react";

import { useI18n } from "../../lib/i18n.tsx";

/** One select of the bar: a field of the list's input, cleared to "all" (undefined). */
export type DeliveryFilterField<F> = {
  name: Exclude<keyof F, "jurisdictionId"> & string;
  label: string;
  /** shown while the field is cleared: 全部状态, 全部渠道 */
  placeholder: string;
  options: Array<{ value: string; label: string }>;
};

/**
 * The filter bar of the office's delivery lists (the email outbox, the robot and SMS deliveries):
 * the jurisdiction when the office has more than one, then one clearable select per field.
 * `onChange` gets the whole filter; the lists go back to their first page on it.
 */
export function DeliveryFilterBar<F extends { jurisdictionId: string }>({
  jurisdictions,
  value,
  fields,
  onChange,
}: {
  jurisdictions: Array<{ id: string; name: string }>;
  value: F;
  fields: Array<DeliveryFilterField<F>>;
  onChange: (next: F) => void;
}) {
  const { t } = useI18n();
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {jurisdictions.length > 1 ? (
        <Select
          aria-label={t("admin.jurisdiction")}
          style={{ width: 160 }}
          value={value.jurisdictionId}
          onChange={(jurisdictionId: string) => onChange({ ...value, jurisdictionId })}
          options={jurisdictions.map((j) => ({ value: j.id, label: j.name }))}
        />
      ) : null}
      {fields.map((field) => (
        <Select
          key={field.name}
          aria-label={field.label}
          allowClear
          placeholder={field.placeholder}
          style={{ width: 160 }}
          value={value[field.name] as string | undefined}
          onChange={(v: string | undefined) => onChange({ ...value, [field.name]: v })}
          options={field.options}
        />
      ))}
    </Space>
  );
}

/** A delivery list's filter (first jurisdiction, every field "all") and page; a new filter resets the page to 1. */
export function useDeliveryFilter<F extends { jurisdictionId: string }>(
  jurisdictions: Array<{ id: string }>,
) {
  const [filter, setFilter] = useState<F>({ jurisdictionId: jurisdictions[0]!.id } as F);
  const [page, setPage] = useState(1);
  const onFilter = (next: F) => {
    setFilter(next);
    setPage(1);
  };
  return { filter, onFilter, page, setPage };
}
