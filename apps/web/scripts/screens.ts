// Screenshots of pages for a look by eye: `node --import tsx scripts/screens.ts <baseUrl> <email> <password> <outDir> /overview /ledger …`
import { mkdirSync } from "node:fs";
import path from "node:path";

import { openBrowser } from "../e2e/browser.ts";

const [
  baseUrl = "http://127.0.0.1:5173",
  email = "office@xifeng.demo",
  password = "demo-pass-123",
  outDir = "test-artifacts/screens",
  ...paths
] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const { context, close } = await openBrowser(baseUrl);
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => console.error("pageerror", e.message));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning")
      console.error(`console.${m.type()}`, m.text().slice(0, 300));
  });
  await page.goto("/login");
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  for (const p of paths.length ? paths : ["/overview"]) {
    const started = Date.now();
    await page.goto(p);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(400);
    const file = path.join(outDir, `${email.split("@")[0]}${p.replace(/[/?=&]/g, "_")}.png`);
    await page.screenshot({ path: file, fullPage: process.env.FULL === "1" });
    console.log(`${p} ${Date.now() - started} ms → ${file}`);
  }
} finally {
  await close();
}
