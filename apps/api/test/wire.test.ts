import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, test } from "vitest";

import { toWire } from "@duban/api";

// what the client ends up with: the wire form, through JSON text, back through superjson
const received = (wire: ReturnType<typeof superjson.serialize>) =>
  superjson.deserialize(JSON.parse(JSON.stringify(wire)));

describe("toWire", () => {
  test("gives the client what superjson's own form gives it", () => {
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, {
      a: 1,
      when: new Date(Date.UTC(2026, 0, 1)),
    });
    const samples: unknown[] = [
      null,
      0,
      -1.5,
      "任务",
      true,
      [],
      {},
      {
        planId: "p",
        asOf: "2026-11-23",
        due: new Date(Date.UTC(2026, 11, 31)),
        rows: [
          { at: new Date(0), note: null },
          { at: new Date(1), note: "好" },
        ],
      },
      { "a.b": { "c\\d": new Date(5), "e.\\f": [new Date(6)] } },
      { gone: undefined, list: [1, undefined, new Date(7)] },
      { shortfall: -0, list: [-0, 0] },
      nullProto,
      [[new Date(8)], { deep: { deeper: [{ d: new Date(9) }] } }],
    ];
    for (const value of samples) {
      expect(received(toWire(value))).toEqual(received(superjson.serialize(value)));
      expect(received(toWire(value))).toEqual(value);
    }
  });

  test("hands what it does not know to superjson whole", () => {
    const odd: unknown[] = [
      { m: new Map([["k", new Date(1)]]) },
      { s: new Set([1, 2]) },
      { n: 10n },
      { x: Number.NaN, y: Number.POSITIVE_INFINITY },
      { bad: new Date(Number.NaN) },
      new Date(3),
      undefined,
      { re: /任务/g },
      { e: new Error("x") },
    ];
    for (const value of odd) {
      expect(toWire(value)).toEqual(superjson.serialize(value));
    }
    const cyclic: Record<string, unknown> = { name: "环", at: new Date(2) };
    cyclic.self = cyclic;
    expect(toWire(cyclic)).toEqual(superjson.serialize(cyclic));
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(() => toWire(JSON.parse(`{"${key}": {"a": 1}}`))).toThrow(/prototype pollution/);
    }
  });

  test("random plain data round-trips as superjson would round-trip it", () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: true }),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("tree"), { maxLength: 5 }),
        fc.dictionary(fc.string(), tie("tree"), { maxKeys: 5 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), tree, { maxKeys: 6 }), (value) => {
        let expected: unknown;
        try {
          expected = received(superjson.serialize(value));
        } catch (refused) {
          expect(() => toWire(value)).toThrow((refused as Error).message);
          return;
        }
        expect(received(toWire(value))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
