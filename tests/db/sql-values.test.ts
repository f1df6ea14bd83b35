// Array parameters: the literal built in JS reads back in PostgreSQL as exactly the values given,
// and the array text some drivers return parses back the same way.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { textArrayOf } from "@/db/rows";
import { arrayLiteral } from "@/db/sql-values";
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
