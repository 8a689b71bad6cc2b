// Overview load time, navigation → content rendered: `node --import tsx scripts/measure-overview.ts <baseUrl> [runs]`.
// Each run clears the browser cache first (a cold visit, as after a deploy), then a warm visit follows.
// THROTTLE=<Mbit/s> emulates a slower link (40 ms round trips), e.g. THROTTLE=10 for a county office line.
import { openBrowser } from "../e2e/browser.ts";

const [baseUrl = "http://127.0.0.1:3000", runs = "5"] = process.argv.slice(2);
const password = process.env.DUBAN_DEMO_PASSWORD ?? "demo-pass-123";
const { context, close } = await openBrowser(baseUrl);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto("/login");
  await page.getByLabel("邮箱").fill("office@xifeng.demo");
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const cdp = await context.newCDPSession(page);
  const mbit = Number(process.env.THROTTLE ?? 0);
  if (mbit)
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 40,
      downloadThroughput: (mbit * 1e6) / 8,
      uploadThroughput: (mbit * 1e6) / 8,
    });

  const result: Record<string, number[]> = {
    coldTable: [],
    coldChart: [],
    warmTable: [],
    warmChart: [],
  };
  for (let i = 0; i < Number(runs); i++) {
    for (const kind of ["cold", "warm"] as const) {
      if (kind === "cold") await cdp.send("Network.clearBrowserCache");
      await page.goto("about:blank");
      const started = Date.now();
      await page.goto("/overview");
      await page
        .locator(".ant-card", { hasText: "单位排名" })
        .locator(".ant-table-row")
        .first()
        .waitFor();
      result[`${kind}Table`]!.push(Date.now() - started);
      await page
        .locator(".ant-card", { hasText: "各单位完成情况" })
        .locator("svg")
        .first()
        .waitFor();
      result[`${kind}Chart`]!.push(Date.now() - started);
    }
  }
  console.log(
    JSON.stringify(
      Object.fromEntries(
        Object.entries(result).map(([k, v]) => [k, { median: median(v), all: v }]),
      ),
    ),
  );
} finally {
  await close();
}
