import { addMonths } from './panel.js';

/**
 * The month whose scheduled export is due on `today` (YYYY-MM-DD, Copenhagen): this month once its day has come,
 * else the month before. A run missed (the scheduler away, the system down) is made up the next day it runs.
 */
export function dueMonth(today: string, dayOfMonth: number): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) >= dayOfMonth ? month : addMonths(month, -1);
}
