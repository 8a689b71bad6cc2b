// A lint over the api's inputs: every string any procedure accepts keeps to the one text rule
// (isStorableText, packages/domain/src/schemas/common.ts) and has a length bound, so that no
// NUL, half emoji or megabyte of text can reach PostgreSQL or the audit log through a field
// someone wrote as a bare z.string(). A new procedure or field without it fails here by name.
import { describe, expect, it } from "vitest";

import { appRouter } from "@duban/api";
import {
  isStorableText,
  ZApplyCompletionInput,
  ZEvaluationInput,
  ZEvidenceFileName,
  ZLedgerExportInput,
} from "@duban/domain/schemas";

import { isBounded, keepsTextRule, walk } from "./input-walk.ts";

type Procedure = { _def: { inputs: unknown[]; type: string } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, Procedure>,
);
// the plain /api routes' query strings (apps/api/src/report-routes.ts) and the evidence file name (domain addEvidence)
const routeSchemas: Array<[string, unknown]> = [
  ["GET /api/plans/:planId/ledger.xlsx", ZLedgerExportInput],
  ["GET /api/plans/:planId/evaluation.(docx|xlsx)", ZEvaluationInput],
  ["POST /api/ledger/:entryId/evidence (file name)", ZEvidenceFileName],
  ["POST /api/notice-replies/:replyId/evidence (file name)", ZEvidenceFileName],
  ["POST /api/tasks/:taskId/completion (fields)", ZApplyCompletionInput],
  ["POST /api/tasks/:taskId/completion (file name)", ZEvidenceFileName],
  ["POST /api/change-requests/:requestId/evidence (file name)", ZEvidenceFileName],
];
const inputs = [
  ...procedures.flatMap(([path, p]) =>
    p._def.inputs.map((schema) => [path, schema] as [string, unknown]),
  ),
  ...routeSchemas,
];

describe("input schemas: one text rule for every string", () => {
  it("finds the procedures and their strings (not vacuous)", () => {
    expect(procedures.length).toBeGreaterThan(40);
    const strings = inputs.flatMap(([, schema]) => walk(schema).strings);
    expect(strings.length).toBeGreaterThan(60);
  });

  it("every string field of every procedure and /api route keeps the storable-text rule and has a length bound", () => {
    const missing: string[] = [];
    for (const [name, schema] of inputs) {
      const { strings, opaque } = walk(schema);
      for (const s of strings) {
        if (!keepsTextRule(s.schema))
          missing.push(
            `${name} ${s.path.join(".") || "(input)"}: no isStorableText check (build it on zText or storable, packages/domain/src/schemas/common.ts)`,
          );
        if (!isBounded(s.schema))
          missing.push(`${name} ${s.path.join(".") || "(input)"}: no maximum length`);
      }
      for (const o of opaque)
        missing.push(
          `${name} ${o.path.join(".") || "(input)"}: a ${o.type} schema takes any text unchecked`,
        );
    }
    expect(missing).toEqual([]);
  });

  it("the rule refuses what PostgreSQL and XML cannot keep, and keeps ordinary text", () => {
    for (const bad of ["a\u0000b", "\uD83D", "x\uDE00", "\uFFFE", "\uFFFF"])
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of [
      "督办",
      "😀",
      "tab\tand\nnew line",
      "\u000B vertical tab from Word",
      "\uFFFD",
    ])
      expect(isStorableText(good), JSON.stringify(good)).toBe(true);
  });
});
