import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Flex, Select, Space, Switch } from "antd";
import { useEffect, useState } from "react";

import type { PlanAccess } from "../../app/access.ts";
import { phoneScreen, usePhone } from "../../app/layout/phone.ts";
import { useSession, type PlanSummary } from "../../app/plan-context.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useYear } from "../../components/year/useYear.ts";
import { YearNote } from "../../components/year/YearNote.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { CELL_STATES, cellAction } from "../../lib/status-colors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { CellTag } from "./CellTag.tsx";
import { LedgerTable, preloadEntryDrawer, preloadLedgerTable } from "./lazy-parts.tsx";
import { LedgerCards } from "./LedgerCards.tsx";
import type { GridRow, OpenCell } from "./types.ts";

/** Tasks × quarters for one unit (or every task's lead unit), each cell coloured by its state. */
export function LedgerGrid({
  plan,
  access,
  onOpen,
}: {
  plan: PlanSummary;
  access: PlanAccess;
  onOpen: (c: OpenCell) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  // On a phone (375 px) the grid is a list of cards, newest quarter first (LedgerCards): a table
  // with a fixed title column left room for one or two quarters, and today's was off screen.
  const narrow = usePhone();
  // The Table is a chunk of its own (issue #20): off a phone it is fetched while the grid's rows
  // are (the breakpoint hook answers only after the first render, so ask the screen directly).
  useEffect(() => {
    if (!phoneScreen()) void preloadLedgerTable();
  }, []);
  const { myDepartments } = useSession();
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const [allPeriods, setAllPeriods] = useState(false);
  // rows are paged by the server: the office's lead-unit view holds every task of the plan
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [year] = useYear();
  // a year's grid is its four quarters: all of them, not only those with a cycle
  const everyPeriod = allPeriods || year !== undefined;
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const grid = useQuery({
    ...trpc.ledger.grid.queryOptions({ planId: plan.id, departmentId, ...paging, year }),
    placeholderData: keepPreviousData,
  });
  // a second after the rows are shown, the entry drawer's code comes (the likely next tap):
  // fetched at once, it took the slow link's bandwidth from the page's own last requests and made
  // the page usable later (issue #20); the browser being idle says nothing about the network
  const shown = grid.data !== undefined;
  useEffect(() => {
    if (!shown) return;
    const id = setTimeout(() => void preloadEntryDrawer(), 1000);
    return () => clearTimeout(id);
  }, [shown]);
  const names = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const choosable =
    access === "department"
      ? (departments.data ?? []).filter((d) => myDepartments.includes(d.id))
      : (departments.data ?? []);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          {access !== "department" || myDepartments.length > 1 ? (
            <Select
              aria-label={t("ledger.department")}
              style={{ width: narrow ? "100%" : 260, minWidth: 200 }}
              allowClear
              placeholder={access === "department" ? t("common.all") : t("ledger.leadRows")}
              value={departmentId}
              onChange={(d) => {
                setDepartmentId(d);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
              showSearch={{ optionFilterProp: "label" }}
              options={choosable.map((d) => ({ value: d.id, label: d.name }))}
            />
          ) : null}
          <Switch
            checked={everyPeriod}
            disabled={year !== undefined}
            onChange={setAllPeriods}
            aria-label={t("ledger.allPeriods")}
          />{" "}
          <span>{t("ledger.allPeriods")}</span>
        </Space>
        <Space wrap size={4} aria-label={t("ledger.legend")}>
          {CELL_STATES.map((s) => (
            <CellTag key={s} state={s} />
          ))}
        </Space>
      </Flex>
      {grid.data ? <YearNote year={grid.data.year} /> : null}
      <QueryState query={grid} isEmpty={(g) => g.total === 0} rows={8}>
        {(g) => {
          const periods = shownPeriods(g, everyPeriod);
          const renderCell = (r: GridRow, period: string, i: number) => {
            const cell = r.cells[i]!;
            const canReport = access === "department" && myDepartments.includes(r.departmentId);
            const action = cellAction(cell.state, canReport);
            return (
              <CellTag
                state={cell.state}
                percent={cell.percentComplete}
                label={`${r.title} ${period}`}
                onClick={action ? () => onOpen({ row: r, cell, canReport }) : undefined}
              />
            );
          };
          const showRole = access === "department" || !!departmentId;
          const onPage = (page: number, pageSize: number) =>
            setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize });
          if (narrow)
            return (
              <LedgerCards
                grid={g}
                // the latest two quarters (this one and the one before) unless all are asked for
                periods={everyPeriod ? periods : periods.slice(-2)}
                unitName={(r) => names.get(r.departmentId) ?? ""}
                showRole={showRole}
                cell={renderCell}
                onPage={onPage}
              />
            );
          return (
            <LedgerTable
              grid={g}
              periods={periods}
              unitName={(r) => names.get(r.departmentId) ?? ""}
              showRole={showRole}
              cell={renderCell}
              onPage={onPage}
            />
          );
        }}
      </QueryState>
    </>
  );
}

/**
 * Quarters worth a column: by default those with a reporting cycle and the current one, since
 * quarters nobody was asked to report on are all "not due"; the switch shows every quarter.
 */
export function shownPeriods(
  g: {
    periods: readonly string[];
    currentPeriod: string;
    cycles: ReadonlyArray<{ period: string }>;
  },
  all: boolean,
): Array<{ period: string; i: number }> {
  const withCycle = new Set(g.cycles.map((c) => c.period));
  return g.periods
    .map((period, i) => ({ period, i }))
    .filter(({ period }) => all || withCycle.has(period) || period === g.currentPeriod);
}
