import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/es/locale/en_US.js";
import zhCN from "antd/es/locale/zh_CN.js";
import { useState, type ReactNode } from "react";

import { errorData, isUnauthorized } from "../lib/errors.ts";
import { I18nProvider, useI18n } from "../lib/i18n.tsx";
import { createClient, TRPCProvider } from "../lib/trpc.ts";

function makeQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // a session that ended (expired, account disabled) sends every page back to the login
      onError: (error) => {
        if (isUnauthorized(error)) void client.invalidateQueries({ queryKey: [["auth", "me"]] });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // a 4xx will not get better by asking again
        retry: (count, error) => {
          const status = errorData(error)?.httpStatus ?? 0;
          return status >= 400 && status < 500 ? false : count < 2;
        },
      },
    },
  });
  return client;
}

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === "en" ? enUS : zhCN}
      theme={{ token: { colorPrimary: "#b8202e", borderRadius: 4 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(createClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <I18nProvider>
          <Themed>{children}</Themed>
        </I18nProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
