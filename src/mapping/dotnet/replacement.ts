/**
 * .NET replacement strings (`$1`, `${name}`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`) translated for
 * String.prototype.replace, with .NET's group numbering.
 */
import type { TranslatedRegex } from "./regex";

/** A .NET replacement pattern (`$1`, `${name}`, `$$`, `$&`, ...) ready for String.prototype.replace. */
export type Replacement = string | ((match: string, ...rest: unknown[]) => string);

type ReplacementPart =
  | { k: "lit"; s: string }
  | { k: "group"; js: number }
  | { k: "named"; name: string }
  | { k: "whole" | "before" | "after" | "last" | "input" };

/** Translates a .NET replacement string for a compiled pattern. */
export function translateReplacement(replacement: string, regex: TranslatedRegex): Replacement {
  if (!replacement.includes("$")) return replacement;
  const parts: ReplacementPart[] = [];
  let lit = "";
  const pushLit = () => {
    if (lit) parts.push({ k: "lit", s: lit });
    lit = "";
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c !== "$" || i + 1 >= replacement.length) {
      lit += c;
      continue;
    }
    const n = replacement[i + 1];
    if (n === "$") {
      lit += "$";
      i++;
    } else if (n === "&") {
      pushLit();
      parts.push({ k: "whole" });
      i++;
    } else if (n === "`") {
      pushLit();
      parts.push({ k: "before" });
      i++;
    } else if (n === "'") {
      pushLit();
      parts.push({ k: "after" });
      i++;
    } else if (n === "+") {
      pushLit();
      parts.push({ k: "last" });
      i++;
    } else if (n === "_") {
      pushLit();
      parts.push({ k: "input" });
      i++;
    } else if (n === "{") {
      const close = replacement.indexOf("}", i + 2);
      const name = close < 0 ? "" : replacement.slice(i + 2, close);
      let number: number | undefined;
      if (/^\d+$/.test(name)) number = Number(name);
      else if (regex.groupNumberOfName.has(name)) number = regex.groupNumberOfName.get(name);
      if (number !== undefined && regex.groupIndex.has(number)) {
        pushLit();
        const js = regex.groupIndex.get(number) as number;
        parts.push(
          js === 0
            ? { k: "whole" }
            : /^\d+$/.test(name)
              ? { k: "group", js }
              : { k: "named", name },
        );
        i = close;
      } else {
        lit += c;
      }
    } else if (n >= "0" && n <= "9") {
      // .NET takes the longest run of digits that still names an existing group.
      let j = i + 1;
      let best = -1;
      let value = 0;
      while (j < replacement.length && /[0-9]/.test(replacement[j])) {
        value = value * 10 + Number(replacement[j]);
        if (value > regex.maxGroupNumber) break;
        if (regex.groupIndex.has(value)) best = j;
        j++;
      }
      if (best < 0) {
        lit += c;
      } else {
        pushLit();
        const number = Number(replacement.slice(i + 1, best + 1));
        const js = regex.groupIndex.get(number) as number;
        parts.push(js === 0 ? { k: "whole" } : { k: "group", js });
        i = best;
      }
    } else {
      lit += c;
    }
  }
  pushLit();

  if (parts.every((p) => p.k !== "last" && p.k !== "input" && !(p.k === "group" && p.js > 99))) {
    return parts
      .map((p) => {
        switch (p.k) {
          case "lit":
            return p.s.replace(/\$/g, "$$$$");
          case "group":
            return "$" + String(p.js).padStart(2, "0");
          case "named":
            return `$<${p.name}>`;
          case "whole":
            return "$&";
          case "before":
            return "$`";
          default:
            return "$'";
        }
      })
      .join("");
  }
  const lastNumber = regex.maxGroupNumber;
  const lastJs = regex.groupIndex.get(lastNumber) ?? 0;
  return (match: string, ...rest: unknown[]) => {
    const hasGroups = typeof rest[rest.length - 1] === "object";
    const input = rest[rest.length - (hasGroups ? 2 : 1)] as string;
    const offset = rest[rest.length - (hasGroups ? 3 : 2)] as number;
    const groups = (hasGroups ? rest[rest.length - 1] : {}) as Record<string, string | undefined>;
    let out = "";
    for (const p of parts) {
      switch (p.k) {
        case "lit":
          out += p.s;
          break;
        case "group":
          out += (rest[p.js - 1] as string | undefined) ?? "";
          break;
        case "named":
          out += groups[p.name] ?? "";
          break;
        case "whole":
          out += match;
          break;
        case "before":
          out += input.slice(0, offset);
          break;
        case "after":
          out += input.slice(offset + match.length);
          break;
        case "last":
          out += lastJs === 0 ? match : ((rest[lastJs - 1] as string | undefined) ?? "");
          break;
        case "input":
          out += input;
          break;
      }
    }
    return out;
  };
}
