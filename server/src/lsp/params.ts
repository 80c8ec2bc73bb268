// Checks of request params: a request whose params lack what it needs gets InvalidParams (-32602)
// instead of an exception deep in a feature.
import { ErrorCodes, type Position, type Range, ResponseError } from 'vscode-languageserver';

const isUinteger = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
export const isPosition = (p: unknown): p is Position =>
  !!p && typeof p === 'object' && isUinteger((p as Position).line) && isUinteger((p as Position).character);
export const isRange = (r: unknown): r is Range => !!r && typeof r === 'object' && isPosition((r as Range).start) && isPosition((r as Range).end);

/** The document uri that `pick` finds in valid params (undefined for invalid ones), else InvalidParams. */
export function need<P>(params: P, pick: (p: P) => string | undefined): string {
  let uri: unknown;
  try {
    uri = pick(params);
  } catch {
    uri = undefined;
  }
  if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'ogi-report: invalid params');
  return uri;
}
