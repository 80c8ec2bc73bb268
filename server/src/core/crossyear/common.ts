import type { ProseOptions } from '../prose/common.js';

export interface CrossYearOptions extends ProseOptions {
  /** The previous report's document URI, put on related locations in it. */
  previousUri?: string;
}
