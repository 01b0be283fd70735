export interface TimerConfig {
  t1: number;
  t2: number;
  t4: number;
  /**
   * Timer C (RFC 3261 §16.6 item 11): how long an INVITE may stay in Proceeding without a
   * further provisional response. Must exceed 3 minutes; reset by every provisional.
   */
  timerC?: number;
}

/** RFC 3261 §16.6 item 11 asks for more than 3 minutes. */
export const DEFAULT_TIMER_C_MS = 185_000;
