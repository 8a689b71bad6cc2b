import { Alert, Form, Modal, Typography } from "antd";
import { useState } from "react";

import { ZIssueAnnualPlanInput } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import type { AnnualDetail } from "./types.ts";

/** 印发: DRAFT → ISSUED with an optional 文号; the lead units are told by email and inbox. */
export function IssueModal({ annual, onClose }: { annual: AnnualDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [docNumber, setDocNumber] = useState("");
  const issue = useAction(trpc.annualPlan.issue.mutationOptions(), {
    invalidate: [trpc.annualPlan.pathFilter(), trpc.inbox.pathFilter()],
    success: t("annual.issued"),
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={t("annual.issueTitle")}
      onCancel={onClose}
      okText={t("annual.issue")}
      cancelText={t("common.cancel")}
      confirmLoading={issue.pending}
      onOk={() =>
        issue.run({
          annualPlanId: annual.id,
          version: annual.version,
          docNumber: docNumber.trim() || undefined,
        })
      }
    >
      <Typography.Paragraph type="secondary">{t("annual.issueHint")}</Typography.Paragraph>
      {issue.error ? (
        <Alert type="error" showIcon title={issue.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form layout="vertical">
        {/* a Form.Item without a name links no label: htmlFor and id give the field its name */}
        <Form.Item label={t("annual.docNumber")} htmlFor="annual-issue-doc-number">
          <LimitedInput
            id="annual-issue-doc-number"
            schema={ZIssueAnnualPlanInput}
            field="docNumber"
            value={docNumber}
            placeholder="〔2026〕1号"
            onChange={(e) => setDocNumber(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
