import { Table } from "antd";

import type { RowError } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";

/** The rows of a rejected workbook, each with the sheet, the row number, the column and what is wrong with it. */
export function ImportErrors({ errors }: { errors: RowError[] }) {
  const { t } = useI18n();
  return (
    <div role="region" aria-label={t("ledger.importErrors")}>
      <Table<RowError & { key: string }>
        size="small"
        dataSource={errors.map((e, i) => ({ ...e, key: `${e.sheet}:${e.row}:${i}` }))}
        pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        columns={[
          { title: t("ledger.sheet"), dataIndex: "sheet", width: 180, ellipsis: true },
          { title: t("ledger.row"), dataIndex: "row", width: 72, align: "right" },
          { title: t("ledger.column"), dataIndex: "column", width: 120, ellipsis: true },
          { title: t("ledger.problem"), dataIndex: "message" },
        ]}
      />
    </div>
  );
}
