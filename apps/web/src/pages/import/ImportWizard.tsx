import { Button, Card, Result, Space, Steps } from "antd";
import { useState } from "react";
import { Link } from "react-router";

import { officeJurisdictions } from "../../app/access.ts";
import { useSession } from "../../app/plan-context.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { AssignStep } from "./AssignStep.tsx";
import { PreviewStep } from "./PreviewStep.tsx";
import { UploadStep, type UploadedFile } from "./UploadStep.tsx";

export type Preview = RouterOutputs["plan"]["preview"];
type State =
  | { step: "upload" }
  | { step: "preview"; file: UploadedFile; preview: Preview }
  | { step: "assign"; planId: string; jurisdictionId: string }
  | { step: "done"; created: number; activated: boolean };

const order = ["upload", "preview", "assign", "done"] as const;

/**
 * 导入规划 (office only): upload → parser preview → import as a draft → decompose candidate
 * items into tasks with owners, phases and dates → (optionally) activate.
 */
export function ImportWizard() {
  const { t } = useI18n();
  const { me, setPlanId } = useSession();
  const jurisdictions = officeJurisdictions(me);
  const [state, setState] = useState<State>({ step: "upload" });
  if (!jurisdictions.length)
    return <Result status="403" title="403" subTitle={t("ledger.planNotActive")} />;
  return (
    <>
      <PageHeader title={t("import.title")} />
      <Steps
        current={order.indexOf(state.step)}
        style={{ marginBottom: 16 }}
        items={[
          { title: t("import.step.upload") },
          { title: t("import.step.preview") },
          { title: t("import.step.assign") },
          { title: t("import.step.done") },
        ]}
      />
      <Card size="small">
        {state.step === "upload" ? (
          <UploadStep
            jurisdictions={jurisdictions}
            onPreview={(file, preview) => setState({ step: "preview", file, preview })}
          />
        ) : null}
        {state.step === "preview" ? (
          <PreviewStep
            file={state.file}
            preview={state.preview}
            onBack={() => setState({ step: "upload" })}
            onPreview={(file, preview) => setState({ step: "preview", file, preview })}
            onImported={(planId) => {
              setPlanId(planId);
              setState({ step: "assign", planId, jurisdictionId: state.file.jurisdictionId });
            }}
          />
        ) : null}
        {state.step === "assign" ? (
          <AssignStep
            planId={state.planId}
            jurisdictionId={state.jurisdictionId}
            onDone={(created, activated) => setState({ step: "done", created, activated })}
          />
        ) : null}
        {state.step === "done" ? (
          <Result
            status="success"
            title={t("import.created", { n: state.created })}
            subTitle={state.activated ? t("plan.activated") : undefined}
            extra={
              <Space>
                <Link to="/plan">
                  <Button>{t("import.goPlan")}</Button>
                </Link>
                <Link to="/tasks">
                  <Button type="primary">{t("import.goTasks")}</Button>
                </Link>
              </Space>
            }
          />
        ) : null}
      </Card>
    </>
  );
}
