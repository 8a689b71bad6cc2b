import { Alert, Select, Space, Tabs, Typography } from "antd";
import { useSearchParams } from "react-router";

import { useSession } from "../../app/plan-context.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { AssignmentDrawer } from "./AssignmentDrawer.tsx";
import { GivenList } from "./GivenList.tsx";
import { ReceivedList } from "./ReceivedList.tsx";

type Tab = "received" | "given";

/**
 * 上级下达 / 下达事项 (issue #19), /assignments: for one jurisdiction where the user is the office
 * (or a leader), what came from above to decompose (待分解: state, 分解时限, 逾期未分解) and what
 * it assigned below (已下达: per county state, progress, late flag; change or withdraw).
 * `?assignment=<id>` opens one (links in messages and mails), `?tab=` and `?j=` keep the view.
 */
export function AssignmentsPage() {
  const { t } = useI18n();
  const { me, plan } = useSession();
  const [params, setParams] = useSearchParams();
  const mine = jurisdictionsOf(me.memberships);
  const chosen =
    mine.find((j) => j.id === params.get("j")) ??
    mine.find((j) => j.id === plan?.jurisdiction.id) ??
    mine[0];
  const tab: Tab = params.get("tab") === "given" ? "given" : "received";
  const open = params.get("assignment");
  const set = (patch: Record<string, string | null>) =>
    setParams((p) => {
      const out = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) out.delete(k);
        else out.set(k, v);
      }
      return out;
    });
  return (
    <div style={{ minWidth: 0 }}>
      <PageHeader
        title={t("assignments.title")}
        sub={chosen?.name}
        extra={
          mine.length > 1 ? (
            <Select
              aria-label={t("assignments.jurisdiction")}
              style={{ minWidth: 160 }}
              value={chosen?.id}
              onChange={(j: string) => set({ j })}
              options={mine.map((j) => ({ value: j.id, label: j.name }))}
            />
          ) : null
        }
      />
      {chosen ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t("assignments.intro")}
          </Typography.Paragraph>
          <Tabs
            activeKey={tab}
            onChange={(k) => set({ tab: k })}
            items={[
              {
                key: "received",
                label: t("assignments.received"),
                children: (
                  <ReceivedList
                    jurisdictionId={chosen.id}
                    onOpen={(id) => set({ assignment: id })}
                  />
                ),
              },
              {
                key: "given",
                label: t("assignments.given"),
                children: (
                  <GivenList jurisdictionId={chosen.id} onOpen={(id) => set({ assignment: id })} />
                ),
              },
            ]}
          />
        </Space>
      ) : (
        <Alert type="info" showIcon title={t("assignments.noAccess")} />
      )}
      {open ? (
        <AssignmentDrawer assignmentId={open} onClose={() => set({ assignment: null })} />
      ) : null}
    </div>
  );
}

/** The jurisdictions whose assignments the user follows: where it is the office or a leader. */
export function jurisdictionsOf(
  memberships: ReadonlyArray<{ role: string; jurisdiction: { id: string; name: string } }>,
): Array<{ id: string; name: string }> {
  const out = new Map<string, { id: string; name: string }>();
  // the office's own first: it is the one that acts
  for (const role of ["OFFICE", "LEADER"])
    for (const m of memberships)
      if (m.role === role && !out.has(m.jurisdiction.id))
        out.set(m.jurisdiction.id, { id: m.jurisdiction.id, name: m.jurisdiction.name });
  return [...out.values()];
}
