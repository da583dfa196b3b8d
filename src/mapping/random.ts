/**
 * Randomness for Guid() and RandomString(): a seeded generator for deterministic previews, GUID
 * formatting, and the password-style random string.
 */
import { ExpressionEvaluationError } from "./errors";

/** A small, fast seeded generator (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = "0123456789abcdef";

/** A version-4 GUID (lower case, hyphenated, no braces) from a random source. */
export function guidFromRandom(random: () => number): string {
  let out = "";
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(random() * 16);
    if (i === 12) nibble = 4;
    if (i === 16) nibble = 8 | (nibble & 3);
    if (i === 8 || i === 12 || i === 16 || i === 20) out += "-";
    out += HEX[nibble];
  }
  return out;
}

/** RandomString's documented maximum length. */
export const RANDOM_STRING_MAX_LENGTH = 256;

const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
/** Special characters of the Windows password-complexity rules. */
const SPECIAL = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";

function fail(message: string): never {
  throw new ExpressionEvaluationError("invalidArgument", message, "RandomString");
}

/** RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase, CharactersToAvoid). */
export function randomString(
  length: number,
  minNumbers: number,
  minSpecial: number,
  minCapital: number,
  minLower: number,
  avoid: string,
  random: () => number,
): string {
  if (length < 1 || length > RANDOM_STRING_MAX_LENGTH)
    fail(`Length must be between 1 and ${RANDOM_STRING_MAX_LENGTH}, got ${length}`);
  const mins = [minNumbers, minSpecial, minCapital, minLower];
  if (mins.some((m) => m < 0)) fail("minimum counts cannot be negative");
  const total = mins.reduce((a, b) => a + b, 0);
  if (total > length) fail(`the minimum counts add up to ${total}, more than Length ${length}`);
  const avoidSet = new Set(Array.from(avoid));
  const pools = [DIGITS, SPECIAL, UPPER, LOWER].map((p) =>
    Array.from(p).filter((c) => !avoidSet.has(c)),
  );
  const names = ["digits", "special characters", "capitals", "lower-case letters"];
  const chars: string[] = [];
  pools.forEach((pool, i) => {
    if (mins[i] > 0 && pool.length === 0)
      fail(`CharactersToAvoid excludes every one of the ${names[i]}`);
    for (let k = 0; k < mins[i]; k++) chars.push(pool[Math.floor(random() * pool.length)]);
  });
  const all = pools.flat();
  if (all.length === 0) fail("CharactersToAvoid excludes every character");
  while (chars.length < length) chars.push(all[Math.floor(random() * all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
