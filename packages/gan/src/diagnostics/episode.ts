/**
 * Keeps a warning to once per episode. An episode starts when its condition
 * becomes true while armed (the warning is emitted then) and ends once the
 * condition has been false for `rearmAfter` consecutive checks; only then
 * can the warning be emitted again. The wait stops a condition that hovers
 * at its threshold from warning at every other step.
 */
/** What an {@link Episode} remembers between checks. */
export interface EpisodeState {
  active: boolean;
  clearChecks: number;
}

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

  /** Whether an episode is under way, and how many clear checks it has seen. */
  state(): EpisodeState {
    return { active: this.active, clearChecks: this.clearChecks };
  }

  restore(state: EpisodeState): void {
    if (typeof state?.active !== 'boolean' || !Number.isInteger(state.clearChecks)) {
      throw new Error('an episode state { active, clearChecks } expected');
    }
    this.active = state.active;
    this.clearChecks = state.clearChecks;
  }

  /** Whether an episode is under way (warned and not yet re-armed). */
  get inEpisode(): boolean {
    return this.active;
  }
}
