import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

import { precompress } from "./build/precompress.ts";
import { routePreloads } from "./build/route-preloads.ts";

// The dev server forwards API calls to a running api (`pnpm start` or apps/api); the Host header
// is kept so the api's same-origin CSRF check sees the page's own origin.
const api = process.env.DUBAN_API_URL ?? "http://127.0.0.1:3000";
const proxy = { target: api, changeOrigin: false };

export default defineConfig({
  // issue #20 (a phone on a slow link): the opened page's scripts are preloaded from the HTML, and
  // every text file is written brotli- and gzip-compressed beside itself for the api to serve
  plugins: [
    react(),
    routePreloads(fileURLToPath(new URL("./src/app/router.tsx", import.meta.url))),
    precompress(),
  ],
  server: { proxy: { "/trpc": proxy, "/api": proxy, "/healthz": proxy } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // long-lived vendor chunks: the app's code changes far more often than antd or echarts
        // The trailing separator matters: /node_modules\/echarts/ also matched echarts-for-react, and a
        // group takes its modules' dependencies along, so React landed in the ECharts chunk and every
        // page (the login included) preloaded 660 kB of charts. React's group goes first for the same reason.
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 2,
            },
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
