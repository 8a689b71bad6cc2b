import { Alert, Button } from "antd";
import { Link, useParams } from "react-router";

import { useSession } from "../../app/plan-context.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { TaskDetail } from "./TaskDetail.tsx";

/**
 * The full task page, /tasks/:taskId: what emails, the inbox and the 待办 link to. The same detail
 * as the task list's drawer, on a page of its own that works on a phone.
 */
export function TaskPage() {
  const { taskId = "" } = useParams();
  const { plans } = useSession();
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 960, minWidth: 0 }}>
      <TaskDetail
        key={taskId}
        taskId={taskId}
        planOf={(task) => plans.find((p) => p.id === task.plan.id)}
        header={(task) => (
          <PageHeader
            title={task.title}
            sub={task.plan.title}
            extra={
              <Link to="/tasks">
                <Button>{t("taskPage.back")}</Button>
              </Link>
            }
          />
        )}
        missingPlan={<Alert type="warning" showIcon title={t("taskPage.noPlan")} />}
      />
    </div>
  );
}
