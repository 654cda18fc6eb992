const TWO_POW_32 = 4294967296;
/**
 * A uniform integer in [0, bound), free of modulo bias: draws that fall in the
 * incomplete last block of 2^32 are rejected and drawn again (Lemire, 2019,
 * describes the bias this avoids). `bound` must be an integer in [1, 2^32].
 */
export function randomBelow(random, bound) {
    const limit = TWO_POW_32 - (TWO_POW_32 % bound);
    for (;;) {
        const draw = random.nextUint32() >>> 0;
        if (draw < limit)
            return draw % bound;
    }
}
/**
 * Shuffles `order` in place with the Fisher-Yates algorithm (Durstenfeld's
 * form, 1964), walking from the end and swapping each slot with a uniformly
 * chosen earlier one.
 */
export function shuffleInPlace(order, random) {
    for (let i = order.length - 1; i > 0; i--) {
        const j = randomBelow(random, i + 1);
        const held = order[i];
        order[i] = order[j];
        order[j] = held;
    }
}
//# sourceMappingURL=random-index.js.map