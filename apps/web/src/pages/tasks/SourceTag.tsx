import { Tag } from "antd";

import { labelOf, taskSourceLabels } from "@duban/domain/i18n";

import { useI18n } from "../../lib/i18n.tsx";

type Source = keyof typeof taskSourceLabels;

/** The tag of an ad-hoc supervision item (立项): where it comes from. Plan tasks get none. */
export function SourceTag({ source }: { source: string }) {
  const { locale } = useI18n();
  if (source === "PLAN" || !(source in taskSourceLabels)) return null;
  return (
    <Tag color="geekblue" style={{ marginInlineEnd: 4 }}>
      {labelOf(taskSourceLabels, source as Source, locale)}
    </Tag>
  );
}

/** Label of a source, for forms and descriptions. */
export function useSourceLabel() {
  const { locale } = useI18n();
  return (source: Source) => labelOf(taskSourceLabels, source, locale);
}
