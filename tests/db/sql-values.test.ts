// Array parameters: the literal built in JS reads back in PostgreSQL as exactly the values given,
// and the array text some drivers return parses back the same way. Statements built once per
// shape bind each call's own values.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { textArrayOf } from "@/db/rows";
import { shapedStatement } from "@/db/prepared";
import { auditEvents } from "@/db/schema";
import { arrayLiteral, slots, slotValues } from "@/db/sql-values";
import { freshDb, rowsOf } from "../db";

const t = await freshDb();

describe("array parameters", () => {
  it("text[] keeps quotes, backslashes, commas, braces, spaces and NULL-looking words", async () => {
    const values = ["plain", 'with "quotes"', "back\\slash", "a,b", "{braces}", " spaced ", "NULL", "", "ünï"];
    const [row] = rowsOf<{ v: string[] | string }>(await t.db.execute(sql`select to_json(${arrayLiteral(values)}::text[]) as v`));
    expect(typeof row!.v === "string" ? JSON.parse(row!.v) : row!.v).toEqual(values);
  });

  it("uuid[] takes UUIDs in either case and refuses anything else (nothing can escape the literal)", async () => {
    const ids = ["3f2504e0-4f89-41d3-9a0c-0305e82c3301", "3F2504E0-4F89-41D3-9A0C-0305E82C3302"];
    const [row] = rowsOf<{ n: number | string }>(await t.db.execute(sql`select cardinality(${arrayLiteral(ids)}::uuid[]) as n`));
    expect(Number(row!.n)).toBe(2);
    const bad = await t.db.execute(sql`select ${arrayLiteral(['3f2504e0-4f89-41d3-9a0c-0305e82c3301"}, {x'])}::uuid[] as v`).then(() => null, (e: unknown) => e);
    expect(bad).not.toBeNull();
  });

  it("array text from a driver parses to its elements", () => {
    expect(textArrayOf(["a"])).toEqual(["a"]);
    expect(textArrayOf(null)).toEqual([]);
    expect(textArrayOf("{}")).toEqual([]);
    expect(textArrayOf('{team-1,"team 2"}')).toEqual(["team-1", "team 2"]);
  });
});

describe("statements built once per shape", () => {
  it("builds a shape once, binds each call's own values, and builds another shape separately", async () => {
    const built: string[] = [];
    const run = shapedStatement<{ v: string; n: number | string }, { twice: boolean }>(
      "test_shaped",
      (s) => String(s.twice),
      (s) => {
        built.push(String(s.twice));
        return s.twice ? sql`select ${sql.placeholder("v")}::text || ${sql.placeholder("v")}::text as v, ${sql.placeholder("n")}::int as n` : sql`select ${sql.placeholder("v")}::text as v, ${sql.placeholder("n")}::int as n`;
      },
    );
    expect(await run(t.db, { twice: false }, { v: "a", n: 1 })).toEqual([{ v: "a", n: 1 }]);
    expect(await run(t.db, { twice: false }, { v: "b", n: 2 })).toEqual([{ v: "b", n: 2 }]);
    expect(await run(t.db, { twice: true }, { v: "c", n: 3 })).toEqual([{ v: "cc", n: 3 }]);
    expect(await run(t.db, { twice: true }, { v: "d", n: 4 })).toEqual([{ v: "dd", n: 4 }]);
    expect(built).toEqual(["false", "true"]);
  });

  it("refuses a shape whose text holds a value instead of a placeholder (it would be replayed)", async () => {
    const run = shapedStatement<{ v: string }, string>("test_baked", (s) => s, (s) => sql`select ${s}::text as v`);
    await expect(run(t.db, "first", {})).rejects.toThrow(/value\(s\) in its text/);
  });

  it("slots bind each column's driver value: dates, JSON, null", async () => {
    const when = new Date("2026-12-04T10:11:12.345Z");
    const cols = slots(auditEvents, ["occurredAt", "summary", "actorId"], "x_");
    const values = slotValues(auditEvents, { occurredAt: when, summary: { a: [1, "x"] }, actorId: null }, "x_");
    expect(values).toEqual({ x_occurredAt: when.toISOString(), x_summary: JSON.stringify({ a: [1, "x"] }), x_actorId: null });
    const probe = shapedStatement<{ at: string; summary: unknown; actor: string | null }, null>(
      "test_slots",
      () => "",
      () => sql`select to_json(${cols.occurredAt}) #>> '{}' as at, ${cols.summary} as summary, ${cols.actorId} as actor`,
    );
    const [r] = await probe(t.db, null, values);
    expect(new Date(r!.at).toISOString()).toBe(when.toISOString());
    expect(typeof r!.summary === "string" ? JSON.parse(r!.summary) : r!.summary).toEqual({ a: [1, "x"] });
    expect(r!.actor).toBeNull();
  });
});
