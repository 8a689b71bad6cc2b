import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, InputNumber, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";

import { labelOf, schemeComponentLabels } from "@duban/domain/i18n";
import {
  ZSaveSchemeInput,
  type SchemeComponent,
  type SchemeComponentKind,
} from "@duban/domain/schemas";

import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";

const KINDS: SchemeComponentKind[] = [
  "ITEM_COMPLETION",
  "REPORTING",
  "REVIEW_PASS",
  "INDICATOR_ATTAINMENT",
  "TRAFFIC_LIGHT",
  "RATING",
  "NOTICES",
];
const DEFAULTS: SchemeComponent[] = [
  { kind: "ITEM_COMPLETION", weight: 30 },
  { kind: "REPORTING", weight: 20 },
  { kind: "REVIEW_PASS", weight: 10 },
  { kind: "INDICATOR_ATTAINMENT", weight: 15 },
  { kind: "TRAFFIC_LIGHT", weight: 10 },
  { kind: "RATING", weight: 10, values: { EXCELLENT: 1, GOOD: 0.85, FAIR: 0.7, POOR: 0.4 } },
  { kind: "NOTICES", weight: 5, perNotice: { BLUE: 0.5, YELLOW: 1, RED: 2 } },
];

/**
 * The year's scheme (issue #18): components with weights summing to 100, the values of the ratings
 * and the points a notice costs. A version with published scores is locked: saving makes a new
 * version and needs a reason. Leaders and staff read it.
 */
export function SchemeEditor(props: { jurisdictionId: string; year: number; office: boolean }) {
  const trpc = useTRPC();
  const scheme = useQuery(
    trpc.assessment.scheme.get.queryOptions({
      jurisdictionId: props.jurisdictionId,
      year: props.year,
    }),
  );
  return (
    <QueryState query={scheme}>
      {(s) => <Editor key={`${s?.id}:${s?.rowVersion}`} scheme={s} {...props} />}
    </QueryState>
  );
}

type Scheme = {
  id: string;
  version: number;
  name: string;
  components: SchemeComponent[];
  lockedAt: Date | string | null;
  rowVersion: number;
  reason: string | null;
} | null;

function Editor({
  scheme,
  jurisdictionId,
  year,
  office,
}: {
  scheme: Scheme;
  jurisdictionId: string;
  year: number;
  office: boolean;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [name, setName] = useState(scheme?.name ?? `${year}年度考核方案`);
  const [comps, setComps] = useState<SchemeComponent[]>(scheme?.components ?? DEFAULTS);
  const [reason, setReason] = useState("");
  useEffect(() => setComps(scheme?.components ?? DEFAULTS), [scheme]);
  const save = useAction(trpc.assessment.scheme.save.mutationOptions(), {
    invalidate: [trpc.assessment.pathFilter()],
    success: t("common.saved"),
  });
  const locked = !!scheme?.lockedAt;
  const sum = comps.reduce((s, c) => s + c.weight, 0);
  const of = (kind: SchemeComponentKind) => comps.find((c) => c.kind === kind);
  const toggle = (kind: SchemeComponentKind, on: boolean) =>
    setComps((cs) =>
      on
        ? KINDS.map(
            (k) =>
              cs.find((c) => c.kind === k) ??
              (k === kind ? DEFAULTS.find((d) => d.kind === k)! : null),
          ).filter((c): c is SchemeComponent => !!c)
        : cs.filter((c) => c.kind !== kind),
    );
  const patch = (kind: SchemeComponentKind, change: Partial<SchemeComponent>) =>
    setComps((cs) =>
      cs.map((c) => (c.kind === kind ? ({ ...c, ...change } as SchemeComponent) : c)),
    );
  return (
    <Card size="small">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Space wrap>
          {scheme ? <Tag>{t("assessment.versionN", { n: scheme.version })}</Tag> : null}
          {locked ? <Tag color="orange">{t("assessment.locked")}</Tag> : null}
          {scheme?.reason ? (
            <Typography.Text type="secondary">{scheme.reason}</Typography.Text>
          ) : null}
        </Space>
        <LimitedInput
          schema={ZSaveSchemeInput}
          field="name"
          aria-label={t("assessment.schemeName")}
          addonBefore={t("assessment.schemeName")}
          value={name}
          disabled={!office}
          onChange={(e) => setName(e.target.value)}
        />
        {KINDS.map((kind) => {
          const c = of(kind);
          return (
            <div
              key={kind}
              style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}
            >
              <Checkbox
                checked={!!c}
                disabled={!office}
                onChange={(e) => toggle(kind, e.target.checked)}
                style={{ minWidth: 180 }}
              >
                {labelOf(schemeComponentLabels, kind, locale)}
              </Checkbox>
              {c ? (
                <InputNumber
                  aria-label={t("assessment.weight")}
                  addonAfter={t("assessment.weight")}
                  min={0}
                  max={100}
                  value={c.weight}
                  disabled={!office}
                  onChange={(v) => patch(kind, { weight: v ?? 0 })}
                  style={{ width: 130 }}
                />
              ) : null}
              {c?.kind === "RATING"
                ? (["EXCELLENT", "GOOD", "FAIR", "POOR"] as const).map((r) => (
                    <InputNumber
                      key={r}
                      aria-label={r}
                      addonBefore={t(`assessment.rating.${r}`)}
                      min={0}
                      max={1}
                      step={0.05}
                      value={c.values[r]}
                      disabled={!office}
                      onChange={(v) => patch(kind, { values: { ...c.values, [r]: v ?? 0 } })}
                      style={{ width: 130 }}
                    />
                  ))
                : null}
              {c?.kind === "NOTICES"
                ? (["BLUE", "YELLOW", "RED"] as const).map((l) => (
                    <InputNumber
                      key={l}
                      aria-label={l}
                      addonBefore={t(`assessment.notice.${l}`)}
                      min={0}
                      max={100}
                      step={0.5}
                      value={c.perNotice[l]}
                      disabled={!office}
                      onChange={(v) => patch(kind, { perNotice: { ...c.perNotice, [l]: v ?? 0 } })}
                      style={{ width: 130 }}
                    />
                  ))
                : null}
            </div>
          );
        })}
        <Typography.Text type={Math.abs(sum - 100) < 1e-6 ? "success" : "danger"}>
          {t("assessment.weightSum", { n: sum })}
        </Typography.Text>
        {office && locked ? (
          <>
            <Alert type="info" title={t("assessment.lockedHelp")} />
            <LimitedTextArea
              schema={ZSaveSchemeInput}
              field="reason"
              aria-label={t("common.reason")}
              placeholder={t("assessment.newVersionReason")}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </>
        ) : null}
        {save.error ? <Alert type="error" title={save.error} /> : null}
        {office ? (
          <Button
            type="primary"
            loading={save.pending}
            disabled={Math.abs(sum - 100) > 1e-6 || (locked && !reason.trim())}
            onClick={() =>
              save.run({
                jurisdictionId,
                year,
                name,
                components: comps,
                reason: reason.trim() || undefined,
                rowVersion: scheme?.rowVersion,
              })
            }
          >
            {locked ? t("assessment.newVersion") : t("common.save")}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}
