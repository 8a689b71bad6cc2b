// Closing a drawer with a report half written asks first (the cascade e2e once lost a whole
// decomposition to an Escape that reached the drawer).
import { configure, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Drawer, Form, Input } from "antd";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../test/render.tsx";
import { UnsavedScope, useReportUnsaved, useUnsavedGuard } from "./UnsavedGuard.tsx";

configure({ asyncUtilTimeout: 10_000 });

function ReportForm({ onSubmitted }: { onSubmitted: () => void }) {
  const report = useReportUnsaved();
  return (
    <Form
      onValuesChange={() => report(true)}
      onFinish={() => {
        report(false);
        onSubmitted();
      }}
    >
      <Form.Item name="progress" label="进展情况">
        <Input />
      </Form.Item>
      <button type="submit">提交</button>
    </Form>
  );
}

function GuardedDrawer({
  onClose,
  onSubmitted = () => {},
}: {
  onClose: () => void;
  onSubmitted?: () => void;
}) {
  const guard = useUnsavedGuard(onClose);
  return (
    <Drawer open onClose={guard.close} title="填报">
      <UnsavedScope report={guard.report}>
        <ReportForm onSubmitted={onSubmitted} />
      </UnsavedScope>
    </Drawer>
  );
}

const closeButton = () => screen.getByRole("button", { name: /close|关闭/i });

describe("a drawer holding a form", { timeout: 60_000 }, () => {
  it("closes at once while nothing was typed", async () => {
    const onClose = vi.fn();
    renderWithProviders(<GuardedDrawer onClose={onClose} />);
    await userEvent.click(closeButton());
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryAllByText("放弃未提交的内容？")).toHaveLength(0);
  });

  it("asks before throwing typed input away; 继续填写 keeps it, 放弃 closes", async () => {
    const onClose = vi.fn();
    renderWithProviders(<GuardedDrawer onClose={onClose} />);
    await userEvent.type(screen.getByLabelText("进展情况"), "已完成基地选址");
    await userEvent.keyboard("{Escape}");
    await screen.findAllByText("放弃未提交的内容？");
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: /继续\s*填写/ }));
    await waitFor(() => expect(screen.queryAllByText("放弃未提交的内容？")).toHaveLength(0));
    expect(onClose).not.toHaveBeenCalled();
    expect((screen.getByLabelText("进展情况") as HTMLInputElement).value).toBe("已完成基地选址");

    await userEvent.click(closeButton());
    await userEvent.click(await screen.findByRole("button", { name: /放\s*弃/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
  });

  it("closes at once after the input was submitted", async () => {
    const onClose = vi.fn();
    const onSubmitted = vi.fn();
    renderWithProviders(<GuardedDrawer onClose={onClose} onSubmitted={onSubmitted} />);
    await userEvent.type(screen.getByLabelText("进展情况"), "按计划推进");
    await userEvent.click(screen.getByRole("button", { name: "提交" }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalled());
    await userEvent.click(closeButton());
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryAllByText("放弃未提交的内容？")).toHaveLength(0);
  });

  it("counts text typed in any field of the drawer, a form's or not", async () => {
    const onClose = vi.fn();
    function Bare() {
      const guard = useUnsavedGuard(onClose);
      return (
        <Drawer open onClose={guard.close} title="任务">
          <UnsavedScope report={guard.report}>
            <Input.TextArea aria-label="批示内容" />
          </UnsavedScope>
        </Drawer>
      );
    }
    renderWithProviders(<Bare />);
    await userEvent.type(screen.getByLabelText("批示内容"), "请加快进度");
    await userEvent.click(closeButton());
    await screen.findAllByText("放弃未提交的内容？");
    expect(onClose).not.toHaveBeenCalled();
  });
});
