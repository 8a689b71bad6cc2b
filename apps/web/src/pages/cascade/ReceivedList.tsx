import { useQuery } from "@tanstack/react-query";
import { Col, Empty, Row, Segmented } from "antd";
import { useState } from "react";

import { QueryState } from "../../components/QueryState.tsx";
import { shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { AssignmentCard } from "./AssignmentCard.tsx";

const STATES = ["PENDING", "DECOMPOSED", "WITHDRAWN"] as const;
type StateFilter = (typeof STATES)[number] | "ALL";

/**
 * 待分解: what the jurisdiction received from above, the ones still to decompose first (the server
 * orders them; late ones are red). A filter by state; cards wrap to one column on a phone.
 */
export function ReceivedList({
  jurisdictionId,
  onOpen,
}: {
  jurisdictionId: string;
  onOpen: (id: string) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const today = shanghaiToday();
  const [state, setState] = useState<StateFilter>("PENDING");
  const list = useQuery(
    trpc.cascade.list.queryOptions({
      jurisdictionId,
      direction: "received",
      state: state === "ALL" ? undefined : state,
    }),
  );
  return (
    <>
      <Segmented<StateFilter>
        aria-label={t("assignments.stateFilter")}
        value={state}
        onChange={setState}
        style={{ marginBottom: 12 }}
        options={[
          ...STATES.map((s) => ({ value: s, label: labels.assignmentState(s) })),
          { value: "ALL" as const, label: t("common.all") },
        ]}
      />
      <QueryState
        query={list}
        isEmpty={(d) => d.items.length === 0}
        empty={<Empty description={t("assignments.noneReceived")} />}
      >
        {(d) => (
          <Row gutter={[12, 12]}>
            {d.items.map((a) => (
              <Col key={a.id} xs={24} md={12} xl={8}>
                <AssignmentCard assignment={a} today={today} onOpen={onOpen} />
              </Col>
            ))}
          </Row>
        )}
      </QueryState>
    </>
  );
}
