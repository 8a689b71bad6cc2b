import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The dev server forwards API calls to a running api (`pnpm start` or apps/api); the Host header
// is kept so the api's same-origin CSRF check sees the page's own origin.
const api = process.env.DUBAN_API_URL ?? "http://127.0.0.1:3000";
const proxy = { target: api, changeOrigin: false };

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/trpc": proxy, "/api": proxy, "/healthz": proxy } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // long-lived vendor chunks: the app's code changes far more often than antd or echarts
        codeSplitting: {
          groups: [
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)/ },
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
          ],
        },
      },
    },
  },
});
