import { Alert, Button, Empty, Skeleton } from "antd";
import type { ReactNode } from "react";

import { errorMessage } from "../lib/errors.ts";
import { useI18n } from "../lib/i18n.tsx";

type Query<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
};

/**
 * Loading, error (with the server's message and a retry) and empty states for one query, so
 * every page handles all three the same way.
 */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  rows = 4,
  children,
}: {
  query: Query<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  const { t, locale } = useI18n();
  if (query.isPending) return <Skeleton active paragraph={{ rows }} />;
  if (query.isError || query.data === undefined) {
    return (
      <Alert
        type="error"
        showIcon
        title={t("common.loadFailed")}
        description={errorMessage(query.error, locale)}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t("common.retry")}
          </Button>
        }
      />
    );
  }
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty description={t("common.empty")} />}</>;
  return <>{children(query.data)}</>;
}
