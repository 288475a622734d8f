/** Time comes in through this port so the domain never reads the system clock. */
export interface Clock {
  now(): Date;
}
