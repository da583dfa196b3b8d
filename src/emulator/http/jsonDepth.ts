/**
 * Nesting depth of a JSON text, measured before parsing so that a deeply nested body is refused
 * with 400 instead of overflowing the stack in the handlers that walk it (decisions/0090).
 */

/**
 * Room for a schema whose attribute mapping nests about 330 function calls (each call adds three
 * levels: value, parameters, parameter; long IIF chains reach a few hundred), with a wide margin
 * below the few thousand levels at which cloning and recursive walks overflow the stack.
 */
export const MAX_JSON_DEPTH = 1024;

/**
 * True when `text` opens more than `maxDepth` arrays or objects inside each other. Brackets inside
 * strings do not count. One pass without recursion, so the check itself cannot overflow.
 */
export function exceedsJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) i++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
