/**
 * An error of the GAN library, with a stable `code` for callers to test and
 * a message that names the operation, the rule and the values it got.
 */
export class GanError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.name = 'GanError';
        this.code = code;
    }
}
/** Throws a GanError when `condition` is false; the message is built lazily. */
export function check(condition, code, message) {
    if (!condition)
        throw new GanError(code, message());
}
//# sourceMappingURL=errors.js.map