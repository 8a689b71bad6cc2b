import { Checkbox, Flex, InputNumber, Select, Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";

/** One child jurisdiction the office may 下达 to, with the plans the item can land in. */
export type TargetOption = {
  id: string;
  name: string;
  plans: Array<{ id: string; title: string }>;
  /** already has a live assignment of this item: not offered again */
  assigned?: boolean;
};

/** A chosen target as the form holds it. */
export type TargetValue = {
  jurisdictionId: string;
  weight: number | null;
  targetPlanId?: string;
  shareBaseline?: number | null;
  shareTarget?: number | null;
};

/**
 * The 下达 targets: each direct child jurisdiction with a tick, and once ticked its weight, the plan
 * it lands in (its only active plan by default; left empty, the county chooses) and, for an
 * indicator share, the share's baseline and target. `problems` are the schema's messages by
 * target index and field. One block per county, wrapping on a phone.
 */
export function TargetsPicker({
  options,
  value,
  onChange,
  share,
  problems,
}: {
  options: TargetOption[];
  value: TargetValue[];
  onChange: (next: TargetValue[]) => void;
  share?: boolean;
  problems?: Map<string, string>;
}) {
  const { t } = useI18n();
  const byId = new Map(value.map((v) => [v.jurisdictionId, v]));
  const toggle = (o: TargetOption, on: boolean) =>
    onChange(
      on
        ? [
            ...value,
            {
              jurisdictionId: o.id,
              weight: 1,
              targetPlanId: o.plans.length === 1 ? o.plans[0]!.id : undefined,
              ...(share ? { shareBaseline: null, shareTarget: null } : {}),
            },
          ]
        : value.filter((v) => v.jurisdictionId !== o.id),
    );
  const patch = (id: string, p: Partial<TargetValue>) =>
    onChange(value.map((v) => (v.jurisdictionId === id ? { ...v, ...p } : v)));
  const problem = (id: string, field: string) => {
    const index = value.findIndex((v) => v.jurisdictionId === id);
    const text = problems?.get(`${index}.${field}`);
    return text ? (
      <Typography.Text type="danger" role="alert" style={{ display: "block", fontSize: 12 }}>
        {text}
      </Typography.Text>
    ) : null;
  };
  if (!options.length)
    return <Typography.Text type="secondary">{t("cascade.noChildren")}</Typography.Text>;
  return (
    <div role="group" aria-label={t("cascade.targets")}>
      {options.map((o) => {
        const chosen = byId.get(o.id);
        return (
          <div
            key={o.id}
            style={{ borderBottom: "1px solid #f0f0f0", padding: "8px 0" }}
            data-testid={`target-${o.id}`}
          >
            <Checkbox
              checked={!!chosen}
              disabled={o.assigned}
              onChange={(e) => toggle(o, e.target.checked)}
            >
              {o.name}
              {o.assigned ? (
                <Typography.Text type="secondary"> {t("cascade.alreadyAssigned")}</Typography.Text>
              ) : null}
            </Checkbox>
            {chosen ? (
              <Flex wrap gap={8} style={{ marginTop: 6, paddingInlineStart: 24 }}>
                {share ? (
                  <>
                    <label>
                      <div style={{ fontSize: 12 }}>{t("shares.baseline")}</div>
                      <InputNumber
                        aria-label={`${o.name} ${t("shares.baseline")}`}
                        value={chosen.shareBaseline ?? null}
                        onChange={(v) => patch(o.id, { shareBaseline: v })}
                        style={{ width: 120 }}
                      />
                      {problem(o.id, "shareBaseline")}
                    </label>
                    <label>
                      <div style={{ fontSize: 12 }}>
                        <span style={{ color: "#ff4d4f" }}>* </span>
                        {t("shares.target")}
                      </div>
                      <InputNumber
                        aria-label={`${o.name} ${t("shares.target")}`}
                        value={chosen.shareTarget ?? null}
                        onChange={(v) => patch(o.id, { shareTarget: v })}
                        style={{ width: 120 }}
                      />
                      {problem(o.id, "shareTarget")}
                    </label>
                  </>
                ) : null}
                <label>
                  <div style={{ fontSize: 12 }}>{t("cascade.weight")}</div>
                  <InputNumber
                    aria-label={`${o.name} ${t("cascade.weight")}`}
                    value={chosen.weight}
                    onChange={(v) => patch(o.id, { weight: v })}
                    style={{ width: 90 }}
                  />
                  {problem(o.id, "weight")}
                </label>
                <label style={{ flex: "1 1 180px", minWidth: 0 }}>
                  <div style={{ fontSize: 12 }}>{t("cascade.targetPlan")}</div>
                  <Select
                    aria-label={`${o.name} ${t("cascade.targetPlan")}`}
                    allowClear
                    placeholder={t("cascade.targetPlanLater")}
                    value={chosen.targetPlanId}
                    onChange={(v: string | undefined) => patch(o.id, { targetPlanId: v })}
                    options={o.plans.map((p) => ({ value: p.id, label: p.title }))}
                    style={{ width: "100%" }}
                  />
                  {problem(o.id, "targetPlanId")}
                </label>
              </Flex>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** The schema's messages on `targets.<i>.<field>` by "i.field", and the rest. */
export function targetProblems(
  fields: Array<{ path: PropertyKey[]; text: string }>,
): { byTarget: Map<string, string>; other: string[] } {
  const byTarget = new Map<string, string>();
  const other: string[] = [];
  for (const f of fields) {
    if (f.path[0] === "targets" && typeof f.path[1] === "number" && f.path[2] !== undefined) {
      const key = `${f.path[1]}.${String(f.path[2])}`;
      if (!byTarget.has(key)) byTarget.set(key, f.text);
    } else other.push(f.text);
  }
  return { byTarget, other };
}
