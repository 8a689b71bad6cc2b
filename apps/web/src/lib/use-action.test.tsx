import { useQuery } from "@tanstack/react-query";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { Alert, Button, Form, Input } from "antd";
import { afterEach, describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../test/render.tsx";
import { useAction, type ActionOptions } from "./use-action.ts";

/** A refusal as the api sends it: Chinese message, English twin, the field it concerns. */
const refusal = (field: string | null = null) =>
  new TRPCClientError("名称已被使用", {
    result: {
      error: {
        code: -32600,
        message: "名称已被使用",
        data: { code: "CONFLICT", messageEn: "The name is taken", field },
      },
    },
  });

function Harness({
  save,
  options,
  read = () => 1,
}: {
  save: (input: { name: string }) => Promise<string>;
  options?: ActionOptions<string, { name: string }>;
  read?: () => number;
}) {
  const reads = useQuery({ queryKey: ["things"], queryFn: read });
  const [form] = Form.useForm<{ name: string }>();
  const action = useAction(
    { mutationFn: save },
    { invalidate: [{ queryKey: ["things"] }], ...options, fields: { form, names: ["name"] } },
  );
  return (
    <Form form={form}>
      <span data-testid="read">{reads.data}</span>
      <Form.Item name="name" label="name">
        <Input />
      </Form.Item>
      <Button loading={action.pending} onClick={() => action.run({ name: "x" })}>
        save
      </Button>
      {action.error ? <Alert type="error" title={action.error} /> : null}
    </Form>
  );
}

const button = () => screen.getByRole("button", { name: /save/ });

afterEach(() => localStorage.clear());

describe("useAction", () => {
  it("refetches, then says it worked, then runs onSuccess", async () => {
    let reads = 0;
    const readsAtSuccess: number[] = [];
    const onSuccess = vi.fn(() => readsAtSuccess.push(reads));
    renderWithProviders(
      <Harness
        read={() => ++reads}
        save={async ({ name }) => `saved ${name}`}
        options={{ success: (data) => `已保存：${data}`, onSuccess }}
      />,
    );
    await waitFor(() => expect(screen.getByTestId("read").textContent).toBe("1"));
    fireEvent.click(button());
    expect(await screen.findByText("已保存：saved x")).toBeTruthy();
    expect(onSuccess).toHaveBeenCalledWith("saved x", { name: "x" });
    // the query was read again before onSuccess ran
    expect(readsAtSuccess).toEqual([2]);
    expect(screen.getByTestId("read").textContent).toBe("2");
  });

  it("says a refusal in the UI's language, in the Alert", async () => {
    localStorage.setItem("duban.locale", "en");
    renderWithProviders(<Harness save={() => Promise.reject(refusal())} />);
    fireEvent.click(button());
    expect((await screen.findByRole("alert")).textContent).toContain("The name is taken");
  });

  it("in Chinese, the server's message", async () => {
    renderWithProviders(<Harness save={() => Promise.reject(refusal())} />);
    fireEvent.click(button());
    expect((await screen.findByRole("alert")).textContent).toContain("名称已被使用");
  });

  it("a refusal about a form field goes on that field, not in the Alert", async () => {
    localStorage.setItem("duban.locale", "en");
    renderWithProviders(<Harness save={() => Promise.reject(refusal("name"))} />);
    fireEvent.click(button());
    expect(await screen.findByText("The name is taken")).toBeTruthy();
    expect(document.querySelector(".ant-alert")).toBeNull();
    expect(document.querySelector(".ant-form-item-explain-error")?.textContent).toBe(
      "The name is taken",
    );
  });

  it("errorAs message: says the refusal as a message", async () => {
    localStorage.setItem("duban.locale", "en");
    renderWithProviders(
      <Harness save={() => Promise.reject(refusal())} options={{ errorAs: "message" }} />,
    );
    fireEvent.click(button());
    expect(await screen.findByText("The name is taken")).toBeTruthy();
    expect(document.querySelector(".ant-alert")).toBeNull();
  });

  it("sends once however often it is clicked while running", async () => {
    let finish: (v: string) => void = () => undefined;
    const save = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    renderWithProviders(<Harness save={save} options={{ success: "done" }} />);
    fireEvent.click(button());
    fireEvent.click(button());
    fireEvent.click(button());
    await waitFor(() => expect(save).toHaveBeenCalled());
    fireEvent.click(button());
    finish("ok");
    expect(await screen.findByText("done")).toBeTruthy();
    expect(save).toHaveBeenCalledTimes(1);
    // and again once it has finished
    await waitFor(() => expect(button().className).not.toContain("loading"));
    fireEvent.click(button());
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
  });
});
