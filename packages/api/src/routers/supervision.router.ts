import { officeTodo, taskTrail, unitTodo } from "@duban/domain";
import { ZTaskTrailInput, ZTodoInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** The supervision views: a task's whole trail, the office's and the unit's 待办. Issue #17 (Everywhere). */
export const supervisionRouter = router({
  trail: authedProcedure.input(ZTaskTrailInput).query(({ ctx, input }) => taskTrail(ctx, input)),
  officeTodo: authedProcedure.input(ZTodoInput).query(({ ctx, input }) => officeTodo(ctx, input)),
  unitTodo: authedProcedure.input(ZTodoInput).query(({ ctx, input }) => unitTodo(ctx, input)),
});
