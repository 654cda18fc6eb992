/**
 * An error of the GAN library, with a stable `code` for callers to test and
 * a message that names the operation, the rule and the values it got.
 */
export declare class GanError extends Error {
    readonly code: string;
    constructor(code: string, message: string);
}
/** Throws a GanError when `condition` is false; the message is built lazily. */
export declare function check(condition: boolean, code: string, message: () => string): asserts condition;
