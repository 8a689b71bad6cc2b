import { Result, Select } from "antd";
import { useState } from "react";

import { officeJurisdictions } from "../../app/access.ts";
import { useSession } from "../../app/plan-context.tsx";
import { useI18n } from "../../lib/i18n.tsx";

/** The jurisdiction an office user administers (a chooser when there are several). */
export function useOfficeJurisdiction() {
  const { me, plan } = useSession();
  const { t } = useI18n();
  const mine = officeJurisdictions(me);
  const [id, setId] = useState(
    () => mine.find((j) => j.id === plan?.jurisdiction.id)?.id ?? mine[0]?.id,
  );
  const chooser =
    mine.length > 1 ? (
      <Select
        aria-label={t("admin.jurisdiction")}
        style={{ width: 200 }}
        value={id}
        onChange={setId}
        options={mine.map((j) => ({ value: j.id, label: j.name }))}
      />
    ) : null;
  const forbidden = !id ? <Result status="403" title="403" /> : null;
  return { jurisdictionId: id, chooser, forbidden };
}
