import { describe, expect, it } from "vitest";
import { retryOnConflict } from "@/lib/db-errors";

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe("retryOnConflict", () => {
  it("retries deadlocks and serialization failures, then succeeds", async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls++;
      if (calls <= 2) throw pgError(calls === 1 ? "40P01" : "40001");
      return "done";
    });
    expect(result).toBe("done");
    expect(calls).toBe(3);
  });

  it("gives up after 3 retries with the last error", async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls++;
        throw pgError("40P01");
      }),
    ).rejects.toMatchObject({ code: "40P01" });
    expect(calls).toBe(4);
  });

  it("does not retry lock timeouts or other errors", async () => {
    for (const code of ["55P03", "23505"]) {
      let calls = 0;
      await expect(
        retryOnConflict(async () => {
          calls++;
          throw pgError(code);
        }),
      ).rejects.toMatchObject({ code });
      expect(calls).toBe(1);
    }
  });
});
