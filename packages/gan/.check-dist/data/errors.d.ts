import { GanError } from '../errors.js';
/**
 * A dataset or data file that cannot be used: a damaged IDX file, shapes that
 * disagree, a bad argument to a sampler. The `code` is stable (for example
 * 'IDX_TRUNCATED'); the message names the source, the rule and the values.
 */
export declare class DataError extends GanError {
    constructor(code: string, message: string);
}
