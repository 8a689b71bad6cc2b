import { Flex, Typography } from "antd";
import type { ReactNode } from "react";

/** The page title (an h1 for screen readers and the document outline) with actions on the right. */
export function PageHeader({
  title,
  extra,
  sub,
}: {
  title: string;
  extra?: ReactNode;
  sub?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <div className="page-header-title">
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {title}
        </Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
