/**
 * decisions/README.md is the index of the decision records: every record must be listed there,
 * carry a Status line and follow the title format, so a reader can find why a design is so.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const DECISIONS = path.join(__dirname, "..", "..", "decisions");
const RECORD_FILE = /^(\d{4})-[a-z0-9-]+\.md$/;

const records = fs.readdirSync(DECISIONS).filter((name) => RECORD_FILE.test(name));
const index = fs.readFileSync(path.join(DECISIONS, "README.md"), "utf8");

describe("decision records", () => {
  it("exist", () => {
    expect(records.length).toBeGreaterThan(0);
  });

  it.each(records)("%s is listed in decisions/README.md", (record) => {
    expect(index).toContain(`](${record})`);
  });

  it.each(records)("%s has a '# NNNN Title' heading and a Status line", (record) => {
    const text = fs.readFileSync(path.join(DECISIONS, record), "utf8");
    const number = RECORD_FILE.exec(record)![1];
    expect(text.split("\n")[0]).toMatch(new RegExp(`^# ${number} \\S`));
    expect(text).toMatch(/^Status: (accepted|superseded by \d{4})/m);
  });

  it("lists no record that does not exist", () => {
    const linked = [...index.matchAll(/\]\((\d{4}-[^)]+\.md)\)/g)].map((match) => match[1]);
    for (const record of linked) expect(records).toContain(record);
  });

  it("has no two records with one number", () => {
    const numbers = records.map((record) => record.slice(0, 4));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
