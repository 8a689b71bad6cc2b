import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect } from "vitest";

import { test } from "@duban/test-utils";

import { DomainError, importPlan, systemActor } from "../src/index.ts";

const seed = path.resolve(
  import.meta.dirname,
  "../../../seeds/xifeng-county-14th-fyp-sti-plan.txt",
);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Random, truncated, binary, huge and adversarial documents. */
async function hostileFiles(): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const random = prng(20251231);
  const text = await readFile(seed, "utf8");
  const enc = (s: string) => new TextEncoder().encode(s);
  const files: Array<{ name: string; bytes: Uint8Array }> = [
    { name: "empty.txt", bytes: new Uint8Array() },
    { name: "spaces.txt", bytes: enc(" \n\n\t ".repeat(1000)) },
    {
      name: "binary.txt",
      bytes: Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256)),
    },
    {
      name: "zip-as-docx.docx",
      bytes: Uint8Array.from([
        0x50,
        0x4b,
        0x03,
        0x04,
        ...Array.from({ length: 200 }, () => Math.floor(random() * 256)),
      ]),
    },
    { name: "not-a.pdf", bytes: enc("%PDF-1.7\n" + "garbage ".repeat(100)) },
    { name: "english.txt", bytes: enc("Chapter 1. Introduction\n".repeat(500)) },
    { name: "one-huge-line.txt", bytes: enc("一、".padEnd(10 * 1024 * 1024, "科")) },
    { name: "too-big.txt", bytes: new Uint8Array(21 * 1024 * 1024).fill(0xe4) },
    {
      name: "deep-nesting.txt",
      bytes: enc(
        Array.from(
          { length: 3000 },
          (_, i) =>
            ["第一部分 总则", "第一章 概述", "一、目标", "（一）任务", "1.事项", "专栏 1：项目"][
              i % 6
            ]! + i,
        ).join("\n"),
      ),
    },
    {
      name: "only-headings.txt",
      bytes: enc(Array.from({ length: 2000 }, (_, i) => `${i + 1}.标题`).join("\n")),
    },
    {
      name: "script.txt",
      bytes: enc(
        `一、<script>alert(1)</script>发展基础\n（一）'; DROP TABLE "Plan"; --\n1.科技创新${"\u0000".repeat(3)}取得成果\n`,
      ),
    },
    {
      name: "gbk-like.txt",
      bytes: Uint8Array.from([
        0xd2, 0xbb, 0xa1, 0xa2, 0xb7, 0xa2, 0xd5, 0xb9, 0xbb, 0xf9, 0xb4, 0xa1, 0x0a,
      ]),
    },
    { name: "wrong.doc", bytes: enc(text) },
  ];
  for (let i = 0; i < 12; i++) {
    const cut = Math.floor(random() * text.length);
    const lines = text.split("\n");
    if (i % 3 === 0) files.push({ name: `truncated-${i}.txt`, bytes: enc(text.slice(0, cut)) });
    else if (i % 3 === 1)
      files.push({
        name: `shuffled-${i}.txt`,
        bytes: enc(lines.sort(() => random() - 0.5).join("\n")),
      });
    else
      files.push({
        name: `noisy-${i}.txt`,
        bytes: enc(
          lines
            .map((l) => (random() < 0.1 ? String.fromCharCode(Math.floor(random() * 0xffff)) : l))
            .join("\n"),
        ),
      });
  }
  return files;
}

test("the importer never crashes: each hostile file is stored whole or refused with a clear message, never half", async ({
  database,
}) => {
  const { db } = database;
  const county = await db.jurisdiction.create({ data: { name: "模糊测试县", kind: "COUNTY" } });
  const outcomes: Record<string, number> = { stored: 0, refused: 0 };
  for (const file of await hostileFiles()) {
    const before = {
      plans: await db.plan.count(),
      nodes: await db.planNode.count(),
      audits: await db.auditEvent.count(),
    };
    try {
      const r = await importPlan(
        { db, actor: systemActor("fuzz") },
        {
          jurisdictionId: county.id,
          fileName: file.name,
          bytes: file.bytes,
          // most are cut from the seed, which has no title line; the title refusal has its own test
          title: "模糊测试规划",
        },
      );
      outcomes.stored!++;
      // stored whole: the plan has its nodes, phases and one audit event
      const plan = await db.plan.findUniqueOrThrow({
        where: { id: r.planId },
        include: { _count: { select: { nodes: true, phases: true } } },
      });
      expect(plan._count.nodes, file.name).toBeGreaterThan(0);
      expect(plan._count.phases, file.name).toBeGreaterThan(0);
    } catch (error) {
      outcomes.refused!++;
      expect(error, file.name).toBeInstanceOf(DomainError);
      expect((error as DomainError).code, file.name).toBe("INVALID");
      expect((error as DomainError).message, file.name).toMatch(/[\u4e00-\u9fff]/);
      expect(
        {
          plans: await db.plan.count(),
          nodes: await db.planNode.count(),
          audits: await db.auditEvent.count(),
        },
        file.name,
      ).toEqual(before);
    }
  }
  console.log(`importer fuzz: ${JSON.stringify(outcomes)}`);
  expect(outcomes.refused).toBeGreaterThanOrEqual(8);
  expect(outcomes.stored).toBeGreaterThanOrEqual(5);
}, 180_000);
