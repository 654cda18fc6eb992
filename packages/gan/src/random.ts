/**
 * Seeded pseudo-random numbers, identical on every backend and platform.
 *
 * xoshiro128** (Blackman and Vigna, 2018) on four 32-bit words, seeded through
 * splitmix32 so that nearby seeds give unrelated streams. Normal draws use the
 * Box-Muller transform (1958), keeping the second value of each pair.
 */
export interface RandomState {
  words: [number, number, number, number];
  spareNormal: number | null;
}

/** A seeded generator of uint32, uniform and normal numbers. */
export class Random {
  private words = new Uint32Array(4);
  private spareNormal: number | null = null;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) {
      throw new Error(`Random: seed must be an integer, got ${seed}`);
    }
    let state = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.words[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** The next uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const s = this.words;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform float in [0, 1) with 32 bits of randomness. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, bound). */
  nextInt(bound: number): number {
    return Math.floor(this.nextFloat() * bound);
  }

  /** A standard normal draw (mean 0, standard deviation 1). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - this.nextFloat()));
    const angle = 2 * Math.PI * this.nextFloat();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Fills a new array with normal draws of the given mean and deviation. */
  normalArray(length: number, mean = 0, deviation = 1): Float32Array {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) out[i] = mean + deviation * this.normal();
    return out;
  }

  /** Fills a new array with uniform draws in [low, high). */
  uniformArray(length: number, low = 0, high = 1): Float32Array {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      out[i] = low + (high - low) * this.nextFloat();
    }
    return out;
  }

  /** The full state, for checkpoints. */
  getState(): RandomState {
    const [a, b, c, d] = this.words;
    return { words: [a, b, c, d], spareNormal: this.spareNormal };
  }

  /** Restores a state taken by getState. */
  setState(state: RandomState): void {
    if (!Array.isArray(state.words) || state.words.length !== 4) {
      throw new Error('Random: state must hold four 32-bit words');
    }
    this.words.set(state.words.map((word) => word >>> 0));
    this.spareNormal = state.spareNormal;
  }
}

function rotl(value: number, shift: number): number {
  return ((value << shift) | (value >>> (32 - shift))) >>> 0;
}
