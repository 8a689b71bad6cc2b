import { Skeleton, Spin } from "antd";
import { lazy, Suspense, type ComponentProps, type ComponentType, type ReactNode } from "react";

/**
 * The ledger's parts a unit's staff member on a phone does not need to see the cards (issue #20),
 * each a chunk of its own: the desktop grid (antd Table), the other tabs (Table, DatePicker,
 * Upload) and the entry drawer (the form and its input schemas). `preload…` starts a download
 * early where it is known to be wanted.
 */
function part<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode = <Skeleton active paragraph={{ rows: 4 }} />,
) {
  let started: Promise<ComponentType<P>> | undefined;
  const preload = () => (started ??= load());
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Part(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...(props as ComponentProps<typeof Lazy>)} />
      </Suspense>
    );
  }
  return [Part, preload] as const;
}

export const [LedgerTable, preloadLedgerTable] = part(
  async () => (await import("./LedgerTable.tsx")).LedgerTable,
);
// a tap on a cell while the drawer's code is still coming shows that something is happening
export const [EntryDrawer, preloadEntryDrawer] = part(
  async () => (await import("./EntryDrawer.tsx")).EntryDrawer,
  <Spin fullscreen />,
);
export const [ReviewQueue] = part(async () => (await import("./ReviewQueue.tsx")).ReviewQueue);
export const [LedgerExcel] = part(async () => (await import("./LedgerExcel.tsx")).LedgerExcel);
export const [CyclesPanel] = part(async () => (await import("./CyclesPanel.tsx")).CyclesPanel);
