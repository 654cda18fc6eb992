/**
 * Keeps a warning to once per episode. An episode starts when its condition
 * becomes true while armed (the warning is emitted then) and ends once the
 * condition has been false for `rearmAfter` consecutive checks; only then
 * can the warning be emitted again. The wait stops a condition that hovers
 * at its threshold from warning at every other step.
 */
export class Episode {
  private active = false;
  private clearChecks = 0;

  constructor(readonly rearmAfter: number) {}

  /** Records this check's condition; true when a warning is due now. */
  update(condition: boolean): boolean {
    if (condition) {
      this.clearChecks = 0;
      if (this.active) return false;
      this.active = true;
      return true;
    }
    if (this.active && ++this.clearChecks >= this.rearmAfter) this.active = false;
    return false;
  }

  /** Whether an episode is under way (warned and not yet re-armed). */
  get inEpisode(): boolean {
    return this.active;
  }
}
