import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { en } from "../i18n/en.ts";
import { zh } from "../i18n/zh.ts";
import { renderWithProviders } from "../test/render.tsx";
import { currentLocale, useI18n } from "./i18n.tsx";

function Harness() {
  const { t, locale, setLocale } = useI18n();
  return (
    <>
      <p data-testid="text">{t("common.retry")}</p>
      <p data-testid="locale">{locale}</p>
      <button onClick={() => setLocale(locale === "en" ? "zh-CN" : "en")}>switch</button>
    </>
  );
}

afterEach(() => localStorage.clear());

// English is a chunk of its own (issue #20); these check that it still arrives where it is wanted
describe("the UI language", () => {
  it("shows English once its texts have come, for someone who chose it before", async () => {
    localStorage.setItem("duban.locale", "en");
    renderWithProviders(<Harness />);
    expect(screen.getByTestId("locale").textContent).toBe("en");
    expect(await screen.findByText(en["common.retry"])).toBeTruthy();
  });

  it("switches both ways, the choice kept and the texts all of one language", async () => {
    renderWithProviders(<Harness />);
    expect(screen.getByTestId("text").textContent).toBe(zh["common.retry"]);
    fireEvent.click(screen.getByRole("button", { name: "switch" }));
    expect(await screen.findByText(en["common.retry"])).toBeTruthy();
    expect(screen.getByTestId("locale").textContent).toBe("en");
    expect(currentLocale()).toBe("en");
    expect(localStorage.getItem("duban.locale")).toBe("en");
    fireEvent.click(screen.getByRole("button", { name: "switch" }));
    expect(await screen.findByText(zh["common.retry"])).toBeTruthy();
    expect(currentLocale()).toBe("zh-CN");
  });
});
