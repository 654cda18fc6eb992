/** Anything that draws uniform unsigned 32-bit integers, such as gan's `Random`. */
export interface Uint32Random {
    nextUint32(): number;
}
/**
 * A uniform integer in [0, bound), free of modulo bias: draws that fall in the
 * incomplete last block of 2^32 are rejected and drawn again (Lemire, 2019,
 * describes the bias this avoids). `bound` must be an integer in [1, 2^32].
 */
export declare function randomBelow(random: Uint32Random, bound: number): number;
/**
 * Shuffles `order` in place with the Fisher-Yates algorithm (Durstenfeld's
 * form, 1964), walking from the end and swapping each slot with a uniformly
 * chosen earlier one.
 */
export declare function shuffleInPlace(order: Int32Array, random: Uint32Random): void;
