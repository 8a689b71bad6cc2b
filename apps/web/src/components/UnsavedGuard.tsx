import { App } from "antd";
import { createContext, useCallback, useContext, useRef, type ReactNode } from "react";

import { useI18n } from "../lib/i18n.tsx";

type ReportUnsaved = (unsaved: boolean) => void;

const UnsavedContext = createContext<ReportUnsaved>(() => {});

/**
 * For a form inside a guarded drawer: call it with true when the user changes a field and with
 * false once the input is submitted (useAction does the latter for every action). Outside a
 * guard it does nothing.
 */
export function useReportUnsaved(): ReportUnsaved {
  return useContext(UnsavedContext);
}

/**
 * The part of a drawer the guard watches: any text typed in it (input events bubble, through
 * portals too) counts as unsaved, as does a form that reports a change (selects, dates); any
 * successful action inside (useAction) counts as saved.
 */
export function UnsavedScope({ report, children }: { report: ReportUnsaved; children: ReactNode }) {
  return (
    <UnsavedContext.Provider value={report}>
      <div onInput={() => report(true)}>{children}</div>
    </UnsavedContext.Provider>
  );
}

/**
 * Closing a drawer that holds a form (Escape, the mask, ×) while the form holds input not yet
 * submitted asks first (放弃未提交的内容？ 放弃 / 继续填写): an Escape meant for a list that had
 * already closed, or a tap beside a drawer on a phone, must not throw away a report being
 * written. `close` is the drawer's guarded onClose; `report` goes to UnsavedScope.
 */
export function useUnsavedGuard(onClose: () => void): { close: () => void; report: ReportUnsaved } {
  const { modal } = App.useApp();
  const { t } = useI18n();
  const unsaved = useRef(false);
  const asking = useRef(false);
  const report = useCallback<ReportUnsaved>((value) => {
    unsaved.current = value;
  }, []);
  const close = useCallback(() => {
    if (!unsaved.current) return onClose();
    if (asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t("common.unsavedTitle"),
      content: t("common.unsavedContent"),
      okText: t("common.unsavedDiscard"),
      cancelText: t("common.unsavedKeep"),
      okButtonProps: { danger: true },
      onOk: () => {
        unsaved.current = false;
        onClose();
      },
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [modal, onClose, t]);
  return { close, report };
}
